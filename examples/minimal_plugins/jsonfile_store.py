"""A store plugin: every owner's records in one JSON file, ``jsonfile:///path/to/file.json``.

Small, not fast: each session reads the whole file and a write session
replaces it in one step (a temporary file renamed over it), so a session
that fails half-way leaves the file as it was. It passes infoint's store
contract suite (see ``test_minimal_plugins.py``).
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from infoint import hookimpl
from infoint.errors import Conflict, NotFound
from infoint.storage import (
    KINDS_BY_NAME,
    Query,
    SearchHit,
    check_owner,
    fold,
    from_document,
    index_entry,
    kind_name,
    search_terms,
    snippet,
    to_document,
)


class JsonFileStore:
    """``jsonfile:///abs/path.json`` (or ``jsonfile://relative.json``)."""

    name = "jsonfile"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = Path(url.removeprefix("jsonfile://"))
        self._lock = threading.RLock()  # one thread's sessions at a time

    @contextmanager
    def session(self, owner: str, *, write: bool = False) -> Iterator[Session]:
        """One owner's transaction: its writes are saved only if the block ends normally."""
        check_owner(owner)
        with self._lock:
            everyone = self._load()
            session = Session(owner, everyone.setdefault(owner, {}))
            yield session
            if session.changed:
                self._save(everyone)

    def schema_version(self) -> int:
        """One version so far: nothing to migrate."""
        return 1

    def close(self) -> None:
        """Nothing is held open between sessions."""

    def _load(self) -> dict[str, dict[str, list[Any]]]:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text("utf-8"))  # {owner: {"kind/id": [version, doc]}}

    def _save(self, everyone: dict[str, dict[str, list[Any]]]) -> None:
        # Personal data: readable by the user only (0600), written whole or not at all.
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".jsonfile-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(everyone, out, ensure_ascii=False)
        os.replace(temporary, self.path)


class Session:
    """One owner's records; the dict it changes is saved by the store at the end."""

    def __init__(self, owner: str, records: dict[str, list[Any]]) -> None:
        self.owner = owner
        self._records = records
        self.changed = False

    def get(self, kind: Any, id: str) -> Any:
        found = self._records.get(f"{kind_name(kind)}/{id}")
        if found is None:
            raise NotFound(f"no {kind_name(kind)} with ID {id}")
        version, document = found
        return from_document(kind, document, version)

    def find(self, kind: Any, query: Query | None = None) -> list[Any]:
        query = query or Query()
        prefix = f"{kind_name(kind)}/"
        items = [
            from_document(kind, document, version)
            for key, (version, document) in self._records.items()
            if key.startswith(prefix)
        ]
        entries = [(item, index_entry(item)) for item in items]
        entries = [(item, entry) for item, entry in entries if _matches(entry, query)]
        entries.sort(key=lambda pair: _order(pair[0].id, pair[1]))
        return [item for item, _ in entries][: query.limit]

    def ids_with_prefix(self, kind: Any, prefix: str, limit: int = 2) -> list[str]:
        start = f"{kind_name(kind)}/{prefix}"
        return sorted(key.split("/", 1)[1] for key in self._records if key.startswith(start))[
            :limit
        ]

    def add(self, item: Any) -> Any:
        key = f"{kind_name(type(item))}/{item.id}"
        if item.version != 0:
            raise Conflict(f"{key} is new, so its version must be 0")
        if key in self._records:
            raise Conflict(f"{key} already exists")
        return self._put(key, item)

    def add_all(self, items: Any) -> list[Any]:
        return [self.add(item) for item in items]

    def update(self, item: Any) -> Any:
        key = f"{kind_name(type(item))}/{item.id}"
        if key not in self._records:
            raise NotFound(f"no {key}")
        if self._records[key][0] != item.version:
            raise Conflict(f"{key} was changed elsewhere; reload it and try again")
        return self._put(key, item)

    def remove(self, kind: Any, id: str, version: int) -> None:
        key = f"{kind_name(kind)}/{id}"
        if key not in self._records:
            raise NotFound(f"no {key}")
        if self._records[key][0] != version:
            raise Conflict(f"{key} was changed elsewhere; reload it and try again")
        del self._records[key]
        self.changed = True

    def _put(self, key: str, item: Any) -> Any:
        stored = attrs.evolve(item, version=item.version + 1)
        self._records[key] = [stored.version, to_document(stored)]
        self.changed = True
        return stored

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        terms = search_terms(text)
        hits = []
        for key, (version, document) in self._records.items():
            kind, id_ = key.split("/", 1)
            found = index_entry(from_document(KINDS_BY_NAME[kind], document, version)).text
            words = search_terms(fold(found))
            counts = [sum(word.startswith(term) for word in words) for term in terms]
            if terms and all(counts):
                hit = SearchHit(kind=kind, id=id_, snippet=snippet(found, terms), rank=sum(counts))
                hits.append(hit)
        hits.sort(key=lambda hit: (-hit.rank, hit.kind, hit.id))
        return hits[:limit]


def _matches(entry: Any, query: Query) -> bool:
    at = entry.at.timestamp() if entry.at is not None else None
    return (
        (query.status is None or entry.status in query.status)
        and (query.contact_id is None or entry.contact_id == query.contact_id)
        and (query.ref is None or query.ref in entry.refs)
        and (query.at_from is None or (at is not None and at >= query.at_from.timestamp()))
        and (query.at_to is None or (at is not None and at < query.at_to.timestamp()))
        and (query.label is None or entry.label == query.label)
    )


def _order(id_: str, entry: Any) -> tuple[Any, ...]:
    # Earliest first by instant (records without a time last), then by label, then ID.
    return (entry.at is None, entry.at.timestamp() if entry.at else 0.0, entry.label or "", id_)


@hookimpl
def infoint_storage_backends() -> dict[str, Any]:
    return {"jsonfile": JsonFileStore}
