"""The platform through Flask's test client: signing in, CSRF, and one seeker's records
kept from another's, whatever IDs the other guesses."""

from __future__ import annotations

import os
import re
import stat
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

from career_platform.app import CSP, secret_key
from career_platform_testing import PASSWORD, Seeker, make_app, platform_of

# ---------------------------------------------------------------- signing in


@pytest.mark.parametrize(
    "url",
    ["/agenda", "/contacts", "/interviews", "/interviews/new", "/interviews/log", "/profile"],
)
def test_every_page_needs_a_signed_in_seeker(app: Flask, url: str) -> None:
    response = app.test_client().get(url)
    assert response.status_code == 303
    assert response.headers["Location"] == "/sign-in"


def test_a_post_without_a_seeker_changes_nothing(app: Flask, ada: Seeker) -> None:
    stranger = Seeker(app.test_client())
    response = stranger.post("/contacts", {"name": "Mallory"})  # a valid token, no account
    assert response.status_code == 303
    assert response.headers["Location"] == "/sign-in"
    assert "Mallory" not in ada.get("/contacts").text


def test_sign_in_with_the_right_password_only(app: Flask, ada: Seeker) -> None:
    visitor = Seeker(app.test_client())
    wrong = visitor.post("/sign-in", {"username": "ada", "password": "not it at all"})
    unknown = visitor.post("/sign-in", {"username": "nobody", "password": PASSWORD})
    for response in (wrong, unknown):  # the same answer: no hint which names exist
        assert response.status_code == 422
        assert "Wrong user name or password." in response.text
        assert PASSWORD not in response.text
        assert "not it at all" not in response.text
    assert visitor.get("/agenda").status_code == 303
    right = visitor.post("/sign-in", {"username": " ADA ", "password": PASSWORD})
    assert right.status_code == 303
    assert visitor.get("/agenda").status_code == 200


