"""End to end in a real browser: two seekers on one running platform, and one interview walked
from plan to thank-you by clicking through the pages.

The app runs on Werkzeug's server in a thread, on a free loopback port; Debian's
Chromium (``/usr/bin/chromium``, or ``INFOINT_CHROMIUM``) is driven headless by
Playwright's Python package, which never downloads a browser of its own. The
platform's clock is the tests' fake one, moved forward when the interview takes place. Without
Chromium the test fails and says what to install, unless ``INFOINT_SKIP_BROWSER=1``
(then it is skipped).

Screenshots of every step are kept in ``examples/career-platform/test-artifacts/``
(git-ignored), or in ``$INFOINT_ARTIFACTS/career-platform/`` when that is set (CI
collects that folder); a failed step adds ``failed-*.png`` of every open page.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from infoint.testing.plugin import FakeClock
from werkzeug.serving import make_server

from career_platform_testing import PASSWORD, make_app, platform_of

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = os.environ.get("INFOINT_CHROMIUM", "/usr/bin/chromium")
ZONE = "Europe/Berlin"
STEP_TIMEOUT_MS = 10_000


def _missing(why: str) -> None:
    if os.environ.get("INFOINT_SKIP_BROWSER") == "1":
        pytest.skip(f"{why} (INFOINT_SKIP_BROWSER=1)")
    pytest.fail(f"{why}; or set INFOINT_SKIP_BROWSER=1 to skip the browser test", pytrace=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} not found: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed: pip install -e 'examples/career-platform[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture
def live_server(tmp_path: Path, clock: FakeClock) -> Iterator[str]:
    """The platform on a free loopback port, served by a thread, on ``clock``; its base URL."""
    app = make_app(tmp_path, CLOCK=clock)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="career-platform", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        platform_of(app).close()


class Shots:
    """Numbered screenshots, in the order the steps were taken."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def take(self, page: Page, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots() -> Shots:
    given = os.environ.get("INFOINT_ARTIFACTS", "").strip()
    folder = (
        Path(given) / "career-platform"
        if given
        else Path(__file__).resolve().parents[1] / "test-artifacts"
    )
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):  # this run's pictures only
        old.unlink()
    return Shots(folder)


def sign_up(page: Page, base: str, username: str, name: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("User name").fill(username)
    page.get_by_label("Your name").fill(name)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("Time zone").fill(ZONE)
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def test_two_seekers_and_one_interview_from_plan_to_thank_you(
    browser: Browser, live_server: str, shots: Shots, clock: FakeClock
) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=STEP_TIMEOUT_MS)
    contexts: list[BrowserContext] = []
    try:
        # One browser profile (and so one cookie jar) per seeker.
        for _ in range(2):
            context = browser.new_context(viewport={"width": 1100, "height": 900})
            context.set_default_timeout(STEP_TIMEOUT_MS)
            contexts.append(context)
        ada, bo = contexts[0].new_page(), contexts[1].new_page()
        walk(ada, bo, live_server, shots, clock)
    except BaseException:
        for number, context in enumerate(contexts):
            for page in context.pages:
                page.screenshot(path=str(shots.folder / f"failed-{number}.png"), full_page=True)
        raise
    finally:
        for context in contexts:
            context.close()


