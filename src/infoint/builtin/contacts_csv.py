"""The ``linkedin`` and ``google`` contact imports: the CSV files those services export (G4).

``infoint import linkedin Connections.csv`` reads LinkedIn's export of one's
connections: a few lines of notes, then the header ``First Name,Last
Name,URL,Email Address,Company,Position,Connected On``. ``infoint import
google contacts.csv`` reads Google Contacts' export, old style (``Name,Given
Name,...,E-mail 1 - Value``) or new (``First Name,Middle Name,Last
Name,...``); columns are found by their header, in any order, and a cell
holding several values (``a@x.org ::: b@y.org``) gives one channel each.

Both read the file as it streams in, one record at a time, and name the
physical line where each record starts. A malformed file (not UTF-8, no
header, a row with more values than columns, a bad e-mail address or date, a
line of more than a million characters) raises ``file:line: field: message``,
and the Workspace imports nothing; so does a file without a single contact
(``file: no contacts found: 200,000 empty rows``).

:func:`text_lines` and :func:`csv_rows` are public for other importers
(the ``infoint-vcard`` plugin decodes its files with :func:`text_lines`).
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
from collections.abc import Generator, Iterator, Sequence
from datetime import date
from typing import IO

import attrs

from infoint import hookimpl
from infoint.errors import ValidationError
from infoint.exchange import ImportedContact, NoContactsFound, import_error, linkedin_key
from infoint.model import Channel, ChannelKind

# ---------------------------------------------------------------- reading text and CSV

_UNDECODED = re.compile("[\udc80-\udcff]")
"""What ``surrogateescape`` makes of a byte that is not UTF-8."""


def text_lines(
    stream: IO[bytes], source: str, *, longest: int | None = None
) -> Generator[str, None, None]:
    """The lines of a UTF-8 byte stream, decoded as they are read, endings kept.

    A byte order mark is dropped; lines end at ``\\n``, ``\\r\\n`` or ``\\r``.
    A line that is not UTF-8 raises ``source:line: encoding: not UTF-8 ...``
    naming that very line; so does a line of more than ``longest`` characters,
    when given (a file of one endless line is refused, not read into memory).
    ``stream`` is left open.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    limit = longest + 1 if longest else -1
    try:
        for number, line in enumerate(iter(functools.partial(text.readline, limit), ""), 1):
            if longest and len(line) > longest:
                raise import_error(
                    source,
                    number,
                    "line",
                    f"has more than {longest:,} characters; is this a contacts file?",
                )
            bad = _UNDECODED.search(line)
            if bad is not None:
                byte = ord(bad.group()) - 0xDC00
                raise import_error(
                    source,
                    number,
                    "encoding",
                    f"not UTF-8 (byte 0x{byte:02X} at column {bad.start() + 1});"
                    " save the file as UTF-8",
                )
            yield line
    finally:
        # Closing (or collecting) the wrapper would close the caller's stream.
        with contextlib.suppress(ValueError):  # the stream was closed already
            text.detach()


LONGEST_LINE = 1_000_000
"""The most characters a line of a CSV file may hold (a row of the longest values
the model takes, in every column Google writes, is a few tens of thousands)."""


@attrs.define
class Skipped:
    """How many blank records (rows of empty cells, blank lines) a reader passed over:
    what a file that held no contact held instead."""

    count: int = 0


def csv_rows(
    stream: IO[bytes], source: str, skipped: Skipped | None = None
) -> Generator[tuple[int, list[str]], None, None]:
    """``(line, cells)`` for each CSV record that is not blank (counted in ``skipped``);
    ``line`` is the physical line where the record starts (a quoted value may span
    several lines). A line of more than :data:`LONGEST_LINE` characters is refused."""
    import csv  # here, not at the top: every command imports this plugin, few read CSV

    with contextlib.closing(text_lines(stream, source, longest=LONGEST_LINE)) as lines:
        reader = csv.reader(lines, strict=True)
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                raise import_error(source, line, "row", f"not valid CSV: {err}") from None
            if any(cell.strip() for cell in cells):
                yield line, cells
            elif skipped is not None:
                skipped.count += 1


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks too) made one space."""
    return " ".join(text.split())


def make_channel(
    source: str, line: int, field: str, kind: ChannelKind, value: str, label: str = ""
) -> Channel:
    """A channel, or the file's one-line error naming ``field`` when the model refuses it."""
    try:
        return Channel(kind=kind, value=value, label=label)
    except ValidationError as err:
        raise import_error(source, line, field, err.message) from None


