"""The examples run and do what their docs say."""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import infoint.plugins
from infoint.workspace import Workspace

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WEBHOOK = EXAMPLES / "webhook-plugin"
QUICKSTART = EXAMPLES / "sdk_quickstart.py"
CUSTOM_EXPORTER = EXAMPLES / "custom_exporter"
START = "2026-12-01T14:00:00+01:00"


def _run_example(
    script: Path, cwd: Path, disabled: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python SCRIPT`` in ``cwd`` with every plugin enabled (or ``disabled`` off)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("INFOINT_DISABLE_PLUGINS", None)
    if disabled is not None:
        env["INFOINT_DISABLE_PLUGINS"] = disabled
    return subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


# ---------------------------------------------------------------- embed.py


def test_embed_serves_two_seekers_from_one_store(tmp_path: Path) -> None:
    done = _run_example(EXAMPLES / "embed.py", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "ada:"
    assert lines[1].startswith("  interview ")
    assert lines[1].endswith(" with Grace Hopper: held")
    short_id = lines[1].split()[1]
    assert lines[2:5] == [
        "  notes: 1",
        f"  search 'pipeline': interview {short_id}",
        "bo:",
    ]
    assert lines[5:8] == [
        "  contacts: Linus Torvalds",
        "  interviews: 1",
        "  search 'pipeline': nothing",
    ]
    assert lines[8].startswith(f"  ada's interview: not found (no interview matches '{short_id}")
    assert list(tmp_path.iterdir()) == []  # memory only: nothing written


# ---------------------------------------------------------------- sdk_quickstart.py


def test_quickstart_plans_preps_notes_and_reads_the_agenda(tmp_path: Path) -> None:
    done = _run_example(QUICKSTART, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    short_id = lines[0].removeprefix("Prep sheet for interview ").removesuffix(" (scheduled)")
    assert len(short_id) == 8, lines[0]
    sheet = lines[: lines.index("Note [free]: Pipelines need care more than building")]
    for expected in (
        "  - Ada Lovelace (Data engineer, Acme Data)",
        "  - Starts: Tue 2026-12-01 15:00 (+01:00)",
        "  - Arrive: Tue 2026-12-01 14:50 (+01:00) (10 minutes early)",
        "  - Place: Café on Mill Street",
        "  - What does a typical week look like?",
        "  - I'm Sam, a data analyst exploring data engineering.",
    ):
        assert expected in sheet
    questions = sheet[sheet.index("Questions:") + 1 :]
    assert questions[0] == "  - [0:30] (day-in-the-life) What does a typical week look like?"
    assert any("(people)" in q for q in questions)  # whom else to talk to, last (G14)
    assert lines[-8:-1] == [
        "Note [advice]: Learn SQL window functions first",
        "Agenda that evening:",
        "  assess: Assess the interview with Ada Lovelace",
        f"    -> infoint assess {short_id}",
        "  thank-you: Send a thank-you note to Ada Lovelace",
        f"    -> infoint thank-you {short_id}",
        "  more-voices: Talk to more people about Data engineer (1 of 2 interviews held)",
    ]
    assert lines[-1].startswith("    -> infoint interview plan --target ")
    assert list(tmp_path.iterdir()) == []  # a memory store: nothing written


def _quickstart_output(tmp_path: Path, disabled: str | None) -> str:
    done = _run_example(QUICKSTART, tmp_path, disabled)
    assert done.returncode == 0, done.stderr
    return re.sub(r"\b[0-9a-f]{8}\b", "ID", done.stdout)  # the IDs differ from run to run


def test_quickstart_prints_the_same_whatever_plugins_are_installed_or_disabled(
    tmp_path: Path,
) -> None:
    # It says so: only the built-ins take part, INFOINT_DISABLE_PLUGINS or not.
    assert _quickstart_output(tmp_path, None) == _quickstart_output(
        tmp_path, "question-bank,research,lint"
    )


def test_quickstart_fits_in_forty_lines_without_formatter_escapes() -> None:
    source = QUICKSTART.read_text("utf-8")
    assert len(source.splitlines()) <= 40
    assert "fmt:" not in source


# ---------------------------------------------------------------- custom_exporter


def test_custom_exporter_is_registered_under_the_infoint_entry_point_group() -> None:
    project = tomllib.loads((CUSTOM_EXPORTER / "pyproject.toml").read_text("utf-8"))
    assert project["build-system"]["build-backend"] == "hatchling.build"
    assert project["project"]["entry-points"]["infoint"] == {"todotxt": "infoint_todotxt"}
    assert (CUSTOM_EXPORTER / "tests" / "test_todotxt.py").is_file()


def test_custom_exporter_imports_only_infoint_and_the_standard_library() -> None:
    source = (CUSTOM_EXPORTER / "src" / "infoint_todotxt" / "__init__.py").read_text("utf-8")
    assert _top_level_imports(source) <= {"infoint", *sys.stdlib_module_names}


# ---------------------------------------------------------------- webhook-plugin


@pytest.fixture
def webhook_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The example plugin's module, imported from its source tree (not installed)."""
    monkeypatch.syspath_prepend(str(WEBHOOK / "src"))
    monkeypatch.delitem(sys.modules, "infoint_webhook_log", raising=False)
    module = importlib.import_module("infoint_webhook_log")
    yield module
    sys.modules.pop("infoint_webhook_log", None)


def _workspace(module: ModuleType) -> Workspace:
    pm = infoint.plugins.make_plugin_manager(
        entry_points=False, disabled=[], plugins=[("webhook_log", module)]
    )
    return Workspace.open("memory://", owner="x", plugins=pm)


def _plan_and_schedule(ws: Workspace) -> str:
    from datetime import datetime

    contact = ws.add_contact("Grace Hopper", organization="Acme")
    interview = ws.plan_interview(contact, targets=["occupation:Programmer"], purposes=["skills"])
    ws.schedule_interview(interview.id, starts_at=datetime.fromisoformat(START), minutes=20)
    return interview.id


def test_webhook_plugin_writes_one_json_line_per_change(
    webhook_log: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = tmp_path / "events.jsonl"
    monkeypatch.setenv("INFOINT_WEBHOOK_LOG", str(log))
    with _workspace(webhook_log) as ws:
        interview_id = _plan_and_schedule(ws)

    events = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [e["action"] for e in events] == ["planned", "scheduled"]
    assert [e["status"] for e in events] == ["idea", "scheduled"]
    assert [e["version"] for e in events] == [1, 2]
    assert {e["owner"] for e in events} == {"x"}
    assert {e["interview"] for e in events} == {interview_id}
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_webhook_plugin_appends_to_an_existing_log(
    webhook_log: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = tmp_path / "events.jsonl"
    log.write_text('{"action":"earlier"}\n', "utf-8")
    monkeypatch.setenv("INFOINT_WEBHOOK_LOG", str(log))
    with _workspace(webhook_log) as ws:
        _plan_and_schedule(ws)
    actions = [json.loads(line)["action"] for line in log.read_text("utf-8").splitlines()]
    assert actions == ["earlier", "planned", "scheduled"]


def test_webhook_plugin_does_nothing_without_its_variable(
    webhook_log: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("INFOINT_WEBHOOK_LOG", raising=False)
    monkeypatch.chdir(tmp_path)
    with _workspace(webhook_log) as ws:
        _plan_and_schedule(ws)
    assert list(tmp_path.iterdir()) == []


def test_webhook_plugin_is_registered_under_the_infoint_entry_point_group() -> None:
    project = tomllib.loads((WEBHOOK / "pyproject.toml").read_text("utf-8"))
    assert project["build-system"]["build-backend"] == "hatchling.build"
    assert project["project"]["entry-points"]["infoint"] == {"webhook_log": "infoint_webhook_log"}


def test_webhook_plugin_imports_only_infoint_and_the_standard_library() -> None:
    source = (WEBHOOK / "src" / "infoint_webhook_log" / "__init__.py").read_text("utf-8")
    imported = _top_level_imports(source)
    assert "infoint" in imported
    assert imported <= {"infoint", *sys.stdlib_module_names}, imported


def _top_level_imports(source: str) -> set[str]:
    """The top-level packages a module imports, anywhere in it."""
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    return imported
