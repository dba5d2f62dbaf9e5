"""The two formats as infoint sees them: found through the entry point, written through the
Workspace and the CLI, one self-contained file each, with what the seeker needs on it."""

from __future__ import annotations

import html
import importlib.metadata
import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import infoint_html
import jinja2
import pytest
from test_html_support import NOW, Records, build

from infoint.hookspecs import Exporter
from infoint.plugins import make_plugin_manager
from infoint.workspace import Workspace

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class Tags(HTMLParser):
    """Every start tag with its attributes, the <title> text and the <h1> texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self.h1: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)
        if tag == "h1":
            self.h1.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "title" in self._in and "svg" not in self._in:
            self.title += data
        if "h1" in self._in:
            self.h1[-1] += data


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def records() -> Records:
    return build()


@pytest.fixture(scope="module")
def prep(records: Records) -> str:
    return records.page("html-prep", (records.upcoming,))


@pytest.fixture(scope="module")
def report(records: Records) -> str:
    return records.page("html-report")


# ---------------------------------------------------------------- the plugin


def test_infoint_finds_both_formats_through_the_entry_point() -> None:
    assert importlib.metadata.version("infoint-html") == infoint_html.__version__
    exporters = make_plugin_manager(disabled=[]).provided("infoint_exporters")
    for name in ("html-prep", "html-report"):
        exporter = exporters[name]
        assert isinstance(exporter, Exporter)
        assert (exporter.suffix, exporter.media_type) == (".html", "text/html")


def test_jinja2_is_imported_only_when_a_page_is_written() -> None:
    code = (
        "import sys, infoint_html; infoint_html.infoint_exporters();"
        " print('jinja2' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"


def test_templates_escape_everything_and_refuse_undefined_names() -> None:
    env = infoint_html.environment()
    assert env.undefined is jinja2.StrictUndefined
    assert callable(env.autoescape)
    for name in ("prep.html", "report.html", "_network.svg", "any.txt", None):
        assert env.autoescape(name) is True
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("prep.html").render()


# ---------------------------------------------------------------- self-contained


@pytest.mark.parametrize("fmt", ["html-prep", "html-report"])
def test_each_page_is_one_self_contained_file(records: Records, fmt: str) -> None:
    page = records.page(fmt)
    assert page.startswith("<!DOCTYPE html>")
    head = page[: page.index("</head>")]
    # The policy comes right after the charset, before anything it governs.
    assert re.search(
        r'<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy"'
        rf' content="{re.escape(CSP)}">',
        head,
    )
    tags = parse(page).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for tag, attrs in tags:
        assert not {"src", "href", "srcset", "action"} & set(attrs), tag
        assert not [a for a in attrs if a.startswith("on")], tag
    assert "url(" not in page
    assert "@import" not in page
    # The only address is the SVG namespace, which names the language and loads nothing.
    assert re.findall(r"\w+://[^\s\"'<>]*", page) in ([], ["http://www.w3.org/2000/svg"])


# ---------------------------------------------------------------- html-prep


def test_prep_sheet_says_whom_when_where_and_what_to_ask(records: Records, prep: str) -> None:
    parsed = parse(prep)
    sheet = records.ws.prep_sheet(records.upcoming)
    assert parsed.title == "Prep sheet: Ada Lovelace"
    assert parsed.h1 == ["Ada Lovelace"]
    assert prep.count('<article class="page sheet"') == 1
    # In the interview's own zone: Paris, 14:00; leave at 13:25, arrive 13:50 (G12).
    assert "Mon 30 Nov 2026" in prep
    assert "14:00–14:30" in prep
    assert "UTC+01:00" in prep
    assert "<strong>13:25</strong> (25 minutes of travel)" in prep
    assert "<strong>13:50</strong> (10 minutes early)" in prep
    assert "ada@engines.example" in prep
    assert "+33 1 23 45 67 89" in prep
    for text in (*sheet.goals, "Builds data platforms for hospitals.", sheet.dress_advice):
        assert text in prep
    assert "business-professional" in prep  # one step above business-casual (G10)
    assert "handing over a résumé can look like expecting a job offer" in prep  # G9
    # Every saved question, in order, with its minute mark and kind (G14).
    assert len(sheet.questions) >= 15
    rows = re.findall(r'<td class="mark">(\d+:\d\d)</td>', prep)
    assert rows == [f"{q.at_second // 60}:{q.at_second % 60:02d}" for q in sheet.questions]
    cells = re.findall(r'<td class="text"[^>]*><bdi>(.*?)</bdi></td>', prep)
    assert [html.unescape(c) for c in cells] == [q.text for q in sheet.questions]
    assert 'class="tag people"' in prep


def test_several_interviews_make_one_page_each(records: Records) -> None:
    page = records.page("html-prep", (records.upcoming, records.idea))
    assert page.count('<article class="page sheet"') == 2
    assert ".sheet + .sheet { break-before: page;" in page
    assert parse(page).title == "Prep sheets: 2 interviews"
    assert parse(page).h1 == ["Ada Lovelace", "Katherine Johnson"]


def test_without_a_choice_the_upcoming_interviews_get_pages(records: Records) -> None:
    # Scheduled first, then the idea; the held and closed ones need no prep sheet.
    assert parse(records.page("html-prep")).h1 == ["Ada Lovelace", "Katherine Johnson"]
    # A past interview asked for by ID still gets its sheet.
    assert parse(records.page("html-prep", (records.thanked,))).h1 == ["Grace Hopper"]


def test_pages_for_an_empty_workspace(infoint_workspace: Workspace) -> None:
    pm = make_plugin_manager(entry_points=False, disabled=[], plugins=[("html", infoint_html)])
    infoint_workspace._plugins = pm
    out = io.BytesIO()
    infoint_workspace.export("html-prep", out)
    assert "No interview to prepare" in out.getvalue().decode()
    out = io.BytesIO()
    infoint_workspace.export("html-report", out)
    text = out.getvalue().decode()
    assert "Nothing is due." in text
    assert "No contacts yet." in text
    assert "<svg" not in text
    # No thank-you note sent: no typical time to one; every stage of the funnel at 0.
    assert '<div class="n">–</div><div class="l">typical time to a thank-you note</div>' in text
    assert text.count('<div class="count">0</div>') == 8


# ---------------------------------------------------------------- html-report


def test_report_has_agenda_coverage_funnel_network_and_advice(
    records: Records, report: str
) -> None:
    parsed = parse(report)
    assert parsed.title == "Informational interviews: Sam Rivera"
    assert parsed.h1 == ["Sam Rivera"]
    for item in records.ws.agenda(at=NOW):
        assert item.title in report
    assert '<tr class="late">' in report  # Linus's thank-you note is past due (G19)
    assert "0 of 2" in report
    assert "2 of 2" in report
    stats = records.ws.stats()
    for stage, count in stats.funnel.items():
        assert re.search(
            rf'<div class="label">{stage}</div>.*?<div class="count">{count}</div>', report, re.S
        )
    funnel = report[report.index('<section id="funnel"') :]
    stages = re.findall(r'<div class="label">([^<]*)</div>', funnel[: funnel.index("</section>")])
    assert stages == [
        "idea", "requested", "scheduled", "confirmed", "held", "assessed", "thanked", "closed"
    ]  # fmt: skip
    svg = report[report.index("<svg") : report.index("</svg>")]
    for contact in records.ws.contacts():
        assert contact.name in svg
    assert svg.count('<path class="edge"') == 3
    assert "Learn SQL window functions before anything else." in report


def test_the_report_says_the_thank_you_delay_in_words(records: Records, report: str) -> None:
    from infoint.stats import readable_duration

    median = records.ws.stats().median_days_to_thank_you
    assert median is not None
    card = re.search(
        r'<div class="n">([^<]*)</div><div class="l">typical time to a thank-you note</div>',
        report,
    )
    assert card, report
    assert card.group(1) == readable_duration(median)
    assert re.search(r"\d (minutes?|hours?|days)$", card.group(1))
    assert "median days" not in report


# ---------------------------------------------------------------- through the CLI


def test_the_cli_writes_the_prep_sheet_to_a_file(tmp_path: Path) -> None:
    db = tmp_path / "infoint.db"
    records = build(url=f"sqlite:///{db}")
    records.ws.close()
    out = tmp_path / "sheet.html"
    result = subprocess.run(
        [
            sys.executable, "-m", "infoint", "--db", str(db), "--owner", "sam",
            "export", "--format", "html-prep", "--interview", records.upcoming[:8], "-o", str(out),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert parse(out.read_text("utf-8")).h1 == ["Ada Lovelace"]