def test_a_user_name_is_taken_once(app: Flask, ada: Seeker) -> None:
    other = Seeker(app.test_client())
    response = other.post(
        "/sign-up",
        {
            "username": "Ada",
            "password": PASSWORD,
            "password_again": PASSWORD,
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 422
    assert "&#39;ada&#39; is taken" in response.text


def test_a_profile_that_cannot_be_saved_does_not_strand_the_new_account(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The account and the profile are two writes: the second failing (a locked
    # database, say) must still sign the seeker in, not leave their name taken.
    from infoint.errors import StoreError

    def locked(self: Workspace, **_: object) -> None:
        raise StoreError("database is locked")

    monkeypatch.setattr(Workspace, "set_profile", locked)
    cy = Seeker(app.test_client())
    cy.sign_up("cy", name="Cy Young")
    assert cy.get("/agenda").status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "a", "2 to 32 letters"),
        ("password", "short", "8 to 1024 characters"),
        ("time_zone", "Mars/Olympus", "not a time zone"),
    ],
)
def test_sign_up_says_what_is_wrong(app: Flask, field: str, value: str, message: str) -> None:
    form = {
        "username": "cleo",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "time_zone": "UTC",
        field: value,
    }
    if field == "password":
        form["password_again"] = value
    response = Seeker(app.test_client()).post("/sign-up", form)
    assert response.status_code == 422
    assert message in response.text
    assert 'value="' + PASSWORD not in response.text  # passwords are never sent back


def test_signing_out_ends_the_session(ada: Seeker) -> None:
    assert ada.get("/agenda").status_code == 200
    assert ada.post("/sign-out").status_code == 303
    assert ada.get("/agenda").status_code == 303


def test_the_session_cookie_is_http_only_and_same_site(app: Flask) -> None:
    response = Seeker(app.test_client()).client.get("/sign-in")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_passwords_are_stored_hashed(app: Flask, ada: Seeker) -> None:
    import sqlalchemy as sa

    from career_platform.accounts import accounts_table

    with platform_of(app).accounts.engine.connect() as conn:
        stored = conn.execute(sa.select(accounts_table.c.password_hash)).scalar_one()
    assert PASSWORD not in stored
    assert stored.startswith(("scrypt:", "pbkdf2:"))


# ---------------------------------------------------------------- CSRF


def test_a_post_without_the_csrf_token_is_refused(ada: Seeker) -> None:
    missing = ada.client.post("/contacts", data={"name": "Eve"})
    forged = ada.post("/contacts", {"name": "Eve", "csrf_token": "x" * 43})
    for response in (missing, forged):
        assert response.status_code == 400
        assert "This form has expired or came from another site" in response.text
    assert "Eve" not in ada.get("/contacts").text


def test_a_token_that_is_not_ascii_is_refused_too(ada: Seeker) -> None:
    response = ada.post("/contacts", {"name": "Eve", "csrf_token": "é" * 43})
    assert response.status_code == 400


def test_another_sessions_token_does_not_work(ada: Seeker, bo: Seeker) -> None:
    response = ada.post("/contacts", {"name": "Eve", "csrf_token": bo.token()})
    assert response.status_code == 400
    assert "Eve" not in ada.get("/contacts").text


def test_sign_in_and_sign_out_need_the_token_too(app: Flask, ada: Seeker) -> None:
    visitor = app.test_client()
    visitor.get("/sign-in")
    response = visitor.post("/sign-in", data={"username": "ada", "password": PASSWORD})
    assert response.status_code == 400
    assert ada.client.post("/sign-out").status_code == 400
    assert ada.get("/agenda").status_code == 200


def test_signing_in_gives_a_new_token(app: Flask, ada: Seeker) -> None:
    visitor = Seeker(app.test_client())
    before = visitor.token()
    visitor.post("/sign-in", {"username": "ada", "password": PASSWORD})
    assert visitor.token() != before


# ---------------------------------------------------------------- one seeker's records


@pytest.mark.both_stores
def test_another_seekers_ids_are_not_found(store_url: str, ada: Seeker, bo: Seeker) -> None:
    grace = ada.add_contact("Grace Hopper", organization="Acme")
    interview = ada.plan(grace)
    assert ada.get(f"/interviews/{interview}").status_code == 200
    missing = uuid.uuid4().hex
    bo.get("/agenda")  # the welcome message shown, so that it is not on one page of the two
    pages = ["", "/schedule", "/prep", "/prep-sheet", "/notes", "/assessment", "/thank-you"]
    for page in pages:
        theirs = bo.get(f"/interviews/{interview}{page}")
        nobodys = bo.get(f"/interviews/{missing}{page}")
        assert theirs.status_code == nobodys.status_code == 404, page
        assert theirs.text == nobodys.text, page  # nothing tells "someone else's" from "none"
        assert "Grace" not in theirs.text
    assert bo.get(f"/contacts/{grace}").text == bo.get(f"/contacts/{missing}").text
    assert bo.get(f"/contacts/{grace}").status_code == 404
    actions = ["request", "confirm", "hold", "undo", "cancel", "close", "questions", "notes"]
    for action in actions:
        response = bo.post(f"/interviews/{interview}/{action}", {"text": "mine now"})
        assert response.status_code == 404, action
    assert bo.post(f"/contacts/{grace}/follow-ups", {"channel": "email"}).status_code == 404
    # Nothing of Ada's shows in Bo's lists, and Ada's interview did not move.
    for page in ["/agenda", "/contacts", "/interviews"]:
        assert "Grace" not in bo.get(page).text
    assert "Grace Hopper" in ada.get("/interviews").text
    assert ">idea</span>" in ada.get(f"/interviews/{interview}").text


def test_another_seekers_contact_cannot_be_planned_with(ada: Seeker, bo: Seeker) -> None:
    grace = ada.add_contact("Grace Hopper")
    response = bo.post(
        "/interviews/new",
        {"contact": grace, "target_kind": "company", "target_name": "Acme", "purposes": "skills"},
    )
    assert response.status_code == 422
    assert f"no contact matches &#39;{grace}&#39;" in response.text
    assert "No interviews yet." in bo.get("/interviews").text


def test_urls_take_whole_ids_only(ada: Seeker) -> None:
    interview = ada.plan(ada.add_contact("Grace Hopper"))
    # The SDK resolves prefixes and contact names; a URL names one record exactly.
    assert ada.get(f"/interviews/{interview[:8]}").status_code == 404
    assert ada.get(f"/interviews/{interview.upper()}").status_code == 404
    assert ada.get("/contacts/Grace%20Hopper").status_code == 404


def test_the_owner_is_the_account_never_a_form_field(app: Flask, ada: Seeker) -> None:
    ada.post("/contacts", {"name": "Grace Hopper", "owner": "bo"})
    store = platform_of(app).store
    account = platform_of(app).accounts.sign_in("ada", PASSWORD)
    assert account is not None
    assert [c.name for c in Workspace(store, owner=account.id).contacts()] == ["Grace Hopper"]
    for other in ("ada", "bo"):  # the user name is not the owner either
        assert Workspace(store, owner=other).contacts() == []


def test_a_form_from_an_older_version_is_refused(ada: Seeker) -> None:
    interview = ada.plan(ada.add_contact("Grace Hopper"))
    page = ada.get(f"/interviews/{interview}").text
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version
    ada.post(f"/interviews/{interview}/request", {"channel": "email"})  # another tab
    response = ada.post(
        f"/interviews/{interview}/cancel", {"version": version.group(1)}, follow_redirects=True
    )
    assert "it changed since this page was shown" in response.text
    assert ">requested</span>" in response.text


# ---------------------------------------------------------------- what the seeker sees


def test_what_seekers_type_is_escaped(ada: Seeker) -> None:
    name = '<script>alert("x")</script>'
    interview = ada.plan(ada.add_contact(name), target="<b>bold</b>")
    for url in ["/contacts", "/interviews", f"/interviews/{interview}", "/agenda"]:
        text = ada.get(url).text
        assert "<script>" not in text, url
        assert "&lt;script&gt;" in text, url
    sheet = ada.get(f"/interviews/{interview}/prep-sheet").text
    assert "<script>" not in sheet
    assert "<b>bold</b>" not in sheet


def test_refusals_are_messages_on_the_page(ada: Seeker) -> None:
    interview = ada.plan(ada.add_contact("Grace Hopper"))
    note = ada.post(f"/interviews/{interview}/notes", {"text": "too early"})
    assert note.status_code == 422
    assert "schedule or hold it first" in note.text
    send = ada.post(f"/interviews/{interview}/thank-you/send", follow_redirects=True)
    assert "there is no draft yet" in send.text
    close = ada.post(f"/interviews/{interview}/close", follow_redirects=True)
    assert "cannot close interview" in close.text
    minutes = ada.post(
        "/interviews/new",
        {"contact": "x", "target_kind": "industry", "target_name": "Media", "minutes": "ten"},
    )
    assert minutes.status_code == 422
    assert "is not a whole number" in minutes.text


def test_the_headers_keep_pages_to_themselves(ada: Seeker) -> None:
    interview = ada.plan(ada.add_contact("Grace Hopper"))
    page = ada.get("/agenda")
    assert page.headers["Content-Security-Policy"] == CSP
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Cache-Control"] == "no-store"
    sheet = ada.get(f"/interviews/{interview}/prep-sheet")
    assert sheet.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'self'" in sheet.headers["Content-Security-Policy"]
    assert sheet.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_the_prep_sheet_is_the_html_plugins_page(ada: Seeker) -> None:
    interview = ada.plan(ada.add_contact("Grace Hopper", organization="Acme"))
    sheet = ada.get(f"/interviews/{interview}/prep-sheet")
    assert sheet.mimetype == "text/html"
    assert "<title>Prep sheet: Grace Hopper</title>" in sheet.text
    assert "What does a typical week look like?" in sheet.text
    assert "Ada Lovelace" in sheet.text  # the profile's name, set at sign-up


# ---------------------------------------------------------------- settings


def test_the_secret_key_file_is_private_and_kept(tmp_path: Path) -> None:
    first = secret_key(tmp_path)
    file = tmp_path / "secret_key"
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert secret_key(tmp_path) == first
    assert len(first) >= 64


def test_the_one_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    monkeypatch.setenv("CAREER_PLATFORM_DB", url)
    monkeypatch.delenv("CAREER_PLATFORM_SECRET_KEY", raising=False)
    app = make_app(tmp_path)
    try:
        assert app.config["DATABASE"] == url
        assert (tmp_path / "elsewhere.db").exists()
        assert stat.S_IMODE((tmp_path / "instance").stat().st_mode) == 0o700
        assert (tmp_path / "instance" / "secret_key").exists()
    finally:
        platform_of(app).close()


def test_a_memory_store_keeps_accounts_in_memory(tmp_path: Path) -> None:
    app = make_app(tmp_path, "memory://")
    try:
        seeker = Seeker(app.test_client())
        seeker.sign_up("ada")
        seeker.add_contact("Grace Hopper")
        assert "Grace Hopper" in seeker.get("/contacts").text
        assert not [p for p in os.listdir(tmp_path / "instance") if p.endswith(".db")]
    finally:
        platform_of(app).close()


# ---------------------------------------------------------------- the forms, without a browser


@pytest.mark.both_stores
def test_every_step_of_an_interview_through_the_forms(
    store_url: str, ada: Seeker, clock: FakeClock
) -> None:
    """The same walk as the browser test, form by form (it runs where Chromium is missing)."""
    grace = ada.add_contact("Grace Hopper", organization="Acme", email="grace@acme.example")
    interview = ada.plan(grace, target="Data engineer")
    base = f"/interviews/{interview}"

    def step(url: str, form: dict[str, str] | None = None, *, lands: str = base) -> str:
        response = ada.post(url, form)
        assert response.status_code == 303, response.text
        assert response.headers["Location"] == lands
        return ada.get(lands).text

    step(f"{base}/request", {"channel": "phone"})
    page = step(f"{base}/schedule", {"starts_at": "2026-12-01T14:00", "minutes": "20"})
    assert "Tue 01 Dec 2026, 14:00" in page
    assert ">scheduled</span>" in page
    assert "Grace Hopper" in ada.get(f"{base}/prep-sheet").text
    step(f"{base}/questions", lands=f"{base}/prep")
    step(f"{base}/confirm")
    clock.now = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)  # 14:30 in Berlin: it took place
    assert 'name="at" value="2026-12-01T14:00"' in ada.get(base).text
    notes = f"{base}/notes"
    page = step(f"{base}/hold", {"at": "2026-12-01T14:00"}, lands=notes)
    step(notes, {"text": "Pipelines break on Mondays."}, lands=notes)
    step(notes, {"text": "Learn SQL first.", "kind": "advice"}, lands=notes)
    step(f"{base}/referrals", {"name": "Linus Torvalds"}, lands=notes)
    page = step(f"{base}/openings", {"opening_title": "Junior data engineer"}, lands=notes)
    assert "Junior data engineer: apply from" in page
    assert "Linus Torvalds" in ada.get("/contacts").text  # a referral is a contact (G16)
    thanks = f"{base}/thank-you"
    step(f"{base}/assessment", {"went_well": "Everything."}, lands=thanks)
    step(f"{base}/feedback", {"reviewer": "Sam", "text": "Ask more."}, lands=f"{base}/assessment")
    page = step(f"{thanks}/draft", {"action": "draft"}, lands=thanks)
    assert "Dear Grace Hopper," in page
    assert "Nothing flagged" in page
    page = step(
        f"{thanks}/draft", {"action": "save", "text": "Thanks! What is the salary?"}, lands=thanks
    )
    assert "asks about pay" in page
    page = step(f"{thanks}/send")
    assert ">thanked</span>" in page
    assert "Send a thank-you note" not in ada.get("/agenda").text
    page = step(f"{base}/close")
    assert ">closed</span>" in page