def unique(channels: Sequence[Channel]) -> tuple[Channel, ...]:
    """``channels`` without repeats (same kind and value, whatever the case; LinkedIn
    URLs that name the same profile)."""
    seen: set[tuple[ChannelKind, str]] = set()
    kept: list[Channel] = []
    for channel in channels:
        key = (channel.kind, channel.value.strip().casefold())
        if channel.kind is ChannelKind.LINKEDIN:
            key = (channel.kind, linkedin_key(channel.value))
        if key not in seen:
            seen.add(key)
            kept.append(channel)
    return tuple(kept)


def is_linkedin(url: str) -> bool:
    """Whether a web address is a LinkedIn one."""
    return re.search(r"(^|[/.@])linkedin\.com\b", url.strip(), re.IGNORECASE) is not None


class _Header:
    """A CSV header: column positions by name (ignoring case and surrounding spaces)."""

    def __init__(self, line: int, cells: Sequence[str]) -> None:
        self.line = line
        self.names = [cell.strip() for cell in cells]
        self.positions: dict[str, int] = {}
        for position, name in enumerate(self.names):
            self.positions.setdefault(name.casefold(), position)
        self._found: dict[tuple[str, ...], int | None] = {}
        """Where each list of candidates was found: worked out once, not once a row."""

    def __contains__(self, name: str) -> bool:
        return name.casefold() in self.positions

    def name(self, *candidates: str) -> str:
        """The header as the file spells it, of the first candidate it has."""
        for candidate in candidates:
            if candidate in self:
                return self.names[self.positions[candidate.casefold()]]
        return candidates[0]

    def check_width(self, source: str, line: int, cells: Sequence[str]) -> None:
        """Refuse a row with more values than the header has columns (empty extras are
        fine: spreadsheets add them); a shorter row's missing values are empty."""
        if any(cell.strip() for cell in cells[len(self.names) :]):
            raise import_error(
                source,
                line,
                "row",
                f"has {len(cells)} values but the header (line {self.line}) has"
                f" {len(self.names)} columns; quote values that contain commas",
            )

    def get(self, cells: Sequence[str], *candidates: str) -> str:
        """The value (stripped) of the first candidate column the header has, else ``""``."""
        try:
            position = self._found[candidates]
        except KeyError:
            position = self._found[candidates] = self._position(candidates)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    def _position(self, candidates: tuple[str, ...]) -> int | None:
        for candidate in candidates:
            position = self.positions.get(candidate.casefold()) if candidate else None
            if position is not None:
                return position
        return None


# ---------------------------------------------------------------- LinkedIn

LINKEDIN_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
"""The header of LinkedIn's ``Connections.csv``, after its notes."""

_PREAMBLE_ROWS = 20
"""How many records may come before LinkedIn's header (its notes take three or four)."""

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def linkedin_date(text: str) -> date | None:
    """LinkedIn's ``01 Jan 2024`` (English month names, short or long; ISO dates too),
    or None when ``text`` is not such a date.

    >>> linkedin_date("01 Jan 2024"), linkedin_date("7 September 2023"), linkedin_date("Jan 1")
    (datetime.date(2024, 1, 1), datetime.date(2023, 9, 7), None)
    """
    text = text.strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
        found = _DAY_MONTH_YEAR.fullmatch(text)
        if found is None or found.group(2).casefold() not in _MONTHS:
            return None
        month = _MONTHS[found.group(2).casefold()]
        return date(int(found.group(3)), month, int(found.group(1)))
    except ValueError:  # 31 Feb
        return None


def _is_linkedin_header(header: _Header) -> bool:
    return (
        "First Name" in header
        and "Last Name" in header
        and any(name in header for name in LINKEDIN_HEADER[2:])
    )


