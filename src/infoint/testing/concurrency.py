"""Many processes writing to one interview by its ID, for any store's tests.

A caller who passes an ID (not an Interview it read) asks for no condition: its
change must be made on the interview as it is, however many others change it at
the same moment. :func:`notes_from_processes` starts ``processes`` processes that
each add ``notes`` notes to one interview through :meth:`Workspace.add_note`,
all at once, and returns what each call did; a store's test asserts every call
succeeded and every note is there::

    from infoint.testing.concurrency import notes_from_processes

    def test_writers_by_id(url):
        results = notes_from_processes(url, "ann", interview_id, processes=8, notes=10)
        assert [r for r in results if r != "ok"] == []
"""

from __future__ import annotations

import multiprocessing
from typing import Any

__all__ = ["add_notes", "notes_from_processes"]


def add_notes(
    url: str, owner: str, interview_id: str, worker: int, notes: int, start: Any
) -> list[str]:
    """One process's part: ``notes`` notes added by ID, each call's result ``ok`` or its
    error (``Conflict: ...``). Waits at the ``start`` barrier first."""
    from infoint.workspace import Workspace

    results = []
    with Workspace.open(url, owner=owner) as ws:
        start.wait(timeout=120)
        for n in range(notes):
            try:
                ws.add_note(interview_id, f"worker {worker} note {n}")
            except Exception as err:  # every failure is a result to report
                results.append(f"{type(err).__name__}: {err}")
            else:
                results.append("ok")
    return results


def notes_from_processes(
    url: str, owner: str, interview_id: str, *, processes: int = 8, notes: int = 10
) -> list[str]:
    """Start ``processes`` processes (spawned: nothing shared but the store) adding
    ``notes`` notes each to the interview at once; every call's result."""
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager, spawn.Pool(processes) as pool:
        start = manager.Barrier(processes)
        jobs = [(url, owner, interview_id, worker, notes, start) for worker in range(processes)]
        per_worker = pool.starmap_async(add_notes, jobs).get(timeout=600)
    return [result for results in per_worker for result in results]
