"""An infoint plugin: ``infoint import vcard contacts.vcf`` reads vCard files (G4).

vCard 3.0 (Apple Contacts, Google, most phones) and 4.0 are read with
`vobject <https://pypi.org/project/vobject/>`_, one card at a time as the
file streams in. Each card gives one contact:

- ``FN`` (or, without it, the parts of ``N``) is the name; ``ORG`` the
  organization; ``TITLE`` (else ``ROLE``) the role;
- every ``EMAIL``, ``TEL`` and ``ADR`` (an address on one line) is a
  channel, labelled by its ``TYPE`` (``work``, ``cell``) or by Apple's
  ``itemN.X-ABLabel``; a ``URL`` or ``X-SOCIALPROFILE`` on linkedin.com is the
  LinkedIn channel, other web addresses go to the notes with ``NOTE``;
- ``RELATED`` (vCard 4) and Apple's ``X-ABRELATEDNAMES`` name whoever referred
  the person (G16): infoint links the new contact to the contact of that
  name. A ``RELATED`` given as a URI is followed when it points at a card
  earlier in the same file (``urn:uuid:`` of its ``UID``, or ``mailto:`` one
  of its addresses).

Each contact's line is where its ``BEGIN:VCARD`` is. A malformed file (not
UTF-8, a line that is no property, a card never closed, a card without a
name, an address the model refuses) raises ``file:line: field: message``,
and infoint imports nothing; so does a file without a single card
(``file: no contacts found: 3 empty lines``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Generator, Iterator
from typing import IO, TYPE_CHECKING, Any

from infoint import hookimpl
from infoint.model import Channel, ChannelKind

# infoint imports every plugin when it starts, and most commands import nothing: so
# this module imports at its top only what infoint has loaded by then. The import
# machinery (infoint.exchange and infoint.builtin.contacts_csv) is imported by the
# functions that read a file, and the regular expressions are compiled on first use.
if TYPE_CHECKING:
    from infoint.builtin.contacts_csv import Skipped
    from infoint.exchange import ImportedContact

__version__ = "0.1.0"

NAME = "vcard"
"""The format name users pass to ``infoint import``."""

_PROPERTY = r"(?:(?P<group>[A-Za-z0-9_-]+)\.)?(?P<name>[A-Za-z0-9_-]+)(?P<params>;[^:]*)?:"
_NOT_LABELS = frozenset({"internet", "pref", "voice", "x400", "text", "uri"})
_APPLE_LABEL = r"_\$!<(.*)>!\$_"
_URI = r"[A-Za-z][A-Za-z0-9+.-]*:\S"


class _Card:
    """The text of one ``BEGIN:VCARD`` ... ``END:VCARD`` and where its properties are."""

    def __init__(self, start: int, lines: list[str]) -> None:
        self.start = start
        self.lines = lines
        self.where: dict[str, list[int]] = {}
        """Physical line of each property, by upper-case name, in file order."""

    def line_of(self, name: str, index: int) -> int:
        """The line of the ``index``-th property called ``name`` (as vobject lists them,
        in file order), or the card's start when unsure: a lookup, not a search (a
        card may hold thousands of addresses)."""
        lines = self.where.get(name.upper(), [])
        return lines[index] if 0 <= index < len(lines) else self.start


def _cards(stream: IO[bytes], source: str, skipped: Skipped) -> Generator[_Card, None, None]:
    """The cards of a vCard file, checked line by line as it is read; the blank lines
    between cards are counted in ``skipped``."""
    from infoint.builtin.contacts_csv import text_lines

    with contextlib.closing(text_lines(stream, source)) as lines:
        yield from _split(lines, source, skipped)


def _split(lines: Iterator[str], source: str, skipped: Skipped) -> Iterator[_Card]:
    from infoint.exchange import import_error

    property_line = re.compile(_PROPERTY)
    card: _Card | None = None
    depth = 0  # vCard 2.1 may nest a card (AGENT) inside another
    soft_break = False  # quoted-printable line going on (vCard 2.1)
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if card is None:
            if not line.strip():
                skipped.count += 1
                continue
            if line.strip().upper() != "BEGIN:VCARD":
                raise import_error(
                    source, number, "BEGIN", f"expected BEGIN:VCARD, found {_excerpt(line)}"
                )
            card = _Card(start=number, lines=[line + "\r\n"])
            continue
        # One ending for all: vobject splits at LF only, and a file may end its lines
        # with a bare CR (classic Mac OS exports).
        card.lines.append(line + "\r\n")
        if soft_break or line[:1] in (" ", "\t"):  # the previous property goes on
            soft_break = soft_break and line.endswith("=")
            continue
        if not line.strip():
            continue
        found = property_line.match(line)
        if found is None:
            raise import_error(
                source, number, "vcard", f"not a property (NAME:value): {_excerpt(line)}"
            )
        name = found.group("name").upper()
        value = line[found.end() :].strip().upper()
        soft_break = "QUOTED-PRINTABLE" in (found.group("params") or "").upper() and (
            line.endswith("=")
        )
        if name == "BEGIN" and value == "VCARD":
            depth += 1
        elif name == "END" and value == "VCARD":
            if depth:
                depth -= 1
            else:
                yield card
                card = None
        elif not depth:
            card.where.setdefault(name, []).append(number)
    if card is not None:
        raise import_error(source, card.start, "END", "BEGIN:VCARD is never closed by END:VCARD")


def _excerpt(line: str) -> str:
    return repr(line if len(line) <= 40 else line[:40] + "...")


def _text(value: Any) -> str:
    """A property value as text: vobject gives lists for structured values (ORG)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if _text(v).strip())
    return ""


