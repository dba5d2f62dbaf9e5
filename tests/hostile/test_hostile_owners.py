"""Owner isolation under attack: several owners share one database; each tries to read,
change, delete or find another's records by knowing or guessing their IDs, prefixes and
names, through the SDK and the command line. Every attempt must be refused exactly as
a record that does not exist is (same error, same words), and change nothing.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoint.cli import cli
from infoint.errors import InfointError
from infoint.model import Channel
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
START = NOW - timedelta(days=3)

# ---------------------------------------------------------------- the SDK

OPERATIONS = ("contact", "target", "plan", "log", "schedule-hold", "note", "referral", "thank")


class Owner:
    """One owner's Workspace on the shared file, and what they made."""

    def __init__(self, url: str, name: str) -> None:
        self.name = name
        self.ws = Workspace.open(url, owner=name, clock=FakeClock(NOW))
        self.contacts: list[str] = []
        self.targets: list[str] = []
        self.interviews: list[str] = []
        self.words: list[str] = []

    def snapshot(self) -> tuple[Any, ...]:
        ws = self.ws
        return (ws.contacts(), ws.targets(), ws.interviews(), ws.profile())

    def apply(self, operation: str, k: int) -> None:
        """One operation; those a state does not allow (a note on an idea) are skipped."""
        try:
            word = self._apply(operation, k)
        except InfointError:
            return
        if word:
            self.words.append(word)

    def _apply(self, operation: str, k: int) -> str:
        """Do it; return the secret word it wrote where search looks, if any."""
        ws, tag = self.ws, f"{self.name[:6]}{k}"
        word = f"secret{secrets.token_hex(3)}"
        if operation == "contact" or not self.contacts:
            email = Channel(kind="email", value=f"{tag}@example.org")
            added = ws.add_contact(f"Person {tag}", channels=[email], notes=word, new=True)
            self.contacts.append(added.id)
            return word
        if operation == "target":
            self.targets.append(ws.add_target("company", f"Co {tag}", goals=[word]).id)
            return word
        contact = self.contacts[k % len(self.contacts)]
        if operation == "plan":
            planned = ws.plan_interview(
                contact, targets=[f"occupation:Job {tag}"], purposes=["skills"], goals=[word]
            )
            self.interviews.append(planned.id)
            return word
        if operation == "log":
            self.interviews.append(ws.log_interview(contact, at=START, learned=word).id)
            return word
        if not self.interviews:
            return ""
        interview = self.interviews[k % len(self.interviews)]
        if operation == "note":
            ws.add_note(interview, word, at=START)
            return word
        if operation == "schedule-hold":
            ws.schedule_interview(interview, starts_at=START, minutes=20)
            ws.hold_interview(interview, at=START)
        elif operation == "referral":
            _, person = ws.add_referral(interview, f"Referral {tag}", at=START)
            self.contacts.append(person.id)
        elif operation == "thank":
            ws.draft_thank_you(interview, at=START)
            ws.send_thank_you(interview, at=START)
        return ""


