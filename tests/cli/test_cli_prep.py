"""``infoint prep`` and ``infoint questions suggest`` as a seeker uses them."""

from __future__ import annotations

import re

import pytest

START = "2026-12-01 14:00 Europe/Paris"


@pytest.fixture
def interview(infoint) -> str:
    infoint.ok("profile", "set", "--pitch", "I'm Sam, an analyst exploring data engineering.")
    infoint.new_id(
        "contact", "add", "Ada Lovelace", "--role", "Data engineer", "--org", "Analytical Engines"
    )
    ref = infoint.new_id(
        "interview", "plan", "--contact", "Ada Lovelace", "--target", "occupation:Data engineer",
        "--purpose", "break-in", "--goal", "Find out how they train juniors",
        "--research", "organization: they moved their reporting to streaming last year",
        "--minutes", "20", "--travel-minutes", "25", "--dress", "casual", "--place", "Mill St",
    )  # fmt: skip
    infoint.ok("interview", "schedule", ref, "--at", START)
    return ref


def test_prep_sheet_text_has_every_section(infoint, interview: str) -> None:
    out = infoint.ok("prep", interview)
    for heading in (
        "Who:", "When and where:", "Learning about:", "Your learning goals:", "Your research:",
        "Your pitch (about 3 seconds):", "Dress:", "Bring:", "Manners:", "Questions:",
    ):  # fmt: skip
        assert f"\n{heading}\n" in out, heading
    assert "Arrive: Tue 2026-12-01 13:50 (+01:00)" in out
    assert "Leave by: Tue 2026-12-01 13:25 (+01:00) (25 minutes of travel)" in out
    assert "dress one step above it, business-casual" in out
    assert "Could you tell me how you train juniors?" in out
    assert "I read that they moved their reporting to streaming last year." in out
    marks = re.findall(r"\[(\d+):(\d\d)\] \((\S+)\)", out)
    assert marks[0][:2] == ("0", "30")  # questions start after the 30-second introduction
    assert marks[-1][2] == "people"  # and end asking whom else to talk to
    kinds = {kind for _, _, kind in marks}
    assert {"needs", "offers", "people"} <= kinds


def test_prep_sheet_markdown_and_json(infoint, interview: str) -> None:
    markdown = infoint.ok("prep", interview, "--format", "markdown")
    assert markdown.startswith("# Prep sheet: Ada Lovelace\n")
    assert "\n## Questions\n" in markdown
    data = infoint.json("prep", interview)
    assert data["arrive_at"] == "2026-12-01T13:50:00+01:00"
    assert data["dress_recommended"] == "business-casual"
    assert data["questions"][-1]["kind"] == "people"
    assert data["short"] is False


def test_g7_phone_interview_gets_a_short_sheet(infoint) -> None:
    infoint.new_id("contact", "add", "Grace", "--org", "Navy")
    ref = infoint.new_id(
        "interview", "plan", "--contact", "Grace", "--target", "company:Navy",
        "--purpose", "skills", "--mode", "phone", "--minutes", "4",
    )  # fmt: skip
    data = infoint.json("prep", ref)
    assert data["short"] is True
    assert 2 <= len(data["questions"]) <= 3
    assert data["leave_by"] is None
    out = infoint.ok("prep", ref)
    assert "Dress:" not in out and "handshake" not in out


def test_questions_suggest_warns_on_length_and_saves(infoint, interview: str) -> None:
    out = infoint.ok("questions", "suggest", interview, "--minutes", "45")
    assert "warning: an in-person interview lasts 15 to 30 minutes (G7); 45 were agreed" in out
    saved = infoint.ok("questions", "suggest", interview, "--save", "--why")
    assert "why: covers" in saved
    stored = infoint.interview(interview)["questions"]
    assert stored and stored[-1]["kind"] == "people"
    question = stored[0]["id"].split(":", 1)[1]
    infoint.now = "2026-12-01 15:00+01:00"  # after the interview (see the fixture)
    infoint.ok("interview", "hold", interview)
    infoint.ok("note", "add", interview, "Mostly batch jobs", "--question", question)
    notes = infoint.interview(interview)["notes"]
    assert notes[0]["kind"] == "answer" and notes[0]["question_id"] == stored[0]["id"]


def test_prep_for_an_unknown_interview_is_one_line(infoint) -> None:
    assert "no interview matches" in infoint.fail("prep", "nope")


def test_g7_g15_planning_warns_about_length_and_pay_goals(infoint) -> None:
    infoint.new_id("contact", "add", "Grace")
    result = infoint.invoke(
        "interview", "plan", "--contact", "Grace", "--target", "company:Navy",
        "--purpose", "skills", "--mode", "phone", "--minutes", "10",
        "--goal", "What is the starting salary?", "-q",
    )  # fmt: skip
    assert result.exit_code == 0
    warnings = result.stderr.splitlines()
    assert any("phone interview should last less than 5 minutes" in w for w in warnings)
    assert any("starting salary" in w and "will not be asked" in w for w in warnings)