def walk(ada: Page, bo: Page, base: str, shots: Shots, clock: FakeClock) -> None:
    from playwright.sync_api import expect

    nav = ada.get_by_role("navigation", name="Main")

    # ------------------------------------------------ two seekers sign up
    sign_up(ada, base, "ada", "Ada Lovelace")
    expect(ada.get_by_text("Nothing is due.")).to_be_visible()
    shots.take(ada, "ada-signed-up")
    sign_up(bo, base, "bo", "Bo Diddley")

    # ------------------------------------------------ Ada: a contact, then an interview
    nav.get_by_role("link", name="Contacts").click()
    form = ada.get_by_role("form", name="Add a contact")
    form.get_by_label("Name", exact=True).fill("Grace Hopper")
    form.get_by_label("Role").fill("Data engineer")
    form.get_by_label("Organization").fill("Acme")
    form.get_by_label("E-mail").fill("grace@acme.example")
    form.get_by_role("button", name="Add the contact").click()
    expect(ada.get_by_text("Added Grace Hopper.")).to_be_visible()
    expect(ada.get_by_role("link", name="Grace Hopper")).to_be_visible()
    shots.take(ada, "ada-contacts")

    nav.get_by_role("link", name="Plan an interview").click()
    form = ada.get_by_role("form", name="Plan an interview")
    form.get_by_label("Interviewee").select_option(label="Grace Hopper (Acme)")
    form.get_by_label("Kind").select_option("occupation")
    form.get_by_label("Name").fill("Data engineer")
    form.get_by_label("Learn how to break into the field").check()
    form.get_by_label("Find which skills I have").check()
    form.get_by_label("Learning goals").fill("What does a typical week look like?")
    form.get_by_label("Minutes agreed").fill("20")
    shots.take(ada, "ada-plan-form")
    form.get_by_role("button", name="Plan the interview").click()
    expect(ada.get_by_role("heading", name="Interview with Grace Hopper")).to_be_visible()
    expect(ada.locator("h1 .status")).to_have_text("idea")
    found = re.search(r"/interviews/([0-9a-f]{32})$", ada.url)
    assert found, ada.url
    interview_url = ada.url
    shots.take(ada, "ada-interview-planned")

    # ------------------------------------------------ Bo sees none of it
    bo.get_by_role("navigation", name="Main").get_by_role("link", name="Interviews").click()
    expect(bo.get_by_text("No interviews yet.")).to_be_visible()
    expect(bo.get_by_text("Grace Hopper")).to_have_count(0)
    bo.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").click()
    expect(bo.get_by_text("No contacts yet.")).to_be_visible()
    for url in (interview_url, interview_url + "/prep-sheet", interview_url + "/thank-you"):
        response = bo.goto(url)
        assert response is not None
        assert response.status == 404, url
        expect(bo.get_by_role("heading", name="Not found")).to_be_visible()
        expect(bo.get_by_text("Grace Hopper")).to_have_count(0)
    shots.take(bo, "bo-gets-404-for-adas-interview")

    # ------------------------------------------------ Ada: request, schedule
    ada.get_by_role("button", name="I asked for it").click()
    expect(ada.get_by_text("Request recorded.")).to_be_visible()
    expect(ada.locator("h1 .status")).to_have_text("requested")
    ada.get_by_role("link", name="Schedule").click()
    starts = (clock.now.astimezone(ZoneInfo(ZONE)) + timedelta(hours=3)).replace(
        second=0, microsecond=0
    )
    form = ada.get_by_role("form", name="Schedule")
    form.get_by_label("Starts at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Place").fill("Acme, 3rd floor")
    form.get_by_label("Travel time").fill("25")
    form.get_by_role("button", name="Save the date").click()
    expect(ada.get_by_text("Scheduled. Verify date, time and place")).to_be_visible()
    expect(ada.locator("h1 .status")).to_have_text("scheduled")
    expect(ada.get_by_text(f"{starts:%a %d %b %Y, %H:%M}").first).to_be_visible()

    # ------------------------------------------------ the agenda says what is due
    nav.get_by_role("link", name="Agenda").click()
    expect(
        ada.get_by_role("link", name="Verify date, time and place with Grace Hopper")
    ).to_be_visible()
    prepare = ada.get_by_role("link", name="Prepare questions for the interview with Grace Hopper")
    expect(prepare).to_be_visible()
    shots.take(ada, "ada-agenda-scheduled")

    # ------------------------------------------------ the prep sheet (infoint-html's page)
    prepare.click()
    expect(ada.get_by_role("heading", name="Prep sheet: Grace Hopper")).to_be_visible()
    sheet = ada.frame_locator("iframe.sheet")
    expect(sheet.locator("h1")).to_contain_text("Grace Hopper")
    expect(sheet.get_by_text("What does a typical week look like?").first).to_be_visible()
    expect(sheet.get_by_text("Acme, 3rd floor").first).to_be_visible()
    ada.get_by_role("button", name="Keep these questions").click()
    expect(ada.get_by_text("Question plan kept")).to_be_visible()
    expect(ada.get_by_text(re.compile(r"\d+ questions kept"))).to_be_visible()
    expect(sheet.locator("h1")).to_contain_text("Grace Hopper")  # the reloaded frame
    shots.take(ada, "ada-prep-sheet")
    with ada.context.expect_page() as opened:
        ada.get_by_role("link", name="Open the sheet alone (to print)").click()
    alone = opened.value
    alone.wait_for_load_state()
    expect(alone).to_have_title("Prep sheet: Grace Hopper")
    shots.take(alone, "ada-prep-sheet-alone")
    alone.close()

    # ------------------------------------------------ the day before, then the interview
    ada.get_by_role("link", name="Back to the interview").click()
    ada.get_by_role("button", name="Verified date, time and place").click()
    expect(ada.locator("h1 .status")).to_have_text("confirmed")
    at = ada.locator("input[name=at]")
    expect(at).to_have_value(f"{starts:%Y-%m-%dT%H:%M}")  # the scheduled start, not "now"
    ada.get_by_role("button", name="It took place").click()  # too early: it has not begun
    expect(ada.get_by_role("alert")).to_contain_text("is in the future")
    expect(ada.locator("h1 .status")).to_have_text("confirmed")
    clock.now = starts + timedelta(minutes=25)  # the interview took place
    ada.reload()
    ada.get_by_role("button", name="It took place").click()
    expect(ada.get_by_text("Marked as held: write down what was said.")).to_be_visible()
    # Held by mistake (say): undone from the interview's page, then held again.
    ada.get_by_role("link", name="Back to the interview").click()
    expect(ada.get_by_text("Last step: marked held")).to_be_visible()
    ada.get_by_role("button", name="Undo last step").click()
    expect(ada.get_by_text("Undid: marked held")).to_be_visible()
    expect(ada.locator("h1 .status")).to_have_text("confirmed")
    expect(at).to_have_value(f"{starts:%Y-%m-%dT%H:%M}")
    ada.get_by_role("button", name="It took place").click()
    expect(ada.get_by_text("Marked as held: write down what was said.")).to_be_visible()
    expect(
        ada.get_by_role("heading", name="Notes from the interview with Grace Hopper")
    ).to_be_visible()

    # ------------------------------------------------ notes, advice, a referral
    form = ada.get_by_role("form", name="Add a note")
    form.get_by_label("Note").fill("Pipelines break on Mondays; learn Airflow first.")
    form.get_by_role("button", name="Add the note").click()
    expect(ada.get_by_text("Note added.")).to_be_visible()
    form = ada.get_by_role("form", name="Add a note")
    form.get_by_label("Note").fill("Learn SQL before Spark.")
    form.locator("select[name=kind]").select_option("advice")
    form.get_by_role("button", name="Add the note").click()
    form = ada.get_by_role("form", name="Add a referral")
    form.get_by_label("Name").fill("Linus Torvalds")
    form.get_by_label("Organization").fill("Linux Foundation")
    form.get_by_label("Why talk to them").fill("Knows how open source teams hire")
    form.get_by_role("button", name="Add the referral").click()
    expect(ada.get_by_text("Linus Torvalds added to your contacts")).to_be_visible()
    said = ada.get_by_role("region", name="What was said")
    expect(said.get_by_text("Pipelines break on Mondays; learn Airflow first.")).to_be_visible()
    expect(said.locator(".note.k-advice")).to_contain_text("Learn SQL before Spark.")
    expect(
        ada.get_by_role("region", name="Referrals").get_by_role("link", name="Linus Torvalds")
    ).to_be_visible()
    shots.take(ada, "ada-notes")

    # ------------------------------------------------ assessment
    ada.get_by_role("link", name="Assessment").click()
    form = ada.get_by_role("form", name="Assessment")
    form.get_by_label("What went well").fill("She answered every question in detail.")
    form.get_by_label("How I will follow up").fill("Tell her in a month how Airflow went.")
    form.get_by_role("button", name="Save the assessment").click()
    expect(ada.get_by_text("Assessment saved.")).to_be_visible()

    # ------------------------------------------------ the thank-you note, checked, then sent
    expect(ada.get_by_role("heading", name="Thank-you note to Grace Hopper (G19)")).to_be_visible()
    expect(ada.locator(".actions .status")).to_have_text("assessed")
    ada.get_by_role("button", name="Draft it for me").click()
    expect(ada.get_by_text("Drafted: read it, change it, then send it.")).to_be_visible()
    letter = ada.get_by_label("The note")
    expect(letter).to_have_value(re.compile(r"Dear Grace Hopper,[\s\S]*Learn SQL before Spark"))
    checks = ada.get_by_role("region", name="Checks")
    expect(checks.get_by_text("Nothing flagged")).to_be_visible()
    letter.fill(letter.input_value() + "\nDo you have any job openings for me?")
    ada.get_by_role("button", name="Keep my text").click()
    expect(checks.get_by_text("sounds like asking for a job")).to_be_visible()
    shots.take(ada, "ada-thank-you-flagged")
    ada.get_by_role("button", name="Draft it for me").click()
    expect(checks.get_by_text("Nothing flagged")).to_be_visible()
    shots.take(ada, "ada-thank-you-drafted")
    ada.get_by_role("button", name="Mark as sent").click()
    expect(
        ada.get_by_text("Thank-you note marked as sent: the interview is thanked.")
    ).to_be_visible()
    expect(ada.locator("h1 .status")).to_have_text("thanked")
    shots.take(ada, "ada-interview-thanked")

    # ------------------------------------------------ the agenda afterwards
    nav.get_by_role("link", name="Agenda").click()
    expect(ada.get_by_text("Send a thank-you note to Grace Hopper")).to_have_count(0)
    expect(ada.get_by_text("Verify date, time and place")).to_have_count(0)
    expect(
        ada.get_by_role(
            "link", name=re.compile(r"Talk to more people about Data engineer \(1 of 2")
        )
    ).to_be_visible()
    shots.take(ada, "ada-agenda-after")

    # ------------------------------------------------ and still nothing for Bo
    bo.goto(f"{base}/agenda")
    expect(bo.get_by_text("Nothing is due.")).to_be_visible()
    for page in ("/agenda", "/contacts", "/interviews"):
        bo.goto(base + page)
        expect(bo.get_by_text(re.compile("Grace Hopper|Linus Torvalds"))).to_have_count(0)
    shots.take(bo, "bo-agenda-after")
