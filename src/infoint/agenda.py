"""What is due, and when (G11, G18, G20, G21): pure functions of the state, the policy and now.

Nothing here reads the clock or the store: the Workspace passes every
interview, contact and target of one owner, the policy and ``now``.

Times: "the day before" is a wall-clock day in the interview's own zone
(a Paris interview at 14:00 is verified at 14:00 Paris time the day
before, whatever the daylight-saving rules do in between); durations such
as "within 24 hours" or "a 14-day gap" are real elapsed time. "Today" and
the day an opening may be applied for are days in the seeker's zone (the
zone of ``now``). Moments are always compared as real instants (in UTC):
Python compares two datetimes of the same zone by their wall clocks, which
is wrong in the hour that repeats when the clocks go back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import attrs

from infoint.errors import ValidationError
from infoint.model import (
    Choice,
    Contact,
    FollowUp,
    Interview,
    Mode,
    Opening,
    Status,
    Target,
)

if TYPE_CHECKING:  # for the annotations only: nothing else of the linter is needed here
    from infoint.rules import Policy


def _instant(at: datetime) -> datetime:
    """``at`` in UTC: the real moment, to compare and sort by."""
    return at.astimezone(UTC)


def _real(at: datetime) -> datetime:
    """A wall time in ``at``'s zone, moved forward out of a daylight-saving gap.

    Like :func:`infoint.model._moment`: 02:30 on the night clocks jump from
    02:00 to 03:00 becomes 03:30. A wall time that happens twice (fold 0) is
    its first occurrence; every other value keeps its wall time.
    """
    return _instant(at).astimezone(at.tzinfo)


def later(at: datetime, delta: timedelta) -> datetime:
    """``at`` plus real elapsed time ``delta``, shown in ``at``'s zone."""
    return (at.astimezone(UTC) + delta).astimezone(at.tzinfo)


# minutes_before and default_minutes serve the prep sheet too, and live here so that the
# agenda (every command that opens a workspace) does not import the planner (3.5 ms).


def minutes_before(at: datetime, minutes: int) -> datetime:
    """``minutes`` of real time before ``at``, shown in ``at``'s zone.

    Subtracting in UTC keeps the answer right across a daylight-saving change
    (plain arithmetic on a zoned datetime moves the wall clock instead).
    """
    return (at.astimezone(UTC) - timedelta(minutes=minutes)).astimezone(at.tzinfo)


def default_minutes(mode: Mode, policy: Policy) -> int:
    """The length to plan for when none was agreed: just under the phone limit, or the
    middle of the in-person range, rounded down to 5 minutes."""
    if mode is Mode.PHONE:
        return policy.phone_max_minutes - 1
    middle = (policy.in_person_min_minutes + policy.in_person_max_minutes) // 2
    return max(policy.in_person_min_minutes, middle - middle % 5)


def held_at(interview: Interview) -> datetime | None:
    """When the interview took place: its start if known, else when it was marked held.

    A start later than the moment it was marked held is not used (the marking is then
    the better record of when it happened).
    """
    stamp = interview.stamp(Status.HELD)
    if stamp is None:
        return None
    starts = interview.starts_at
    return starts if starts is not None and _instant(starts) <= _instant(stamp) else stamp


def thank_you_due(interview: Interview, policy: Policy) -> datetime | None:
    """G19: the thank-you note is due this long after the interview (None before it)."""
    held = held_at(interview)
    return None if held is None else later(held, timedelta(hours=policy.thank_you_within_hours))


@attrs.frozen(kw_only=True)
class Cadence:
    """G20: where a contact stands in the follow-up cadence.

    ``next_allowed_at`` is the earliest moment a next contact is allowed, or
    None when none is (no interview yet, or too many unanswered follow-ups).
    """

    contact_id: str
    last_contact_at: datetime | None
    follow_ups: tuple[FollowUp, ...]
    unanswered: int
    """Follow-ups since the last one that was answered."""
    next_allowed_at: datetime | None
    reason: str

    def allows(self, now: datetime) -> bool:
        """Whether a contact at ``now`` respects the gap and the maximum."""
        return self.next_allowed_at is not None and _instant(now) >= _instant(self.next_allowed_at)


