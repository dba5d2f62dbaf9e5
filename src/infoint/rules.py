"""The numbers of the domain (DOMAIN.md) in one :class:`Policy` a platform can change.

>>> Policy().pitch_max_words
75
>>> Policy(speaking_rate_wpm=120).pitch_max_words
60
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from infoint.errors import ValidationError
from infoint.model import Choice


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


# ---------------------------------------------------------------- the linter (G13, G15, G19)


class TextKind(Choice):
    """What a piece of text is, so that each rule knows whether it applies."""

    QUESTION = "question"
    MESSAGE = "message"
    """A request, a thank-you note, a follow-up."""
    PITCH = "pitch"
    """The 30-second self-introduction (G13)."""
    NOTE = "note"


@attrs.frozen(kw_only=True)
class LintFinding:
    """One thing a rule flags: what, where (``start``..``end`` in the text), and what to do.

    ``line`` and ``column`` are 1-based, for messages such as ``file:3:14``.
    """

    rule: str
    message: str
    start: int
    end: int
    excerpt: str
    suggestion: str = ""
    line: int = 1
    column: int = 1


@attrs.frozen(kw_only=True)
class LintContext:
    """What a rule knows besides the text."""

    kind: TextKind = TextKind.MESSAGE
    policy: Policy = attrs.field(factory=Policy)


def finding(
    rule: str, text: str, start: int, end: int, message: str, suggestion: str = ""
) -> LintFinding:
    """A :class:`LintFinding` for ``text[start:end]``, with its line and column worked out."""
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return LintFinding(
        rule=rule,
        message=message,
        start=start,
        end=end,
        excerpt=text[start:end],
        suggestion=suggestion,
        line=line,
        column=column,
    )


def spoken_seconds(text: str, policy: Policy) -> float:
    """How long ``text`` takes to say at the policy's speaking rate (G13)."""
    return len(text.split()) * 60 / policy.speaking_rate_wpm


class PitchLength:
    """G13: a pitch must be speakable in the policy's seconds (default 30 s = 75 words)."""

    name = "pitch-length"

    def check(self, text: str, context: LintContext) -> list[LintFinding]:
        """One finding, spanning the words past the limit, when a pitch is too long."""
        if context.kind is not TextKind.PITCH:
            return []
        policy = context.policy
        words = list(re.finditer(r"\S+", text))
        if len(words) <= policy.pitch_max_words:
            return []
        first_extra = words[policy.pitch_max_words]
        seconds = spoken_seconds(text, policy)
        return [
            finding(
                self.name,
                text,
                first_extra.start(),
                len(text.rstrip()),
                f"the pitch takes about {seconds:.0f} seconds to say ({len(words)} words);"
                f" keep it under {policy.pitch_max_seconds} seconds"
                f" ({policy.pitch_max_words} words at {policy.speaking_rate_wpm} a minute)",
                f"cut {len(words) - policy.pitch_max_words} words: keep who you are, what you"
                " are exploring, and why this person",
            )
        ]


def lint(text: str, rules: Iterable[Any], context: LintContext | None = None) -> list[LintFinding]:
    """Every finding of every rule in ``text``, in order of position, then rule name."""
    context = context or LintContext()
    found = [f for rule in rules for f in rule.check(text, context)]
    return sorted(found, key=lambda f: (f.start, f.end, f.rule))
