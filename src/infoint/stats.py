"""Numbers about the seeker's interviews (G18): voices per target, the funnel, thank-you speed.

>>> compute_stats([], []).funnel
{'idea': 0, 'requested': 0, 'scheduled': 0, 'held': 0, 'thanked': 0}
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

import attrs

from infoint.agenda import held_at
from infoint.model import Interview, Status, Target

FUNNEL: tuple[Status, ...] = (
    Status.IDEA,
    Status.REQUESTED,
    Status.SCHEDULED,
    Status.HELD,
    Status.THANKED,
)
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
    """How many interviews ever reached each stage (an unplanned one starts at held)."""
    median_days_to_thank_you: float | None
    """From interview to thank-you note sent, over the notes sent; None if none was."""
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
    funnel = {
        str(stage): sum(1 for i in interviews if any(c.status is stage for c in i.history))
        for stage in FUNNEL
    }
    delays: list[float] = []
    for interview in interviews:
        held = held_at(interview)
        sent = interview.thank_you.sent_at if interview.thank_you else None
        if held is not None and sent is not None:
            # In UTC: two times of one zone subtract by the wall clock, wrong across a change.
            delays.append((sent.astimezone(UTC) - held.astimezone(UTC)).total_seconds() / 86400)
    median = None
    if delays:
        import statistics  # here, not at the top: it imports fractions, decimal and random

        median = round(statistics.median(delays), 2)
    return Stats(
        targets=tuple(sorted(voices, key=lambda v: (v.completed, v.label.casefold()))),
        funnel=funnel,
        median_days_to_thank_you=median,
        interviews=len(interviews),
    )