class LinkedInImporter:
    """LinkedIn's ``Connections.csv`` (Settings > Data privacy > Get a copy of your data)."""

    name = "linkedin"

    def read(self, stream: IO[bytes], source: str) -> Iterator[ImportedContact]:
        """One contact per connection: name, company, position, profile URL, e-mail
        (often blank: people choose whether LinkedIn shares it), and the date connected
        in the notes."""
        header: _Header | None = None
        skipped = Skipped()
        before_header = count = contacts = 0
        with contextlib.closing(csv_rows(stream, source, skipped)) as rows:
            for count, (line, cells) in enumerate(rows, start=1):
                if header is None:
                    candidate = _Header(line, cells)
                    if _is_linkedin_header(candidate):
                        header, before_header = candidate, skipped.count
                    elif count >= _PREAMBLE_ROWS:
                        break
                    continue
                header.check_width(source, line, cells)
                yield self._record(source, header, line, cells)
                contacts += 1
        if header is None and not count:
            raise NoContactsFound(source, skipped.count)
        if header is not None and not contacts:
            raise NoContactsFound(source, skipped.count - before_header, header=True)
        if header is None:
            raise import_error(
                source,
                1,
                "header",
                f"no LinkedIn header ({','.join(LINKEDIN_HEADER)}) in the first"
                f" {_PREAMBLE_ROWS} rows; is this LinkedIn's Connections.csv?",
            )

    @staticmethod
    def _record(source: str, header: _Header, line: int, cells: list[str]) -> ImportedContact:
        def get(name: str) -> str:
            return header.get(cells, name)

        name = one_line(f"{get('First Name')} {get('Last Name')}")
        if not name:
            raise import_error(
                source, line, header.name("First Name"), "neither a first nor a last name"
            )
        channels: list[Channel] = []
        if url := get("URL"):
            field = header.name("URL")
            channels.append(make_channel(source, line, field, ChannelKind.LINKEDIN, url))
        if email := get("Email Address"):
            field = header.name("Email Address")
            channels.append(make_channel(source, line, field, ChannelKind.EMAIL, email))
        notes = ""
        if connected := get("Connected On"):
            day = linkedin_date(connected)
            if day is None:
                raise import_error(
                    source,
                    line,
                    header.name("Connected On"),
                    f"{connected!r} is not a date like 01 Jan 2024",
                )
            notes = f"Connected on LinkedIn on {day.isoformat()}"
        return ImportedContact(
            name=name,
            role=one_line(get("Position")),
            organization=one_line(get("Company")),
            channels=channels,
            notes=notes,
            line=line,
        )


# ---------------------------------------------------------------- Google Contacts

MULTI_VALUE = ":::"
"""What joins several values in one Google cell (``a@x.org ::: b@y.org``)."""

_NAME_PARTS = (
    ("Given Name", "First Name"),
    ("Additional Name", "Middle Name"),
    ("Family Name", "Last Name"),
)
_NAME_COLUMNS = ("Name", "File As", "Nickname", *(n for part in _NAME_PARTS for n in part))
_NUMBERED = re.compile(
    r"(?P<kind>e-mail|email|phone|address|website|organization|relation) (?P<number>\d+)"
    r" - (?P<part>.+)",
    re.IGNORECASE,
)
_ADDRESS_PARTS = (
    "po box",
    "street",
    "extended address",
    "city",
    "region",
    "postal code",
    "country",
)


def split_values(cell: str) -> list[str]:
    """The values of a Google cell: ``"a ::: b"`` is ``["a", "b"]`` (empty ones dropped)."""
    return [value.strip() for value in cell.split(MULTI_VALUE) if value.strip()]


def _label(cell: str) -> str:
    """A Google type or label (``* Work``: the star marks the primary one)."""
    return one_line(cell.lstrip("* "))


class GoogleImporter:
    """Google Contacts' CSV export ("Google CSV"), old or new column names."""

    name = "google"

    def read(self, stream: IO[bytes], source: str) -> Iterator[ImportedContact]:
        """One contact per row: name, organization and title, every e-mail address, phone
        number and postal address, LinkedIn among the websites, notes, and who referred
        the person (a relation labelled "Referred by")."""
        skipped = Skipped()
        with contextlib.closing(csv_rows(stream, source, skipped)) as rows:
            yield from self._read(rows, source, skipped)

    @staticmethod
    def _read(
        rows: Iterator[tuple[int, list[str]]], source: str, skipped: Skipped
    ) -> Iterator[ImportedContact]:
        first = next(rows, None)
        if first is None:
            raise NoContactsFound(source, skipped.count)
        header, before_header = _Header(*first), skipped.count
        if not any(name in header for name in _NAME_COLUMNS):
            raise import_error(
                source,
                header.line,
                "header",
                "no name column (Name, First Name, Last Name, Given Name or Family Name);"
                " is this a Google Contacts CSV?",
            )
        numbered: dict[tuple[str, int], dict[str, str]] = {}
        for column in header.names:
            found = _NUMBERED.fullmatch(column)
            if found:
                kind = found.group("kind").casefold().replace("email", "e-mail")
                slot = numbered.setdefault((kind, int(found.group("number"))), {})
                slot.setdefault(found.group("part").strip().casefold(), column)
        slots = sorted(numbered.items(), key=lambda item: item[0][1])
        contacts = 0
        for line, cells in rows:
            header.check_width(source, line, cells)
            yield _google_record(source, header, slots, line, cells)
            contacts += 1
        if not contacts:
            raise NoContactsFound(source, skipped.count - before_header, header=True)


