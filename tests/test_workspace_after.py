"""After the interview through the SDK: referrals, openings, assessment, thank-you,
follow-ups, agenda and stats (G15-G21)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoint.errors import Conflict, IllegalTransition, NotFound, ValidationError
from infoint.model import Interview, Status
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace


@pytest.fixture
def ws(infoint_workspace: Workspace) -> Workspace:
    infoint_workspace.set_profile(name="Sam Rivera", pitch="I'm Sam, an analyst.")
    return infoint_workspace


@pytest.fixture
def held(ws: Workspace, infoint_clock: FakeClock) -> Interview:
    ws.add_contact("Ada Lovelace", role="Data engineer", organization="Analytical Engines")
    interview = ws.plan_interview(
        "Ada Lovelace", targets=["occupation:Data engineer"], purposes=["break-in"]
    )
    ws.schedule_interview(interview.id, starts_at=infoint_clock.now + timedelta(days=2))
    infoint_clock.advance(days=2)
    ws.hold_interview(interview.id)
    ws.add_note(interview.id, "Learn SQL window functions before anything else", kind="advice")
    return ws.interview(interview.id)


def test_g16_a_referral_makes_a_contact_referred_by_the_interviewee(
    ws: Workspace, held: Interview
) -> None:
    interview, grace = ws.add_referral(held.id, "Grace Hopper", organization="Navy")
    assert grace.referred_by_id == held.contact_id
    assert interview.referrals[0].contact_id == grace.id
    assert [c.name for c in ws.pending_referrals()] == ["Grace Hopper"]
    assert [c.name for c in ws.chain("Grace Hopper")] == ["Ada Lovelace", "Grace Hopper"]
    # The same name again links, never duplicates; twice on one interview is refused.
    other = ws.plan_interview(
        "Ada Lovelace", targets=["occupation:Data engineer"], purposes=["skills"]
    )
    ws.schedule_interview(other.id, starts_at=ws.now())
    ws.hold_interview(other.id)
    _, again = ws.add_referral(other.id, "Grace Hopper")
    assert again.id == grace.id
    assert len(ws.contacts()) == 2
    with pytest.raises(Conflict, match="already a referral"):
        ws.add_referral(held.id, contact=grace.id)


def test_g16_referrals_need_a_conversation(ws: Workspace) -> None:
    ws.add_contact("Ada")
    idea = ws.plan_interview("Ada", targets=["company:Acme"], purposes=["skills"])
    with pytest.raises(ValidationError, match="referrals come from the conversation"):
        ws.add_referral(idea.id, "Grace")
    assert len(ws.contacts()) == 1  # nothing half-written


def test_g15_an_opening_waits_for_the_thank_you_note_and_a_week(
    ws: Workspace, held: Interview, infoint_clock: FakeClock
) -> None:
    interview = ws.add_opening(held.id, "Junior data engineer", organization="Analytical Engines")
    opening = interview.openings[0]
    due = infoint_clock.now + timedelta(hours=24)
    assert opening.earliest_apply_on == (due + timedelta(days=7)).date()
    applied = ws.mark_applied(held.id, 1)
    assert applied.openings[0].applied_at == infoint_clock.now
    with pytest.raises(NotFound, match="there is no number 2"):
        ws.mark_applied(held.id, 2)


def test_g17_assessment_moves_held_to_assessed_and_takes_feedback(
    ws: Workspace, held: Interview
) -> None:
    with pytest.raises(ValidationError, match="assess it first"):
        ws.add_feedback(held.id, "Counsellor Kim", "Good questions")
    assessed = ws.assess_interview(held.id, went_well="Good rapport", wish_said="My pitch")
    assert assessed.status is Status.ASSESSED
    again = ws.assess_interview(held.id, follow_up_strategy="Email in two weeks")
    assert again.assessment is not None
    assert again.assessment.went_well == "Good rapport"
    assert again.assessment.follow_up_strategy == "Email in two weeks"
    reviewed = ws.add_feedback(held.id, "Counsellor Kim", "Ask fewer yes/no questions")
    assert reviewed.assessment is not None
    assert reviewed.assessment.feedback[0].reviewer == "Counsellor Kim"


def test_g19_thank_you_text_is_kept_linted_and_sent(
    ws: Workspace, held: Interview, infoint_clock: FakeClock
) -> None:
    review = ws.draft_thank_you(
        held.id, text="Dear Ada,\n\nThank you. Are you hiring? I recieved great advice.\n"
    )
    rules = {f.rule for f in review.findings}
    assert {"job-asking", "spelling"} <= rules
    assert not review.late
    infoint_clock.advance(hours=30)
    sent = ws.send_thank_you(held.id)
    assert sent.note is not None and sent.note.sent_at == infoint_clock.now
    assert sent.late
    assert ws.interview(held.id).status is Status.THANKED
    with pytest.raises(Conflict, match="already sent"):
        ws.send_thank_you(held.id)
    with pytest.raises(Conflict, match="was sent"):
        ws.draft_thank_you(held.id)


def test_g19_a_drafted_note_is_clean(ws: Workspace, held: Interview) -> None:
    ws.add_referral(held.id, "Siobhán Okonkwo")
    review = ws.draft_thank_you(held.id)
    assert review.note is not None
    assert "Siobhán Okonkwo" in review.note.text
    assert review.findings == ()


def test_g20_follow_ups_respect_the_gap_and_the_maximum(
    ws: Workspace, held: Interview, infoint_clock: FakeClock
) -> None:
    ws.draft_thank_you(held.id)
    ws.send_thank_you(held.id)
    with pytest.raises(ValidationError, match="Ada Lovelace: too soon"):
        ws.log_follow_up("Ada Lovelace", channel="email")
    infoint_clock.advance(days=14)
    ws.log_follow_up("Ada Lovelace", channel="email", note="Shared an article")
    infoint_clock.advance(days=14)
    ws.log_follow_up("Ada Lovelace", channel="email")
    infoint_clock.advance(days=30)
    state = ws.cadence("Ada Lovelace")
    assert state.unanswered == 2 and state.next_allowed_at is None
    with pytest.raises(ValidationError, match="unanswered"):
        ws.log_follow_up("Ada Lovelace", channel="phone")
    ws.follow_up_answered("Ada Lovelace")
    assert ws.cadence("Ada Lovelace").allows(infoint_clock.now)
    recorded = ws.log_follow_up("Ada Lovelace", channel="phone", anyway=True)
    assert len(recorded.follow_ups) == 3


def test_g21_the_agenda_follows_the_interview_through(
    ws: Workspace, held: Interview, infoint_clock: FakeClock
) -> None:
    kinds = {i.kind for i in ws.agenda() if i.interview_id == held.id}
    assert {"assess", "thank-you"} <= kinds
    ws.assess_interview(held.id, went_well="fine")
    ws.draft_thank_you(held.id)
    ws.send_thank_you(held.id)
    kinds = {i.kind for i in ws.agenda() if i.interview_id == held.id}
    assert "thank-you" not in kinds and "assess" not in kinds
    infoint_clock.advance(days=15)
    assert any(i.kind == "follow-up" for i in ws.agenda())


def test_g18_stats_count_voices_and_the_funnel(ws: Workspace, held: Interview) -> None:
    ws.draft_thank_you(held.id)
    ws.send_thank_you(held.id)
    numbers = ws.stats()
    # Idea -> scheduled -> held -> thanked, yet every stage it went past counts.
    assert numbers.funnel == {
        "idea": 1,
        "requested": 1,
        "scheduled": 1,
        "confirmed": 1,
        "held": 1,
        "assessed": 1,
        "thanked": 1,
        "closed": 0,
    }
    assert [(v.label, v.completed, v.wanted) for v in numbers.targets] == [
        ("occupation:Data engineer", 1, 2)
    ]
    assert numbers.median_days_to_thank_you == 0.0


def test_close_only_after_thanks(ws: Workspace, held: Interview) -> None:
    with pytest.raises(IllegalTransition):
        ws.close_interview(held.id)
    ws.draft_thank_you(held.id)
    ws.send_thank_you(held.id)
    assert ws.close_interview(held.id).status is Status.CLOSED
