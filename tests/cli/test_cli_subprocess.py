"""The CLI as a real program: ``python -m infoint`` and the ``infoint`` console script."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

START = "2026-12-01 14:00+01:00"


def console_script() -> str | None:
    """The ``infoint`` script next to this interpreter, else the one on PATH."""
    return shutil.which("infoint", path=str(Path(sys.executable).parent)) or shutil.which(
        "infoint"
    )


LAUNCHERS = {
    "python -m infoint": [sys.executable, "-m", "infoint"],
    "infoint script": None,  # found at run time, so a missing script skips one test only
}


@pytest.fixture(params=list(LAUNCHERS))
def launcher(request) -> list[str]:
    command = LAUNCHERS[request.param]
    if command is None:
        script = console_script()
        if script is None:
            pytest.skip("the infoint console script is not installed")
        command = [script]
    return command


def run(command: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    # The environment comes from conftest's fixture: a fresh HOME, no INFOINT_*.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )


def test_python_m_infoint_help_exits_0():
    done = run([sys.executable, "-m", "infoint"], "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: infoint")
    assert done.stderr == ""


def test_plan_show_and_list_as_a_real_program(launcher, tmp_path: Path):
    base = [*launcher, "--db", "sqlite:///" + str(tmp_path / "a.db"), "--owner", "ada"]
    added = run(base, "contact", "add", "Grace Hopper", "--email", "grace@navy.example", "-q")
    assert added.returncode == 0, added.stderr
    contact = added.stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{32}", contact)

    planned = run(
        base,
        "interview",
        "plan",
        "--contact",
        contact[:6],
        "--target",
        "occupation:Data engineer",
        "--purpose",
        "break-in",
        "-q",
    )
    assert planned.returncode == 0, planned.stderr
    interview = planned.stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{32}", interview)

    scheduled = run(base, "interview", "schedule", interview[:6], "--at", START)
    assert scheduled.returncode == 0, scheduled.stderr
    assert scheduled.stdout == f"Interview {interview[:8]} is scheduled.\n"

    shown = run(base, "interview", "show", interview[:6], "--json")
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    data = json.loads(shown.stdout)
    assert data["id"] == interview
    assert data["status"] == "scheduled"
    assert [h["status"] for h in data["history"]] == ["idea", "scheduled"]

    listed = run(base, "interview", "list")
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()
    assert rows[0].split()[:2] == ["ID", "STATUS"]
    assert rows[1].startswith(f"{interview[:8]}  scheduled")
    assert "Grace Hopper" in rows[1]


def test_bad_date_as_a_real_program_is_one_line(launcher, tmp_path: Path):
    base = [*launcher, "--db", "sqlite:///" + str(tmp_path / "a.db"), "--owner", "ada"]
    done = run(base, "interview", "log", "--contact", "x", "--at", "2026-13-40", "--learned", "y")
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("infoint: error:")
    assert "2026-13-40" in lines[0]


def test_unknown_id_as_a_real_program_is_one_line(tmp_path: Path):
    base = [sys.executable, "-m", "infoint", "--db", "sqlite:///" + str(tmp_path / "a.db")]
    done = run(base, "interview", "hold", "zz0123")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == "infoint: error: no interview matches 'zz0123'\n"