def cadence(contact_id: str, interviews: Iterable[Interview], policy: Policy) -> Cadence:
    """The follow-up cadence with one contact, over all interviews with them (G20).

    The last contact is the latest of: an interview held, a thank-you note
    sent, a follow-up. A next contact is allowed ``follow_up_min_gap_days``
    after it, unless ``follow_up_max_unanswered`` follow-ups in a row went
    unanswered: then none is, until they answer.
    """
    mine = [i for i in interviews if i.contact_id == contact_id]
    touches: list[datetime] = []
    follow_ups: list[FollowUp] = []
    for interview in mine:
        held = held_at(interview)
        if held is not None:
            touches.append(held)
        if interview.thank_you is not None and interview.thank_you.sent_at is not None:
            touches.append(interview.thank_you.sent_at)
        follow_ups += interview.follow_ups
        touches += [f.at for f in interview.follow_ups]
    follow_ups.sort(key=lambda f: _instant(f.at))
    unanswered = 0
    for follow_up in follow_ups:
        unanswered = 0 if follow_up.answered else unanswered + 1
    if not any(held_at(i) for i in mine):
        return Cadence(
            contact_id=contact_id,
            last_contact_at=max(touches, key=_instant) if touches else None,
            follow_ups=tuple(follow_ups),
            unanswered=unanswered,
            next_allowed_at=None,
            reason="no interview with them yet: follow-ups come after one",
        )
    last = max(touches, key=_instant)
    if unanswered >= policy.follow_up_max_unanswered:
        return Cadence(
            contact_id=contact_id,
            last_contact_at=last,
            follow_ups=tuple(follow_ups),
            unanswered=unanswered,
            next_allowed_at=None,
            reason=f"{unanswered} follow-ups in a row went unanswered (the most is"
            f" {policy.follow_up_max_unanswered}): wait until they answer",
        )
    allowed = later(last, timedelta(days=policy.follow_up_min_gap_days))
    return Cadence(
        contact_id=contact_id,
        last_contact_at=last,
        follow_ups=tuple(follow_ups),
        unanswered=unanswered,
        next_allowed_at=allowed,
        reason=f"{policy.follow_up_min_gap_days} days after the last contact",
    )


class DueKind(Choice):
    """The kinds of agenda item (G21), in the order the seeker meets them."""

    REQUEST = "request"
    """An idea not asked for yet: send the request (G6)."""
    VERIFY = "verify"
    """The day before: verify date, time and place, plan the route (G11)."""
    PREPARE = "prepare"
    """A scheduled interview without a saved question plan (G14)."""
    TODAY = "today"
    """An interview today, with the time to leave (G12)."""
    RECORD = "record"
    """An interview whose time is past but that is not marked held (or cancelled)."""
    NOTES = "notes"
    """A held interview with no notes yet (G16)."""
    ASSESS = "assess"
    """A held interview not yet assessed (G17)."""
    THANK_YOU = "thank-you"
    """A thank-you note not sent; ``late`` once past the policy's hours (G19)."""
    FOLLOW_UP = "follow-up"
    """A follow-up the cadence allows now (G20)."""
    APPLY = "apply"
    """An opening whose wait is over (G15)."""
    MORE_VOICES = "more-voices"
    """A target with fewer completed interviews than the policy wants (G18)."""


@attrs.frozen(kw_only=True)
class AgendaItem:
    """One thing due: what, since when, about which record, and the command that does it."""

    kind: DueKind
    due_at: datetime | None
    """When it became (or becomes) due; None for items with no date (more voices)."""
    title: str
    command: str
    interview_id: str | None = None
    contact_id: str | None = None
    target_id: str | None = None
    opening: int | None = None
    """For an opening (APPLY): its 1-based number among the interview's openings."""
    late: bool = False
    """A thank-you note past its due time (G19)."""


# ---------------------------------------------------------------- the agenda (G21)

HELD_STATES: frozenset[Status] = frozenset(
    {Status.HELD, Status.ASSESSED, Status.THANKED, Status.CLOSED}
)
"""States of an interview that took place: each counts as a voice for its targets (G18)."""

_DONE: frozenset[Status] = frozenset({Status.CLOSED, Status.DECLINED, Status.CANCELLED})
"""States that put nothing on the agenda."""

_KIND_ORDER: dict[DueKind, int] = {kind: n for n, kind in enumerate(DueKind)}
_NEVER = datetime.min.replace(tzinfo=UTC)


def days_before(at: datetime, days: int) -> datetime:
    """``days`` calendar days before ``at`` on the wall clock of ``at``'s zone.

    The same time of day, moved out of a daylight-saving gap (see :func:`_real`): so
    the real time in between is not always ``days`` times 24 hours.
    """
    wall = at.replace(tzinfo=None, fold=0) - timedelta(days=days)
    return _real(wall.replace(tzinfo=at.tzinfo))