def attempts(victim: Owner) -> Iterator[tuple[str, str, Callable[[Workspace, str], Any]]]:
    """(what, victim's reference, how) for every way to reach a record by reference."""
    at = START
    for ref in victim.contacts:
        for shown in (ref, ref[:8], ref.upper()):
            yield from (
                ("contact", shown, lambda ws, r: ws.contact(r)),
                ("contact", shown, lambda ws, r: ws.edit_contact(r, role="Spy")),
                ("contact", shown, lambda ws, r: ws.contacts(referred_by=r)),
                ("contact", shown, lambda ws, r: ws.chain(r)),
                ("contact", shown, lambda ws, r: ws.cadence(r)),
                ("contact", shown, lambda ws, r: ws.interviews(contact=r)),
                ("contact", shown, lambda ws, r: ws.add_contact("X", introducer=r)),
                ("contact", shown, lambda ws, r: ws.add_contact("X", referred_by=r)),
                (
                    "contact",
                    shown,
                    lambda ws, r: ws.log_follow_up(r, channel="email", at=at, anyway=True),
                ),
                ("contact", shown, lambda ws, r: ws.follow_up_answered(r, at=at)),
                (
                    "contact",
                    shown,
                    lambda ws, r: ws.plan_interview(
                        r, targets=["occupation:X"], purposes=["skills"]
                    ),
                ),
                (
                    "contact",
                    shown,
                    lambda ws, r: ws.log_interview(r, at=at, learned="x"),
                ),
            )
    for ref in victim.targets:
        for shown in (ref, ref[:8]):
            yield from (
                ("target", shown, lambda ws, r: ws.target(r)),
                ("target", shown, lambda ws, r: ws.interviews(target=r)),
            )
    for ref in victim.interviews:
        for shown in (ref, ref[:8]):
            yield from (
                ("interview", shown, lambda ws, r: ws.interview(r)),
                ("interview", shown, lambda ws, r: ws.schedule_interview(r, starts_at=at)),
                ("interview", shown, lambda ws, r: ws.confirm_interview(r, at=at)),
                ("interview", shown, lambda ws, r: ws.hold_interview(r, at=at)),
                ("interview", shown, lambda ws, r: ws.cancel_interview(r, at=at)),
                ("interview", shown, lambda ws, r: ws.decline_interview(r, at=at)),
                ("interview", shown, lambda ws, r: ws.close_interview(r, at=at)),
                ("interview", shown, lambda ws, r: ws.request_interview(r, channel="email")),
                ("interview", shown, lambda ws, r: ws.add_note(r, "x", at=at)),
                ("interview", shown, lambda ws, r: ws.add_referral(r, "Someone", at=at)),
                ("interview", shown, lambda ws, r: ws.add_opening(r, "Job", at=at)),
                ("interview", shown, lambda ws, r: ws.mark_applied(r, 1, at=at)),
                ("interview", shown, lambda ws, r: ws.assess_interview(r, went_well="x")),
                ("interview", shown, lambda ws, r: ws.add_feedback(r, "Coach", "x")),
                ("interview", shown, lambda ws, r: ws.draft_thank_you(r, at=at)),
                ("interview", shown, lambda ws, r: ws.send_thank_you(r, at=at)),
                ("interview", shown, lambda ws, r: ws.thank_you_review(r)),
                ("interview", shown, lambda ws, r: ws.prep_sheet(r)),
                ("interview", shown, lambda ws, r: ws.plan_context(r)),
                ("interview", shown, lambda ws, r: ws.suggest_questions(r, save=True)),
                ("interview", shown, lambda ws, r: ws.export_data(interviews=[r])),
            )


def missing_like(ref: str) -> str:
    """A reference of the same shape that names nothing (a guess)."""
    fresh = uuid.uuid4().hex
    return fresh[: len(ref)].upper() if ref.isupper() else fresh[: len(ref)]


