"""The ``jsonl``, ``csv``, ``markdown`` and ``thank-you-email`` exports.

Each writes as it goes (a record, a row, an interview, a message at a time) to
the byte stream it is given, and escapes user text for the format it writes:

``jsonl``
    One JSON object per line, ``{"kind": ..., "data": ...}``: the export itself
    (owner, time), the profile, then each contact, target, interview and agenda
    item, then the stats. Besides what JSON escapes, U+0085, U+2028 and U+2029
    are written as ``\\uXXXX`` too, so that no reader splitting lines on them
    (Python's ``str.splitlines``, old JavaScript) cuts a record in two.
``csv``
    One table, one row per interview, with its contact's name, role,
    organization and e-mail, the status, start, targets and notes. The ``csv``
    module quotes; every cell that a spreadsheet could read as a formula (it
    starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line
    feed, or their full-width forms, possibly after spaces) gets a leading
    single quote, as OWASP advises against formula ("CSV") injection. UTF-8
    with a byte order mark, so that spreadsheets read it as UTF-8.
``markdown``
    One document: a YAML front matter block (``title``, ``owner``,
    ``generated_at``, each a JSON string, which is valid YAML and one line, so
    no value can close the block), then a section per interview. User text goes
    through :func:`infoint.render.escape_markdown`, and what Markdown reads at
    the start of a line (``#``, ``-``, ``+``, ``=``, ``1.``, indentation) is
    escaped too, so it stays text.
``thank-you-email``
    The thank-you notes (drafted or sent) as RFC 5322 messages in one mbox
    file, each built by :class:`email.message.EmailMessage` with
    :data:`email.policy.SMTP`: ``To`` (the contact's e-mail address, when there
    is a valid one), ``Subject`` (the draft's ``Subject:`` line, else "Thank you
    for your time"), ``Date`` (sent, else drafted) and ``Message-ID``. Header
    values go only through the email package, which refuses a value with a line
    break; text for a header is made one line first, and the ``To`` header is read
    back to prove it names exactly the contact. The file has mbox's ``From ``
    separator lines and LF line ends (a mail program converts to CRLF when it
    sends); body lines starting with ``From `` are quoted (``>From ``).
"""

from __future__ import annotations

import io
import json
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any

from infoint import hookimpl
from infoint.model import ChannelKind, Contact, Interview
from infoint.render import escape_markdown

if TYPE_CHECKING:
    from email.headerregistry import Address

    from infoint.exchange import ExportData


class _Utf8:
    """A text writer over a byte stream: each ``write`` is encoded and passed on at once
    (the stream is neither buffered here nor closed)."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out

    def write(self, text: str) -> int:
        self._out.write(text.encode("utf-8"))
        return len(text)


def _when(at: datetime | None) -> str:
    return "" if at is None else at.isoformat()


# ---------------------------------------------------------------- jsonl

_LINE_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(kind: str, data: Any) -> str:
    """One JSON Lines record, newline included, safe for any line splitter.

    >>> json_line("note", {"text": "a\\u2028b"})
    '{"kind":"note","data":{"text":"a\\\\u2028b"}}\\n'
    """
    text = json.dumps({"kind": kind, "data": data}, ensure_ascii=False, separators=(",", ":"))
    # These three can only stand inside strings, where the escape means the same.
    return text.translate(_LINE_SEPARATORS) + "\n"


class JSONLinesExporter:
    """``jsonl``: one ``{"kind", "data"}`` object per line, a record at a time."""

    name = "jsonl"
    suffix = ".jsonl"
    media_type = "application/jsonl"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write each record of ``data`` as one line of UTF-8 JSON."""
        from infoint.storage import unstructure

        writer = _Utf8(out)
        writer.write(
            json_line(
                "export", {"owner": data.owner, "generated_at": data.generated_at.isoformat()}
            )
        )
        writer.write(json_line("profile", unstructure(data.profile)))
        for contact in data.contacts:
            writer.write(json_line("contact", unstructure(contact)))
        for target in data.targets:
            writer.write(json_line("target", unstructure(target)))
        for interview in data.interviews:
            record = {"status": str(interview.status), **unstructure(interview)}
            writer.write(json_line("interview", record))
        for item in data.agenda:
            writer.write(json_line("agenda-item", unstructure(item)))
        writer.write(json_line("stats", unstructure(data.stats)))


# ---------------------------------------------------------------- csv

FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
"""What makes a spreadsheet read a cell as a formula (or a command) when it comes first."""

