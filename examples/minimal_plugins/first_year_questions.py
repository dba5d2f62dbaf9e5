"""A question generator plugin: one question about the first year, per occupation (G14)."""

from __future__ import annotations

from collections.abc import Iterator

from infoint import hookimpl
from infoint.model import QuestionKind, SuggestedQuestion, TargetKind
from infoint.planning import PlanContext


class FirstYear:
    """Asks what the first year in each occupation the seeker studies was like."""

    name = "first-year"

    def generate(self, context: PlanContext) -> Iterator[SuggestedQuestion]:
        for target in context.targets_of(TargetKind.OCCUPATION):
            yield SuggestedQuestion(
                id=f"first-year-{target.id}",
                kind=QuestionKind.PATH,
                formal=f"What surprised you most in your first year as a {target.name}?",
                casual=f"What surprised you most in your first year as a {target.name}?",
                seconds=120,
                boost=10,  # about the seeker's own target: rank it above generic questions
                why="the first year shows what the work is really like",
            )


@hookimpl
def infoint_question_generators() -> list[FirstYear]:
    return [FirstYear()]