def test_a_conversation_logged_after_the_fact(ada: Seeker) -> None:
    grace = ada.add_contact("Grace Hopper")
    response = ada.post(
        "/interviews/log",
        {"contact": grace, "at": "2026-01-10T18:00", "learned": "Meetups matter."},
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/thank-you")
    page = ada.get(response.headers["Location"]).text
    assert ">held</span>" in page
    assert "Send a thank-you note to Grace Hopper" in ada.get("/agenda").text


def test_follow_ups_keep_to_the_cadence(ada: Seeker) -> None:
    grace = ada.add_contact("Grace Hopper")
    ada.post("/interviews/log", {"contact": grace, "at": "2026-01-10T18:00", "learned": "Hi."})
    page = ada.get(f"/contacts/{grace}").text
    assert "Next contact allowed from" in page
    first = ada.post(f"/contacts/{grace}/follow-ups", {"channel": "email", "note": "How are you?"})
    assert first.status_code == 303
    again = ada.post(f"/contacts/{grace}/follow-ups", {"channel": "email"}, follow_redirects=True)
    assert "too soon" in again.text
    answered = ada.post(f"/contacts/{grace}/answered", follow_redirects=True)
    assert "Grace Hopper answered." in answered.text


def test_the_pitch_is_checked(ada: Seeker) -> None:
    long_pitch = " ".join(["word"] * 120)
    assert ada.post("/profile", {"name": "Ada Lovelace", "pitch": long_pitch}).status_code == 303
    page = ada.get("/profile").text
    assert "About your pitch" in page


# ---------------------------------------------------------------- only what happened, in order


def scheduled_and_confirmed(seeker: Seeker, clock: FakeClock) -> str:
    """An interview with Grace Hopper at 14:00 Berlin on 1 December, verified the day before
    (the clock stands at 26 November 09:00 UTC until the test moves it); its page's URL."""
    interview = seeker.plan(seeker.add_contact("Grace Hopper"))
    base = f"/interviews/{interview}"
    seeker.post(f"{base}/schedule", {"starts_at": "2026-12-01T14:00", "minutes": "20"})
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    seeker.post(f"{base}/confirm")
    assert ">confirmed</span>" in seeker.get(base).text
    return base


def rule_codes(text: str) -> list[str]:
    """Rule codes (G1 ... G29) in a page: for the people who wrote the rules, not seekers."""
    return re.findall(r"\bG2[5-9]\b", text)


def test_g26_hold_form_prefills_the_scheduled_start(ada: Seeker, clock: FakeClock) -> None:
    base = scheduled_and_confirmed(ada, clock)
    page = ada.get(base).text
    # The start in the seeker's zone, as the page's datetime-local fields take it; not "now".
    assert 'name="at" value="2026-12-01T14:00"' in page
    assert 'value="2026-11-30T10:00"' not in page


def test_g26_the_prefilled_start_is_held_once_it_has_passed(ada: Seeker, clock: FakeClock) -> None:
    base = scheduled_and_confirmed(ada, clock)
    clock.now = datetime(2026, 12, 1, 13, 25, tzinfo=UTC)  # 14:25 in Berlin
    at = re.search(r'name="at" value="([^"]*)"', ada.get(base).text)
    assert at
    response = ada.post(f"{base}/hold", {"at": at.group(1)}, follow_redirects=True)
    assert "Marked as held" in response.text
    assert ">held</span> Tue 01 Dec 2026, 14:00" in ada.get(base).text


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("2026-12-01T14:00", "is in the future; record the conversation once it has happened"),
        ("2026-11-30T09:00", "is before the interview&#39;s previous step (confirmed"),
        ("", "so it cannot be held yet"),
        ("0001-01-01T00:00", "&#39;0001-01-01T00:00&#39; is out of range"),
        ("yesterday", "&#39;yesterday&#39; is not a date and time"),
    ],
)
def test_g26_a_hold_time_that_cannot_be_is_a_message_on_the_page(
    ada: Seeker, clock: FakeClock, at: str, message: str
) -> None:
    base = scheduled_and_confirmed(ada, clock)  # now: 30 November, 10:00 in Berlin
    response = ada.post(f"{base}/hold", {"at": at})
    assert response.status_code == 303  # back to the interview's page, with the reason
    assert response.headers["Location"] == base
    page = ada.get(base).text
    flashes = re.findall(r'<li class="flash error" role="alert">([^<]*)</li>', page)
    assert len(flashes) == 1, page
    assert message in flashes[0]
    assert rule_codes(page) == []
    assert ">confirmed</span>" in page


