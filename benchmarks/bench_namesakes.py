"""Namesakes: ``infoint import linkedin FILE`` of 100,000 connections who share 120
names and 6 companies (about 140 people to each name and company), each with a profile
URL of their own, into a fresh default SQLite store; against the plain csv + sqlite3
script on the same file, and against the same import of 10,000 (linear scaling).

Every row is a person of their own (all profile URLs differ): the import must add
them all, the first of each name and company as added and the rest as possible
duplicates, and merge none. Matching by name alone would leave about 720 contacts;
comparing each row with every namesake so far would make the import quadratic.
"""

from __future__ import annotations

import csv
import re
import tempfile
from pathlib import Path

from bench_import import _expect
from data import namesakes_csv
from harness import (
    HERE,
    INFOINT,
    PYTHON,
    Child,
    Result,
    child_env,
    heading,
    interleaved,
    median,
    run_child,
    show,
)

BENCHMARK = "namesakes"
TARGET_RATIO = 2.0
"""Against the plain script on the same file, as the import benchmark."""
TARGET_SCALING = 12.0
"""Time of the big file over time of the small one (ten times the rows): linear is
about 10, quadratic about 100."""

_SUMMARY = re.compile(
    r": (\d+) records?: (\d+) added, (\d+) merged, (\d+) unchanged, (\d+) kept apart"
)


def run(quick: bool) -> list[Result]:
    small, big = (2_000, 20_000) if quick else (10_000, 100_000)
    rounds = 1 if quick else 3
    heading(
        f"Namesakes: {big:,} and {small:,} LinkedIn connections, 120 names and 6 companies,"
        " every one a person of their own"
    )
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as tmp:
        folder = Path(tmp)
        sources = {n: namesakes_csv(folder / f"Connections{n}.csv", n) for n in (small, big)}
        groups = {n: _names_and_companies(source) for n, source in sources.items()}
        print(
            f"  {sources[big].stat().st_size / 1e6:.1f} MB of CSV at {big:,} rows,"
            f" {groups[big]} names and companies; {rounds} run(s) each, in turns"
        )
        count = 0

        def infoint(rows: int) -> Child:
            # No --db: the default store, in a fresh data folder each time.
            nonlocal count
            count += 1
            data_home = folder / f"data{count}"
            env = child_env(XDG_DATA_HOME=str(data_home), INFOINT_OWNER="bench")
            done = run_child([INFOINT, "import", "linkedin", str(sources[rows])], env=env)
            done.check("infoint import")
            _expect_report(done.stdout, rows, groups[rows])
            db = data_home / "infoint" / "infoint.db"
            _expect(db, rows, "kind = 'contact'")
            _remove_db(db)
            return done

        def plain(rows: int) -> Child:
            nonlocal count
            count += 1
            db = folder / f"plain{count}.db"
            script = str(HERE / "plain_sqlite_import.py")
            done = run_child([PYTHON, script, str(db), str(sources[rows])], env=child_env())
            done.check("plain import")
            _expect(db, rows, "1")
            _remove_db(db)
            return done

        runs = interleaved(
            {
                "infoint": lambda: infoint(big),
                "plain": lambda: plain(big),
                "infoint small": lambda: infoint(small),
                "plain small": lambda: plain(small),
            },
            rounds,
        )
    seconds = {name: median([c.seconds for c in found]) for name, found in runs.items()}
    memory = {name: max(c.max_rss_mb for c in found) for name, found in runs.items()}
    results = [
        Result(
            BENCHMARK,
            f"infoint import linkedin, namesakes ({big:,} rows)",
            seconds["infoint"],
            "s",
            "csv + sqlite3 executemany, same tables and indexes, same file",
            seconds["plain"],
            f"ratio <= {TARGET_RATIO}",
            seconds["infoint"] / seconds["plain"] <= TARGET_RATIO,
            {
                "rows per second": f"{big / seconds['infoint']:,.0f}"
                f" (plain script: {big / seconds['plain']:,.0f})",
                f"at {small:,} rows": f"{seconds['infoint small']:.2f} s against"
                f" {seconds['plain small']:.2f} s, ratio"
                f" {seconds['infoint small'] / seconds['plain small']:.2f}",
                "outcomes": f"{groups[big]} added, {big - groups[big]:,} possible duplicates,"
                " 0 merged (checked on every run)",
            },
        ),
        Result(
            BENCHMARK,
            f"import of {big:,} namesakes over {small:,}",
            seconds["infoint"],
            "s",
            f"the same import of {small:,}",
            seconds["infoint small"],
            f"ratio <= {TARGET_SCALING:g}",
            seconds["infoint"] / seconds["infoint small"] <= TARGET_SCALING,
            {
                "the plain script's": f"ratio"
                f" {seconds['plain'] / seconds['plain small']:.2f}"
                f" ({seconds['plain']:.2f} s over {seconds['plain small']:.2f} s)",
            },
        ),
        Result(
            BENCHMARK,
            f"import of {big:,} namesakes: peak memory",
            memory["infoint"],
            "MB",
            "the plain script's",
            memory["plain"],
            details={
                f"at {small:,} rows": f"{memory['infoint small']:.0f} MB"
                f" (plain script: {memory['plain small']:.0f} MB)"
            },
        ),
    ]
    for result in results:
        show(result)
    return results


def _names_and_companies(source: Path) -> int:
    """How many people the import adds as new (not possible duplicates): one for each
    name and company, names and companies compared as written (the file has no
    variants of either)."""
    with source.open(newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        for row in reader:
            if row[:2] == ["First Name", "Last Name"]:
                break
        return len({(row[0], row[1], row[4]) for row in reader if row})


def _expect_report(stdout: str, rows: int, added: int) -> None:
    """Every row accounted for: the first of each name and company added, the rest kept
    apart as possible duplicates, none merged (a wrong import measures nothing)."""
    found = _SUMMARY.search(stdout)
    if found is None:
        raise RuntimeError(f"no summary in the import's output:\n{stdout[:2000]}")
    expected = (rows, added, 0, 0, rows - added)
    got = tuple(int(n) for n in found.groups())
    if got != expected:
        raise RuntimeError(
            f"records, added, merged, unchanged, possible duplicates: {got}, expected {expected}"
        )


def _remove_db(db: Path) -> None:
    """The database and its WAL files (a run is checked; keeping six copies of 90 MB
    measures nothing)."""
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)
