"""Under load: one user's slow work, or another program's write, never stalls another
user; writes by ID succeed however many run at once; a record stays bounded.

No test here times anything: each proves an order of events (the other user's read
finished while the slow work was still running), which a lock held across the slow
work would make impossible (the test would then wait for its timeout and fail).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import infoint
from infoint import hookimpl
from infoint.builtin.sqlite import SQLiteStore
from infoint.errors import Conflict, StoreError, ValidationError
from infoint.model import Channel, ChannelKind, Contact
from infoint.plugins import make_plugin_manager
from infoint.rules import Policy, TextKind
from infoint.testing.concurrency import notes_from_processes
from infoint.workspace import Workspace

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WAIT = 60  # seconds: only reached when the order of events is broken


class _Gate:
    """A lint rule that, once armed, holds the lint it runs in until the test opens it:
    the slow part of a review, made as slow as the test needs."""

    name = "gate"
    kinds = frozenset(TextKind)

    def __init__(self) -> None:
        self.armed = False
        self.entered = threading.Event()
        self.opened = threading.Event()

    def check(self, text: str, context: Any) -> list[Any]:
        if self.armed:
            self.entered.set()
            assert self.opened.wait(WAIT), "the other user's work never finished"
        return []


class _GatePlugin:
    def __init__(self, gate: _Gate) -> None:
        self.gate = gate

    @hookimpl
    def infoint_lint_rules(self) -> list[Any]:
        return [self.gate]


@pytest.fixture
def gate() -> _Gate:
    return _Gate()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(str(tmp_path / "shared.db"))
    yield store
    store.close()


def _held_interview(ws: Workspace, clock: dict[str, datetime]) -> str:
    grace = ws.add_contact("Grace Hopper")
    clock["now"] = T0
    planned = ws.plan_interview(grace, targets=["company:Navy"], purposes=["break-in"])
    ws.schedule_interview(planned.id, starts_at=T0 + timedelta(days=1), minutes=20)
    clock["now"] = T0 + timedelta(days=1, hours=1)
    ws.hold_interview(planned.id, at=T0 + timedelta(days=1))
    return planned.id


def _made_up_words(characters: int) -> str:
    words, n = [], 0
    while sum(len(w) + 1 for w in words) < characters:
        words.append("".join("qzxvkjwb"[(n * 7 + k * 3) % 8] for k in range(8)))
        n += 1
    return " ".join(words)[:characters]


def _in_background(work: Any) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as err:  # reported by the test
            outcome.append(err)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _wait_until_in(gate: _Gate, thread: threading.Thread, outcome: list[Any]) -> None:
    """Wait for the background work to reach the gate (failing at once if it ended)."""
    for _ in range(WAIT * 20):
        if gate.entered.wait(0.05):
            return
        assert thread.is_alive(), f"the work ended before its lint: {outcome}"
    pytest.fail("the work never reached its lint")


@pytest.mark.parametrize("step", ["review", "draft", "lint"])
def test_a_long_thank_you_review_never_holds_another_users_agenda(
    store: SQLiteStore, gate: _Gate, step: str
) -> None:
    """The thank-you review (linting and spell-checking 20,000 characters of made-up
    words) runs while no store session is open: another owner's agenda and a write of
    theirs finish while it is still running."""
    pm = make_plugin_manager()
    pm.register(_GatePlugin(gate), name="gate")
    clock = {"now": T0}
    ann = Workspace(store, "ann", plugins=pm, clock=lambda: clock["now"])
    bob = Workspace(store, "bob", plugins=pm, clock=lambda: clock["now"])
    interview = _held_interview(ann, clock)
    bob.add_contact("Ada Lovelace")
    long_note = _made_up_words(20_000)
    ann.draft_thank_you(interview, text=long_note)
    gate.armed = True
    work = {
        "review": lambda: ann.thank_you_review(interview),
        "draft": lambda: ann.draft_thank_you(interview, text=long_note[:-6] + " again"),
        "lint": lambda: ann.lint(long_note, TextKind.THANK_YOU),
    }[step]
    thread, outcome = _in_background(work)
    _wait_until_in(gate, thread, outcome)
    # Ann's review is in its lint now; Bob reads and writes meanwhile.
    assert bob.agenda(at=clock["now"]) is not None
    assert [c.name for c in bob.contacts()] == ["Ada Lovelace"]
    bob.add_contact("Katherine Johnson")
    assert not outcome, "the review finished before Bob's work: nothing was proved"
    gate.opened.set()
    thread.join(WAIT)
    assert outcome and not isinstance(outcome[0], BaseException), outcome


_HOLD_WRITE_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO owners (owner) VALUES ('someone else')")
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


def test_a_reader_is_not_blocked_while_another_process_holds_the_write_lock(
    store: SQLiteStore, tmp_path: Path
) -> None:
    ws = Workspace(store, "ann", clock=lambda: T0)
    ws.add_contact("Grace Hopper")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_WRITE_LOCK, store.path],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "locked"
        store.busy_timeout = WAIT
        # A writer of this process waits for the other program...
        writing, outcome = _in_background(lambda: ws.add_contact("Ada Lovelace"))
        # ...and readers of this process are not stuck behind it meanwhile.
        for _ in range(3):
            assert [c.name for c in ws.contacts()] == ["Grace Hopper"]
            assert ws.agenda(at=T0) is not None
        assert not outcome, "the write did not wait for the other program's lock"
        holder.stdin.write("done\n")
        holder.stdin.flush()
        writing.join(WAIT)
        assert outcome and not isinstance(outcome[0], BaseException), outcome
    finally:
        holder.kill()
        holder.wait()
    assert sorted(c.name for c in ws.contacts()) == ["Ada Lovelace", "Grace Hopper"]


def test_a_write_that_cannot_get_the_lock_says_the_database_is_busy(store: SQLiteStore) -> None:
    ws = Workspace(store, "ann", clock=lambda: T0)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    store.busy_timeout = 0.2
    try:
        with pytest.raises(StoreError, match="busy in another program; try again"):
            ws.add_contact("Grace Hopper")
        assert ws.contacts() == []  # reading still works
    finally:
        other.execute("ROLLBACK")
        other.close()
    ws.add_contact("Grace Hopper")


def test_eight_processes_adding_notes_by_id_all_succeed_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'notes.db'}"
    clock = {"now": T0}
    with infoint.open(url, owner="ann", clock=lambda: clock["now"]) as ws:
        interview = _held_interview(ws, clock)
    results = notes_from_processes(url, "ann", interview, processes=8, notes=15)
    assert [r for r in results if r != "ok"] == []
    with infoint.open(url, owner="ann") as ws:
        notes = ws.interview(interview).notes
    assert len(notes) == 8 * 15
    assert {n.text for n in notes} == {f"worker {w} note {k}" for w in range(8) for k in range(15)}


def test_a_change_to_an_interview_object_read_before_is_still_a_conflict(
    store: SQLiteStore,
) -> None:
    """The documented contract: passing the Interview read says "as I read it"."""
    clock = {"now": T0}
    ws = Workspace(store, "ann", clock=lambda: clock["now"])
    interview = ws.interview(_held_interview(ws, clock))
    ws.add_note(interview.id, "by ID: taken as it is now")
    with pytest.raises(Conflict, match="was changed elsewhere"):
        ws.add_note(interview, "from the stale copy")


def test_notes_per_interview_are_bounded(store: SQLiteStore) -> None:
    clock = {"now": T0}
    ws = Workspace(store, "ann", clock=lambda: clock["now"], policy=Policy(notes_per_interview=3))
    interview = _held_interview(ws, clock)
    for n in range(3):
        ws.add_note(interview, f"note {n}")
    with pytest.raises(
        ValidationError, match=r"would have 4 notes; one interview keeps at most 3"
    ):
        ws.add_note(interview, "one too many")
    assert len(ws.interview(interview).notes) == 3


def test_channels_per_contact_and_the_size_of_a_record_are_bounded(store: SQLiteStore) -> None:
    clock = {"now": T0}
    ws = Workspace(
        store,
        "ann",
        clock=lambda: clock["now"],
        policy=Policy(channels_per_contact=2, record_max_characters=5_000),
    )
    emails = [Channel(kind=ChannelKind.EMAIL, value=f"g{n}@navy.mil") for n in range(3)]
    with pytest.raises(ValidationError, match="3 ways to reach them; one contact keeps at most 2"):
        ws.add_contact("Grace Hopper", channels=emails)
    ws.add_contact("Ada Lovelace", channels=emails[:2])
    interview = _held_interview(ws, clock)
    with pytest.raises(
        ValidationError, match=r"interview \w+ would be [\d,]+ characters stored; .* at most 5,000"
    ):
        ws.add_note(interview, "x" * 6_000)
    assert ws.interview(interview).notes == ()


def test_an_import_beyond_the_records_one_import_takes_is_refused_whole(
    store: SQLiteStore, tmp_path: Path
) -> None:
    rows = "".join(f"Person{n},Smith,,Navy,Officer,\n" for n in range(6))
    file = tmp_path / "Connections.csv"
    file.write_text("First Name,Last Name,Email Address,Company,Position,Connected On\n" + rows)
    ws = Workspace(store, "ann", clock=lambda: T0, policy=Policy(import_max_records=5))
    with (
        file.open("rb") as stream,
        pytest.raises(
            ValidationError, match="more than 5 contacts, the most one import takes; split it"
        ),
    ):
        ws.import_contacts("linkedin", stream, source=str(file))
    assert ws.contacts() == []


def test_a_full_disk_during_an_import_says_so(store: SQLiteStore, tmp_path: Path) -> None:
    """It said "no such savepoint: add_all": SQLite had ended the transaction itself."""
    ws = Workspace(store, "ann", clock=lambda: T0)
    ws.add_contact("Grace Hopper")
    rows = "".join(f"Person{n},Smith,p{n}@navy.mil,Navy,Officer,\n" for n in range(3000))
    file = tmp_path / "Connections.csv"
    file.write_text("First Name,Last Name,Email Address,Company,Position,Connected On\n" + rows)
    pages = store._writer.execute("PRAGMA page_count").fetchone()[0]
    store._writer.execute(f"PRAGMA max_page_count = {pages + 5}")  # as a full disk would
    with file.open("rb") as stream, pytest.raises(StoreError) as refused:
        ws.import_contacts("linkedin", stream, source=str(file))
    assert "the disk is full; nothing was saved" in str(refused.value)
    assert "savepoint" not in str(refused.value)
    assert [c.name for c in ws.contacts()] == ["Grace Hopper"]


def test_contact_count_is_unchanged_by_a_refused_bound(store: SQLiteStore) -> None:
    ws = Workspace(store, "ann", clock=lambda: T0, policy=Policy(channels_per_contact=1))
    with pytest.raises(ValidationError):
        ws.add_contact(
            "Grace Hopper",
            channels=[
                Channel(kind=ChannelKind.EMAIL, value="g@navy.mil"),
                Channel(kind=ChannelKind.PHONE, value="+1 202 555 0100"),
            ],
        )
    with store.session("ann") as s:
        assert s.find(Contact) == []


class _SlowImporter:
    """An import format whose parsing stops half-way at the gate, then finds an error
    (or, ``broken=False``, finishes)."""

    name = "slow"
    description = "a test format that parses slowly"

    def __init__(self, gate: _Gate, *, broken: bool) -> None:
        self.gate = gate
        self.broken = broken

    def read(self, stream: Any, source: str) -> Iterator[Any]:
        from infoint.exchange import ImportedContact, import_error

        yield ImportedContact(line=1, name="Grace Hopper")
        self.gate.entered.set()
        assert self.gate.opened.wait(WAIT), "the other owner's write never finished"
        if self.broken:
            raise import_error(source, 2, "name", "is empty")
        yield ImportedContact(line=2, name="Ada Lovelace")


class _SlowImportPlugin:
    def __init__(self, importer: _SlowImporter) -> None:
        self.importer = importer

    @hookimpl
    def infoint_importers(self) -> list[Any]:
        return [self.importer]


@pytest.mark.parametrize("broken", [True, False])
def test_an_import_is_parsed_before_its_write_session_opens(
    store: SQLiteStore, gate: _Gate, broken: bool
) -> None:
    """Another owner writes while a file is being parsed (the write lock is not held),
    and a file with an error leaves the store as it was."""
    import io

    pm = make_plugin_manager()
    pm.register(_SlowImportPlugin(_SlowImporter(gate, broken=broken)), name="slow")
    ann = Workspace(store, "ann", plugins=pm, clock=lambda: T0)
    bob = Workspace(store, "bob", clock=lambda: T0)
    thread, outcome = _in_background(
        lambda: ann.import_contacts("slow", io.BytesIO(b""), source="people.slow")
    )
    _wait_until_in(gate, thread, outcome)
    bob.add_contact("Katherine Johnson")  # would wait for the import's write lock
    assert not outcome
    gate.opened.set()
    thread.join(WAIT)
    if broken:
        assert isinstance(outcome[0], ValidationError)
        assert str(outcome[0]) == "people.slow:2: name: is empty"
        assert ann.contacts() == []
    else:
        assert sorted(c.name for c in ann.contacts()) == ["Ada Lovelace", "Grace Hopper"]
    assert [c.name for c in bob.contacts()] == ["Katherine Johnson"]


def test_targets_goals_and_every_other_list_of_a_record_are_bounded(store: SQLiteStore) -> None:
    ws = Workspace(store, "ann", clock=lambda: T0, policy=Policy(items_per_list=3))
    grace = ws.add_contact("Grace Hopper")
    targets = [f"company:Org {n}" for n in range(4)]
    with pytest.raises(ValidationError, match="would have 4 targets; one record keeps at most 3"):
        ws.plan_interview(grace, targets=targets, purposes=["break-in"])
    with pytest.raises(ValidationError, match="would have 4 goals; one record keeps at most 3"):
        ws.plan_interview(
            grace, targets=targets[:1], purposes=["break-in"], goals=["a", "b", "c", "d"]
        )
    assert ws.interviews() == []


def test_an_import_beyond_a_bound_names_the_line_in_a_dry_run_too(
    store: SQLiteStore, tmp_path: Path
) -> None:
    rows = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,,\n"
    rows += "Grace,Hopper,https://www.linkedin.com/in/grace,g@navy.mil,Navy,Officer,\n"
    file = tmp_path / "Connections.csv"
    file.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows
    )
    ws = Workspace(store, "ann", clock=lambda: T0, policy=Policy(channels_per_contact=1))
    ws.add_contact("Grace Hopper", organization="Navy")
    for dry_run in (True, False):
        with file.open("rb") as stream, pytest.raises(ValidationError) as refused:
            ws.import_contacts("linkedin", stream, source="Connections.csv", dry_run=dry_run)
        assert str(refused.value).startswith("Connections.csv:3: ")
        assert "ways to reach them; one contact keeps at most 1" in str(refused.value)
    assert [c.channels for c in ws.contacts()] == [()]


def test_g25_an_import_during_which_the_owner_added_a_contact_saves_nothing(
    store: SQLiteStore, gate: _Gate
) -> None:
    """The file is matched against the contacts as they were when it began: one added
    meanwhile could be a person of the file, so the import is refused whole (never a
    duplicate), and saying so."""
    import io

    pm = make_plugin_manager()
    pm.register(_SlowImportPlugin(_SlowImporter(gate, broken=False)), name="slow")
    ann = Workspace(store, "ann", plugins=pm, clock=lambda: T0)
    thread, outcome = _in_background(
        lambda: ann.import_contacts("slow", io.BytesIO(b""), source="people.slow")
    )
    _wait_until_in(gate, thread, outcome)
    ann.add_contact("Ada Lovelace")  # the same person as the file's second line
    gate.opened.set()
    thread.join(WAIT)
    assert isinstance(outcome[0], Conflict), outcome
    assert "changed while people.slow was being imported" in str(outcome[0])
    assert [c.name for c in ann.contacts()] == ["Ada Lovelace"]
    with io.BytesIO(b"") as again:
        gate.opened.set()
        ann.import_contacts("slow", again, source="people.slow")
    assert sorted(c.name for c in ann.contacts()) == ["Ada Lovelace", "Grace Hopper"]
