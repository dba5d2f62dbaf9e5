"""Numbers about the seeker's interviews (G18): voices per target, the funnel, thank-you speed.

>>> compute_stats([], []).funnel
{'idea': 0, 'requested': 0, 'scheduled': 0, 'confirmed': 0, 'held': 0, 'assessed': 0, \
'thanked': 0, 'closed': 0}
>>> readable_duration(0.375), readable_duration(2.5), readable_duration(0.01)
('9 hours', '2.5 days', '14 minutes')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC

import attrs

from infoint.agenda import held_at
from infoint.model import Interview, Status, Target

FUNNEL: tuple[Status, ...] = (
    Status.IDEA,
    Status.REQUESTED,
    Status.SCHEDULED,
    Status.CONFIRMED,
    Status.HELD,
    Status.ASSESSED,
    Status.THANKED,
    Status.CLOSED,
)
"""The stages of the interview's life, in order (the funnel counts every one)."""
COMPLETED: frozenset[Status] = frozenset(
    {Status.HELD, Status.ASSESSED, Status.THANKED, Status.CLOSED}
)
"""An interview counts as a voice (G18) once it has been held."""


@attrs.frozen(kw_only=True)
class TargetVoices:
    """G18: how many completed interviews a target has, against the policy's wish."""

    target_id: str
    label: str
    completed: int
    wanted: int


@attrs.frozen(kw_only=True)
class Stats:
    """The seeker's numbers."""

    targets: tuple[TargetVoices, ...]
    funnel: dict[str, int]
    """How many interviews reached each stage or went past it, so no stage counts fewer
    than the next for planned interviews (one held without a confirmation still passed
    that stage); an unplanned interview counts from ``held`` on."""
    median_days_to_thank_you: float | None
    """From interview to thank-you note sent, over the notes sent, in days (never
    negative); None if none was."""
    interviews: int


def compute_stats(
    interviews: Sequence[Interview], targets: Sequence[Target], *, wanted: int = 2
) -> Stats:
    """The numbers for one owner's interviews and targets."""
    voices = []
    for target in targets:
        done = sum(1 for i in interviews if target.id in i.target_ids and i.status in COMPLETED)
        voices.append(
            TargetVoices(target_id=target.id, label=target.label, completed=done, wanted=wanted)
        )
    funnel = dict.fromkeys((str(stage) for stage in FUNNEL), 0)
    for interview in interviews:
        for stage in passed(interview):
            funnel[str(stage)] += 1
    delays: list[float] = []
    for interview in interviews:
        held = held_at(interview)
        sent = interview.thank_you.sent_at if interview.thank_you else None
        if held is not None and sent is not None:
            # In UTC: two times of one zone subtract by the wall clock, wrong across a change.
            # Never negative: a note sent before the interview cannot be (G26), and an
            # older record that says so counts as sent at once.
            seconds = (sent.astimezone(UTC) - held.astimezone(UTC)).total_seconds()
            delays.append(max(0.0, seconds) / 86400)
    median = None
    if delays:
        import statistics  # here, not at the top: it imports fractions, decimal and random

        median = round(statistics.median(delays), 4)
    return Stats(
        targets=tuple(sorted(voices, key=lambda v: (v.completed, v.label.casefold()))),
        funnel=funnel,
        median_days_to_thank_you=median,
        interviews=len(interviews),
    )


def passed(interview: Interview) -> tuple[Status, ...]:
    """The funnel's stages the interview reached or went past: every stage up to the
    furthest it reached (from ``held`` on for an unplanned one)."""
    reached = [FUNNEL.index(c.status) for c in interview.history if c.status in FUNNEL]
    if not reached:
        return ()
    first = FUNNEL.index(Status.HELD) if interview.unplanned else 0
    return FUNNEL[first : max(reached) + 1]


def readable_duration(days: float) -> str:
    """A duration as people say it: minutes under an hour, hours under two days, then
    days to one decimal."""
    minutes = math.floor(days * 24 * 60 + 0.5)  # half up, as people round: 6.5 h is 7
    if minutes < 60:
        return f"{minutes} minute" + ("" if minutes == 1 else "s")
    if days < 2:
        hours = math.floor(days * 24 + 0.5)
        return f"{hours} hour" + ("" if hours == 1 else "s")
    return f"{math.floor(days * 10 + 0.5) / 10:g} days"
