"""Hostile user text (names, notes, research, goals, places, referrals) is shown, never
interpreted: not as HTML, not as SVG, not as a template."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from infoint_html import clip, target_parts
from infoint_html.layout import shorten, units
from test_html_support import EMOJI, ENTITY, IMG, RTL, SCRIPT, TEMPLATE, Records, build

ESCAPED = {
    SCRIPT: "&lt;script&gt;alert(1)&lt;/script&gt;",
    IMG: "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
    TEMPLATE: "{{ 7*7 }}",
    ENTITY: "&amp;amp;",
    EMOJI: EMOJI,
    RTL: RTL,
}
"""How each hostile string must appear in the raw page."""


class Text(HTMLParser):
    """The page's text, entities decoded, and the names of its elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.text += [v for _, v in attrs if v]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def records() -> Records:
    return build(hostile=True)


@pytest.fixture(scope="module", params=["html-prep", "html-report"])
def page(request: pytest.FixtureRequest, records: Records) -> str:
    return records.page(request.param)


def test_hostile_text_appears_escaped_in_the_raw_page(page: str) -> None:
    for raw, escaped in ESCAPED.items():
        assert escaped in page, raw
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "alert(1)</script>" not in page


def test_the_page_reads_back_as_the_text_typed(page: str) -> None:
    parser = Text()
    parser.feed(page)
    text = "\n".join(parser.text)
    for raw in ESCAPED:
        assert raw in text
    assert not parser.tags & {"script", "img", "iframe", "object", "embed", "link"}


def test_template_syntax_in_data_is_not_evaluated(records: Records) -> None:
    page = records.page("html-prep", (records.upcoming,))
    assert "We both studied statistics in Lyon. {{ 7*7 }}" in page
    assert "Lyon. 49" not in page


def test_svg_labels_are_escaped_and_the_svg_is_well_formed(records: Records) -> None:
    report = records.page("html-report")
    svg = report[report.index("<svg") : report.index("</svg>") + len("</svg>")]
    assert ESCAPED[SCRIPT] in svg
    assert ESCAPED[IMG] in svg
    assert ESCAPED[ENTITY] in svg
    assert "<script" not in svg
    assert "<img" not in svg
    # Well-formed XML, whose text is exactly what was typed (no tag came from the data).
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    tags = {el.tag.removeprefix(ns) for el in root.iter()}
    assert tags <= {"svg", "title", "g", "path", "text", "rect"}
    tooltips = [el.text or "" for el in root.iter(f"{ns}title")]
    assert any(t.startswith(f"Katherine Johnson {SCRIPT} (NASA)") for t in tooltips)
    assert any(t.startswith(f"Dorothy Vaughan {IMG} (Team lead, NASA)") for t in tooltips)
    assert any(t.startswith(f"Margaret Hamilton {EMOJI}") for t in tooltips)
    assert any(RTL in t for t in tooltips)
    assert any(t.startswith(f"Linus Ek {TEMPLATE}") for t in tooltips)
    labels = [el.text or "" for el in root.iter(f"{ns}text")]
    assert "Katherine Johnson <scri…" in labels  # cut to fit its box, still escaped


def test_quotes_cannot_leave_an_attribute(records: Records) -> None:
    page = records.page("html-prep", (records.upcoming,))
    # A question's "why" (here quoting a hostile goal) is a title attribute: it stays one.
    titles = [html.unescape(v) for v in re.findall(r' title="([^"]*)"', page)]
    assert any(IMG in t for t in titles)
    assert all("<" not in v and ">" not in v for v in re.findall(r' title="([^"]*)"', page))


def test_helpers_keep_text_on_one_line_and_short() -> None:
    assert clip("a\nb   c", 20) == "a b c"
    assert clip("word " * 50, 30).endswith("…")
    assert len(clip("word " * 50, 30)) <= 30
    assert target_parts("company:Acme: the sequel") == ("company", "Acme: the sequel")
    assert target_parts("Acme: the sequel") == ("", "Acme: the sequel")
    assert units("漢字") == 4
    assert units("e\u0301") == 1
    assert units(EMOJI) == 4
    assert shorten("漢字漢字漢字", 7) == "漢字漢…"
    assert shorten(SCRIPT, 100) == SCRIPT  # shortening never escapes: the template does
