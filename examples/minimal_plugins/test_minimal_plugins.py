"""The minimal plugins of docs/writing-plugins.md, registered and used the way infoint does.

Each test gives a plugin module to a fresh plugin manager (nothing installed),
so what the page shows is what runs here. pytest puts this folder on
``sys.path``, so the plugins import by their module names.
"""

from __future__ import annotations

# --8<-- [start:setup]
import functools
import io
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import first_year_questions
import jsonfile_store
import names_importer
import next_command
import no_rush
import pytest
import status_tsv
from click.testing import CliRunner

import infoint.plugins
from infoint.cli import cli
from infoint.errors import ValidationError
from infoint.exchange import Outcome
from infoint.rules import LintContext, TextKind
from infoint.testing.contract import StoreContract
from infoint.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 12, 1, 14, 0, tzinfo=PARIS)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)


# --8<-- [start:workspace]
def workspace(name: str, plugin: ModuleType, url: str = "memory://") -> Workspace:
    """A Workspace with the built-ins and one plugin, as ``pip install`` would give."""
    pm = infoint.plugins.make_plugin_manager(
        entry_points=False, disabled=[], plugins=[(name, plugin)]
    )
    return Workspace.open(url, owner="ann", plugins=pm, clock=lambda: NOW)
    # --8<-- [end:workspace]


def plan(ws: Workspace) -> str:
    """An interview with Grace Hopper about compiler engineering, scheduled at START."""
    grace = ws.add_contact("Grace Hopper", role="Rear admiral", organization="US Navy")
    interview = ws.plan_interview(
        grace, targets=["occupation:Compiler engineer"], purposes=["break-in"]
    )
    ws.schedule_interview(interview.id, starts_at=START, minutes=20)
    return interview.id
    # --8<-- [end:setup]


# ---------------------------------------------------------------- store


# --8<-- [start:contract]
class TestJsonFileStore(StoreContract):
    """The contract suite every store passes: subclass it, give it a fresh store."""

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[jsonfile_store.JsonFileStore]:
        store = jsonfile_store.JsonFileStore(f"jsonfile://{tmp_path / 'infoint.json'}")
        yield store
        store.close()

    # --8<-- [end:contract]


