"""A bulk import killed with SIGKILL at any moment leaves a sound database, with the
import wholly there or wholly absent.

A child process imports a LinkedIn CSV of a few thousand connections into one SQLite
file; the parent kills it at random moments spread over the import's duration (as
measured by an uninterrupted import first) and then checks the file: SQLite's and
FTS5's integrity checks pass, and the killed owner has every contact or none, while
every earlier owner's data is as it was. The same file is used throughout, with a new
owner per kill, so each child also opens a file that the previous one left mid-write.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from fault_support import Child, linkedin_csv

import infoint
from infoint.model import Contact
from infoint.plugins import make_plugin_manager

ROWS = 4000
KILLS = 24
SPREAD = 1.15
"""Kill moments cover the measured import time and a little beyond (the commit)."""


def _summary(contacts: list[Contact]) -> list[tuple[Any, ...]]:
    return sorted((c.name, c.role, c.organization, c.channels, c.notes) for c in contacts)


def _check_file(db: Path) -> dict[str, int]:
    """Integrity of the file and its indexes; the number of contacts of each owner."""
    with closing(sqlite3.connect(db, isolation_level=None)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        # FTS5's own check: the full-text index agrees with the text it holds.
        raw.execute("INSERT INTO search_words (search_words) VALUES ('integrity-check')")
        orphans = raw.execute(
            "SELECT count(*) FROM search_words WHERE rowid NOT IN (SELECT seq FROM records)"
        ).fetchone()[0]
        assert orphans == 0, "search rows of records that do not exist"
        contacts = dict(
            raw.execute(
                "SELECT owner, count(*) FROM records WHERE kind = 'contact' GROUP BY owner"
            ).fetchall()
        )
        searchable = dict(
            raw.execute(
                "SELECT r.owner, count(*) FROM search_words s JOIN records r ON r.seq = s.rowid"
                " GROUP BY r.owner"
            ).fetchall()
        )
        assert searchable == contacts, "every contact (and nothing else) is searchable"
        return contacts


def test_fault_sigkill_during_an_import_leaves_it_wholly_there_or_wholly_absent(
    tmp_path: Path, children: list[Child]
) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_bytes(linkedin_csv(ROWS))
    db = tmp_path / "crash.db"

    # One uninterrupted import: what "wholly there" is, and how long an import takes.
    baseline = Child("import", db, csv, "baseline")
    children.append(baseline)
    baseline.go()
    measured = baseline.result()
    assert measured["added"] == ROWS
    seconds = float(measured["seconds"])
    plugins = make_plugin_manager()
    with infoint.open(str(db), owner="baseline", plugins=plugins) as ws:
        whole = _summary(ws.contacts())
    assert len(whole) == ROWS

    seed = random.randrange(2**32)
    rng = random.Random(seed)
    # Stratified: one random moment in each of KILLS equal slices of the import.
    delays = [(k + rng.random()) / KILLS * seconds * SPREAD for k in range(KILLS)]
    rng.shuffle(delays)
    expected = {"baseline": ROWS}
    outcomes: list[tuple[float, int]] = []
    upcoming = Child("import", db, csv, "killed-0")
    children.append(upcoming)
    for k, delay in enumerate(delays):
        owner, child = f"killed-{k}", upcoming
        child.go()
        time.sleep(delay)
        os.kill(child.process.pid, signal.SIGKILL)
        child.process.communicate(timeout=30)
        if k + 1 < KILLS:  # it starts up while this kill is checked
            upcoming = Child("import", db, csv, f"killed-{k + 1}")
            children.append(upcoming)
        why = f"kill {k} at {delay:.3f}s of a {seconds:.3f}s import (seed {seed})"

        counts = _check_file(db)
        found = counts.get(owner, 0)
        assert found in (0, ROWS), f"{why}: {found} of {ROWS} contacts were committed"
        if child.process.returncode == 0:
            assert found == ROWS, f"{why}: the import finished, yet its contacts are missing"
        expected[owner] = found
        nonzero = {o: n for o, n in expected.items() if n}
        assert counts == nonzero, f"{why}: another owner's committed import changed"
        with infoint.open(str(db), owner=owner, plugins=plugins) as ws:
            contacts = ws.contacts()
            assert len(contacts) == found, why
            if found:
                assert _summary(contacts) == whole, why
                assert [h.id for h in ws.search("Person00042")] == [
                    c.id for c in contacts if c.name.endswith("Person00042")
                ]
        outcomes.append((delay, found))

    # The kills did land inside the import's transaction (not only after it).
    absent = sorted(d for d, n in outcomes if n == 0)
    assert absent, f"no kill interrupted an import (seed {seed}): {sorted(outcomes)}"
    print(
        f"import of {ROWS} rows: {seconds:.3f}s; {len(absent)} of {KILLS} kills left nothing,"
        f" {KILLS - len(absent)} came after the commit"
    )
