"""The installed plugin: found through its entry point, light to import, and used by
``infoint export --format ics``.

These tests need the distribution installed (``pip install -e plugins/infoint-ical``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from infoint.cli import cli
from infoint.hookspecs import Exporter
from infoint.plugins import make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
NAME = 'Dupont, Jean; "JJ" Élodie 🎉'
ENV = {"INFOINT_DISABLE_PLUGINS": None, "INFOINT_DB": None, "INFOINT_OWNER": None}


def test_infoint_finds_the_plugin_through_its_entry_point() -> None:
    pm = make_plugin_manager(disabled=[])
    exporter = pm.provided("infoint_exporters")["ics"]
    assert isinstance(exporter, Exporter)
    assert (exporter.name, exporter.suffix, exporter.media_type) == (
        "ics",
        ".ics",
        "text/calendar",
    )
    info = next(i for i in pm.plugin_infos() if i.name == "ical")
    assert info.distribution == "infoint-ical"
    assert info.hooks == ("infoint_exporters",)


def test_loading_the_plugin_does_not_import_icalendar() -> None:
    code = (
        "import sys, infoint_ical\n"
        "from infoint.plugins import make_plugin_manager\n"
        "make_plugin_manager(disabled=[]).provided('infoint_exporters')['ics']\n"
        "assert 'icalendar' not in sys.modules, 'icalendar imported too early'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite file with one scheduled interview (the CLI opens it anew each run)."""
    url = "sqlite:///" + str(tmp_path / "infoint.db")
    clock = FakeClock(datetime(2026, 5, 1, 8, 0, tzinfo=UTC))
    pm = make_plugin_manager(entry_points=False, disabled=[])
    with Workspace.open(url, owner="tester", plugins=pm, clock=clock) as ws:
        contact = ws.add_contact(NAME)
        for day in (12, 19):
            interview = ws.plan_interview(
                contact.id,
                targets=["occupation:Data engineer"],
                purposes=["skills"],
                place="12, rue de la Paix; Paris",
                travel_minutes=20,
            )
            ws.schedule_interview(interview.id, starts_at=datetime(2026, 5, day, 14, tzinfo=PARIS))
    return url


def run(db: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db, "--owner", "tester", *args], env=ENV)
    assert result.exit_code == 0, result.output
    return result


def test_export_format_ics_writes_the_calendar(db: str, parse: Callable[..., Any]) -> None:
    result = run(db, "export", "--format", "ics", "--at", "2026-05-02 09:00 Europe/Paris")
    parsed = parse(result.stdout_bytes)
    assert len(parsed.events) == 2
    for event in parsed.events.values():
        assert str(event["SUMMARY"]) == f"Informational interview with {NAME}"
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event["DTSTAMP"].dt == datetime(2026, 5, 2, 7, 0, tzinfo=UTC)
        assert len(event.walk("VALARM")) == 2
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")


def test_export_to_a_folder_uses_the_ics_suffix(
    db: str, tmp_path: Path, parse: Callable[..., Any]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    at = "2026-05-02 09:00 Europe/Paris"
    run(db, "export", "--format", "ics", "--at", at, "-o", str(folder))
    written = folder / "infoint-tester.ics"
    assert written.stat().st_mode & 0o777 == 0o600
    assert written.read_bytes() == run(db, "export", "--format", "ics", "--at", at).stdout_bytes


def test_export_one_interview(db: str, parse: Callable[..., Any]) -> None:
    listed = run(db, "--json", "agenda", "--at", "2026-05-11 15:00 Europe/Paris")
    interview_id = next(item["interview_id"] for item in json.loads(listed.stdout))
    result = run(db, "export", "--format", "ics", "--interview", interview_id[:8])
    assert set(parse(result.stdout_bytes).events) == {f"{interview_id}@infoint"}


def test_infoint_plugins_lists_it(db: str) -> None:
    result = run(db, "--json", "plugins")
    plugins = {p["name"]: p for p in json.loads(result.stdout)["plugins"]}
    assert plugins["ical"]["distribution"] == "infoint-ical"
    assert plugins["ical"]["builtin"] is False
