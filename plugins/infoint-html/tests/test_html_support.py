"""What the other test files share: a seeker's records built through the SDK, the two
pages rendered from them, and headless Chromium (no tests of its own here).

The records: a 30-minute in-person interview planned and scheduled in Paris,
with research, goals and its saved questions (about 20 of them); two held
ones with notes, advice and referrals, one thanked and closed, one logged
after the fact with its thank-you note late; and an idea with a referred
contact. With ``hostile=True`` the user text carries markup, template syntax,
entities, emoji and right-to-left script.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import infoint_html
import pytest

from infoint.model import Channel, ResearchNote
from infoint.plugins import make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7*7 }}"
ENTITY = "&amp;"
EMOJI = "🧑‍💻"
RTL = "مرحبا בעולם"


@dataclass
class Records:
    """A workspace full of records, and the IDs the tests ask for."""

    ws: Workspace
    upcoming: str
    """The planned, scheduled 30-minute interview with saved questions."""
    thanked: str
    late: str
    idea: str

    def page(self, fmt: str, interviews: tuple[str, ...] = ()) -> str:
        """One export, decoded."""
        buf = io.BytesIO()
        self.ws.export(fmt, buf, interviews=interviews)
        return buf.getvalue().decode("utf-8")


def build(*, hostile: bool = False, url: str = "memory://") -> Records:
    """The records described above, in a store (memory by default) with this plugin
    registered by hand (the entry point is tested on its own)."""
    clock = FakeClock(NOW - timedelta(days=20))
    pm = make_plugin_manager(entry_points=False, disabled=[], plugins=[("html", infoint_html)])
    ws = Workspace.open(url, owner="sam", plugins=pm, clock=clock)

    def odd(plain: str, nasty: str) -> str:
        return f"{plain} {nasty}" if hostile else plain

    ws.set_profile(
        name=odd("Sam Rivera", EMOJI),
        pitch=(
            "I'm Sam, a data analyst at a regional hospital. For three years I have built"
            " reports and small Python pipelines, and I enjoy that part most. I'm exploring"
            " data engineering and want to understand what the work is really like and"
            " which skills matter before I decide what to study next."
        ),
    )
    ada = ws.add_contact(
        odd("Ada Lovelace", SCRIPT),
        role=odd("Data engineer", IMG),
        organization=odd("Analytical Engines", ENTITY),
        relationship="acquaintance",
        channels=[
            Channel(kind="email", value="ada@engines.example"),
            Channel(kind="phone", value="+33 1 23 45 67 89"),
        ],
        notes=odd("Met at the PyData meetup in October; she mentors juniors.", TEMPLATE),
    )
    grace = ws.add_contact(
        odd("Grace Hopper", RTL), role="Engineering manager", organization="Navy Labs"
    )
    linus = ws.add_contact(odd("Linus Ek", TEMPLATE), role="Analytics lead", relationship="friend")
    ws.add_target(
        "occupation",
        "Data engineer",
        goals=[odd("Which skills matter most in the first year?", TEMPLATE)],
    )
    ws.add_target("company", odd("Analytical Engines", ENTITY))

    # Held, noted, referred, assessed, thanked, closed.
    held = ws.plan_interview(
        grace.id,
        targets=["occupation:Data engineer"],
        purposes=["choose-path"],
        minutes=20,
        place="Navy Labs, building 4",
    )
    ws.request_interview(held.id, channel="email")
    ws.schedule_interview(held.id, starts_at=clock.now + timedelta(days=2))
    clock.advance(days=2)
    ws.hold_interview(held.id)
    ws.add_note(
        held.id, odd("Learn SQL window functions before anything else.", SCRIPT), kind="advice"
    )
    ws.add_note(held.id, odd("Teams are small; on-call once a month.", IMG))
    ws.add_referral(held.id, odd("Katherine Johnson", SCRIPT), organization="NASA")
    ws.add_referral(held.id, odd("Dorothy Vaughan", IMG), role="Team lead", organization="NASA")
    ws.assess_interview(held.id, went_well="Good questions", follow_up_strategy="Write in May")
    clock.advance(hours=3)
    ws.draft_thank_you(
        held.id,
        text="Dear Grace, thank you for your time and advice yesterday. Best wishes, Sam",
    )
    ws.send_thank_you(held.id)
    ws.close_interview(held.id)

    # Logged after the fact (G8), its thank-you note now late.
    clock.advance(days=5)
    late = ws.log_interview(
        linus.id,
        at=clock.now - timedelta(days=3),
        learned=odd("Dashboards are half the job.", ENTITY),
        targets=["occupation:Data engineer"],
    )
    ws.add_note(
        late.id, odd("Ask for small projects to show what you can do.", RTL), kind="advice"
    )
    ws.add_referral(late.id, odd("Margaret Hamilton", EMOJI), organization="Apollo")

    # An idea with someone Grace referred.
    idea = ws.plan_interview(
        odd("Katherine Johnson", SCRIPT), targets=["occupation:Data engineer"], purposes=["skills"]
    )

    # The one to prepare: 30 minutes in person, in Paris, with research and saved questions.
    upcoming = ws.plan_interview(
        ada.id,
        targets=["occupation:Data engineer", f"company:{odd('Analytical Engines', ENTITY)}"],
        purposes=["break-in", "skills"],
        goals=[odd("What does a typical week look like?", IMG)],
        research=[
            ResearchNote(subject="person", text=odd("Wrote the first published program.", SCRIPT)),
            ResearchNote(subject="organization", text="Builds data platforms for hospitals."),
            ResearchNote(subject="target", text=odd("Most job ads ask for SQL and Python.", RTL)),
        ],
        minutes=30,
        place=odd("Café de la Gare, 12 rue de Lyon", ENTITY),
        travel_minutes=25,
        dress_code="business-casual",
        common_ground=odd("We both studied statistics in Lyon.", TEMPLATE),
    )
    ws.request_interview(upcoming.id, channel="email")
    ws.schedule_interview(
        upcoming.id, starts_at=datetime(2026, 11, 30, 14, 0, tzinfo=PARIS), minutes=30
    )
    ws.suggest_questions(upcoming.id, save=True)
    clock.now = NOW
    return Records(ws=ws, upcoming=upcoming.id, thanked=held.id, late=late.id, idea=idea.id)


# ---------------------------------------------------------------- headless Chromium

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
)


def chromium_or_skip() -> str:
    """The Chromium to drive: a failure that says how to install it, or a skip when
    ``INFOINT_SKIP_BROWSER=1`` says there is none on purpose."""
    path = os.environ.get("INFOINT_CHROMIUM") or CHROMIUM
    if Path(path).exists() or shutil.which(path):
        return path
    if os.environ.get("INFOINT_SKIP_BROWSER") == "1":
        pytest.skip(f"INFOINT_SKIP_BROWSER=1 and no Chromium at {path}")
    pytest.fail(
        f"no Chromium at {path}: the browser tests need it (apt-get install chromium);"
        " set INFOINT_SKIP_BROWSER=1 to skip them"
    )


FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
ARIAL_METRICS = ("LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "Arimo-Regular.ttf")


def arial_metrics_or_fail() -> None:
    """The one-page checks measure with Arial's metrics (the pages' first fonts): fail,
    saying what to install, when no font with them is there."""
    for folder in FONT_FOLDERS:
        for name in ARIAL_METRICS:
            if folder.is_dir() and next(folder.rglob(name), None) is not None:
                return
    pytest.fail(
        "no Arial-metric font (Liberation Sans, Arial or Arimo): the one-page print check"
        " needs one (apt-get install fonts-liberation)"
    )


def chromium(binary: str, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium once with a fresh profile; fail with its output if it fails."""
    with tempfile.TemporaryDirectory(prefix="infoint-chromium-") as profile:
        result = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    if result.returncode != 0:
        pytest.fail(
            f"chromium exited with {result.returncode}:\n"
            + result.stderr.decode("utf-8", "replace")[-2000:]
        )
    return result


