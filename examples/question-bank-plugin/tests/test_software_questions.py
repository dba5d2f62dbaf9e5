"""Tests for the plugin, to run after ``pip install -e ".[test]"``: ``pytest tests``."""

from __future__ import annotations

from datetime import UTC, datetime

import infoint_software_questions
import pytest

from infoint.model import Contact, Interview, StatusChange, Target
from infoint.planning import PlanContext
from infoint.plugins import make_plugin_manager


def context(target_name: str) -> PlanContext:
    """An interview about one occupation, with a contact who has no role or organization."""
    target = Target(id="t1", kind="occupation", name=target_name)
    contact = Contact(id="c1", name="Grace Hopper")
    interview = Interview(
        id="i1",
        contact_id="c1",
        target_ids=["t1"],
        purposes=["skills"],
        history=[StatusChange(status="idea", at=datetime(2026, 12, 1, tzinfo=UTC))],
    )
    return PlanContext(interview=interview, contact=contact, targets=[target])


def test_the_bank_file_loads() -> None:
    # load_bank raises a ValidationError naming the question and key of any mistake.
    assert len(infoint_software_questions.questions()) >= 15


def test_infoint_finds_the_plugin_through_its_entry_point() -> None:
    generators = make_plugin_manager(disabled=[]).provided("infoint_question_generators")
    assert "software-engineering" in generators


@pytest.mark.parametrize("name", ["Software engineer", "DevOps", "Backend developer", "SRE"])
def test_software_targets_get_the_questions(name: str) -> None:
    generator = infoint_software_questions.infoint_question_generators()[0]
    assert generator.generate(context(name))


@pytest.mark.parametrize("name", ["Nurse", "Civil engineer", "Pastry chef"])
def test_other_targets_get_none(name: str) -> None:
    generator = infoint_software_questions.infoint_question_generators()[0]
    assert generator.generate(context(name)) == []
