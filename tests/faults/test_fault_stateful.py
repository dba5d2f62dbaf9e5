"""The memory and SQLite stores agree with a plain-Python model under random operations
(see ``fault_machine.py``); and one test for each bug the machine found.

The machine stays clear of a bug a store is known to have (``known_bugs``); the
``xfail(strict=True)`` tests below show each bug, and fail once it is fixed: then drop
the bug from ``known_bugs`` and the mark.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fault_machine import BUG_CHECKS, run_store_machine

from infoint.builtin.memory import MemoryStore
from infoint.builtin.sqlite import SQLiteStore
from infoint.storage import Store

MEMORY_BUGS: set[str] = set()
SQLITE_BUGS: set[str] = set()

BUGS: dict[tuple[str, str], str] = {}
"""(store, bug) -> why the store fails that bug's check, while it does (an xfail)."""


def test_fault_memory_store_agrees_with_the_model_after_every_step() -> None:
    run_store_machine(MemoryStore, known_bugs=MEMORY_BUGS)


def test_fault_sqlite_store_agrees_with_the_model_after_every_step(tmp_path: Path) -> None:
    numbers = itertools.count()
    run_store_machine(
        lambda: SQLiteStore(str(tmp_path / f"run-{next(numbers)}.db")), known_bugs=SQLITE_BUGS
    )


def _cases() -> Iterator[object]:
    for backend in ("memory", "sqlite"):
        for bug in BUG_CHECKS:
            reason = BUGS.get((backend, bug))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            yield pytest.param(backend, bug, marks=marks, id=f"{backend}-{bug}")


@pytest.mark.parametrize(("backend", "bug"), list(_cases()))
def test_fault_store_passes_the_check_of_each_bug_the_machine_knows(
    backend: str, bug: str, tmp_path: Path
) -> None:
    makers: dict[str, Callable[[], Store]] = {
        "memory": MemoryStore,
        "sqlite": lambda: SQLiteStore(str(tmp_path / "bugs.db")),
    }
    store = makers[backend]()
    try:
        BUG_CHECKS[bug](store)
    finally:
        store.close()
