"""Tests for the todo.txt exporter, to run after ``pip install -e ".[test]"``: ``pytest tests``."""

from __future__ import annotations

import importlib.metadata
import io
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import infoint_todotxt
import pytest

from infoint.plugins import make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)
START = datetime(2026, 12, 1, 15, 0, tzinfo=PARIS)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ws(clock: FakeClock) -> Workspace:
    pm = make_plugin_manager(
        entry_points=False, disabled=[], plugins=[("todotxt", infoint_todotxt)]
    )
    with Workspace.open("memory://", owner="sam", plugins=pm, clock=clock) as ws:
        yield ws


def export(ws: Workspace, at: datetime) -> list[str]:
    out = io.BytesIO()
    ws.export("todo.txt", out, at=at)
    return out.getvalue().decode("utf-8").splitlines()


def plan(ws: Workspace, name: str = "Ada Lovelace") -> str:
    contact = ws.add_contact(name, organization="Acme")
    interview = ws.plan_interview(contact, targets=["company:Acme"], purposes=["skills"])
    return interview.id


def test_each_agenda_item_is_one_task_with_its_kind_due_day_and_ids(ws: Workspace) -> None:
    interview_id = plan(ws)
    contact_id, target_id = ws.contacts()[0].id, ws.targets()[0].id
    assert export(ws, NOW) == [
        "(B) Ask Ada Lovelace for an informational interview +infoint @request"
        f" due:2026-11-20 interview:{interview_id[:8]} contact:{contact_id[:8]}",
        "Talk to more people about Acme (0 of 2 interviews held) +infoint @more-voices"
        f" target:{target_id[:8]}",
    ]


def test_priority_says_late_due_now_or_later(ws: Workspace, clock: FakeClock) -> None:
    interview_id = plan(ws)
    ws.request_interview(interview_id, channel="email")
    ws.schedule_interview(interview_id, starts_at=START, minutes=20)
    ws.suggest_questions(interview_id, save=True)
    ws.confirm_interview(interview_id)
    clock.now = START + timedelta(hours=1)  # it has taken place
    ws.hold_interview(interview_id, at=START)
    ws.add_note(interview_id, "Learn the tools first", kind="advice", at=START)
    ws.assess_interview(interview_id, went_well="Good questions")

    due_now = export(ws, datetime(2026, 12, 1, 18, 0, tzinfo=PARIS))
    assert due_now[0].startswith("(B) Send a thank-you note to Ada Lovelace +infoint @thank-you")
    assert " due:2026-12-02 " in due_now[0]  # 24 hours after the interview (G19)

    late = export(ws, datetime(2026, 12, 3, 9, 0, tzinfo=PARIS))
    assert late[0].startswith("(A) ")


def test_a_task_due_later_has_priority_c(ws: Workspace) -> None:
    interview_id = plan(ws)
    ws.request_interview(interview_id, channel="email")
    ws.schedule_interview(interview_id, starts_at=START, minutes=20)
    tasks = export(ws, NOW)
    # Preparing the questions is due the day before, ten days away.
    assert [t.split()[0] for t in tasks if "@prepare" in t] == ["(C)"]


def test_words_a_user_typed_never_become_tags(ws: Workspace) -> None:
    plan(ws, name="+Ada @home")
    task = export(ws, NOW)[0]
    words = task.split()
    assert [w for w in words if w.startswith("+")] == ["+infoint"]
    assert [w for w in words if w.startswith("@")] == ["@request"]
    assert task.replace("\u2060", "").startswith("(B) Ask +Ada @home for")


def test_nothing_due_is_an_empty_file(ws: Workspace) -> None:
    assert export(ws, NOW) == []


# ---------------------------------------------------------------- installed


def test_infoint_finds_the_plugin_through_its_entry_point() -> None:
    try:
        importlib.metadata.version("infoint-todotxt")
    except importlib.metadata.PackageNotFoundError:
        pytest.fail("not installed: pip install -e examples/custom_exporter")
    exporters = make_plugin_manager(disabled=[]).provided("infoint_exporters")
    assert isinstance(exporters["todo.txt"], infoint_todotxt.TodoTxt)


def test_the_command_line_exports_to_a_file(tmp_path: Path) -> None:
    def infoint(*args: str) -> str:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "infoint",
                "--db",
                str(tmp_path / "a.db"),
                "--owner",
                "sam",
                *args,
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    infoint("contact", "add", "Ada Lovelace")
    infoint("interview", "plan", "--contact", "Ada Lovelace", "--target", "company:Acme",
            "--purpose", "skills")  # fmt: skip
    infoint("export", "--format", "todo.txt", "-o", str(tmp_path))
    tasks = (tmp_path / "infoint-sam.txt").read_text("utf-8").splitlines()
    assert [t.split(" +infoint ")[1].split()[0] for t in tasks] == ["@request", "@more-voices"]
