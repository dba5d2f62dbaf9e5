"""The in-memory store (``memory://``): for tests, demos and embedding.

It keeps the same JSON documents a database would, so a record read back is
a fresh object, never the one that was stored, and it passes the same
contract suite as every other store. Data lives as long as the object.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

import attrs

from infoint import hookimpl
from infoint.errors import Conflict, NotFound, StoreError
from infoint.storage import (
    A,
    IndexEntry,
    Query,
    SearchHit,
    StoreSession,
    check_owner,
    fold,
    from_document,
    index_entry,
    kind_name,
    search_terms,
    snippet,
    to_document,
)


class _Record(NamedTuple):  # not an attrs class: quicker to define (every command does)
    version: int
    document: str
    entry: IndexEntry


class MemoryStore:
    """A store in this process's memory; sessions run one at a time."""

    name = "memory"

    def __init__(self, url: str = "memory://") -> None:
        self.url = url
        # owner -> (kind, id) -> record
        self._owners: dict[str, dict[tuple[str, str], _Record]] = {}
        self._lock = threading.RLock()
        self._closed = False

    @contextmanager
    def session(self, owner: str, *, write: bool = False) -> Iterator[StoreSession]:
        """A transaction for ``owner``: its writes apply only if the block ends normally."""
        check_owner(owner)
        with self._lock:
            if self._closed:
                raise StoreError(f"store {self.url} is closed")
            session = _MemorySession(owner, self._owners.get(owner, {}))
            yield session
            if session.pending:
                records = self._owners.setdefault(owner, {})
                for key, record in session.pending.items():
                    if record is None:
                        records.pop(key, None)
                    else:
                        records[key] = record

    def schema_version(self) -> int:
        """Memory has no schema to migrate: always the current one."""
        return 1

    def close(self) -> None:
        """Forget everything."""
        with self._lock:
            self._owners.clear()
            self._closed = True


class _MemorySession:
    def __init__(self, owner: str, committed: dict[tuple[str, str], _Record]) -> None:
        self.owner = owner
        self._committed = committed
        self.pending: dict[tuple[str, str], _Record | None] = {}
        """This session's writes, by key; None: removed."""

    def _record(self, key: tuple[str, str]) -> _Record | None:
        if key in self.pending:
            return self.pending[key]
        return self._committed.get(key)

    def _merged(self) -> Iterator[tuple[tuple[str, str], _Record]]:
        """Every record as this session sees it: the committed ones with its own writes."""
        for key, record in {**self._committed, **self.pending}.items():
            if record is not None:
                yield key, record

    def _records(self, kind: str) -> Iterator[tuple[str, _Record]]:
        for (k, id_), record in self._merged():
            if k == kind:
                yield id_, record

    def get(self, kind: type[A], id: str) -> A:
        record = self._record((kind_name(kind), id))
        if record is None:
            raise NotFound(f"no {kind_name(kind)} with ID {id}")
        return from_document(kind, record.document, record.version)

    def find(self, kind: type[A], query: Query | None = None) -> list[A]:
        query = query or Query()
        rows = [(id_, r) for id_, r in self._records(kind_name(kind)) if _matches(r.entry, query)]
        rows.sort(key=lambda row: _sort_key(row[0], row[1].entry))
        if query.limit is not None:
            rows = rows[: query.limit]
        return [from_document(kind, r.document, r.version) for _, r in rows]

    def ids_with_prefix(self, kind: type[Any], prefix: str, limit: int = 2) -> list[str]:
        ids = sorted(id_ for id_, _ in self._records(kind_name(kind)) if id_.startswith(prefix))
        return ids[:limit]

    def add(self, item: A) -> A:
        key = (kind_name(type(item)), item.id)
        if item.version != 0:
            raise Conflict(f"{key[0]} {item.id} is new, so its version must be 0")
        if self._record(key) is not None:
            raise Conflict(f"a {key[0]} with ID {item.id} already exists")
        return self._put(key, item)

    def add_all(self, items: Sequence[A]) -> list[A]:
        return [self.add(item) for item in items]

    def update(self, item: A) -> A:
        key = (kind_name(type(item)), item.id)
        current = self._record(key)
        if current is None:
            raise NotFound(f"no {key[0]} with ID {item.id}")
        _check_version(key, current.version, item.version)
        return self._put(key, item)

    def remove(self, kind: type[A], id: str, version: int) -> None:
        key = (kind_name(kind), id)
        current = self._record(key)
        if current is None:
            raise NotFound(f"no {key[0]} with ID {id}")
        _check_version(key, current.version, version)
        self.pending[key] = None

    def _put(self, key: tuple[str, str], item: A) -> A:
        stored = attrs.evolve(item, version=item.version + 1)
        self.pending[key] = _Record(stored.version, to_document(stored), index_entry(stored))
        return stored

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        terms = search_terms(text)
        if not terms:
            return []
        hits = []
        for (kind, id_), record in self._merged():
            words = fold(record.entry.text).split()
            words = [w for word in words for w in search_terms(word)]
            counts = [sum(w.startswith(t) for w in words) for t in terms]
            if all(counts):
                hits.append(
                    SearchHit(
                        kind=kind,
                        id=id_,
                        snippet=snippet(record.entry.text, terms),
                        rank=float(sum(counts)),
                    )
                )
        hits.sort(key=lambda h: (-h.rank, h.kind, h.id))
        return hits[:limit]


def _check_version(key: tuple[str, str], stored: int, given: int) -> None:
    if stored != given:
        raise Conflict(
            f"{key[0]} {key[1][:8]} was changed elsewhere (now version {stored},"
            f" yours is {given}); reload it and try again"
        )


def _matches(entry: IndexEntry, query: Query) -> bool:
    checks = (
        query.status is None or entry.status in query.status,
        query.contact_id is None or entry.contact_id == query.contact_id,
        query.ref is None or query.ref in entry.refs,
        # Compared as instants: two times of one zone compare by wall clock, wrongly in
        # the hour that repeats when clocks go back.
        query.at_from is None
        or (entry.at is not None and entry.at.timestamp() >= query.at_from.timestamp()),
        query.at_to is None
        or (entry.at is not None and entry.at.timestamp() < query.at_to.timestamp()),
        query.label is None or entry.label == query.label,
    )
    return all(checks)


def _sort_key(id_: str, entry: IndexEntry) -> tuple[Any, ...]:
    return (entry.at is None, entry.at.timestamp() if entry.at else 0.0, entry.label or "", id_)


@hookimpl
def infoint_storage_backends() -> dict[str, Any]:
    """``memory://``: a fresh, empty store that lives as long as the Workspace."""
    return {"memory": MemoryStore}
