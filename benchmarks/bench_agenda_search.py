"""Agenda and search on a workspace of 100,000 contacts and 300,000 interviews:
``Workspace.agenda()`` and ``Workspace.search()`` after start-up, against the same
SQL run bare through sqlite3, with the query plans."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from data import Shape, build_workspace
from harness import HERE, PYTHON, Result, child_env, heading, median, run_child, show

BENCHMARK = "agenda"
TARGET_MS = 100.0

FULL = Shape(contacts=100_000, interviews=300_000, targets=100, open_interviews=300)
QUICK = Shape(contacts=5_000, interviews=15_000, targets=20, open_interviews=150)


def run(quick: bool) -> list[Result]:
    shape = QUICK if quick else FULL
    heading(
        f"Agenda and search: {shape.contacts:,} contacts, {shape.interviews:,} interviews"
        f" ({shape.open_interviews:,} in flight), {shape.targets} targets"
    )
    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as tmp:
        db = Path(tmp) / "big.db"
        start = time.perf_counter()
        counts = build_workspace(db, shape)
        print(
            f"  built in {time.perf_counter() - start:.0f} s ({counts}),"
            f" {db.stat().st_size / 1e6:.0f} MB"
        )
        repeat = 3 if quick else 5
        done = run_child(
            [PYTHON, str(HERE / "worker.py"), "agenda-search", str(db), str(repeat)],
            env=child_env(),
        ).check("worker agenda-search")
        report = json.loads(done.stdout)
    print(
        f"  opening the workspace: {report['open_seconds'] * 1000:.0f} ms;"
        f" the measuring process peaked at {done.max_rss_mb:.0f} MB"
    )
    agenda = report["agenda"]
    ms = median(agenda["times"]) * 1000
    results = [
        Result(
            BENCHMARK,
            "Workspace.agenda()",
            ms,
            "ms",
            "its SQL, bare sqlite3",
            median(agenda["bare_times"]) * 1000,
            f"< {TARGET_MS:.0f} ms",
            ms < TARGET_MS,
            {
                "first call": f"{agenda['cold'] * 1000:.0f} ms",
                "items": agenda["items"],
                "SQL statements": agenda["statements"],
                "of which more voices (finds by reference, unordered)": (
                    f"{agenda['voices_seconds'] * 1000:.0f} ms"
                ),
            },
        )
    ]
    plans = dict(agenda["plans"])
    for text, found in report["search"].items():
        ms = median(found["times"]) * 1000
        results.append(
            Result(
                BENCHMARK,
                f"Workspace.search({text!r})",
                ms,
                "ms",
                "its SQL, bare sqlite3",
                median(found["bare_times"]) * 1000,
                f"< {TARGET_MS:.0f} ms",
                ms < TARGET_MS,
                {"hits": found["hits"], "first call": f"{found['cold'] * 1000:.0f} ms"},
            )
        )
        plans.update(found["plans"])
    for result in results:
        show(result)
    print("  query plans (EXPLAIN QUERY PLAN):")
    for statement, plan in plans.items():
        print(f"    {statement[:160]}{'...' if len(statement) > 160 else ''}")
        for step in plan:
            print(f"        {step}")
    return results