CSV_COLUMNS = (
    "interview",
    "contact",
    "role",
    "organization",
    "email",
    "status",
    "mode",
    "starts_at",
    "targets",
    "notes",
)
"""The header of the ``csv`` export."""


def neutralize(cell: str) -> str:
    """``cell`` with a single quote in front when a spreadsheet would run it as a formula.

    >>> neutralize('=HYPERLINK("http://x")'), neutralize("  -2+3"), neutralize("Ada")
    ('\\'=HYPERLINK("http://x")', "'  -2+3", 'Ada')
    """
    first = cell.lstrip(" ")[:1]
    if cell[:1] in FORMULA_STARTS or (first and first in FORMULA_STARTS):
        return "'" + cell
    return cell


class CSVExporter:
    """``csv``: one row per interview, safe to open in a spreadsheet."""

    name = "csv"
    suffix = ".csv"
    media_type = "text/csv"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write the header, then a row per interview, each as soon as it is made."""
        import csv

        contacts = {c.id: c for c in data.contacts}
        targets = {t.id: t for t in data.targets}
        writer = csv.writer(_Utf8(out), lineterminator="\r\n")
        out.write("\ufeff".encode())
        writer.writerow(CSV_COLUMNS)
        for interview in data.interviews:
            contact = contacts.get(interview.contact_id)
            row = (
                interview.id,
                contact.name if contact else "",
                contact.role if contact else "",
                contact.organization if contact else "",
                (contact.channel(ChannelKind.EMAIL) or "") if contact else "",
                str(interview.status),
                str(interview.mode),
                _when(interview.starts_at),
                "; ".join(targets[t].label for t in interview.target_ids if t in targets),
                "\n".join(note.text for note in interview.notes),
            )
            writer.writerow([neutralize(cell) for cell in row])


# ---------------------------------------------------------------- markdown

_YAML_UNSAFE: dict[int, str] = {
    code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
}
"""What YAML must not see raw, each to its ``\\uXXXX`` escape: a table for
:meth:`str.translate` (a regular expression over these ranges took a quarter of a
millisecond to compile, at every start of infoint)."""
_LINE_START = re.compile(r"^([#+=-])|^(\d+)([.)])")


def front_matter_value(value: str) -> str:
    """``value`` as a JSON string that is also a one-line YAML double-quoted scalar.

    JSON escapes quotes, backslashes and control characters below U+0020; what YAML
    reads as a line break or must not see raw (C1 controls, U+2028, U+2029, a byte
    order mark) is escaped as ``\\uXXXX`` too, which both read the same way.

    >>> front_matter_value('---\\ntitle: "pwned"')
    '"---\\\\ntitle: \\\\"pwned\\\\""'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.translate(_YAML_UNSAFE)


def markdown_line(text: str) -> str:
    """One line of user text as Markdown text: special characters escaped, and what would
    start a block (a heading, a list, a rule, code by indentation) escaped too."""
    text = "".join(ch for ch in text.strip() if unicodedata.category(ch) != "Cc" or ch == "\t")
    escaped = escape_markdown(text).replace("&", "\\&")
    return _LINE_START.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", escaped
    )


def markdown_text(text: str, indent: str = "  ") -> str:
    """User text that may span lines, as Markdown text inside a list item: its lines kept
    (hard line breaks), each escaped by :func:`markdown_line`, empty ones dropped."""
    lines = [markdown_line(line) for line in text.splitlines()]
    return ("\\\n" + indent).join(line for line in lines if line)


def _item(label: str, text: str) -> str:
    """A list item: ``label`` (which may hold user text too) and ``text``, both escaped."""
    if not label:
        return f"- {markdown_text(text)}"
    return f"- {markdown_line(label)}: {markdown_text(text)}"


