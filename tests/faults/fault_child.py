"""What the child processes of the fault tests run: ``python fault_child.py COMMAND ...``.

Each command opens its Workspace, prints ``ready``, and waits for a line on
stdin before it starts, so the parent can start the clock (or a rival
process) at the very moment the work begins. What it did comes back as one
JSON line on stdout.

- ``import DB CSV OWNER``: import the LinkedIn CSV for OWNER (the crash test kills it).
- ``notes DB OWNER NAME IDS N SEED``: N times, read one of the interviews IDS (comma
  separated), then add a note to the Interview object it read, so that a stale version is
  a Conflict (the concurrency test runs two at once).
"""

from __future__ import annotations

import json
import random
import sys
import time
from typing import Any

import infoint
from infoint.errors import Conflict


def _wait_for_go() -> None:
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("the parent went away")


def run_import(db: str, csv_path: str, owner: str) -> dict[str, Any]:
    ws = infoint.open(db, owner=owner)
    with open(csv_path, "rb") as stream:
        _wait_for_go()
        started = time.perf_counter()
        report = ws.import_contacts("linkedin", stream, source=csv_path)
        seconds = time.perf_counter() - started
    ws.close()
    return {"added": len(report.added), "seconds": seconds}


def run_notes(db: str, owner: str, name: str, ids: str, times: int, seed: int) -> dict[str, Any]:
    ws = infoint.open(db, owner=owner)
    rng = random.Random(seed)
    chosen = ids.split(",")
    applied: list[list[Any]] = []
    conflicts = 0
    _wait_for_go()
    started = time.time()
    for k in range(times):
        interview = ws.interview(rng.choice(chosen))
        text = f"{name} note {k}"
        try:
            stored = ws.add_note(interview, text)
        except Conflict:
            conflicts += 1
        else:
            applied.append([stored.id, text, stored.version])
    finished = time.time()
    ws.close()
    return {"applied": applied, "conflicts": conflicts, "started": started, "finished": finished}


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "import":
        result = run_import(*args)
    elif command == "notes":
        db, owner, name, ids, times, seed = args
        result = run_notes(db, owner, name, ids, int(times), int(seed))
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
