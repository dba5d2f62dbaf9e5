"""The interview's life: legal paths only, stamped, refusals that explain."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint import lifecycle
from infoint.errors import IllegalTransition
from infoint.model import Interview, Status

T0 = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)

HAPPY_PATH = [
    Status.REQUESTED,
    Status.SCHEDULED,
    Status.CONFIRMED,
    Status.HELD,
    Status.ASSESSED,
    Status.THANKED,
    Status.CLOSED,
]


def _new(status: Status = Status.IDEA) -> Interview:
    return Interview(id="abcdef123456", contact_id="c1", history=lifecycle.start(status, T0))


def test_the_whole_life_is_stamped_in_order() -> None:
    interview = _new()
    for step, status in enumerate(HAPPY_PATH, start=1):
        interview = lifecycle.advance(interview, status, T0 + timedelta(days=step))
    assert [c.status for c in interview.history] == [Status.IDEA, *HAPPY_PATH]
    assert [c.at for c in interview.history] == [T0 + timedelta(days=d) for d in range(8)]


def test_g8_an_unplanned_interview_starts_held_and_goes_on() -> None:
    interview = _new(Status.HELD)
    interview = lifecycle.advance(interview, Status.THANKED, T0 + timedelta(hours=3))
    assert interview.status is Status.THANKED


def test_a_new_interview_starts_only_as_idea_or_held() -> None:
    with pytest.raises(IllegalTransition, match="starts as idea"):
        lifecycle.start(Status.CONFIRMED, T0)


def test_hold_before_schedule_is_refused_with_the_allowed_steps() -> None:
    with pytest.raises(IllegalTransition) as refused:
        lifecycle.advance(_new(), Status.HELD, T0)
    assert str(refused.value) == (
        "cannot hold interview abcdef12: its status is idea;"
        " from there you can request, schedule, decline, cancel"
    )


def test_final_states_say_so() -> None:
    cancelled = lifecycle.advance(_new(), Status.CANCELLED, T0, "moved abroad")
    assert cancelled.history[-1].note == "moved abroad"
    with pytest.raises(IllegalTransition, match="its status is cancelled; that is final"):
        lifecycle.advance(cancelled, Status.SCHEDULED, T0)


@pytest.mark.parametrize("status", sorted(lifecycle.OPEN))
def test_declined_and_cancelled_from_every_open_state(status: Status) -> None:
    interview = _new()
    path = {
        Status.IDEA: [],
        Status.REQUESTED: [Status.REQUESTED],
        Status.SCHEDULED: [Status.SCHEDULED],
        Status.CONFIRMED: [Status.SCHEDULED, Status.CONFIRMED],
    }[status]
    for step in path:
        interview = lifecycle.advance(interview, step, T0)
    for ending in (Status.DECLINED, Status.CANCELLED):
        assert lifecycle.advance(interview, ending, T0).status is ending


def test_after_held_nothing_can_be_cancelled() -> None:
    held = _new(Status.HELD)
    for ending in (Status.DECLINED, Status.CANCELLED):
        with pytest.raises(IllegalTransition):
            lifecycle.advance(held, ending, T0)


@given(
    start=st.sampled_from(sorted(lifecycle.START_STATES)),
    steps=st.lists(st.sampled_from(list(Status)), max_size=25),
)
def test_random_steps_never_leave_the_state_machine(start: Status, steps: list[Status]) -> None:
    interview = _new(start)
    for minutes, to in enumerate(steps, start=1):
        before = interview
        at = T0 + timedelta(minutes=minutes)
        if to in lifecycle.allowed(before.status):
            interview = lifecycle.advance(before, to, at)
            assert interview.status is to
            assert interview.history[:-1] == before.history
            assert interview.history[-1].at == at
        else:
            with pytest.raises(IllegalTransition) as refused:
                lifecycle.advance(before, to, at)
            message = str(refused.value)
            assert f"its status is {before.status}" in message
            for allowed in lifecycle.allowed(before.status):
                assert lifecycle.VERBS[allowed] in message
            assert interview == before
    # Every recorded step is a legal one, from a legal start.
    history = [c.status for c in interview.history]
    assert history[0] in lifecycle.START_STATES
    for earlier, later in itertools.pairwise(history):
        assert later in lifecycle.TRANSITIONS[earlier]
    assert all(s not in lifecycle.FINAL for s in history[:-1])


def test_every_state_has_an_entry_and_every_target_a_verb() -> None:
    assert set(lifecycle.TRANSITIONS) == set(Status)
    for targets in lifecycle.TRANSITIONS.values():
        assert all(t in lifecycle.VERBS for t in targets)
