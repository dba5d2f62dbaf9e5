"""``infoint lint``: one line per finding, a count, exit 1 when anything is flagged.

It needs no records, so these tests run it without ``--db`` too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTE = """Dear Grace,

Thank you for your time today. Your advice on data pipelines was a great help.
By the way, is your team hiring? And what is the salary range for juniors?

Best,
Ada
"""


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "thanks.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


def test_g19_lint_prints_each_finding_with_file_line_and_column(infoint, note: Path) -> None:
    result = infoint.invoke("lint", str(note))
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f'{note}:4:13: job-asking: "is your team hiring" sounds like asking for a job: keep the'
        " interview about learning (G15, G19) (suggestion: ask for their advice, or whom else"
        " to talk to; note an opening and apply later)",
        f'{note}:4:50: pay-and-perks: "salary" asks about pay: keep the interview about'
        " learning (G15) (suggestion: ask what the work is like, or what helps people grow"
        " there)",
        "2 findings",
    ]


def test_g15_lint_reads_standard_input(infoint) -> None:
    result = infoint.bare().invoke("lint", "-", "--as", "question", input="Are you hiring?\n")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].startswith("<stdin>:1:1: job-asking:")
    assert result.stdout.splitlines()[-1] == "1 finding"


def test_g15_lint_reads_standard_input_without_a_file_argument(infoint) -> None:
    result = infoint.bare().invoke("lint", input="What perks come with the job?")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1:6: pay-and-perks:")


def test_g15_lint_without_findings_exits_0(infoint, tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text("What does a typical day look like?\nWhom else should I talk to?\n")
    assert infoint.bare().ok("lint", str(path), "--as", "question") == "no findings\n"


def test_g13_lint_as_pitch_checks_the_length_only(infoint) -> None:
    pitch = " ".join(["word"] * 80) + " Are you hiring?"
    result = infoint.bare().invoke("lint", "--as", "pitch", input=pitch)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("<stdin>:1:376: pitch-length: the pitch takes about 33 seconds")
    assert "(suggestion: cut 8 words" in lines[0]
    assert lines[1] == "1 finding"


def test_g13_a_short_pitch_passes(infoint) -> None:
    out = infoint.bare().ok("lint", "--as", "pitch", input="I am Ada, a data analyst.")
    assert out == "no findings\n"


def test_g15_lint_does_not_check_notes_for_pay(infoint) -> None:
    # A note records what was said: "she said the salary is fair" is fine there.
    out = infoint.bare().ok("lint", "--as", "NOTE", input="She said the salary is fair.")
    assert out == "no findings\n"


def test_g15_lint_json(infoint, note: Path) -> None:
    for args in (["lint", str(note), "--json"], ["--json", "lint", str(note)]):
        result = infoint.bare().invoke(*args)
        assert result.exit_code == 1
        assert result.stderr == ""
        data = json.loads(result.stdout)
        assert [(d["rule"], d["excerpt"], d["line"], d["column"]) for d in data] == [
            ("job-asking", "is your team hiring", 4, 13),
            ("pay-and-perks", "salary", 4, 50),
        ]
        assert set(data[0]) == {
            "rule",
            "message",
            "start",
            "end",
            "excerpt",
            "suggestion",
            "line",
            "column",
        }
        assert NOTE[data[1]["start"] : data[1]["end"]] == "salary"


def test_g15_lint_json_without_findings_is_an_empty_list(infoint) -> None:
    assert json.loads(infoint.bare().ok("lint", "--json", input="Thank you!")) == []


def test_lint_needs_no_database(infoint, tmp_path: Path) -> None:
    # Like `plugins`: a broken --db is never opened.
    infoint.bare().ok("--db", "nosuch://x", "lint", input="Thank you!")
    infoint.bare().ok("--db", str(tmp_path), "lint", input="Thank you!")
    assert list(tmp_path.iterdir()) == []


def test_lint_a_missing_file_is_a_one_line_error(infoint, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    line = infoint.bare().fail("lint", str(missing))
    assert line == f"infoint: error: {missing}: cannot read: No such file or directory"
    # 2, not 1: a script can tell "cannot read" from "findings".
    assert infoint.bare().invoke("lint", str(missing)).exit_code == 2


def test_lint_a_directory_or_binary_file_is_a_one_line_error(infoint, tmp_path: Path) -> None:
    assert infoint.bare().fail("lint", str(tmp_path)).endswith(": cannot read: Is a directory")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert infoint.bare().fail("lint", str(binary)).endswith(": cannot read: not UTF-8 text")


def test_lint_a_wrong_kind_is_a_one_line_error(infoint) -> None:
    line = infoint.bare().fail("lint", "--as", "poem", input="x")
    assert "'poem' is not one of" in line


def test_lint_runs_plugin_rules_and_survives_a_broken_one(
    infoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoint import hookimpl
    from infoint.cli._common import App
    from infoint.plugins import make_plugin_manager
    from infoint.rules import LintContext, LintFinding, finding

    class Shouting:
        name = "no-shouting"

        def check(self, text: str, context: LintContext) -> list[LintFinding]:
            at = text.find("!!")
            return [] if at < 0 else [finding(self.name, text, at, at + 2, "calm down")]

    class Broken:
        name = "broken"

        def check(self, text: str) -> list[LintFinding]:  # the old, one-argument signature
            return []

    class Plugin:
        @hookimpl
        def infoint_lint_rules(self) -> list[object]:
            return [Shouting(), Broken()]

    pm = make_plugin_manager(entry_points=False, disabled=[], plugins=[("extra", Plugin())])
    monkeypatch.setattr(App, "plugins", property(lambda self: pm))
    result = infoint.bare().invoke("lint", input="Thanks!!")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["<stdin>:1:7: no-shouting: calm down", "1 finding"]
    assert result.stderr.startswith("infoint: warning: lint rule broken failed:")


def test_g19_names_given_are_not_spelling_errors(infoint, tmp_path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Dear Siobhán,\nThank you! I recieved great advice.\n", encoding="utf-8")
    flagged = infoint.invoke("lint", str(note), "--as", "thank-you")
    assert flagged.exit_code == 1
    assert "Siobhán" in flagged.stdout and "recieved" in flagged.stdout
    named = infoint.invoke("lint", str(note), "--as", "thank-you", "--name", "Siobhán")
    assert "Siobhán" not in named.stdout
    assert "did you mean 'received'?" in named.stdout