def _google_record(
    source: str,
    header: _Header,
    slots: Sequence[tuple[tuple[str, int], dict[str, str]]],
    line: int,
    cells: list[str],
) -> ImportedContact:
    def get(*names: str) -> str:
        return header.get(cells, *names)

    channels: list[Channel] = []
    websites: list[str] = []
    organizations: list[tuple[str, str]] = []
    referred_by = ""

    def add(kind: ChannelKind, columns: dict[str, str], value_part: str) -> None:
        column = columns.get(value_part)
        if column is None:
            return
        values = split_values(get(column))
        labels = split_values(get(columns.get("type", ""), columns.get("label", "")))
        for number, value in enumerate(values):
            label = _label(labels[number] if len(labels) == len(values) else " ".join(labels))
            if kind is ChannelKind.POSTAL:
                value = ", ".join(one_line(part) for part in value.splitlines() if part.strip())
            channels.append(make_channel(source, line, column, kind, value, label))

    for (kind, _), columns in slots:
        if kind == "e-mail":
            add(ChannelKind.EMAIL, columns, "value")
        elif kind == "phone":
            add(ChannelKind.PHONE, columns, "value")
        elif kind == "address":
            if get(columns.get("formatted", "")):
                add(ChannelKind.POSTAL, columns, "formatted")
            else:
                parts = [get(columns[p]) for p in _ADDRESS_PARTS if p in columns]
                if any(parts):
                    value = ", ".join(one_line(p) for p in parts if p)
                    field = columns.get("street", next(iter(columns.values())))
                    channels.append(make_channel(source, line, field, ChannelKind.POSTAL, value))
        elif kind == "website":
            for url in split_values(get(columns.get("value", ""))):
                if is_linkedin(url):
                    field = columns["value"]
                    channels.append(make_channel(source, line, field, ChannelKind.LINKEDIN, url))
                else:
                    websites.append(url)
        elif kind == "organization":
            name = next(iter(split_values(get(columns.get("name", "")))), "")
            title = next(iter(split_values(get(columns.get("title", "")))), "")
            organizations.append((one_line(name), one_line(title)))
        elif kind == "relation":
            label = get(columns.get("type", ""), columns.get("label", ""))
            value = one_line(get(columns.get("value", "")))
            if value and not referred_by and _label(label).casefold() == "referred by":
                referred_by = value
    if "Organization Name" in header or "Organization Title" in header:
        organizations.insert(
            0, (one_line(get("Organization Name")), one_line(get("Organization Title")))
        )
    organization, role = next(((o, t) for o, t in organizations if o or t), ("", ""))

    name = one_line(get("Name")) or one_line(
        " ".join(get(*candidates) for candidates in _NAME_PARTS)
    )
    if not name:
        fallbacks = [one_line(get("File As")), one_line(get("Nickname")), organization]
        fallbacks += [c.value for c in channels if c.kind is ChannelKind.EMAIL]
        fallbacks += [c.value for c in channels if c.kind is ChannelKind.PHONE]
        name = next((n for n in fallbacks if n), "")
    if not name:
        raise import_error(
            source,
            line,
            header.name("Name", *(n for part in _NAME_PARTS for n in part)),
            "no name, organization, e-mail address or phone number",
        )
    notes = get("Notes")
    if websites:
        listed = "\n".join(f"Website: {url}" for url in websites)
        notes = f"{notes}\n{listed}" if notes else listed
    return ImportedContact(
        name=name,
        role=role,
        organization=organization,
        channels=unique(channels),
        notes=notes,
        referred_by=referred_by,
        line=line,
    )


@hookimpl
def infoint_importers() -> list[LinkedInImporter | GoogleImporter]:
    """The built-in CSV imports: LinkedIn connections and Google Contacts."""
    return [LinkedInImporter(), GoogleImporter()]
