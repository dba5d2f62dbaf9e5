"""The interview's life as a state machine (the Concepts page: "The interview's life").

``idea -> requested -> scheduled -> confirmed -> held -> assessed -> thanked ->
closed``, plus ``declined`` and ``cancelled`` from any open state, and
``held`` directly for an unplanned interview (G8, see :func:`start`).

Decisions where the rules are silent, each because real interviews go that way:

- ``idea -> scheduled``: a networking contact often arranges the meeting, so
  there is no separate request step.
- ``scheduled -> scheduled`` and ``confirmed -> scheduled``: rescheduling; a
  moved interview must be verified again (G11).
- ``scheduled -> held``: the day-before verification (G11) was skipped but
  the conversation still happened.
- ``held -> thanked``: the thank-you note is due within a day (G19); the
  assessment may come later and is then recorded without a status change.

>>> from datetime import datetime, UTC
>>> allowed(Status.IDEA)
(<Status.REQUESTED: 'requested'>, <Status.SCHEDULED: 'scheduled'>, \
<Status.DECLINED: 'declined'>, <Status.CANCELLED: 'cancelled'>)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, tzinfo

import attrs

from infoint.errors import IllegalTransition, ValidationError
from infoint.model import Interview, Status, StatusChange

OPEN: frozenset[Status] = frozenset(
    {Status.IDEA, Status.REQUESTED, Status.SCHEDULED, Status.CONFIRMED}
)
"""States before the interview is held: it can still be declined or cancelled."""

FINAL: frozenset[Status] = frozenset({Status.CLOSED, Status.DECLINED, Status.CANCELLED})
"""States nothing leaves."""

_ENDINGS = (Status.DECLINED, Status.CANCELLED)

TRANSITIONS: Mapping[Status, tuple[Status, ...]] = {
    Status.IDEA: (Status.REQUESTED, Status.SCHEDULED, *_ENDINGS),
    Status.REQUESTED: (Status.SCHEDULED, *_ENDINGS),
    Status.SCHEDULED: (Status.SCHEDULED, Status.CONFIRMED, Status.HELD, *_ENDINGS),
    Status.CONFIRMED: (Status.SCHEDULED, Status.HELD, *_ENDINGS),
    Status.HELD: (Status.ASSESSED, Status.THANKED),
    Status.ASSESSED: (Status.THANKED,),
    Status.THANKED: (Status.CLOSED,),
    Status.CLOSED: (),
    Status.DECLINED: (),
    Status.CANCELLED: (),
}
"""For each state, the states it may move to, in the order of the interview's life."""

VERBS: Mapping[Status, str] = {
    Status.REQUESTED: "request",
    Status.SCHEDULED: "schedule",
    Status.CONFIRMED: "confirm",
    Status.HELD: "hold",
    Status.ASSESSED: "assess",
    Status.THANKED: "thank",
    Status.CLOSED: "close",
    Status.DECLINED: "decline",
    Status.CANCELLED: "cancel",
}
"""The verb that moves an interview into each state (the CLI's command names)."""

START_STATES: frozenset[Status] = frozenset({Status.IDEA, Status.HELD})
"""A planned interview starts as an idea; an unplanned one (G8) starts held."""


def allowed(status: Status) -> tuple[Status, ...]:
    """The states an interview in ``status`` may move to."""
    return TRANSITIONS[status]


def start(status: Status, at: datetime, note: str = "") -> tuple[StatusChange, ...]:
    """The history of a new interview: ``idea``, or ``held`` for an unplanned one (G8)."""
    if status not in START_STATES:
        raise IllegalTransition(
            f"a new interview starts as idea (planned) or held (unplanned), not {status}"
        )
    return (StatusChange(status=status, at=at, note=note),)