def _interview_markdown(
    interview: Interview, contact: Contact | None, targets: dict[str, str], names: dict[str, str]
) -> Iterator[str]:
    who = contact.name if contact else "(unknown contact)"
    yield f"## {markdown_line(who)} ({interview.status})"
    yield ""
    yield f"- Interview: {interview.id}"
    if contact is not None:
        details = ", ".join(x for x in (contact.role, contact.organization) if x)
        if details:
            yield _item("Contact", details)
    length = f", {interview.agreed_minutes} minutes" if interview.agreed_minutes else ""
    yield f"- Mode: {interview.mode}{length}" + (" (unplanned)" if interview.unplanned else "")
    if interview.starts_at is not None:
        yield f"- Starts: {interview.starts_at.isoformat()}"
    if interview.place:
        yield _item("Place", interview.place)
    labels = [targets[t] for t in interview.target_ids if t in targets]
    if labels:
        yield _item("Targets", "; ".join(labels))
    if interview.purposes:
        yield "- Purposes: " + ", ".join(str(p) for p in interview.purposes)
    if interview.common_ground:
        yield _item("Common ground", interview.common_ground)

    def section(title: str, items: Iterable[str]) -> Iterator[str]:
        rows = list(items)
        if rows:
            yield ""
            yield f"### {title}"
            yield ""
            yield from rows

    yield from section("Learning goals", (_item("", g) for g in interview.goals))
    yield from section(
        "Research", (_item(str(r.subject).capitalize(), r.text) for r in interview.research)
    )
    yield from section(
        "Notes",
        (_item(f"{n.kind.capitalize()} ({n.at.isoformat()})", n.text) for n in interview.notes),
    )
    yield from section(
        "Referrals",
        (
            _item(
                "",
                names.get(r.contact_id, "(unknown contact)") + (f": {r.note}" if r.note else ""),
            )
            for r in interview.referrals
        ),
    )
    yield from section(
        "Openings",
        (
            _item(f"Apply from {o.earliest_apply_on.isoformat()}", f"{o.title} {o.organization}")
            for o in interview.openings
        ),
    )
    if interview.assessment is not None:
        a = interview.assessment
        parts = (
            ("Went well", a.went_well),
            ("Went badly", a.went_badly),
            ("Wish I had said", a.wish_said),
            ("Wish I had not said", a.wish_not_said),
            ("Follow-up strategy", a.follow_up_strategy),
        )
        rows = [_item(label, value) for label, value in parts if value.strip()]
        rows += [_item(f"Feedback from {f.reviewer}", f.text) for f in a.feedback]
        yield from section("Assessment", rows)
    if interview.thank_you is not None:
        note = interview.thank_you
        state = (
            f"sent {_when(note.sent_at)}" if note.sent_at else f"drafted {_when(note.drafted_at)}"
        )
        yield from section(f"Thank-you note ({state})", [_item("", note.text)])
    yield from section(
        "Follow-ups",
        (
            _item(
                f"{f.at.isoformat()} by {f.channel}" + (" (answered)" if f.answered else ""),
                f.note or "-",
            )
            for f in interview.follow_ups
        ),
    )
    yield ""


class MarkdownExporter:
    """``markdown``: every interview in one Markdown document with YAML front matter."""

    name = "markdown"
    suffix = ".md"
    media_type = "text/markdown"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write the front matter, a title, then each interview's section as it is made."""
        writer = _Utf8(out)
        title = "Informational interviews"
        if data.profile.name:
            title += f" of {data.profile.name}"
        writer.write("---\n")
        writer.write(f"title: {front_matter_value(title)}\n")
        writer.write(f"owner: {front_matter_value(data.owner)}\n")
        writer.write(f"generated_at: {front_matter_value(data.generated_at.isoformat())}\n")
        writer.write("---\n\n")
        writer.write(f"# {markdown_line(title)}\n\n")
        contacts = {c.id: c for c in data.contacts}
        names = {c.id: c.name for c in data.contacts}
        targets = {t.id: t.label for t in data.targets}
        if not data.interviews:
            writer.write("No interviews yet.\n")
        for interview in data.interviews:
            contact = contacts.get(interview.contact_id)
            section = _interview_markdown(interview, contact, targets, names)
            writer.write("\n".join(section) + "\n")


# ---------------------------------------------------------------- thank-you e-mail

DEFAULT_SUBJECT = "Thank you for your time"
"""The subject of a note whose text has no ``Subject:`` line."""

_SUBJECT_LINE = re.compile(r"subject:(.*)", re.IGNORECASE)


_ENCODED_WORD = re.compile(r"=\?.*\?=")


def header_text(text: str) -> str:
    """``text`` fit for a header value: one line (every run of white space, line breaks
    too, is one space), without control characters, and with no ``=?`` that a mail
    program would decode as an RFC 2047 encoded word (``"= ?"`` then).

    >>> header_text("Thanks\\r\\nBcc: evil@x.org"), header_text("=?utf-8?q?Bcc?=")
    ('Thanks Bcc: evil@x.org', '= ?utf-8?q?Bcc?=')
    """
    flat = "".join(ch for ch in " ".join(text.split()) if unicodedata.category(ch) != "Cc")
    return flat.replace("=?", "= ?") if _ENCODED_WORD.search(flat) else flat


