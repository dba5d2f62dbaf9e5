"""What each thread and each process of the concurrency test does (importable by spawn)."""

from __future__ import annotations

from typing import Any

import attrs

from infoint.errors import Conflict
from infoint.model import Contact, Interview, Note, Status, StatusChange
from infoint.storage import Store
from infoint.testing.contract import T0

CONTACTS = 30
"""Contacts each owner writes: one session each, then a bulk session of the same number."""
INCREMENTS = 5
"""Times each worker adds one to the shared counter."""
SHARED_OWNER = "shared"


def write_as(store: Store, owner: str, start: Any = None) -> dict[str, Any]:
    """Write ``owner``'s records (the same IDs every owner uses) and bump the shared counter.

    ``start`` is a barrier every writer waits at, so that all write at once.
    Returns how many conflicts the counter's retries met.
    """
    if start is not None:
        start.wait(timeout=120)
    for k in range(CONTACTS):
        with store.session(owner, write=True) as s:
            s.add(Contact(id=f"c{k}", name=f"{owner} one {k}", notes=f"{owner} zebra"))
    with store.session(owner, write=True) as s:  # a bulk write
        for k in range(CONTACTS):
            s.add(Contact(id=f"b{k}", name=f"{owner} bulk {k}"))
    with store.session(owner, write=True) as s:
        for k in range(0, CONTACTS, 3):
            stored = s.get(Contact, f"c{k}")
            s.update(attrs.evolve(stored, role=f"{owner} role"))
        s.add(
            Interview(
                id="i1",
                contact_id="c0",
                history=(StatusChange(status=Status.HELD, at=T0),),
                notes=(Note(id="n1", text=f"zebra crossing for {owner}", at=T0),),
            )
        )
    conflicts = 0
    for _ in range(INCREMENTS):
        while True:
            try:
                with store.session(SHARED_OWNER, write=True) as s:
                    counter = s.get(Contact, "counter")
                    s.update(attrs.evolve(counter, notes=str(int(counter.notes) + 1)))
                break
            except Conflict:
                conflicts += 1
    return {"owner": owner, "conflicts": conflicts}


def process_main(url: str, owner: str, start: Any = None) -> dict[str, Any]:
    """A process's work: its own store (and pool) on the same database."""
    from infoint_sql.store import PostgresStore

    store = PostgresStore(url)
    try:
        return write_as(store, owner, start)
    finally:
        store.close()