def _label(child: Any, apple: dict[str, str]) -> str:
    """Apple's ``itemN.X-ABLabel`` of the property's group, else its TYPE values."""
    from infoint.builtin.contacts_csv import one_line

    if child.group and child.group.casefold() in apple:
        return apple[child.group.casefold()]
    # vCard 2.1 writes bare types (TEL;CELL): vobject keeps them as singletonparams.
    given = [*child.params.get("TYPE", []), *getattr(child, "singletonparams", [])]
    types = [t for value in given for t in value.strip('"').split(",")]
    kept = [t.strip() for t in types if t.strip() and t.strip().casefold() not in _NOT_LABELS]
    return one_line(" ".join(kept)).capitalize()


def _address(value: Any) -> str:
    """A structured ADR on one line: ``PO box, extended, street, city, region, code, country``."""
    from infoint.builtin.contacts_csv import one_line

    parts = [getattr(value, part, "") for part in _ADDRESS_PARTS]
    if not any(parts):
        parts = [value] if isinstance(value, str) else []
    pieces = [
        one_line(piece) for part in parts for piece in _text(part).splitlines() if piece.strip()
    ]
    return ", ".join(pieces)


_ADDRESS_PARTS = ("box", "extended", "street", "city", "region", "code", "country")


def _uid(text: str) -> str:
    return re.sub(r"^urn:uuid:", "", text.strip(), flags=re.IGNORECASE).casefold()


class VCardImporter:
    """vCard 3.0 and 4.0 files: one contact per card."""

    name = NAME

    def read(self, stream: IO[bytes], source: str) -> Iterator[ImportedContact]:
        """The contacts of the cards in ``stream``, in order, each with its BEGIN line;
        a file without a card raises ``file: no contacts found: ...``."""
        from infoint.builtin.contacts_csv import Skipped
        from infoint.exchange import NoContactsFound

        skipped = Skipped()
        contacts = 0
        with (
            contextlib.closing(_cards(stream, source, skipped)) as cards,
            contextlib.closing(_records(cards, source)) as records,
        ):
            for record in records:
                yield record
                contacts += 1
        if not contacts:
            raise NoContactsFound(source, skipped.count, "line")


def _records(cards: Iterator[_Card], source: str) -> Generator[ImportedContact, None, None]:
    import vobject  # here, not at the top: infoint loads every plugin on start

    from infoint.exchange import import_error

    by_uid: dict[str, str] = {}
    by_email: dict[str, str] = {}
    for card in cards:
        try:
            component = vobject.readOne("".join(card.lines), allowQP=True)
        except Exception as err:  # vobject raises many kinds; all mean "unreadable"
            message = re.sub(r"^At line \d+: ", "", str(err)) or type(err).__name__
            error = import_error(source, card.start, "vcard", f"cannot read: {message}")
            raise error from None
        record = _record(source, card, component, by_uid, by_email)
        for uid in component.contents.get("uid", []):
            by_uid.setdefault(_uid(_text(uid.value)), record.name)
        for channel in record.channels:
            if channel.kind is ChannelKind.EMAIL:
                by_email.setdefault(channel.value.casefold(), record.name)
        yield record