def verify_due(interview: Interview, policy: Policy) -> datetime | None:
    """G11: when to verify date, time and place (the day before the start), or None."""
    starts = interview.starts_at
    return None if starts is None else days_before(starts, policy.verify_days_before)


def leave_by(interview: Interview, policy: Policy) -> datetime | None:
    """G12: when to leave (in-person with a travel time) or else to be there, or None.

    Real minutes before the start, in the start's zone, as on the prep sheet.
    """
    starts = interview.starts_at
    if starts is None:
        return None
    arrive = minutes_before(starts, policy.arrive_early_minutes)
    if interview.mode is Mode.IN_PERSON and interview.travel_minutes is not None:
        return minutes_before(arrive, interview.travel_minutes)
    return arrive


def apply_on(interview: Interview, opening: Opening, policy: Policy) -> date | None:
    """G15: the first day to apply for ``opening``: not before its own earliest day, nor
    before ``opening_wait_days`` after the thank-you note was sent (a day in the note's
    zone). None while the note is not sent."""
    note = interview.thank_you
    if note is None or note.sent_at is None:
        return None
    waited = later(note.sent_at, timedelta(days=policy.opening_wait_days)).date()
    return max(opening.earliest_apply_on, waited)


def voices(target_id: str, interviews: Iterable[Interview]) -> int:
    """G18: how many interviews about a target have taken place."""
    return sum(1 for i in interviews if i.status in HELD_STATES and target_id in i.target_ids)


def by_contact_id(interviews: Iterable[Interview]) -> dict[str, list[Interview]]:
    """The interviews grouped by contact, each group in the given order.

    What :func:`cadence` needs for many contacts, without scanning every
    interview once per contact.
    """
    grouped: dict[str, list[Interview]] = {}
    for interview in interviews:
        grouped.setdefault(interview.contact_id, []).append(interview)
    return grouped


def build_agenda(
    interviews: Sequence[Interview],
    contacts: Sequence[Contact],
    targets: Sequence[Target],
    policy: Policy,
    now: datetime,
) -> list[AgendaItem]:
    """G21: everything due at ``now``, from every interview, contact and target of one owner.

    ``now`` must carry a time zone: the seeker's, which decides what "today" is. Items come
    sorted by when they are due, then by kind (in :class:`DueKind` order), then by record;
    items without a due time (more voices) come last. Cancelled, declined and closed
    interviews put nothing on the agenda (a closed one still counts as a voice).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValidationError(
            "now", f"{now.isoformat()} has no time zone; the agenda needs the seeker's zone"
        )
    names = {c.id: c.name for c in contacts}
    items: list[AgendaItem] = []
    for interview in interviews:
        if interview.status not in _DONE:
            items += _interview_items(interview, names.get(interview.contact_id, "?"), policy, now)
    by_contact = by_contact_id(interviews)
    thanked = dict.fromkeys(i.contact_id for i in interviews if i.status is Status.THANKED)
    for contact_id in thanked:
        standing = cadence(contact_id, by_contact[contact_id], policy)
        if standing.allows(now):
            items.append(
                AgendaItem(
                    kind=DueKind.FOLLOW_UP,
                    due_at=standing.next_allowed_at,
                    title=f"Follow up with {names.get(contact_id, '?')}",
                    command=f"infoint follow-up log {contact_id[:8]} --channel email",
                    contact_id=contact_id,
                )
            )
    held_about: dict[str, int] = {}
    for interview in interviews:
        if interview.status in HELD_STATES:
            for target_id in interview.target_ids:
                held_about[target_id] = held_about.get(target_id, 0) + 1
    for target in targets:
        done = held_about.get(target.id, 0)  # voices(target.id, interviews), for all at once
        if done < policy.min_voices_per_target:
            items.append(
                AgendaItem(
                    kind=DueKind.MORE_VOICES,
                    due_at=None,
                    title=f"Talk to more people about {target.name}"
                    f" ({done} of {policy.min_voices_per_target} interviews held)",
                    command=f"infoint interview plan --target {target.id[:8]}"
                    " --contact CONTACT --purpose PURPOSE",
                    target_id=target.id,
                )
            )
    return sorted(items, key=_order)


def _order(item: AgendaItem) -> tuple[bool, datetime, int, str, str, str, int]:
    due = item.due_at
    return (
        due is None,
        _NEVER if due is None else _instant(due),
        _KIND_ORDER[item.kind],
        item.interview_id or "",
        item.contact_id or "",
        item.target_id or "",
        item.opening or 0,
    )


def _clock(at: datetime) -> str:
    return at.strftime("%H:%M")


def _today_title(name: str, starts: datetime, leave: datetime, by: str, now: datetime) -> str:
    """The TODAY title, in the seeker's zone (with the start in the interview's own zone
    too when that zone's clock differs): "Interview with Ada today at 14:00: leave by 13:20"."""
    mine = starts.astimezone(now.tzinfo)
    when = _clock(mine)
    if mine.utcoffset() != starts.utcoffset():
        when += f" ({_clock(starts)} {starts.tzname()})"
    return f"Interview with {name} today at {when}: {by} {_clock(leave.astimezone(now.tzinfo))}"


