"""The example question bank, installed as a third party's plugin (scripts/test installs it),
adds its questions to plans for software targets without any change to infoint."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def installed() -> str:
    try:
        return importlib.metadata.version("infoint-software-questions")
    except importlib.metadata.PackageNotFoundError:
        pytest.fail(
            "the example plugin is not installed: scripts/test installs it with"
            " pip install -e examples/question-bank-plugin"
        )


def _infoint(db: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "infoint", "--db", str(db), "--owner", "sam", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_the_plugin_is_listed_with_its_distribution(installed: str, tmp_path: Path) -> None:
    listing = json.loads(_infoint(tmp_path / "a.db", "plugins", "--json"))
    plugin = next(p for p in listing["plugins"] if p["name"] == "software_questions")
    assert plugin["distribution"] == "infoint-software-questions"
    assert plugin["version"] == installed
    assert plugin["hooks"] == ["infoint_question_generators"]


def _plan_for(db: Path, target: str) -> list[dict[str, str]]:
    contact = _infoint(db, "contact", "add", "Lin", "-q").strip()
    interview = _infoint(
        db, "interview", "plan", "--contact", contact, "--target", target,
        "--purpose", "break-in", "--minutes", "30", "-q",
    ).strip()  # fmt: skip
    plan = json.loads(_infoint(db, "questions", "suggest", interview, "--json"))
    questions: list[dict[str, str]] = plan["questions"]
    return questions


def test_its_questions_join_plans_for_software_targets(installed: str, tmp_path: Path) -> None:
    questions = _plan_for(tmp_path / "a.db", "occupation:Software engineer")
    sources = {q["source"] for q in questions}
    assert "software-engineering" in sources
    assert "bank" in sources


def test_its_questions_stay_out_of_other_fields(installed: str, tmp_path: Path) -> None:
    questions = _plan_for(tmp_path / "b.db", "occupation:Nurse")
    assert "software-engineering" not in {q["source"] for q in questions}
