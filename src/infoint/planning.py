"""Pure planning: fit questions to the agreed time (G7, G14), build the prep sheet (G9-G13).

Nothing here does I/O, reads the clock or touches plugins: the Workspace
gathers the interview, the generators' suggestions and the lint rules, and
passes them in. The same input always gives the same plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from infoint.model import (
    Contact,
    Interview,
    Profile,
    Register,
    Target,
    TargetKind,
)


@attrs.frozen(kw_only=True)
class PlanContext:
    """Everything a question generator (and the planner) may look at for one interview."""

    interview: Interview
    contact: Contact
    targets: tuple[Target, ...] = attrs.field(default=(), converter=tuple)
    profile: Profile = attrs.field(factory=Profile)

    @property
    def register(self) -> Register:
        """Formal or casual wording, from how the seeker knows the contact (G14)."""
        return self.contact.relationship.register

    def targets_of(self, kind: TargetKind) -> list[Target]:
        """The interview's targets of one kind, in the interview's order."""
        return [t for t in self.targets if t.kind is kind]

    @property
    def placeholders(self) -> Mapping[str, str]:
        """Values for ``{organization}``, ``{role}``, ``{industry}``, ``{occupation}``.

        Each comes from the most specific source there is, else a phrase that
        reads naturally in a question ("your organization").
        """
        company = self.targets_of(TargetKind.COMPANY)
        industry = self.targets_of(TargetKind.INDUSTRY)
        occupation = self.targets_of(TargetKind.OCCUPATION)
        return {
            "organization": self.contact.organization
            or (company[0].name if company else "your organization"),
            "role": self.contact.role or (occupation[0].name if occupation else "your role"),
            "industry": industry[0].name if industry else "your industry",
            "occupation": occupation[0].name
            if occupation
            else (self.contact.role or "your line of work"),
        }

    def fill(self, text: str) -> str:
        """``text`` with its placeholders filled; unknown braces are left as they are."""
        values = self.placeholders
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], m[0]), text)

    @property
    def words(self) -> frozenset[str]:
        """Lower-case words of the target names and the contact's role and organization,
        which a suggestion's ``topics`` are matched against."""
        text = " ".join(
            [*(t.name for t in self.targets), self.contact.role, self.contact.organization]
        )
        return frozenset(re.findall(r"\w+", text.casefold()))