def _interview_items(
    interview: Interview, name: str, policy: Policy, now: datetime
) -> list[AgendaItem]:
    """The items one interview (not cancelled, declined nor closed) puts on the agenda."""
    id8 = interview.id[:8]
    status = interview.status
    instant = _instant(now)
    items: list[AgendaItem] = []

    def add(
        kind: DueKind,
        due_at: datetime | None,
        title: str,
        command: str,
        *,
        opening: int | None = None,
        late: bool = False,
    ) -> None:
        items.append(
            AgendaItem(
                kind=kind,
                due_at=due_at,
                title=title,
                command=command,
                interview_id=interview.id,
                contact_id=interview.contact_id,
                opening=opening,
                late=late,
            )
        )

    if status is Status.IDEA:
        add(
            DueKind.REQUEST,
            interview.created_at,
            f"Ask {name} for an informational interview",
            f"infoint interview request {id8} --channel email",
        )

    starts = interview.starts_at
    if starts is not None and status in (Status.SCHEDULED, Status.CONFIRMED):
        day_before = days_before(starts, policy.verify_days_before)
        upcoming = instant < _instant(starts)
        if status is Status.SCHEDULED and _instant(day_before) <= instant and upcoming:
            add(
                DueKind.VERIFY,
                day_before,
                f"Verify date, time and place with {name}",
                f"infoint interview confirm {id8}",
            )
        if upcoming and not interview.questions:
            add(
                DueKind.PREPARE,
                day_before,
                f"Prepare questions for the interview with {name}",
                f"infoint questions suggest {id8} --save",
            )
        length = interview.agreed_minutes or default_minutes(interview.mode, policy)
        ends = _instant(starts) + timedelta(minutes=length)
        leave = leave_by(interview, policy)
        today = starts.astimezone(now.tzinfo).date() == now.date()
        if today and instant < ends and leave is not None:
            if interview.mode is not Mode.IN_PERSON:
                by = "be ready by"
            elif interview.travel_minutes is None:
                by = "be there by"
            else:
                by = "leave by"
            add(
                DueKind.TODAY,
                leave,
                _today_title(name, starts, leave, by, now),
                f"infoint prep {id8}",
            )
        if instant >= ends:
            add(
                DueKind.RECORD,
                ends.astimezone(starts.tzinfo),
                f"The interview with {name} was at {_clock(starts)} {starts:%Y-%m-%d}:"
                " did it take place? Hold it (or cancel it)",
                f"infoint interview hold {id8} --at {starts.isoformat('T', 'minutes')}",
            )

    held = held_at(interview)
    if status in (Status.HELD, Status.ASSESSED, Status.THANKED) and not interview.notes:
        add(
            DueKind.NOTES,
            held,
            f"Write down what {name} said",
            f"infoint note add {id8} TEXT",
        )
    if status in (Status.HELD, Status.THANKED) and interview.assessment is None:
        add(
            DueKind.ASSESS,
            held,
            f"Assess the interview with {name}",
            f"infoint assess {id8}",
        )
    note = interview.thank_you
    if status in (Status.HELD, Status.ASSESSED) and (note is None or note.sent_at is None):
        due = thank_you_due(interview, policy)
        late = due is not None and instant > _instant(due)
        add(
            DueKind.THANK_YOU,
            due,
            f"Send a thank-you note to {name}",
            f"infoint thank-you {id8}",
            late=late,
        )

    for number, opening in enumerate(interview.openings, start=1):
        first_day = apply_on(interview, opening, policy)
        if opening.applied_at is None and first_day is not None and now.date() >= first_day:
            at = f" at {opening.organization}" if opening.organization else ""
            add(
                DueKind.APPLY,
                _real(datetime.combine(first_day, time(), tzinfo=now.tzinfo)),
                f"Apply for {opening.title}{at} (heard from {name})",
                f"infoint opening applied {id8} {number}",
                opening=number,
            )
    return items
