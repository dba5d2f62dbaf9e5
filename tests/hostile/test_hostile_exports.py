"""Hostile text through every export format (G4, G16, G19): nothing a user types becomes
markup, a spreadsheet formula, a calendar property, a mail header, front matter, or a
dangerous file name.

The corpus goes in through the SDK (a SQLite file, a fake clock) into every field that
holds free text; one-line fields (names, places, roles) get the payload made one line,
since the model refuses control characters there (proved below). Every exporter the
plugin manager finds (entry points included) is run, and each output is parsed back
by a reader of its format.
"""

from __future__ import annotations

import csv
import io
import json
import mailbox
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import SMTP
from email.policy import default as default_policy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from infoint.builtin.exports import header_text, split_subject
from infoint.errors import StoreError, ValidationError
from infoint.exchange import safe_file_name
from infoint.model import Channel, ResearchNote, check_line
from infoint.plugins import make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "line1\r\nBCC: evil@x.org",
    ";",
    ",",
    "---\ntitle: pwned",
    "../../etc/passwd",
    "CON",
    "NUL.txt",
    "emoji 😀 👩‍👩‍👧 🏳️‍🌈",
    "RTL \u202eexe.txt مرحبا עברית",
    # Beyond the brief's list: mbox "From " lines, RFC 2047 look-alikes (the email
    # package decodes them and once wrote them back unquoted), the iCalendar "\N"
    # trap, Unicode line separators, entities that must stay text, template syntax.
    "From the top\nFrom here",
    "=?utf-8?q?Bcc=3A_evil=40x.org?= é",
    "C:\\New\\Notes",
    "a\u2028b\u2029c\x85d",
    "&lt;b&gt; &amp; &#60;script&#62;",
    "{{ 7*7 }} {% raw %}",
    "END:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned",
)

OWNER = '<script>alert(1)</script> "><img src=x> =1+1 ---'
"""A hostile owner name (the store refuses control characters in owners)."""

HOSTILE_EMAIL = "<grace@example.org>"
"""Passes the model's e-mail check, yet is no addr-spec: the mail export leaves it out."""

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
PAST = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
FUTURE = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)

EXPORTERS = sorted(make_plugin_manager().provided("infoint_exporters"))


def one_line(text: str) -> str:
    """``text`` as a one-line field takes it: as is, or with its white space made spaces."""
    try:
        check_line("name", text, required=True)
    except ValidationError:
        return " ".join(text.split())
    return text


LINES = tuple(one_line(p) for p in PAYLOADS)