def refusal(call: Callable[[Workspace, str], Any], ws: Workspace, ref: str) -> str:
    """The error ``call`` raises for ``ref``, as ``Type: message`` with ``ref`` blanked."""
    with pytest.raises(InfointError) as caught:
        call(ws, ref)
    return f"{type(caught.value).__name__}: {caught.value}".replace(ref, "<REF>")


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return "sqlite:///" + str(tmp_path_factory.mktemp("owners") / "shared.db")


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(OPERATIONS), st.integers(0, 9)),
        min_size=4,
        max_size=14,
    )
)
def test_no_owner_reaches_another_owners_records(
    shared_db: str, steps: list[tuple[int, str, int]]
) -> None:
    run = uuid.uuid4().hex[:6]
    owners = [Owner(shared_db, f"{name}-{run}") for name in ("alice", "bob", "carol")]
    try:
        for who, operation, k in steps:
            owners[who].apply(operation, k)
        before = [o.snapshot() for o in owners]
        for owner in owners:  # the references are good: their owner reaches every one
            assert [owner.ws.contact(r[:8]).id for r in owner.contacts] == owner.contacts
            assert [owner.ws.target(r).id for r in owner.targets] == owner.targets
            assert [owner.ws.interview(r[:8]).id for r in owner.interviews] == owner.interviews
            for word in owner.words:
                assert owner.ws.search(word), word
        for victim in owners:
            for attacker in owners:
                if attacker is victim:
                    continue
                for what, ref, call in attempts(victim):
                    got = refusal(call, attacker.ws, ref)
                    guessed = refusal(call, attacker.ws, missing_like(ref))
                    assert got == guessed, (what, got, guessed)
                    assert "NotFound" in got, got
                for word in victim.words:
                    assert attacker.ws.search(word) == []
        assert [o.snapshot() for o in owners] == before
    finally:
        for owner in owners:
            owner.ws.close()


# ---------------------------------------------------------------- the command line


def records(db: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db.as_uri() + "?mode=ro", uri=True)) as conn:
        return conn.execute(
            "SELECT owner, kind, id, version, document FROM records ORDER BY owner, kind, id"
        ).fetchall()


class Runner:
    def __init__(self, db: Path) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, owner: str, *args: str) -> Result:
        argv = ["--db", "sqlite:///" + str(self.db), "--owner", owner, *args]
        result = self.runner.invoke(cli, argv, prog_name="infoint")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            assert result.exc_info is not None
            pytest.fail("".join(traceback.format_exception(*result.exc_info)))
        return result

    def new_id(self, owner: str, *args: str) -> str:
        result = self(owner, *args, "-q")
        assert result.exit_code == 0, result.stderr
        return result.stdout.strip()

    def refused(self, owner: str, *args: str) -> str:
        result = self(owner, *args)
        assert result.exit_code != 0, args
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("infoint: error:"), result.stderr
        return lines[0]


@pytest.fixture
def alice_and_bob(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Runner, dict[str, str]]:
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("INFOINT_DB", "INFOINT_OWNER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INFOINT_NOW", "2026-11-19 09:00+01:00")  # planned the day before
    run = Runner(tmp_path / "shared.db")
    contact = run.new_id("alice", "contact", "add", "Grace Hopper", "--email", "g@navy.example")
    target = run.new_id("alice", "target", "add", "company", "US Navy")
    held = run.new_id(
        "alice", "interview", "plan", "--contact", contact, "--target", target,
        "--purpose", "skills",
    )  # fmt: skip
    when = "2026-11-20 14:00+01:00"
    assert run("alice", "interview", "schedule", held, "--at", when).exit_code == 0
    monkeypatch.setenv("INFOINT_NOW", "2026-11-21 09:00+01:00")
    assert run("alice", "interview", "hold", held, "--at", when).exit_code == 0
    assert run("alice", "note", "add", held, "Quokkas guard the mainframe").exit_code == 0
    assert run("alice", "opening", "add", held, "Compiler engineer").exit_code == 0
    idea = run.new_id(
        "alice", "interview", "plan", "--contact", contact, "--target", target,
        "--purpose", "break-in",
    )  # fmt: skip
    # Bob has records of his own, so that nothing is refused for want of any.
    bob_contact = run.new_id("bob", "contact", "add", "Ada Lovelace")
    bob_interview = run.new_id(
        "bob", "interview", "log", "--contact", bob_contact, "--at", when, "--learned", "Odes",
    )  # fmt: skip
    ids = {
        "contact": contact,
        "target": target,
        "held": held,
        "idea": idea,
        "bob_interview": bob_interview,
    }
    return run, ids


