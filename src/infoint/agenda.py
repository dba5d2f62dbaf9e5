"""What is due, and when (G11, G18, G20, G21): pure functions of the state, the policy and now.

Nothing here reads the clock or the store: the Workspace passes every
interview, contact and target of one owner, the policy and ``now``.

Times: "the day before" is a wall-clock day in the interview's own zone
(a Paris interview at 14:00 is verified at 14:00 Paris time the day
before, whatever the daylight-saving rules do in between); durations such
as "within 24 hours" or "a 14-day gap" are real elapsed time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import attrs

from infoint.model import Choice, FollowUp, Interview, Status
from infoint.rules import Policy


def later(at: datetime, delta: timedelta) -> datetime:
    """``at`` plus real elapsed time ``delta``, shown in ``at``'s zone."""
    return (at.astimezone(UTC) + delta).astimezone(at.tzinfo)


def held_at(interview: Interview) -> datetime | None:
    """When the interview took place: its start if known, else when it was marked held."""
    stamp = interview.stamp(Status.HELD)
    if stamp is None:
        return None
    return interview.starts_at if interview.starts_at and interview.starts_at <= stamp else stamp


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
        return self.next_allowed_at is not None and now >= self.next_allowed_at


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
    follow_ups.sort(key=lambda f: f.at)
    unanswered = 0
    for follow_up in follow_ups:
        unanswered = 0 if follow_up.answered else unanswered + 1
    if not any(held_at(i) for i in mine):
        return Cadence(
            contact_id=contact_id,
            last_contact_at=max(touches) if touches else None,
            follow_ups=tuple(follow_ups),
            unanswered=unanswered,
            next_allowed_at=None,
            reason="no interview with them yet: follow-ups come after one",
        )
    last = max(touches)
    if unanswered >= policy.follow_up_max_unanswered:
        return Cadence(
            contact_id=contact_id,
            last_contact_at=last,
            follow_ups=tuple(follow_ups),
            unanswered=unanswered,
            next_allowed_at=None,
            reason=f"{unanswered} follow-ups in a row went unanswered (the most is"
            f" {policy.follow_up_max_unanswered}): wait until they answer (G20)",
        )
    allowed = later(last, timedelta(days=policy.follow_up_min_gap_days))
    return Cadence(
        contact_id=contact_id,
        last_contact_at=last,
        follow_ups=tuple(follow_ups),
        unanswered=unanswered,
        next_allowed_at=allowed,
        reason=f"{policy.follow_up_min_gap_days} days after the last contact (G20)",
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
    late: bool = False
