"""After the interview, entirely from the CLI (G8, G15-G21): the issue's 'done when'."""

from __future__ import annotations

import json

import pytest

HELD_AT = "2026-11-20 15:00 Europe/Paris"


@pytest.fixture
def logged(infoint) -> str:
    infoint.now = "2026-11-28 09:00+01:00"  # a week after: every step below has happened
    infoint.ok("profile", "set", "--name", "Sam Rivera", "--pitch", "I'm Sam, an analyst.")
    infoint.new_id("contact", "add", "Ada Lovelace", "--role", "Data engineer", "--org", "Engines")
    return infoint.new_id(
        "interview", "log", "--contact", "Ada Lovelace", "--at", HELD_AT,
        "--learned", "Teams hire analysts who can model data",
        "--target", "occupation:Data engineer",
    )  # fmt: skip


def test_from_log_to_follow_up_with_the_agenda_saying_what_is_due(infoint, logged: str) -> None:
    at = "2026-11-20 18:00 Europe/Paris"
    agenda = infoint.json("agenda", "--at", at)
    kinds = {(i["kind"], i["interview_id"]) for i in agenda}
    assert ("thank-you", logged) in kinds and ("assess", logged) in kinds

    infoint.ok("note", "add", logged, "Learn dbt and SQL window functions", "--advice", "--at", at)
    grace = infoint.new_id(
        "referral", "add", logged, "Grace Hopper", "--org", "Navy", "--note", "runs the data team"
    )
    assert infoint.contact(grace)["referred_by_id"] == infoint.interview(logged)["contact_id"]
    tree = infoint.ok("network")
    assert tree.splitlines() == [
        "Ada Lovelace [Data engineer, Engines]",
        "└── Grace Hopper [Navy] (referred, not contacted yet)",
    ]
    assert infoint.ok("network", "--format", "mermaid").startswith("graph TD\n")
    assert "Grace Hopper" in infoint.ok("network", "--pending")
    assert infoint.ok("network", "--chain", "Grace Hopper") == "Ada Lovelace -> Grace Hopper\n"

    infoint.ok(
        "assess", logged, "--went-well", "Good rapport", "--wish-said", "My pitch", "--at", at
    )
    infoint.ok(
        "assess", logged, "--reviewer", "Counsellor Kim", "--feedback", "Ask open questions"
    )
    data = infoint.interview(logged)
    assert data["status"] == "assessed"
    assert data["assessment"]["feedback"][0]["reviewer"] == "Counsellor Kim"

    draft = infoint.ok("thank-you", logged, "--at", at)
    assert "Grace Hopper" in draft and "Sam Rivera" in draft
    assert "no findings" in draft
    sent = infoint.ok("thank-you", logged, "--sent", "--at", "2026-11-21 09:00 Europe/Paris")
    assert "Thank-you note: sent" in sent and "(late)" not in sent
    assert infoint.interview(logged)["status"] == "thanked"

    infoint.ok("opening", "add", logged, "Junior data engineer", "--org", "Engines")
    early = infoint.fail(
        "follow-up",
        "log",
        "Ada Lovelace",
        "--channel",
        "email",
        "--at",
        "2026-11-25 10:00 Europe/Paris",
    )
    assert "Ada Lovelace: too soon: the next contact is allowed from" in early
    later = "2026-12-06 10:00 Europe/Paris"
    kinds = {i["kind"] for i in infoint.json("agenda", "--at", later)}
    assert {"follow-up", "apply"} <= kinds
    infoint.now = "2026-12-08 09:00+01:00"
    infoint.ok(
        "follow-up",
        "log",
        "Ada Lovelace",
        "--channel",
        "email",
        "--note",
        "Article",
        "--at",
        later,
    )
    status = infoint.ok("follow-up", "status", "Ada Lovelace")
    assert "1 (1 unanswered in a row)" in status
    infoint.ok("follow-up", "answered", "Ada Lovelace", "--at", "2026-12-07 10:00 Europe/Paris")
    infoint.ok("opening", "applied", logged, "1")
    stats = infoint.json("stats")
    assert stats["funnel"]["thanked"] == 1
    assert stats["median_days_to_thank_you"] == 0.75
    infoint.ok("interview", "close", logged)
    assert all(i["interview_id"] != logged for i in infoint.json("agenda", "--at", later))


def test_thank_you_with_own_text_is_linted(infoint, logged: str) -> None:
    out = infoint.invoke(
        "thank-you", logged, "--text", "-", input="Dear Ada, are you hiring? I recieved so much.\n"
    )
    assert out.exit_code == 0
    assert "job-asking" in out.stdout and "spelling" in out.stdout
    data = json.loads(infoint.ok("thank-you", logged, "--check", "--json"))
    assert {f["rule"] for f in data["findings"]} >= {"job-asking", "spelling"}


def test_g17_assess_without_answers_off_a_terminal_is_refused(infoint, logged: str) -> None:
    # No terminal here, so nothing is asked; an empty assessment is not recorded.
    assert "nothing to record" in infoint.fail("assess", logged)
    assert infoint.interview(logged)["status"] == "held"


def test_agenda_when_nothing_is_due(infoint) -> None:
    assert infoint.ok("agenda") == "Nothing due.\n"