CLI_ATTEMPTS: tuple[tuple[str, ...], ...] = (
    ("contact", "show", "{contact}"),
    ("contact", "edit", "{contact}", "--role", "Spy"),
    ("contact", "list", "--referred-by", "{contact}"),
    ("network", "--chain", "{contact}"),
    ("follow-up", "status", "{contact}"),
    ("follow-up", "log", "{contact}", "--channel", "email", "--anyway"),
    ("follow-up", "answered", "{contact}"),
    ("interview", "list", "--contact", "{contact}"),
    ("interview", "plan", "--contact", "{contact}", "--target", "occupation:X",
     "--purpose", "skills"),
    ("interview", "log", "--contact", "{contact}", "--at", "2026-11-20 14:00+01:00",
     "--learned", "x"),
    ("contact", "add", "Spy", "--introducer", "{contact}"),
    ("referral", "add", "{bob_interview}", "--contact", "{contact}"),
    ("interview", "list", "--target", "{target}"),
    ("interview", "show", "{interview}"),
    ("interview", "request", "{interview}", "--channel", "email"),
    ("interview", "schedule", "{interview}", "--at", "2026-12-01 14:00+01:00"),
    ("interview", "confirm", "{interview}"),
    ("interview", "hold", "{interview}"),
    ("interview", "cancel", "{interview}"),
    ("interview", "decline", "{interview}"),
    ("interview", "close", "{interview}"),
    ("note", "add", "{interview}", "Mine now"),
    ("prep", "{interview}"),
    ("questions", "suggest", "{interview}", "--save"),
    ("assess", "{interview}", "--went-well", "x"),
    ("thank-you", "{interview}"),
    ("thank-you", "{interview}", "--sent"),
    ("referral", "add", "{interview}", "Someone"),
    ("opening", "add", "{interview}", "Job"),
    ("opening", "applied", "{interview}", "1"),
    ("export", "--format", "json", "--interview", "{interview}"),
)  # fmt: skip


def _fill(args: tuple[str, ...], values: dict[str, str]) -> list[str]:
    return [a.format(**values) for a in args]


@pytest.mark.parametrize("attempt", CLI_ATTEMPTS, ids=lambda a: " ".join(a[:3]))
def test_cli_refuses_another_owners_ids_like_missing_ones(
    alice_and_bob: tuple[Runner, dict[str, str]], attempt: tuple[str, ...]
) -> None:
    run, ids = alice_and_bob
    before = records(run.db)
    for interview in (ids["held"], ids["idea"]):
        for cut in (32, 8):
            known = {
                "contact": ids["contact"][:cut],
                "target": ids["target"][:cut],
                "interview": interview[:cut],
                "bob_interview": ids["bob_interview"],
            }
            guessed = {**known, **{k: missing_like(known[k]) for k in ("contact", "target")}}
            guessed["interview"] = missing_like(known["interview"])
            got = run.refused("bob", *_fill(attempt, known))
            expected = run.refused("bob", *_fill(attempt, guessed))
            for key in ("contact", "target", "interview"):
                got = got.replace(known[key], "<REF>")
                expected = expected.replace(guessed[key], "<REF>")
            assert got == expected
            assert re.search(r"no (contact|target|interview) matches", got), got
    assert records(run.db) == before


def test_cli_search_and_lists_show_nothing_of_another_owner(
    alice_and_bob: tuple[Runner, dict[str, str]],
) -> None:
    run, _ = alice_and_bob
    for words in (("quokkas",), ("grace",), ("navy",), ("compiler",), ("mainframe", "quokkas")):
        found = run("bob", "search", *words, "--json")
        assert found.exit_code == 0 and found.stdout.strip() == "[]"
    for listing in (("contact", "list"), ("target", "list"), ("interview", "list")):
        names = run("bob", *listing, "--json").stdout
        assert "Grace" not in names and "Navy" not in names
    assert "Grace" not in run("bob", "export", "--format", "json").stdout
    assert "Grace" not in run("bob", "agenda").stdout
    assert "Grace" not in run("bob", "network").stdout