def pdf_pages(pdf: Path) -> int:
    """How many pages a PDF has: pdfinfo's answer (poppler-utils) when it is there, else
    the page objects counted in the file."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)[1])  # type: ignore[index]
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))


# ---------------------------------------------------------------- PNG, with the stdlib


@dataclass
class Picture:
    """A decoded 8-bit RGB(A) PNG: rows of pixels as RGB tuples."""

    width: int
    height: int
    rows: list[bytes]
    channels: int

    def pixels(self) -> Iterator[tuple[int, int, int]]:
        """Every pixel's colour, row by row (alpha dropped)."""
        c = self.channels
        for row in self.rows:
            for x in range(0, len(row), c):
                yield row[x], row[x + 1], row[x + 2]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path: Path) -> Picture:
    """Decode a non-interlaced 8-bit RGB or RGBA PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"{path}: not a plain 8-bit RGB(A) PNG")
    c = 3 if colour == 2 else 4
    raw = zlib.decompress(bytes(idat))
    stride = width * c
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(c, stride):
                line[i] = (line[i] + line[i - c]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - c] if i >= c else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = line[i - c] if i >= c else 0
                up_left = prev[i - c] if i >= c else 0
                line[i] = (line[i] + _paeth(left, prev[i], up_left)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return Picture(width=width, height=height, rows=rows, channels=c)
