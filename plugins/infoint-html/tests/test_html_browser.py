"""The pages in a real browser (headless Chromium): the prep sheet prints on one page, both
pages render (screenshots that are not blank, with their title and heading), and the
Content-Security-Policy stops anything injected from loading.

These need /usr/bin/chromium (apt-get install chromium); INFOINT_SKIP_BROWSER=1 skips
them where there is none on purpose. INFOINT_SCREENSHOTS=DIR keeps the pictures there.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_html_support import (
    Records,
    arial_metrics_or_fail,
    build,
    chromium,
    chromium_or_skip,
    pdf_pages,
    read_png,
)

ACCENT = (0x1D, 0x5A, 0xA6)
"""The colour of the heading rule and section titles: seen only if the inline CSS applied."""


@pytest.fixture(scope="module")
def browser() -> str:
    return chromium_or_skip()


@pytest.fixture(scope="module")
def records() -> Records:
    return build(hostile=True)


@pytest.fixture(scope="module")
def pages(records: Records, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    files = {
        "prep": records.page("html-prep", (records.upcoming,)),
        "prep-two": records.page("html-prep", (records.upcoming, records.idea)),
        "report": records.page("html-report"),
    }
    plain = build()
    files["prep-plain"] = plain.page("html-prep", (plain.upcoming,))
    out = {}
    for name, text in files.items():
        out[name] = folder / f"{name}.html"
        out[name].write_text(text, "utf-8")
    return out


def print_pdf(browser: str, page: Path, *, paper: str | None = None) -> int:
    """Print ``page`` to PDF (on ``paper``: "A4" or "letter", else Chromium's default)."""
    if paper is not None:
        text = page.read_text("utf-8").replace(
            "</style>", f"@page {{ size: {paper}; }}\n</style>", 1
        )
        page = page.with_name(f"{page.stem}-{paper}.html")
        page.write_text(text, "utf-8")
    pdf = page.with_suffix(".pdf")
    chromium(browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf_pages(pdf)


@pytest.mark.parametrize("paper", ["letter", "A4"])
@pytest.mark.parametrize("which", ["prep", "prep-plain"])
def test_the_prep_sheet_of_a_30_minute_interview_prints_on_one_page(
    browser: str, pages: dict[str, Path], records: Records, paper: str, which: str
) -> None:
    arial_metrics_or_fail()
    assert len(records.ws.prep_sheet(records.upcoming).questions) >= 15
    assert print_pdf(browser, pages[which], paper=paper) == 1


def test_two_prep_sheets_print_on_two_pages(browser: str, pages: dict[str, Path]) -> None:
    assert print_pdf(browser, pages["prep-two"]) == 2


def test_the_report_prints(browser: str, pages: dict[str, Path]) -> None:
    assert print_pdf(browser, pages["report"], paper="A4") >= 1


@pytest.mark.parametrize(
    ("which", "title", "heading"),
    [
        ("prep", "Prep sheet: Ada Lovelace &lt;script&gt;", "Ada Lovelace &lt;script&gt;"),
        ("report", "Informational interviews: Sam Rivera", "Sam Rivera"),
    ],
)
def test_the_pages_render_in_the_browser(
    browser: str, pages: dict[str, Path], which: str, title: str, heading: str
) -> None:
    page = pages[which]
    shot = page.with_suffix(".png")
    chromium(browser, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri())
    keep = os.environ.get("INFOINT_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    picture = read_png(shot)
    assert (picture.width, picture.height) == (1000, 1400)
    colours = Counter(picture.pixels())
    assert len(colours) > 50, "the screenshot is blank"
    _background, most = colours.most_common(1)[0]
    assert most < 0.9 * picture.width * picture.height, "almost nothing but background"
    assert any(_near(c, ACCENT) for c in colours), "the page's CSS did not apply"
    # The DOM as the browser built it: the title and heading there, and no script.
    dom = chromium(browser, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
    assert re.search(rf"<title>{re.escape(title)}", dom)
    assert re.search(rf"<h1[^>]*>(<bdi>)?{re.escape(heading)}", dom)
    assert "<script" not in dom
    assert "<img" not in dom


def _near(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return all(abs(x - y) <= 6 for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------- the policy at work


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Counter,), {"hits": hits})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_policy_stops_injected_markup_from_loading_anything(
    browser: str, pages: dict[str, Path], server: tuple[str, list[str]]
) -> None:
    base, hits = server
    injected = (
        f'<img src="{base}/img"><link rel="stylesheet" href="{base}/css">'
        f'<script src="{base}/js"></script><iframe src="{base}/frame"></iframe>'
        f'<div style="background: url({base}/bg)">x</div>'
    )
    page = pages["report"]
    text = page.read_text("utf-8").replace('<body class="report">', "<body>" + injected, 1)
    assert injected in text
    guarded = page.with_name("injected.html")
    guarded.write_text(text, "utf-8")
    chromium(browser, "--dump-dom", "--virtual-time-budget=3000", guarded.as_uri())
    assert hits == []
    # The same page without the policy does load them: the test can see a request.
    bare = page.with_name("no-policy.html")
    bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text), "utf-8")
    chromium(browser, "--dump-dom", "--virtual-time-budget=3000", bare.as_uri())
    assert hits, "without the policy the injected markup should have loaded something"