def _record(
    source: str,
    card: _Card,
    component: Any,
    by_uid: dict[str, str],
    by_email: dict[str, str],
) -> ImportedContact:
    from infoint.builtin.contacts_csv import is_linkedin, make_channel, one_line, unique
    from infoint.exchange import ImportedContact, import_error

    def values(name: str) -> list[Any]:
        found: list[Any] = component.contents.get(name, [])
        return found

    def first(*names: str) -> str:
        for name in names:
            for child in values(name):
                text = one_line(_text(child.value))
                if text:
                    return text
        return ""

    apple = {
        child.group.casefold(): _apple(one_line(_text(child.value)))
        for child in values("x-ablabel")
        if child.group
    }
    name = first("fn")
    if not name:
        for child in values("n"):
            parts = (getattr(child.value, p, "") for p in ("given", "additional", "family"))
            name = one_line(" ".join(_text(p) for p in parts))
            if name:
                break
    if not name:
        raise import_error(source, card.start, "FN", "the card has no name (FN or N)")

    channels: list[Channel] = []
    notes = [_text(child.value).strip() for child in values("note")]
    websites: list[str] = []

    def add(child: Any, index: int, kind: ChannelKind, value: str) -> None:
        line = card.line_of(child.name, index)
        channels.append(make_channel(source, line, child.name, kind, value, _label(child, apple)))

    for index, child in enumerate(values("email")):
        if address := _text(child.value).strip():
            email = re.sub(r"^mailto:", "", address, flags=re.IGNORECASE)
            add(child, index, ChannelKind.EMAIL, email)
    for index, child in enumerate(values("tel")):
        if number := _text(child.value).strip():
            add(child, index, ChannelKind.PHONE, re.sub(r"^tel:", "", number, flags=re.IGNORECASE))
    for index, child in enumerate(values("adr")):
        if address := _address(child.value):
            add(child, index, ChannelKind.POSTAL, address)
    for web in ("url", "x-socialprofile"):
        for index, child in enumerate(values(web)):
            url = _text(child.value).strip()
            types = " ".join(child.params.get("TYPE", [])).casefold()
            if url and (is_linkedin(url) or "linkedin" in types):
                add(child, index, ChannelKind.LINKEDIN, url)
            elif url and web == "url":
                websites.append(url)

    referred_by = ""
    for child in (*values("related"), *values("x-abrelatednames")):
        text = one_line(_text(child.value))
        kind = " ".join(child.params.get("VALUE", [])).casefold()
        if text and (kind == "text" or not re.match(_URI, text)):
            referred_by = text
        elif text.casefold().startswith("mailto:"):
            referred_by = by_email.get(text[len("mailto:") :].strip().casefold(), "")
        elif text:
            referred_by = by_uid.get(_uid(text), "")
        if referred_by:
            break

    notes += [f"Website: {url}" for url in websites]
    return ImportedContact(
        name=name,
        role=first("title", "role"),
        organization=one_line(
            next((_text(v) for c in values("org") for v in _parts(c.value) if _text(v)), "")
        ),
        channels=unique(channels),
        notes="\n".join(note for note in notes if note),
        referred_by=referred_by,
        line=card.start,
    )


def _parts(value: Any) -> list[Any]:
    """The components of a structured value (ORG: organization, then its units)."""
    return list(value) if isinstance(value, list | tuple) else [value]


def _apple(label: str) -> str:
    """Apple's ``_$!<Work>!$_`` is its built-in label "Work"; anything else is the user's."""
    found = re.fullmatch(_APPLE_LABEL, label)
    return found.group(1) if found else label


@hookimpl
def infoint_importers() -> list[VCardImporter]:
    """infoint calls this to collect import formats from every plugin."""
    return [VCardImporter()]