class Corpus:
    """The workspace full of payloads, and what each exporter wrote from it."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.outputs: dict[str, bytes] = {}
        self.contacts: dict[str, str] = {}
        """Contact ID -> name, for those made from a payload (referrals too)."""
        self.emails: dict[str, str] = {}
        self.held: list[str] = []
        self.upcoming: list[str] = []

    def export(self, name: str, **options: Any) -> bytes:
        out = io.BytesIO()
        self.ws.export(name, out, **options)
        return out.getvalue()


def build(ws: Workspace, clock: FakeClock) -> Corpus:
    corpus = Corpus(ws)
    ws.set_profile(name=one_line(" ".join(PAYLOADS[:3])), pitch="\n".join(PAYLOADS))
    for k, (payload, line) in enumerate(zip(PAYLOADS, LINES, strict=True)):
        email = f"c{k}@example.org" if k != 1 else HOSTILE_EMAIL
        contact = ws.add_contact(
            line,
            role=line,
            organization=line,
            notes=payload,
            channels=[Channel(kind="email", value=email)],
        )
        corpus.contacts[contact.id] = contact.name
        corpus.emails[contact.id] = email
        target = ws.add_target("occupation", f"{line} {k}", notes=payload, goals=[payload])
        upcoming = ws.plan_interview(
            contact,
            targets=[target.id],
            purposes=["break-in"],
            goals=[payload],
            research=[ResearchNote(subject="person", text=payload)],
            place=line,
            travel_minutes=20,
            common_ground=payload,
        )
        ws.schedule_interview(upcoming.id, starts_at=FUTURE + timedelta(days=k), minutes=20)
        corpus.upcoming.append(upcoming.id)

        at = PAST + timedelta(hours=k)
        clock.now = PAST - timedelta(days=1)  # planned before it took place
        held = ws.plan_interview(
            contact, targets=[target.id], purposes=["skills"], goals=[payload]
        )
        ws.schedule_interview(held.id, starts_at=at, minutes=20, place=line)
        clock.now = NOW
        ws.hold_interview(held.id, at=at)
        ws.add_note(held.id, payload, kind="advice", at=at)
        _, referral = ws.add_referral(held.id, f"{line} referral", note=payload, at=at)
        corpus.contacts[referral.id] = referral.name
        ws.add_opening(held.id, line, organization=line, notes=payload, at=at)
        ws.assess_interview(held.id, went_well=payload, at=at + timedelta(hours=1))
        ws.add_feedback(held.id, line, payload, at=at + timedelta(hours=2))
        ws.draft_thank_you(held.id, text=f"Subject: {payload}\n\nDear {line},\n{payload}\n", at=at)
        if k % 2:
            ws.send_thank_you(held.id, at=at + timedelta(hours=3))
            ws.log_follow_up(
                contact, channel="email", note=payload, at=at + timedelta(days=8), anyway=True
            )
        corpus.held.append(held.id)
    for name in EXPORTERS:
        corpus.outputs[name] = corpus.export(name)
    return corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    path = tmp_path_factory.mktemp("hostile") / "corpus.db"
    clock = FakeClock(NOW)
    with Workspace.open("sqlite:///" + str(path), owner=OWNER, clock=clock) as ws:
        yield build(ws, clock)


# ---------------------------------------------------------------- the model itself


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if one_line(p) != p])
def test_g4_one_line_fields_refuse_control_characters_and_line_breaks(payload: str) -> None:
    """A name is trimmed; a control character or line break inside it is refused."""
    with Workspace.open("memory://", owner="ada", clock=FakeClock(NOW)) as ws:
        if payload.strip() == one_line(payload):
            assert ws.add_contact(payload).name == payload.strip()
        else:
            with pytest.raises(ValidationError, match="one line"):
                ws.add_contact(payload)
        with pytest.raises(ValidationError, match="one line"):
            ws.add_contact("Grace", organization=f"x{payload}x")


# ---------------------------------------------------------------- every exporter


def test_every_installed_exporter_is_checked() -> None:
    assert {"json", "jsonl", "csv", "markdown", "thank-you-email"} <= set(EXPORTERS)
    for name in EXPORTERS:
        exporter = make_plugin_manager().provided("infoint_exporters")[name]
        assert exporter.suffix.startswith(".")
        assert "/" in exporter.media_type


@pytest.mark.parametrize("name", EXPORTERS)
def test_every_exporter_writes_the_corpus_in_its_own_format(corpus: Corpus, name: str) -> None:
    exporter = corpus.ws.exporter(name)
    data = corpus.outputs[name]
    assert data
    check = CHECKS.get(exporter.media_type)
    if check is None:  # a format this suite does not know: at least it is text when it says so
        if exporter.media_type.startswith("text/"):
            data.decode("utf-8")
        return
    check(corpus, data)


# ---------------------------------------------------------------- HTML


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(corpus: Corpus, data: bytes) -> None:
    page_text = data.decode("utf-8")
    lowered = page_text.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page_text
    page = _Page()
    page.feed(page_text)
    page.close()
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "base", "form"}
    handlers = [(tag, a) for tag, attrs in page.tags for a, _ in attrs if a.startswith("on")]
    assert handlers == []
    # Every contact's name is on the page as text, exactly as typed.
    text = "".join(page.text)
    for line in LINES:
        assert line in text, line


# ---------------------------------------------------------------- CSV


FORMULA = frozenset("=+-@\t\r\n")


def cell_is_safe(cell: str) -> bool:
    """Whether a spreadsheet reads the cell as text (OWASP's list, after spaces too)."""
    return not ({cell[:1], cell.lstrip(" ")[:1]} & FORMULA)


def check_csv(corpus: Corpus, data: bytes) -> None:
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["interview", "contact"]
    assert len(body) == len(corpus.held) + len(corpus.upcoming)
    for row in rows:
        assert len(row) == len(header)
        for cell in row:
            assert cell_is_safe(cell), cell
    # What was neutralized is still there after its quote.
    names = {row[1][1:] if row[1].startswith("'") else row[1] for row in body}
    assert names == set(LINES)
    by_id = {row[0]: row for row in body}
    for k, interview_id in enumerate(corpus.held):
        notes = by_id[interview_id][header.index("notes")]
        assert notes.removeprefix("'") == PAYLOADS[k], notes


# ---------------------------------------------------------------- iCalendar

ICS_PROPERTIES = frozenset(
    """BEGIN END VERSION PRODID CALSCALE METHOD NAME X-WR-CALNAME X-WR-TIMEZONE UID DTSTAMP
    CREATED LAST-MODIFIED SEQUENCE DTSTART DTEND DUE DURATION SUMMARY LOCATION DESCRIPTION
    CONTACT STATUS ACTION TRIGGER RELATED-TO CATEGORIES TZID TZOFFSETFROM TZOFFSETTO TZNAME
    TZURL RRULE RDATE X-LIC-LOCATION COMMENT URL""".split()
)


def check_ics(corpus: Corpus, data: bytes) -> None:
    icalendar = pytest.importorskip("icalendar")
    from infoint_ical.ics import text as ics_text

    raw = data.decode("utf-8")
    assert "\n" not in raw.replace("\r\n", ""), "a bare LF"
    assert "\r" not in raw.replace("\r\n", ""), "a bare CR"
    unfolded = re.sub(r"\r\n[ \t]", "", raw)
    names = set()
    for line in unfolded.split("\r\n"):
        if not line:
            continue
        found = re.match(r"([A-Za-z0-9-]+)[;:]", line)
        assert found, line
        names.add(found[1].upper())
    assert names <= ICS_PROPERTIES, names - ICS_PROPERTIES
    # The payloads that would end a property are escaped, not obeyed.
    assert "LOCATION:\\;" in unfolded
    assert "LOCATION:\\," in unfolded
    assert "line1\\nBCC: evil@x.org" in unfolded  # CR LF in a description: an escaped \n
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT")
    assert not any(line.startswith(("SUMMARY:pwned", "BCC")) for line in unfolded.split("\r\n"))

    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(corpus.upcoming) + len(corpus.held)
    descriptions = "\n".join(str(e["DESCRIPTION"]) for e in events)
    locations = {str(e.get("LOCATION")) for e in events}
    for payload, line in zip(PAYLOADS, LINES, strict=True):
        assert ics_text(payload) in descriptions, payload
        assert ics_text(line) in locations, line


# ---------------------------------------------------------------- e-mail

EMAIL_HEADERS = (
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "Content-Type",
    "Content-Transfer-Encoding",
    "MIME-Version",
)


def check_mbox(corpus: Corpus, data: bytes) -> None:
    messages = list(read_mbox(data))
    assert len(messages) == len(corpus.held)
    interviews = {i.id: i for i in corpus.ws.interviews()}
    for message in messages:
        keys = [k.lower() for k in message]
        assert "bcc" not in keys and "cc" not in keys
        interview_id = message["Message-ID"].strip("<>").split(".")[0]
        interview = interviews[interview_id]
        email = corpus.emails[interview.contact_id]
        expected = [h for h in EMAIL_HEADERS if h != "To" or email != HOSTILE_EMAIL]
        assert sorted(keys) == sorted(h.lower() for h in expected)
        assert message.defects == []
        if email != HOSTILE_EMAIL:
            addresses = message["To"].addresses
            assert [a.addr_spec for a in addresses] == [email]
            assert addresses[0].display_name == header_text(corpus.contacts[interview.contact_id])
        assert interview.thank_you is not None
        subject, body = split_subject(interview.thank_you.text)
        assert str(message["Subject"]) == subject
        assert "\r" not in subject and "\n" not in subject
        content = message.get_content()
        for line in content.splitlines():
            assert not line.startswith("From "), "an unquoted mbox From line"
        assert body.splitlines()[0] in content.splitlines()[0]


def read_mbox(data: bytes) -> Iterator[Any]:
    """The messages of an mbox file, parsed by the email package's modern parser."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.mbox"
        path.write_bytes(data)
        box = mailbox.mbox(path, create=False)
        try:
            for key in box.iterkeys():
                raw = box.get_bytes(key)
                yield BytesParser(policy=default_policy).parsebytes(raw)
        finally:
            box.close()


def test_g19_the_email_package_refuses_header_injection() -> None:
    """What the thank-you export relies on: a header value with a line break is refused,
    and an address that is not exactly one address too."""
    for value in ("hi\r\nBcc: evil@x.org", "hi\nBcc: evil@x.org", "hi\rBcc: x", "a\u2028b"):
        message = EmailMessage(policy=SMTP)
        with pytest.raises(ValueError, match="linefeed or carriage return"):
            message["Subject"] = value
        with pytest.raises(ValueError, match="linefeed or carriage return"):
            message["To"] = "ada@example.org" + value
    with pytest.raises(ValueError, match="CR or LF"):
        Address(display_name="Ada\r\nBcc: evil@x.org", addr_spec="ada@example.org")
    for spec in ("ada@example.org,evil@x.org", "ada@example.org>,<evil@x.org", "a@b.org x@y.org"):
        with pytest.raises(ValueError, match="Invalid addr_spec"):
            Address(display_name="Ada", addr_spec=spec)


def test_g19_the_email_package_alone_would_let_an_encoded_word_add_a_recipient() -> None:
    """Why the export reads its To header back: with an RFC 2047 look-alike and any
    non-ASCII letter in a display name, the stdlib writes the decoded text unquoted."""
    message = EmailMessage(policy=SMTP)
    message["To"] = Address(
        display_name="=?utf-8?q?Bcc=3A_evil=40x.org?= é", addr_spec="ada@example.org"
    )
    written = io.BytesIO()
    BytesGenerator(written, policy=SMTP).flatten(message)
    back = BytesParser(policy=default_policy).parsebytes(written.getvalue())
    assert [a.addr_spec for a in back["To"].addresses] != ["ada@example.org"]


def test_g19_a_subject_line_with_a_line_break_stays_one_subject(tmp_path: Path) -> None:
    with Workspace.open("memory://", owner="ada", clock=FakeClock(NOW)) as ws:
        grace = ws.add_contact(
            "Grace Hopper", channels=[Channel(kind="email", value="grace@example.org")]
        )
        interview = ws.log_interview(grace, at=PAST, learned="Compilers")
        text = "Subject: Thanks\r\nBcc: evil@x.org\r\nCc: evil@x.org\n\nFrom me\nwith thanks"
        ws.draft_thank_you(interview.id, text=text, at=PAST)
        out = io.BytesIO()
        ws.export("thank-you-email", out)
    (message,) = read_mbox(out.getvalue())
    assert sorted(message.keys()) == sorted(EMAIL_HEADERS)
    assert message["Subject"] == "Thanks"
    assert [a.addr_spec for a in message["To"].addresses] == ["grace@example.org"]
    assert message.get_content().splitlines() == [
        "Bcc: evil@x.org",
        "Cc: evil@x.org",
        "",
        ">From me",
        "with thanks",
    ]


# ---------------------------------------------------------------- Markdown

_MD_HEADINGS = re.compile(r"(#|##|###) \S")


def front_matter(text: str) -> tuple[dict[str, str], list[str]]:
    """The front matter (between the first two ``---`` lines) and the lines after it."""
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    values = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(": ")
        assert sep and re.fullmatch(r"[a-z_]+", key), line
        assert value.startswith('"') and value.endswith('"'), line
        # A JSON string with only escapes YAML's double-quoted style shares.
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]", value), line
        values[key] = json.loads(value)
    return values, lines[end + 1 :]


def unescaped(text: str, char: str) -> list[int]:
    """Where ``char`` stands in ``text`` without an odd run of backslashes before it."""
    found = []
    for match in re.finditer(re.escape(char), text):
        start = match.start()
        run = len(text[:start]) - len(text[:start].rstrip("\\"))
        if run % 2 == 0:
            found.append(start)
    return found


def check_markdown(corpus: Corpus, data: bytes) -> None:
    text = data.decode("utf-8")
    values, body = front_matter(text)
    assert set(values) == {"title", "owner", "generated_at"}
    assert values["owner"] == corpus.ws.owner
    assert values["generated_at"] == NOW.isoformat()
    assert values["title"] == "Informational interviews of " + corpus.ws.profile().name
    headings = [line for line in body if line.startswith("#")]
    assert all(_MD_HEADINGS.match(h) for h in headings), headings
    assert sum(h.startswith("## ") for h in headings) == len(corpus.held) + len(corpus.upcoming)
    assert sum(h.startswith("# ") for h in headings) == 1
    for line in body:
        assert line == "" or line.startswith(("#", "- ", "  ")), repr(line)
        assert line.strip() != "---"
        for char in "<>[]`*_|&":
            assert unescaped(line, char) == [], (char, line)
        if line.startswith("  "):
            rest = line[2:]
            assert rest[:1] not in ("", " ", "\t", "#", "-", "+", "=", ">")
            assert not re.match(r"\d+[.)]", rest)
    assert "<script" not in re.sub(r"\\<", "", "\n".join(body))


# ---------------------------------------------------------------- JSON and JSON Lines


def _notes(records: list[dict[str, Any]]) -> set[str]:
    return {c["notes"] for c in records if c["notes"]}


def check_json(corpus: Corpus, data: bytes) -> None:
    document = json.loads(data.decode("utf-8"))
    assert document["owner"] == OWNER
    assert _notes(document["contacts"]) == set(PAYLOADS)


def check_jsonl(corpus: Corpus, data: bytes) -> None:
    text = data.decode("utf-8")
    assert text.endswith("\n")
    # Python's splitlines cuts at U+2028, U+0085...: the lines must survive it.
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == len(text.split("\n")) - 1
    kinds = [r["kind"] for r in records]
    assert kinds[:2] == ["export", "profile"] and kinds[-1] == "stats"
    assert records[0]["data"]["owner"] == OWNER
    assert _notes([r["data"] for r in records if r["kind"] == "contact"]) == set(PAYLOADS)
    assert kinds.count("interview") == len(corpus.held) + len(corpus.upcoming)


CHECKS = {
    "text/html": check_html,
    "text/csv": check_csv,
    "text/calendar": check_ics,
    "application/mbox": check_mbox,
    "text/markdown": check_markdown,
    "application/json": check_json,
    "application/jsonl": check_jsonl,
}


def test_html_prep_pages_of_held_interviews_escape_everything_too(corpus: Corpus) -> None:
    check_html(corpus, corpus.export("html-prep", interviews=corpus.held))


# ---------------------------------------------------------------- hostile owners


@pytest.mark.parametrize("owner", ["ada\u2028title: pwned", "ada\x85END:VCALENDAR", "ada\u2029"])
def test_an_owner_with_a_unicode_line_separator_is_refused(owner: str) -> None:
    """U+0085, U+2028 and U+2029 break lines in some formats: no owner may hold them, so
    no export ever sees them."""
    with pytest.raises(StoreError, match="is not a valid owner name"):
        Workspace.open("memory://", owner=owner, clock=FakeClock(NOW)).contacts()


# ---------------------------------------------------------------- file names

WINDOWS_DEVICES = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])", re.IGNORECASE)

FILE_NAMES = (
    *PAYLOADS,
    ".bashrc",
    "..",
    "../..",
    "a/b\\c",
    "~/.ssh/id_rsa",
    "\x00\x01\x1b[31m",
    "   ",
    "😀",
    "x" * 300,
    'a<b>c:d"e|f?g*h',
    "trailing. ",
    "-rf",
)


@pytest.mark.parametrize("text", FILE_NAMES)
@pytest.mark.parametrize("suffix", ["", ".csv", ".tar.gz"])
def test_safe_file_name_makes_a_harmless_name(text: str, suffix: str) -> None:
    name = safe_file_name(text, suffix)
    assert name and name.endswith(suffix)
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith((".", "-", " "))
    assert not name.endswith((".", " "))
    assert not set(name) & set('<>:"|?*;&$`')
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name)
    assert len(name) <= 80 + len(suffix)


RESERVED: tuple[str, ...] = (
    *("CON", "con", "Con.ics", "PRN", "AUX", "NUL", "NUL.txt", "nul.tar.gz", "COM1"),
    *("com9", "LPT1", "lpt9.txt", "COM0", "LPT0", "COM¹", "lpt²", "  con  ", ".aux"),
)


@pytest.mark.parametrize("text", RESERVED)
def test_safe_file_name_avoids_windows_device_names(text: str) -> None:
    for suffix in ("", ".csv"):
        stem = safe_file_name(text, suffix).split(".", 1)[0]
        assert not WINDOWS_DEVICES.fullmatch(stem), safe_file_name(text, suffix)


# ---------------------------------------------------------------- the built-in exporters


class _CountingStream(io.BytesIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, data: Any) -> int:
        self.writes += 1
        return super().write(data)


@pytest.mark.parametrize("name", ["jsonl", "csv", "markdown", "thank-you-email"])
def test_the_built_in_exports_stream_and_keep_the_protocol(corpus: Corpus, name: str) -> None:
    from infoint.hookspecs import Exporter

    exporter = corpus.ws.exporter(name)
    assert isinstance(exporter, Exporter)
    out = _CountingStream()
    exporter.export(corpus.ws.export_data(), out)
    assert out.getvalue() == corpus.outputs[name]
    records = len(corpus.held) if name == "thank-you-email" else len(corpus.held) * 2
    assert out.writes >= records, "written in one piece, not as it goes"
    assert not out.closed
