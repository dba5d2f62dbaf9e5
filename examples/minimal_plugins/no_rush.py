"""A lint rule plugin: questions and messages do not press a busy person for time."""

from __future__ import annotations

import re

from infoint import hookimpl
from infoint.rules import LintContext, LintFinding, TextKind, finding

_RUSH = re.compile(r"\b(?:asap|as soon as possible|at your earliest convenience)\b", re.I)


class NoRush:
    name = "no-rush"

    def check(self, text: str, context: LintContext) -> list[LintFinding]:
        if context.kind not in (TextKind.QUESTION, TextKind.MESSAGE, TextKind.THANK_YOU):
            return []  # a note may record what was said; a pitch is spoken
        return [
            finding(
                self.name,
                text,
                match.start(),
                match.end(),
                f'"{match[0]}" presses them for time: they are doing you a favour',
                "offer two or three times and let them choose",
            )
            for match in _RUSH.finditer(text)
            if not _in_a_name(text, match.start(), match.end(), context.names)
        ]


def _in_a_name(text: str, start: int, end: int, names: tuple[str, ...]) -> bool:
    # "ASAP Logistics" is the organization's name, not a demand.
    return any(
        m.start() <= start and end <= m.end()
        for name in names
        for m in re.finditer(re.escape(name), text, re.IGNORECASE)
    )


@hookimpl
def infoint_lint_rules() -> list[NoRush]:
    return [NoRush()]