def split_subject(text: str) -> tuple[str, str]:
    """``(subject, body)`` of a thank-you note: the first line when it is ``Subject: ...``
    (a drafted e-mail starts so), else the default subject and the whole text.

    >>> split_subject("Subject: Thanks!\\n\\nDear Ada,\\n")
    ('Thanks!', 'Dear Ada,\\n')
    >>> split_subject("Dear Ada,")
    ('Thank you for your time', 'Dear Ada,')
    """
    lines = text.splitlines(keepends=True)
    found = _SUBJECT_LINE.fullmatch(lines[0].strip()) if lines else None
    if found is None:
        return DEFAULT_SUBJECT, text
    subject = header_text(found.group(1)) or DEFAULT_SUBJECT
    return subject, "".join(lines[1:]).lstrip("\r\n")


def recipient(contact: Contact | None) -> Address | None:
    """The contact as the one ``To`` address, or None when they have no e-mail address
    that the email package writes as exactly that one address.

    The model's check of an address is looser than RFC 5322 (``a@b.org,c@d.org``
    passes it), and the email package's folding has been known to write a display
    name's decoded text unquoted: so the header is written, read back, and kept only
    when it names exactly this address (with the name, else without it). A domain
    in other scripts is written in its ASCII (IDNA) form; an address whose local
    part is not ASCII cannot be written with :data:`email.policy.SMTP`.
    """
    email = contact.channel(ChannelKind.EMAIL) if contact is not None else None
    if contact is None or not email:
        return None
    local, _, domain = email.strip().rpartition("@")
    try:
        addr_spec = f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return None
    for name in (header_text(contact.name), ""):
        address = _checked_address(name, addr_spec)
        if address is not None:
            return address
    return None


def _checked_address(name: str, addr_spec: str) -> Address | None:
    from email.generator import BytesGenerator
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.parser import BytesParser
    from email.policy import SMTP

    try:
        address = Address(display_name=name, addr_spec=addr_spec)
        scratch = EmailMessage(policy=SMTP)
        scratch["To"] = address
        written = io.BytesIO()
        BytesGenerator(written, policy=SMTP).flatten(scratch)
        back = BytesParser(policy=SMTP).parsebytes(written.getvalue(), headersonly=True)
        found = back["To"].addresses
    except Exception:  # the parser raises more than ValueError on odd input (AttributeError)
        return None
    if len(found) != 1 or (found[0].display_name, found[0].addr_spec) != (name, addr_spec):
        return None
    return address


def thank_you_message(interview: Interview, contact: Contact | None) -> Any:
    """The thank-you note of ``interview`` as an :class:`email.message.EmailMessage`."""
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    note = interview.thank_you
    assert note is not None
    subject, body = split_subject(note.text)
    message = EmailMessage(policy=SMTP)
    to = recipient(contact)
    if to is not None:
        message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(note.sent_at or note.drafted_at)
    message["Message-ID"] = f"<{interview.id}.thank-you@infoint>"
    message.set_content(body if body.strip() else "\n")
    stamp = (note.sent_at or note.drafted_at).astimezone(UTC)
    message.set_unixfrom("From infoint " + time.asctime(stamp.timetuple()))
    return message


class ThankYouEmailExporter:
    """``thank-you-email``: the thank-you notes as e-mail messages in one mbox file."""

    name = "thank-you-email"
    suffix = ".mbox"
    media_type = "application/mbox"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write one message per interview with a thank-you note, each as it is made."""
        from email.generator import BytesGenerator
        from email.policy import SMTP

        # Built and checked under SMTP's rules; written with mbox's line ends (LF), so
        # that mail programs (and Python's mailbox) see where each message ends.
        mbox_policy = SMTP.clone(linesep="\n")
        contacts = {c.id: c for c in data.contacts}
        for interview in data.interviews:
            if interview.thank_you is None:
                continue
            message = thank_you_message(interview, contacts.get(interview.contact_id))
            generator = BytesGenerator(out, mangle_from_=True, policy=mbox_policy)
            generator.flatten(message, unixfrom=True)
            out.write(b"\n")  # the blank line before the next "From " line


@hookimpl
def infoint_exporters() -> list[
    JSONLinesExporter | CSVExporter | MarkdownExporter | ThankYouEmailExporter
]:
    """The built-in JSON Lines, CSV, Markdown and thank-you e-mail exports."""
    return [JSONLinesExporter(), CSVExporter(), MarkdownExporter(), ThankYouEmailExporter()]
