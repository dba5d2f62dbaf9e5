"""What a benchmark measures inside a fresh process, after start-up; prints JSON.

``python worker.py agenda-search DB``
    ``Workspace.agenda()`` and ``Workspace.search()`` on a built workspace, the
    same SQL run bare through sqlite3 (the baseline), and the query plans.
``python worker.py export DB FORMAT OUT``
    ``Workspace.export(FORMAT)`` into the file OUT.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import NOW, OWNER

SEARCHES = ("pipelines", "mentoring budget", "lovelace", "lov")
"""A word in many notes, two words, a surname, a prefix."""


def _timed(call: Callable[[], Any], repeat: int) -> tuple[float, list[float], Any]:
    """The first call's seconds (cold), every later call's, and the last result."""
    times = []
    result = None
    for _ in range(repeat + 1):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return times[0], times[1:], result


def agenda_search(db: str, repeat: int) -> dict[str, Any]:
    import infoint
    from infoint.builtin import sqlite as sqlite_store

    start = time.perf_counter()
    ws = infoint.open("sqlite:///" + db, owner=OWNER)
    opened = time.perf_counter() - start

    # Time spent in finds that follow a reference (the agenda's "more voices").
    spent = {"ref": 0.0}
    find = sqlite_store._SQLiteSession.find

    def timed_find(self: Any, kind: Any, query: Any = None) -> Any:
        begun = time.perf_counter()
        try:
            return find(self, kind, query)
        finally:
            if query is not None and query.ref is not None:
                spent["ref"] += time.perf_counter() - begun

    sqlite_store._SQLiteSession.find = timed_find  # type: ignore[method-assign]

    statements: list[str] = []
    connection: sqlite3.Connection = ws.store._writer  # type: ignore[attr-defined]
    connection.set_trace_callback(statements.append)
    cold, _, items = _timed(lambda: ws.agenda(at=NOW), 0)
    connection.set_trace_callback(None)
    agenda_sql = _ours(statements)
    spent["ref"] = 0.0
    _, times, _ = _timed(lambda: ws.agenda(at=NOW), repeat)
    voices = spent["ref"] / repeat
    report: dict[str, Any] = {
        "open_seconds": opened,
        "agenda": {
            "cold": cold,
            "times": times,
            "items": len(items),
            "voices_seconds": voices,
            "statements": len(agenda_sql),
            "bare_times": _bare(db, agenda_sql, repeat),
            "plans": _plans(db, agenda_sql),
        },
        "search": {},
    }
    for text in SEARCHES:
        statements.clear()
        connection.set_trace_callback(statements.append)
        cold, _, hits = _timed(functools.partial(ws.search, text), 0)
        connection.set_trace_callback(None)
        sql = _ours(statements)
        _, times, _ = _timed(functools.partial(ws.search, text), repeat)
        report["search"][text] = {
            "cold": cold,
            "times": times,
            "hits": len(hits),
            "bare_times": _bare(db, sql, repeat),
            "plans": _plans(db, sql),
        }
    ws.close()
    return report


def _ours(statements: list[str]) -> list[str]:
    """The statements the store ran (not BEGIN and COMMIT, nor FTS5's own)."""
    return [
        s
        for s in statements
        if s not in ("BEGIN", "COMMIT") and not s.startswith("--") and "'main'." not in s
    ]


def _bare(db: str, statements: list[str], repeat: int) -> list[float]:
    """The same SQL through a bare sqlite3 connection, rows fetched and not decoded."""
    connection = sqlite3.connect(db)
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        for statement in statements:
            connection.execute(statement).fetchall()
        times.append(time.perf_counter() - start)
    connection.close()
    return times[1:]


def _plans(db: str, statements: list[str]) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN of each distinct statement (literals replaced by ?)."""
    import re

    connection = sqlite3.connect(db)
    plans: dict[str, list[str]] = {}
    for statement in statements:
        shape = re.sub(r"'[^']*'", "?", statement)
        shape = re.sub(r"\b\d+\b", "?", shape)
        if shape in plans:
            continue
        rows = connection.execute("EXPLAIN QUERY PLAN " + statement).fetchall()
        plans[shape] = [row[-1] for row in rows]
    connection.close()
    return plans


def export(db: str, format: str, out: str) -> dict[str, Any]:
    import infoint

    start = time.perf_counter()
    ws = infoint.open("sqlite:///" + db, owner=OWNER)
    opened = time.perf_counter() - start
    start = time.perf_counter()
    with open(out, "wb") as file:
        ws.export(format, file, at=NOW)
    seconds = time.perf_counter() - start
    ws.close()
    return {"open_seconds": opened, "seconds": seconds, "bytes": Path(out).stat().st_size}


def formats() -> list[str]:
    import infoint

    with infoint.open("memory://", owner=OWNER) as ws:
        return sorted(ws.exporters())


def main() -> None:
    task, *args = sys.argv[1:]
    if task == "agenda-search":
        result: Any = agenda_search(args[0], int(args[1]))
    elif task == "export":
        result = export(*args)
    elif task == "formats":
        result = formats()
    else:
        raise SystemExit(f"unknown task {task}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
