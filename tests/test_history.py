"""Only what happened, in order (G26): stamps never in the future nor before the step they
follow, a meeting not held before it starts, and every step undone back to the state
before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from infoint.errors import InfointError, NotFound, ValidationError
from infoint.model import Interview, Status
from infoint.plugins import make_plugin_manager
from infoint.rules import Policy
from infoint.stats import FUNNEL, compute_stats, readable_duration
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


@pytest.fixture
def ws(infoint_workspace: Workspace) -> Workspace:
    return infoint_workspace


def planned(ws: Workspace) -> Interview:
    ws.add_contact("Ana Patel", organization="Mercy Health")
    return ws.plan_interview(
        "Ana Patel", targets=["occupation:Clinical informatics"], purposes=["break-in"]
    )


def test_g26_a_meeting_is_not_held_before_it_starts(
    ws: Workspace, infoint_clock: FakeClock
) -> None:
    interview = planned(ws)
    starts = infoint_clock.now + timedelta(days=2)
    ws.schedule_interview(interview.id, starts_at=starts, minutes=20)
    with pytest.raises(ValidationError, match="is scheduled for .* so it cannot be held yet"):
        ws.hold_interview(interview.id)
    with pytest.raises(ValidationError, match="is in the future"):
        ws.hold_interview(interview.id, at=starts)
    assert ws.interview(interview.id).status is Status.SCHEDULED
    # It really took place earlier, today: the schedule moves with it.
    earlier = infoint_clock.advance(hours=3) - timedelta(hours=1)
    held = ws.hold_interview(interview.id, at=earlier)
    assert (held.status, held.starts_at, held.stamp(Status.HELD)) == (
        Status.HELD,
        earlier,
        earlier,
    )


def test_g26_a_step_is_not_stamped_before_the_one_it_follows(
    ws: Workspace, infoint_clock: FakeClock
) -> None:
    interview = planned(ws)
    now = infoint_clock.now
    with pytest.raises(ValidationError, match=r"before the interview's previous step \(idea"):
        ws.request_interview(interview.id, channel="email", at=now - timedelta(days=1))
    ws.schedule_interview(interview.id, starts_at=now + timedelta(days=3))
    with pytest.raises(ValidationError, match="is in the future; record the day-before check"):
        ws.confirm_interview(interview.id, at=now + timedelta(days=1))
    infoint_clock.advance(days=4)
    ws.hold_interview(interview.id)
    ws.draft_thank_you(interview.id, text="Thank you, Ana.")
    with pytest.raises(ValidationError, match="the thank-you note cannot come before it"):
        ws.send_thank_you(interview.id, at=now + timedelta(days=2))
    sent = ws.send_thank_you(interview.id, at=infoint_clock.now + timedelta(minutes=4))
    assert sent.note is not None and sent.note.sent_at is not None
    stats = ws.stats()
    assert stats.median_days_to_thank_you is not None
    assert stats.median_days_to_thank_you >= 0


def test_g26_follow_ups_and_answers_come_after_what_they_follow(
    ws: Workspace, infoint_clock: FakeClock
) -> None:
    ws.add_contact("Ana Patel")
    now = infoint_clock.now
    held_at = now - timedelta(days=30)
    ws.log_interview("Ana Patel", at=held_at, learned="Epic certification matters")
    early = held_at - timedelta(days=1)
    with pytest.raises(ValidationError, match=r"previous step \(held"):
        ws.log_follow_up("Ana Patel", channel="email", at=early, anyway=True)
    with pytest.raises(ValidationError, match="in the future"):
        ws.log_follow_up("Ana Patel", channel="email", at=now + timedelta(days=1))
    asked = now - timedelta(days=10)
    ws.log_follow_up("Ana Patel", channel="email", at=asked)
    with pytest.raises(ValidationError, match=r"previous step \(follow-up"):
        ws.follow_up_answered("Ana Patel", at=asked - timedelta(hours=1))
    answered = ws.follow_up_answered("Ana Patel", at=asked + timedelta(days=1))
    assert answered.follow_ups[0].answered_at == asked + timedelta(days=1)


def test_g26_undo_walks_back_one_step_at_a_time(ws: Workspace, infoint_clock: FakeClock) -> None:
    interview = planned(ws)
    states = [interview]
    states.append(ws.request_interview(interview.id, channel="email"))
    states.append(ws.schedule_interview(interview.id, starts_at=T0 + timedelta(hours=2)))
    infoint_clock.advance(hours=3)
    states.append(ws.hold_interview(interview.id))
    states.append(ws.add_note(interview.id, "Nurses move into informatics through super-users"))
    for before in reversed(states[:-1]):
        done = ws.undo_step(interview.id)
        assert _same(done.interview, before)
    with pytest.raises(NotFound, match="no step left to undo"):
        ws.undo_step(interview.id)


def test_g26_undo_is_guarded_by_the_version(ws: Workspace, infoint_clock: FakeClock) -> None:
    interview = planned(ws)
    stale = ws.request_interview(interview.id, channel="email")
    ws.schedule_interview(interview.id, starts_at=T0 + timedelta(days=1))
    with pytest.raises(InfointError, match="was changed elsewhere"):
        ws.undo_step(stale)


def test_g26_stats_count_every_stage_and_read_naturally(ws: Workspace) -> None:
    assert list(compute_stats([], []).funnel) == [str(s) for s in FUNNEL]
    assert readable_duration(9 / 24) == "9 hours"
    assert readable_duration(2.5) == "2.5 days"
    assert readable_duration(1 / 24) == "1 hour"
    assert readable_duration(0) == "0 minutes"


def _same(one: Interview, other: Interview) -> bool:
    """Equal but for the version (and the undo log's oldest entries, when it was full)."""
    return attrs.evolve(one, version=0, steps=()) == attrs.evolve(other, version=0, steps=())


# ---------------------------------------------------------------- the state machine


DELTAS = st.sampled_from([-72, -25, -3, -1, 0, 1, 2, 30]).map(lambda h: timedelta(hours=h))
MAYBE = st.none() | DELTAS


class History(RuleBasedStateMachine):
    """Random use cases at random times: the history stays in order, nothing is stamped
    in the future, undo restores the state before each step, stats are never negative."""

    @initialize()
    def start(self) -> None:
        self.clock = FakeClock(T0)
        self.policy = Policy()
        self.ws = Workspace.open(
            "memory://",
            owner="seeker",
            clock=self.clock,
            policy=self.policy,
            plugins=make_plugin_manager(entry_points=False, disabled=[]),
        )
        self.ws.add_contact("Ana Patel")
        self.ids: list[str] = []
        self.before: dict[str, list[Interview]] = {}

    def teardown(self) -> None:
        if hasattr(self, "ws"):
            self.ws.close()

    def _when(self, delta: timedelta | None) -> datetime | None:
        return None if delta is None else self.clock.now + delta

    def _try(self, interview_id: str, step: object, *args: object, **kwargs: object) -> None:
        before = self.ws.interview(interview_id)
        try:
            step(interview_id, *args, **kwargs)  # type: ignore[operator]
        except InfointError:
            assert self.ws.interview(interview_id) == before  # a refusal changes nothing
            return
        self._stepped(before, self.ws.interview(interview_id))

    def _stepped(self, before: Interview, after: Interview) -> None:
        """Remember the state before a step; a change that changed nothing is no step."""
        if _same(before, after) and before.steps == after.steps:
            return
        stack = self.before.setdefault(before.id, [])
        stack.append(before)
        del stack[: -self.policy.undo_steps]

    @rule(hours=st.integers(min_value=1, max_value=72))
    def time_passes(self, hours: int) -> None:
        self.clock.advance(hours=hours)

    @rule()
    def plan(self) -> None:
        interview = self.ws.plan_interview(
            "Ana Patel", targets=["occupation:Informatics"], purposes=["skills"]
        )
        self.ids.append(interview.id)

    @rule(delta=DELTAS)
    def log(self, delta: timedelta) -> None:
        try:
            interview = self.ws.log_interview("Ana Patel", at=self.clock.now + delta, learned="x")
        except ValidationError:
            assert delta > timedelta(minutes=self.policy.clock_skew_minutes)
            return
        self.ids.append(interview.id)

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), delta=MAYBE)
    def request(self, data: st.DataObject, delta: timedelta | None) -> None:
        ref = data.draw(st.sampled_from(self.ids))
        self._try(ref, self.ws.request_interview, channel="email", at=self._when(delta))

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), delta=DELTAS)
    def schedule(self, data: st.DataObject, delta: timedelta) -> None:
        ref = data.draw(st.sampled_from(self.ids))
        self._try(ref, self.ws.schedule_interview, starts_at=self.clock.now + delta, minutes=20)

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), delta=MAYBE, verb=st.sampled_from(["confirm", "hold", "close"]))
    def step(self, data: st.DataObject, delta: timedelta | None, verb: str) -> None:
        ref = data.draw(st.sampled_from(self.ids))
        use_case = getattr(self.ws, f"{verb}_interview")
        self._try(ref, use_case, at=self._when(delta))

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), delta=MAYBE)
    def thank(self, data: st.DataObject, delta: timedelta | None) -> None:
        ref = data.draw(st.sampled_from(self.ids))
        self._try(ref, self.ws.draft_thank_you, text="Thank you for your time, Ana.")
        self._try(ref, self.ws.send_thank_you, at=self._when(delta))

    @precondition(lambda self: self.ids)
    @rule(data=st.data(), delta=MAYBE)
    def assess_and_note(self, data: st.DataObject, delta: timedelta | None) -> None:
        ref = data.draw(st.sampled_from(self.ids))
        self._try(ref, self.ws.assess_interview, went_well="rapport", at=self._when(delta))
        self._try(ref, self.ws.add_note, "learned something")

    @rule(delta=MAYBE)
    def follow_up(self, delta: timedelta | None) -> None:
        when = self._when(delta)
        before = {i.id: i for i in self.ws.interviews()}
        try:
            changed = self.ws.log_follow_up("Ana Patel", channel="email", at=when, anyway=True)
        except InfointError:
            assert {i.id: i for i in self.ws.interviews()} == before
            return
        self._stepped(before[changed.id], changed)

    @precondition(lambda self: self.ids)
    @rule(data=st.data())
    def undo(self, data: st.DataObject) -> None:
        ref = data.draw(st.sampled_from(self.ids))
        stack = self.before.get(ref, [])
        if not stack:
            with pytest.raises(NotFound):
                self.ws.undo_step(ref)
            return
        done = self.ws.undo_step(ref)
        assert _same(done.interview, stack.pop())

    @invariant()
    def history_in_order_and_never_in_the_future(self) -> None:
        if not hasattr(self, "ws"):
            return
        latest = self.clock.now + timedelta(minutes=self.policy.clock_skew_minutes)
        for interview in self.ws.interviews():
            stamps = [c.at.astimezone(UTC) for c in interview.history]
            assert stamps == sorted(stamps), interview.history
            assert stamps[-1] <= latest
            if interview.thank_you and interview.thank_you.sent_at:
                held = interview.stamp(Status.HELD)
                assert held is not None and interview.thank_you.sent_at >= held
            for follow_up in interview.follow_ups:
                assert follow_up.at <= latest
                assert follow_up.answered_at is None or follow_up.answered_at >= follow_up.at

    @invariant()
    def stats_are_never_negative_and_the_funnel_narrows(self) -> None:
        if not hasattr(self, "ws"):
            return
        stats = self.ws.stats()
        assert stats.median_days_to_thank_you is None or stats.median_days_to_thank_you >= 0
        planned = [i for i in self.ws.interviews() if not i.unplanned]
        funnel = compute_stats(planned, []).funnel
        counts = list(funnel.values())
        assert counts == sorted(counts, reverse=True), funnel


History.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_g26_random_histories_stay_in_order_and_every_step_undoes = History.TestCase


def test_g26_a_meeting_scheduled_after_it_took_place_is_held_at_its_start(
    ws: Workspace, infoint_clock: FakeClock
) -> None:
    interview = planned(ws)
    took_place = infoint_clock.now - timedelta(days=1)
    ws.schedule_interview(interview.id, starts_at=took_place, minutes=20)
    with pytest.raises(ValidationError, match="hold it without a time"):
        ws.hold_interview(interview.id, at=took_place)
    held = ws.hold_interview(interview.id)
    ws.draft_thank_you(held.id, text="Thank you, Ana.")
    review = ws.thank_you_review(held.id)
    assert review.due_at == took_place + timedelta(hours=24)  # from the meeting, not the entry
