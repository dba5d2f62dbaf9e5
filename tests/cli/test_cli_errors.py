"""A user's mistake prints one ``infoint: error:`` line on stderr, nothing on
stdout, exits non-zero, never shows a traceback, and changes nothing.

The one-line, empty-stdout, no-traceback checks are in ``Infoint.fail``
(conftest.py); each test here adds what the message must say.
"""

from __future__ import annotations

from pathlib import Path

import pytest

START = "2026-12-01 14:00+01:00"

PLAN_X = ["interview", "plan", "--contact", "{contact}", "--target", "occupation:X"]

# Each case: the arguments (with {contact} and {interview} filled in) and words
# the error line must contain.
CASES = {
    "bad date": (
        ["interview", "schedule", "{interview}", "--at", "2026-13-40"],
        ["'2026-13-40' is not a date and time", "--at"],
    ),
    "bad date on log": (
        ["interview", "log", "--contact", "{contact}", "--at", "yesterdayish", "--learned", "x"],
        ["'yesterdayish' is not a date and time"],
    ),
    "bad relative time": (
        ["interview", "schedule", "{interview}", "--at", "tomorrow 25:00"],
        ["'tomorrow 25:00' is not a date and time"],
    ),
    "date too far to store": (
        ["interview", "schedule", "{interview}", "--at", "9999-12-31 23:59-01:00"],
        ["is not a date and time"],
    ),
    "unknown interview ID": (
        ["interview", "show", "zz0123"],
        ["no interview matches 'zz0123'"],
    ),
    "unknown interview ID with --json": (
        ["interview", "show", "zz0123", "--json"],
        ["no interview matches 'zz0123'"],
    ),
    "unknown contact ID": (["contact", "show", "zz0123"], ["no contact matches 'zz0123'"]),
    "unknown contact for a plan": (
        [
            "interview",
            "plan",
            "--contact",
            "Nobody",
            "--target",
            "occupation:X",
            "--purpose",
            "skills",
        ],
        ["no contact matches 'Nobody'"],
    ),
    "unknown target ID for a plan": (
        [
            "interview",
            "plan",
            "--contact",
            "{contact}",
            "--target",
            "zz0123",
            "--purpose",
            "skills",
        ],
        ["no target matches 'zz0123'", "KIND:NAME"],
    ),
    "hold before schedule": (
        ["interview", "hold", "{interview}"],
        ["cannot hold", "idea", "request, schedule, decline, cancel"],
    ),
    "confirm before schedule": (
        ["interview", "confirm", "{interview}"],
        ["cannot confirm", "request, schedule, decline, cancel"],
    ),
    "missing required option": (
        ["interview", "plan", "--contact", "{contact}", "--purpose", "skills"],
        ["Missing option '--target'", "infoint interview plan"],
    ),
    "missing required argument": (["contact", "add"], ["Missing argument 'NAME'"]),
    "invalid purpose": (
        [*PLAN_X, "--purpose", "get-a-job"],
        ["--purpose", "'get-a-job' is not one of", "break-in"],
    ),
    "invalid status filter": (["interview", "list", "--status", "done"], ["--status", "'done'"]),
    "invalid request channel": (
        ["interview", "request", "{interview}", "--channel", "carrier-pigeon"],
        ["--channel"],
    ),
    "length out of range": (
        ["interview", "schedule", "{interview}", "--at", START, "--minutes", "0"],
        ["--minutes"],
    ),
    "empty contact name": (["contact", "add", ""], ["name: must not be empty"]),
    "blank contact name": (["contact", "add", "   "], ["name: must not be empty"]),
    "invalid email": (
        ["contact", "add", "Zed", "--email", "zed-at-example.org"],
        ["'zed-at-example.org' is not an e-mail address"],
    ),
    "invalid email on edit": (
        ["contact", "edit", "{contact}", "--email", "nope"],
        ["'nope' is not an e-mail address"],
    ),
    "empty learned text": (
        ["interview", "log", "--contact", "{contact}", "--at", START, "--learned", " "],
        ["must not be empty"],
    ),
    "duplicate target": (
        ["target", "add", "occupation", "Data engineer"],
        ["occupation:Data engineer exists already"],
    ),
    "invalid target kind": (["target", "add", "hobby", "Chess"], ["'hobby'"]),
    "note on an idea": (["note", "add", "{interview}", "Too early"], ["is idea"]),
    "unknown command": (["interviews"], ["No such command 'interviews'"]),
    "unknown option": (["contact", "list", "--colour"], ["No such option", "--colour"]),
    "owner with a control character": (
        ["--owner", "a\tb", "contact", "list"],
        ["owner 'a\\tb' is not a valid owner name"],
    ),
    "blank owner": (["--owner", "  ", "contact", "list"], ["the owner name is empty"]),
}


@pytest.fixture
def contact(infoint):
    return infoint.new_id("contact", "add", "Grace Hopper")


@pytest.fixture
def planned(infoint, contact):
    return infoint.plan(contact)  # also creates target occupation:Data engineer


@pytest.mark.parametrize("case", list(CASES))
def test_user_error_is_one_line_and_changes_nothing(infoint, contact, planned, case):
    args, expected = CASES[case]
    args = [a.format(contact=contact, interview=planned) for a in args]
    before = infoint.records()
    assert len(before) == 3  # the contact, the target and the interview
    error = infoint.fail(*args)
    for words in expected:
        assert words in error, error
    assert infoint.records() == before


def test_refused_hold_leaves_the_interview_as_it_was(infoint, planned):
    before = infoint.interview(planned)
    assert before["status"] == "idea"
    error = infoint.fail("interview", "hold", planned[:6])
    assert error == (
        f"infoint: error: cannot hold interview {planned[:8]}: its status is idea;"
        " from there you can request, schedule, decline, cancel"
    )
    after = infoint.interview(planned)
    assert after["status"] == "idea"
    assert after["version"] == before["version"]
    assert after == before


def test_usage_errors_exit_2_and_domain_errors_exit_1(infoint, planned):
    assert infoint.invoke("interview", "schedule", planned, "--at", "2026-13-40").exit_code == 2
    assert infoint.invoke("interview", "hold", planned).exit_code == 1
    assert infoint.invoke("interview", "show", "zz0123").exit_code == 1


def test_db_pointing_to_a_folder(infoint, tmp_path: Path):
    folder = tmp_path / "folder.db"
    folder.mkdir()
    for url in (str(folder), "sqlite:///" + str(folder)):
        error = infoint.bare().fail("--db", url, "contact", "list")
        assert "is a folder" in error
    assert list(folder.iterdir()) == []


def test_db_with_an_unknown_scheme(infoint):
    error = infoint.bare().fail("--db", "nosuch://x", "contact", "list")
    assert "no storage backend for nosuch://" in error
    assert "sqlite" in error  # it names what is installed


def test_db_with_a_malformed_sqlite_url(infoint):
    assert "sqlite:///" in infoint.bare().fail("--db", "sqlite://x.db", "contact", "list")


def test_db_that_is_not_a_database(infoint, tmp_path: Path):
    junk = tmp_path / "notes.txt"
    junk.write_text("these are not the records you are looking for\n" * 100)
    error = infoint.bare().fail("--db", str(junk), "contact", "list")
    assert "not a usable infoint database" in error
    assert junk.read_text().startswith("these are not")


def test_errors_on_a_database_never_written_leave_it_usable(infoint, contact):
    infoint.fail("contact", "add", "Zed", "--email", "bad")
    infoint.fail("interview", "hold", "zz0123")
    assert [c["name"] for c in infoint.json("contact", "list")] == ["Grace Hopper"]
