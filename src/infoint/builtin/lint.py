"""infoint's own lint rules (G13, G15, G19), provided like a third-party plugin's.

>>> from infoint.plugins import make_plugin_manager
>>> sorted(make_plugin_manager(entry_points=False, disabled=[]).provided("infoint_lint_rules"))
['job-asking', 'pay-and-perks', 'pitch-length', 'spelling', 'thank-you-length']
"""

from __future__ import annotations

from infoint import hookimpl
from infoint.hookspecs import LintRule
from infoint.rules import JobAsking, PayAndPerks, PitchLength, Spelling, ThankYouLength


@hookimpl
def infoint_lint_rules() -> list[LintRule]:
    """Pay and perks, job asking (G15, G19), the pitch's length (G13), and the thank-you
    note's length and spelling (G19)."""
    return [PayAndPerks(), JobAsking(), PitchLength(), ThankYouLength(), Spelling()]