def advance(interview: Interview, to: Status, at: datetime, note: str = "") -> Interview:
    """Move ``interview`` to ``to``, stamped ``at``; refuse an illegal step.

    The message of a refusal names the current state and what is allowed
    from it, in the CLI's verbs.
    """
    current = interview.status
    if to not in TRANSITIONS[current]:
        raise IllegalTransition(describe_refusal(interview.id, current, to))
    change = StatusChange(status=to, at=at, note=note)
    return attrs.evolve(interview, history=(*interview.history, change))


def describe_refusal(interview_id: str, current: Status, to: Status) -> str:
    """One line saying why ``current -> to`` is refused and what would be allowed."""
    verb = VERBS.get(to, str(to))
    options = TRANSITIONS[current]
    if not options:
        then = "that is final"
    else:
        then = "from there you can " + ", ".join(VERBS[s] for s in options)
    return f"cannot {verb} interview {interview_id[:8]}: its status is {current}; {then}"


def when(at: datetime, zone: tzinfo | None = None) -> str:
    """A time as people read it: in ``zone`` (the seeker's), and in its own zone too when
    that differs, as in ``Thu 2026-12-03 13:00 CST (14:00 EST there)``.

    >>> from zoneinfo import ZoneInfo
    >>> meeting = datetime(2026, 12, 3, 14, tzinfo=ZoneInfo("America/New_York"))
    >>> when(meeting), when(meeting, ZoneInfo("America/Chicago"))
    ('Thu 2026-12-03 14:00 EST', 'Thu 2026-12-03 13:00 CST (14:00 EST there)')
    """
    own = at.strftime("%a %Y-%m-%d %H:%M %Z").strip()
    if zone is None:
        return own
    local = at.astimezone(zone)
    if local.utcoffset() == at.utcoffset():
        return local.strftime("%a %Y-%m-%d %H:%M %Z").strip()
    there = at.strftime("%H:%M %Z").strip()
    return local.strftime("%a %Y-%m-%d %H:%M %Z").strip() + f" ({there} there)"


def last_stamp(interview: Interview) -> StatusChange:
    """The interview's latest step in real time (of steps stamped alike, the last)."""
    ordered = enumerate(interview.history)
    return max(ordered, key=lambda item: (item[1].at.astimezone(UTC), item[0]))[1]


def check_happened(
    at: datetime,
    now: datetime,
    *,
    skew: timedelta,
    what: str,
    after: tuple[str, datetime] | None = None,
) -> None:
    """G26: refuse a stamp of something that happened when it lies in the future (beyond
    ``skew``, clocks differ a little) or before ``after``, the step it follows (its
    name and stamp).

    ``what`` names the thing in the message (``the thank-you note``).
    """
    zone = now.tzinfo  # the seeker's: times in messages are on their clock
    try:
        instant = at.astimezone(UTC)
        at.astimezone(zone)
    except OverflowError:  # year 1 or 9999 in a named zone
        raise ValidationError("at", f"{at.isoformat()} is out of range") from None
    if instant > now.astimezone(UTC) + skew:
        raise ValidationError(
            "at", f"{when(at, zone)} is in the future; record {what} once it has happened"
        )
    if after is not None and instant < after[1].astimezone(UTC):
        step, stamp = after
        raise ValidationError(
            "at",
            f"{when(at, zone)} is before the interview's previous step ({step},"
            f" {when(stamp, zone)}); {what} cannot come before it",
        )


def advance_happened(
    interview: Interview,
    to: Status,
    at: datetime,
    now: datetime,
    *,
    skew: timedelta,
    what: str,
    note: str = "",
) -> Interview:
    """:func:`advance` for a step that records something that happened, stamped ``at``:
    refused in the future or before the interview's previous step (G26)."""
    if to not in TRANSITIONS[interview.status]:
        raise IllegalTransition(describe_refusal(interview.id, interview.status, to))
    last = last_stamp(interview)
    check_happened(at, now, skew=skew, what=what, after=(str(last.status), last.at))
    return advance(interview, to, at, note)