def test_jsonfile_store_opens_by_url_and_keeps_records_private(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    with workspace("jsonfile", jsonfile_store, f"jsonfile://{path}") as ws:
        interview_id = plan(ws)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with workspace("jsonfile", jsonfile_store, f"jsonfile://{path}") as ws:
        assert ws.interview(interview_id[:8]).contact_id == ws.contacts()[0].id
        assert [c.name for c in ws.contacts()] == ["Grace Hopper"]


# ---------------------------------------------------------------- question generator


# --8<-- [start:generator]
def test_first_year_question_is_planned_for_an_occupation() -> None:
    with workspace("first_year", first_year_questions) as ws:
        interview_id = plan(ws)
        questions = ws.suggest_questions(interview_id, minutes=20).questions
    texts = [q.text for q in questions]
    assert "What surprised you most in your first year as a Compiler engineer?" in texts
    first_year = next(q for q in questions if q.id.startswith("first-year:"))
    assert first_year.why.endswith("the first year shows what the work is really like")
    # --8<-- [end:generator]


def test_first_year_asks_nothing_without_an_occupation() -> None:
    with workspace("first_year", first_year_questions) as ws:
        acme = ws.add_contact("Ada", organization="Acme")
        interview = ws.plan_interview(acme, targets=["company:Acme"], purposes=["skills"])
        questions = ws.suggest_questions(interview.id, minutes=30).questions
    assert not [q for q in questions if q.id.startswith("first-year:")]


# ---------------------------------------------------------------- exporter


# --8<-- [start:exporter]
def test_status_tsv_writes_one_line_per_interview() -> None:
    with workspace("status_tsv", status_tsv) as ws:
        interview_id = plan(ws)
        out = io.BytesIO()
        ws.export("status-tsv", out)
    assert out.getvalue().decode("utf-8").split("\t") == [
        interview_id,
        "scheduled",
        "2026-12-01T14:00:00+01:00",
        "Grace Hopper",
        f"infoint questions suggest {interview_id[:8]} --save\n",
    ]
    # --8<-- [end:exporter]


# ---------------------------------------------------------------- importer


# --8<-- [start:importer]
def test_names_importer_adds_merges_and_is_all_or_nothing() -> None:
    with workspace("names", names_importer) as ws:
        ws.add_contact("Grace Hopper", organization="US Navy")
        people = b"Jean Sammet <jean@example.org>\n# from the meetup\nAda Lovelace\n"
        report = ws.import_contacts("names", io.BytesIO(people), source="people.txt")
        assert (len(report.added), len(report.merged), report.count(Outcome.UNCHANGED)) == (
            2,
            0,
            0,
        )

        again = b"Jean Sammet <JEAN@example.org>\nAda Lovelace <ada@example.org>\n"
        report = ws.import_contacts("names", io.BytesIO(again), source="again.txt")
        assert [c.name for c in report.merged] == ["Ada Lovelace"]
        assert [(line.line, line.outcome) for line in report.lines] == [
            (1, Outcome.UNCHANGED),
            (2, Outcome.MERGED),
        ]

        bad = b"Alan Turing\nAlan <alan at home>\n"
        with pytest.raises(ValidationError, match=r"^bad.txt:2: email: 'alan at home' is not"):
            ws.import_contacts("names", io.BytesIO(bad), source="bad.txt")
        names = sorted(c.name for c in ws.contacts())
    assert names == ["Ada Lovelace", "Grace Hopper", "Jean Sammet"]
    # --8<-- [end:importer]


# ---------------------------------------------------------------- lint rule


# --8<-- [start:lint]
def test_no_rush_flags_asap_in_messages_but_not_in_notes_or_names() -> None:
    with workspace("no_rush", no_rush) as ws:
        found = ws.lint("Hi Ada,\nCould we meet ASAP? And is your team hiring?", "message")
        assert [(f.line, f.column, f.rule) for f in found] == [
            (2, 15, "no-rush"),
            (2, 25, "job-asking"),
        ]
        assert ws.lint("She said: call back ASAP.", "note") == []
        question = "What is a typical day at ASAP Logistics like?"
        assert ws.lint(question, "question", names=["ASAP Logistics"]) == []
    # --8<-- [end:lint]


def test_no_rush_drops_a_pressing_question_from_the_plan() -> None:
    rule = no_rush.NoRush()
    context = LintContext(kind=TextKind.QUESTION)
    assert rule.check("Could you answer as soon as possible?", context)[0].excerpt == (
        "as soon as possible"
    )


# ---------------------------------------------------------------- command


# --8<-- [start:command]
def test_next_command_prints_the_top_of_the_agenda(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command line makes its own plugin manager: give it this plugin, uninstalled.
    monkeypatch.setattr(
        infoint.plugins,
        "make_plugin_manager",
        functools.partial(
            infoint.plugins.make_plugin_manager,
            entry_points=False,
            disabled=[],
            plugins=[("next_command", next_command)],
        ),
    )
    db = f"sqlite:///{tmp_path / 'infoint.db'}"
    runner = CliRunner()

    def infoint_cli(*args: str) -> str:
        result = runner.invoke(cli, ["--db", db, "--owner", "ann", *args], prog_name="infoint")
        assert result.exit_code == 0, result.output
        return result.stdout

    assert infoint_cli("next") == "Nothing is due.\n"
    infoint_cli("contact", "add", "Grace Hopper")
    interview_id = infoint_cli(
        "interview", "plan", "--contact", "Grace Hopper", "--target", "company:Acme",
        "--purpose", "skills", "--quiet",
    ).strip()  # fmt: skip
    assert infoint_cli("next") == (
        "Ask Grace Hopper for an informational interview\n"
        f"  -> infoint interview request {interview_id[:8]} --channel email\n"
    )
    # --8<-- [end:command]
