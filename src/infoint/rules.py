"""The numbers of the domain (DOMAIN.md) in one :class:`Policy` a platform can change.

>>> Policy().pitch_max_words
75
>>> Policy(speaking_rate_wpm=120).pitch_max_words
60
"""

from __future__ import annotations

from typing import Any

import attrs

from infoint.errors import ValidationError


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if value <= 0:
        raise ValidationError(attribute.name, f"is {value}; must be positive")


@attrs.frozen(kw_only=True)
class Policy:
    """Every default that is a number, with the rule it comes from."""

    phone_max_minutes: int = attrs.field(default=5, validator=_positive)
    """G7: a phone interview lasts less than this."""
    in_person_min_minutes: int = attrs.field(default=15, validator=_positive)
    """G7: shortest in-person (or video) interview."""
    in_person_max_minutes: int = attrs.field(default=30, validator=_positive)
    """G7: longest in-person (or video) interview."""
    arrive_early_minutes: int = attrs.field(default=10, validator=_positive)
    """G12: arrive this much before the start."""
    speaking_rate_wpm: int = attrs.field(default=150, validator=_positive)
    """G13: words a minute when speaking."""
    pitch_max_seconds: int = attrs.field(default=30, validator=_positive)
    """G13: "me in 30 seconds"."""
    verify_days_before: int = attrs.field(default=1, validator=_positive)
    """G11: verify date, time and place this many days before."""
    thank_you_within_hours: int = attrs.field(default=24, validator=_positive)
    """G19: send the thank-you note within this many hours."""
    follow_up_min_gap_days: int = attrs.field(default=14, validator=_positive)
    """G20: least time between two contacts."""
    follow_up_max_unanswered: int = attrs.field(default=2, validator=_positive)
    """G20: stop after this many unanswered follow-ups."""
    opening_wait_days: int = attrs.field(default=7, validator=_positive)
    """G15: wait this long after the thank-you note before applying."""
    min_voices_per_target: int = attrs.field(default=2, validator=_positive)
    """G18: completed interviews wanted per target."""
    strict: bool = False
    """Turn rule warnings into errors."""

    def __attrs_post_init__(self) -> None:
        if self.in_person_min_minutes > self.in_person_max_minutes:
            raise ValidationError(
                "in_person_min_minutes", "must not be above in_person_max_minutes"
            )

    @property
    def pitch_max_words(self) -> int:
        """G13: the most words speakable in the pitch's time at the speaking rate."""
        return self.speaking_rate_wpm * self.pitch_max_seconds // 60