def test_g26_held_earlier_than_scheduled_moves_the_start(ada: Seeker, clock: FakeClock) -> None:
    base = scheduled_and_confirmed(ada, clock)
    clock.now = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # they met early, that afternoon
    response = ada.post(f"{base}/hold", {"at": "2026-11-30T16:30"}, follow_redirects=True)
    assert "Marked as held" in response.text
    page = ada.get(base).text
    assert "<dt>When</dt><dd>Mon 30 Nov 2026, 16:30</dd>" in page


def test_g26_undo_last_step_says_what_it_undid(ada: Seeker, clock: FakeClock) -> None:
    base = scheduled_and_confirmed(ada, clock)
    clock.now = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)
    ada.post(f"{base}/hold", {"at": "2026-12-01T14:00"})
    page = ada.get(base).text
    assert "Last step: marked held (recorded Tue 01 Dec 2026, 14:30)" in page
    assert "Undo last step" in page
    response = ada.post(f"{base}/undo", follow_redirects=True)
    assert "Undid: marked held (recorded Tue 01 Dec 2026, 14:30). It is confirmed again." in (
        response.text
    )
    assert ">confirmed</span>" in response.text
    assert "Last step: date, time and place verified" in response.text
    assert rule_codes(response.text) == []
    assert "restore" not in response.text  # what undoing needs stays inside the SDK
    assert "shorten" not in response.text
    ada.post(f"{base}/hold", {"at": "2026-12-01T14:00"})  # held again, at the same time
    assert ">held</span>" in ada.get(base).text


