"""Bulk import: ``infoint import linkedin FILE`` of 100,000 connections into a fresh
default SQLite store, against a plain csv + sqlite3 ``executemany`` script."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from data import linkedin_csv
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

BENCHMARK = "import"
TARGET_RATIO = 2.0
TARGET_MB = 150


def run(quick: bool) -> list[Result]:
    rows = 5_000 if quick else 100_000
    rounds = 1 if quick else 3
    heading(f"Bulk import: {rows:,} LinkedIn connections into a fresh SQLite store")
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as tmp:
        folder = Path(tmp)
        source = linkedin_csv(folder / "Connections.csv", rows)
        print(f"  {source.stat().st_size / 1e6:.1f} MB of CSV; {rounds} run(s) each, in turns")
        count = 0

        def infoint() -> Child:
            # No --db: the default store, in a fresh data folder each time.
            nonlocal count
            count += 1
            data_home = folder / f"data{count}"
            env = child_env(XDG_DATA_HOME=str(data_home), INFOINT_OWNER="bench")
            done = run_child([INFOINT, "import", "linkedin", str(source)], env=env)
            done.check("infoint import")
            _expect(data_home / "infoint" / "infoint.db", rows, "kind = 'contact'")
            return done

        def plain(*flags: str) -> Child:
            nonlocal count
            count += 1
            db = folder / f"plain{count}.db"
            script = str(HERE / "plain_sqlite_import.py")
            done = run_child([PYTHON, script, str(db), str(source), *flags], env=child_env())
            done.check("plain import")
            _expect(db, rows, "1" if not flags else None)
            return done

        runs = interleaved(
            {"infoint": infoint, "plain": plain, "bare": lambda: plain("--bare")}, rounds
        )
        seconds = {name: median([c.seconds for c in found]) for name, found in runs.items()}
        memory = {name: max(c.max_rss_mb for c in found) for name, found in runs.items()}
        results = [
            Result(
                BENCHMARK,
                f"infoint import linkedin ({rows:,} rows)",
                seconds["infoint"],
                "s",
                "csv + sqlite3 executemany, same tables and indexes",
                seconds["plain"],
                f"ratio <= {TARGET_RATIO}",
                seconds["infoint"] / seconds["plain"] <= TARGET_RATIO,
                {
                    "rows per second": f"{rows / seconds['infoint']:,.0f}"
                    f" (plain script: {rows / seconds['plain']:,.0f})",
                    "against a bare table (no document, index or search)": f"ratio"
                    f" {seconds['infoint'] / seconds['bare']:.2f}"
                    f" ({seconds['bare']:.2f} s)",
                },
            ),
            Result(
                BENCHMARK,
                "infoint import linkedin: peak memory",
                memory["infoint"],
                "MB",
                "the plain script's",
                memory["plain"],
                f"<= {TARGET_MB} MB",
                memory["infoint"] <= TARGET_MB,
            ),
        ]
        for result in results:
            show(result)
    return results


def _expect(db: Path, rows: int, where: str | None) -> None:
    """The import wrote every row (a benchmark of a failed import measures nothing)."""
    with sqlite3.connect(db) as connection:
        table = "connections" if where is None else "records"
        (found,) = connection.execute(
            f"SELECT count(*) FROM {table} WHERE {where or 1}"
        ).fetchone()
    connection.close()
    if found != rows:
        raise RuntimeError(f"{db}: {found} rows, expected {rows}")
