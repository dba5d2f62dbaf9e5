"""Under load (issue 12): one owner's slow work does not slow another's reads, and
writers by ID on PostgreSQL are never refused.

- An agenda read (SQLite, one process, as a web app's threads share a store) while
  another thread reviews a thank-you note of 20,000 characters of made-up words over
  and over, against the same read alone: ratio <= 2. The review holds no store
  session while it lints, so the read waits for no lock; what remains is the
  interpreter's lock, shared by every thread of the process.
- 8 processes adding notes by ID to one interview at once on PostgreSQL: 0 refused.

``python bench_load.py agenda ROUNDS`` is the measuring child; it prints JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from harness import PYTHON, Result, child_env, heading, median, run_child, show

BENCHMARK = "load"
TARGET_RATIO = 2.0
WRITERS = 8
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def run(quick: bool) -> list[Result]:
    heading("Under load: another owner's long thank-you review; 8 writers by ID")
    rounds = 40 if quick else 200
    done = run_child(
        [PYTHON, str(Path(__file__).resolve()), "agenda", str(rounds)], env=child_env()
    ).check("bench_load agenda")
    report = json.loads(done.stdout)
    alone, loaded = median(report["alone"]), median(report["loaded"])
    results = [
        Result(
            BENCHMARK,
            "agenda read during another's thank-you review",
            loaded * 1000,
            "ms",
            "the same read alone",
            alone * 1000,
            f"ratio <= {TARGET_RATIO:g}",
            loaded / alone <= TARGET_RATIO,
            {
                "reads": f"{rounds} each, median, in turns of 20",
                "95th percentile": f"{_p95(report['loaded']) * 1000:.1f} ms during the reviews,"
                f" {_p95(report['alone']) * 1000:.1f} ms alone",
                "reviews meanwhile": f"{report['reviews']} of {report['note_chars']:,}"
                f" characters, {report['review_seconds']:.2f} s each",
            },
        )
    ]
    results += _postgres_writers(quick)
    for result in results:
        show(result)
    return results


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _postgres_writers(quick: bool) -> list[Result]:
    try:
        from infoint_sql.throwaway import NoServer, ThrowawayServer
    except ImportError:
        print("  skipped the PostgreSQL writers: the infoint-sql plugin is not installed")
        return []
    try:
        server = ThrowawayServer()
    except NoServer as err:
        print(f"  skipped the PostgreSQL writers: {err}")
        return []
    import infoint
    from infoint.testing.concurrency import notes_from_processes

    notes = 10 if quick else 50
    with server:
        url = server.url("postgres")
        clock = {"now": T0}
        with infoint.open(url, owner="bench", clock=lambda: clock["now"]) as ws:
            interview = _held_interview(ws, clock)
        start = time.perf_counter()
        results = notes_from_processes(url, "bench", interview, processes=WRITERS, notes=notes)
        seconds = time.perf_counter() - start
        with infoint.open(url, owner="bench") as ws:
            stored = len(ws.interview(interview).notes)
    refused = sum(1 for r in results if r != "ok")
    return [
        Result(
            BENCHMARK,
            f"PostgreSQL: {WRITERS} processes adding notes by ID",
            refused,
            "refused",
            target="0 refused",
            met=refused == 0 and stored == WRITERS * notes,
            details={
                "calls": f"{len(results):,} ({notes} a process), {stored:,} notes stored",
                "wall time": f"{seconds:.1f} s, start-up of the processes included",
            },
        )
    ]


def _held_interview(ws: Any, clock: dict[str, datetime]) -> str:
    contact = ws.add_contact("Grace Hopper", organization="Navy")
    planned = ws.plan_interview(contact, targets=["company:Navy"], purposes=["break-in"])
    ws.schedule_interview(planned.id, starts_at=T0 + timedelta(days=1), minutes=20)
    clock["now"] = T0 + timedelta(days=1, hours=1)
    ws.hold_interview(planned.id, at=T0 + timedelta(days=1))
    return str(planned.id)


# ---------------------------------------------------------------- the measuring child


def _made_up(chars: int) -> str:
    import random

    rng = random.Random(12)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < chars:
        words.append(
            "".join(rng.choice("bcdfghjklmnprtvwz") + rng.choice("aeiou") for _ in range(4))
        )
    return " ".join(words)[:chars]


def _agenda_child(rounds: int) -> dict[str, Any]:
    from infoint.builtin.sqlite import SQLiteStore
    from infoint.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="infoint-bench-") as tmp:
        store = SQLiteStore(str(Path(tmp) / "shared.db"))
        clock = {"now": T0}
        ann = Workspace(store, "ann", clock=lambda: clock["now"])
        bob = Workspace(store, "bob", clock=lambda: clock["now"])
        interview = _held_interview(ann, clock)
        note = _made_up(20_000)
        ann.draft_thank_you(interview, text=note)
        for n in range(40):  # a seeker in full swing: interviews in flight
            contact = bob.add_contact(f"Person {n}", organization=f"Org {n % 7}")
            planned = bob.plan_interview(
                contact, targets=[f"company:Org {n % 7}"], purposes=["break-in"]
            )
            if n % 2:
                bob.schedule_interview(planned.id, starts_at=T0 + timedelta(days=3), minutes=20)
        at = clock["now"]

        def read() -> float:
            start = time.perf_counter()
            bob.agenda(at=at)
            return time.perf_counter() - start

        for _ in range(5):
            read()  # warm: caches, the plugin manager, the dictionary
        start = time.perf_counter()
        ann.thank_you_review(interview)
        review_seconds = time.perf_counter() - start
        # In turns, a block alone then a block during reviews, so that a burst of load
        # elsewhere on the machine moves both alike.
        alone: list[float] = []
        loaded: list[float] = []
        reviews = 0
        block = 20
        for _ in range(max(1, rounds // block)):
            alone += [read() for _ in range(block)]
            stop = threading.Event()

            def review(stop: threading.Event = stop) -> None:
                nonlocal reviews
                while not stop.is_set():
                    ann.thank_you_review(interview)
                    reviews += 1

            worker = threading.Thread(target=review)
            worker.start()
            try:
                time.sleep(0.01)  # the review is under way
                loaded += [read() for _ in range(block)]
            finally:
                stop.set()
                worker.join()
        store.close()
    return {
        "alone": alone,
        "loaded": loaded,
        "reviews": reviews,
        "note_chars": len(note),
        "review_seconds": review_seconds,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["agenda"]:
        print(json.dumps(_agenda_child(int(sys.argv[2]))))
    else:
        raise SystemExit(f"usage: {sys.argv[0]} agenda ROUNDS")