def test_g26_undoing_a_note_keeps_the_status(ada: Seeker, clock: FakeClock) -> None:
    base = scheduled_and_confirmed(ada, clock)
    clock.now = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)
    ada.post(f"{base}/hold", {"at": "2026-12-01T14:00"})
    ada.post(f"{base}/notes", {"text": "Pipelines break on Mondays."})
    response = ada.post(f"{base}/undo", follow_redirects=True)
    assert "Undid: note added (recorded Tue 01 Dec 2026, 14:30)." in response.text
    assert "again" not in response.text  # still held: nothing more to say
    assert "Pipelines break on Mondays." not in ada.get(f"{base}/notes").text


def test_g26_undo_from_an_older_page_is_refused(ada: Seeker, clock: FakeClock) -> None:
    base = scheduled_and_confirmed(ada, clock)
    version = re.search(r'name="version" value="(\d+)"', ada.get(base).text)
    assert version
    clock.now = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)
    ada.post(f"{base}/hold", {"at": "2026-12-01T14:00"})  # in another tab
    response = ada.post(f"{base}/undo", {"version": version.group(1)}, follow_redirects=True)
    assert "it changed since this page was shown" in response.text
    assert ">held</span>" in response.text  # the hold the older page did not see stays


def test_g26_nothing_to_undo_shows_no_button(ada: Seeker) -> None:
    interview = ada.plan(ada.add_contact("Grace Hopper"))
    page = ada.get(f"/interviews/{interview}").text
    assert "Undo last step" not in page
    response = ada.post(f"/interviews/{interview}/undo", follow_redirects=True)
    assert "has no step left to undo" in response.text  # a message, not the 404 page
    assert ">idea</span>" in response.text
