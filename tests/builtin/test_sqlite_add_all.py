"""The SQLite session's bulk add: the same rows, results and errors as adding one by one."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from infoint.builtin.sqlite import SQLiteStore
from infoint.errors import Conflict
from infoint.model import Channel, ChannelKind, Contact, Interview, Note, Status, StatusChange
from infoint.storage import Query

T0 = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def _records() -> list[Any]:
    """Contacts and interviews with references and search text, and one without text."""
    contacts = [
        Contact(
            id=f"c{k:03d}",
            name=f"Person {k}",
            role="Engineer" if k % 2 else "",
            organization=f"Company {k % 3}",
            channels=[Channel(kind=ChannelKind.EMAIL, value=f"p{k}@example.org")],
            referred_by_id="c000" if k else None,
            notes=f"Met at meetup {k}" if k % 3 else "",
        )
        for k in range(30)
    ]
    interviews = [
        Interview(
            id=f"i{k:03d}",
            contact_id=f"c{k:03d}",
            history=(StatusChange(status=Status.SCHEDULED, at=T0),),
            starts_at=T0,
            target_ids=(f"t{k % 4}",),
            notes=(Note(id=f"n{k}", text=f"pipelines break on day {k}", at=T0),),
        )
        for k in range(10)
    ]
    return [*contacts, *interviews]


def _add_all(session: Any, items: list[Any]) -> list[Any]:
    """The SQLite session's ``add_all`` (not part of the StoreSession protocol)."""
    added: list[Any] = session.add_all(items)
    return added


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(path)) as db:
        return {
            "records": db.execute(
                "SELECT seq, owner, kind, id, version, status, contact_id, at, label, document"
                " FROM records ORDER BY seq"
            ).fetchall(),
            "refs": db.execute("SELECT seq, ref FROM refs ORDER BY seq, ref").fetchall(),
            "search": db.execute(
                "SELECT rowid, words, body FROM search_words ORDER BY rowid"
            ).fetchall(),
            "owners": db.execute("SELECT number, owner FROM owners ORDER BY number").fetchall(),
        }


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[SQLiteStore, SQLiteStore]]:
    one, bulk = SQLiteStore(str(tmp_path / "one.db")), SQLiteStore(str(tmp_path / "bulk.db"))
    with one.session("ann", write=True) as s, bulk.session("ann", write=True) as b:
        s.add(Contact(id="before", name="Already There"))  # rowids continue after it
        b.add(Contact(id="before", name="Already There"))
    yield one, bulk
    one.close()
    bulk.close()


def test_add_all_writes_what_adding_one_by_one_writes(
    stores: tuple[SQLiteStore, SQLiteStore],
) -> None:
    one, bulk = stores
    items = _records()
    with one.session("ann", write=True) as s:
        singly = [s.add(item) for item in items]
    with bulk.session("ann", write=True) as b:
        together = _add_all(b, items)
    assert together == singly
    assert all(item.version == 0 for item in items)  # the originals are untouched
    assert _tables(Path(bulk.path)) == _tables(Path(one.path))
    with bulk.session("ann") as b:
        assert [h.id for h in b.search("pipelines day 7")] == ["i007"]
        assert [i.id for i in b.find(Interview, Query(ref="t1"))] == ["i001", "i005", "i009"]


def test_add_all_in_batches_larger_than_one_statement(tmp_path: Path) -> None:
    store = SQLiteStore(str(tmp_path / "many.db"))
    contacts = [Contact(id=f"c{k:05d}", name=f"Person {k}") for k in range(2500)]
    with store.session("ann", write=True) as s:
        _add_all(s, contacts)
    with store.session("ann") as s:
        assert len(s.find(Contact)) == 2500
        assert [h.id for h in s.search("Person 2499")] == ["c02499"]
    store.close()


def test_a_taken_id_is_the_same_conflict_and_the_session_writes_nothing(
    stores: tuple[SQLiteStore, SQLiteStore],
) -> None:
    _, bulk = stores
    batch = [Contact(id="new", name="New"), Contact(id="before", name="Duplicate")]
    taken = pytest.raises(Conflict, match="^a contact with ID before already exists$")
    with taken, bulk.session("ann", write=True) as b:
        _add_all(b, batch)
    twice = [Contact(id="twice", name="A"), Contact(id="twice", name="B")]
    with pytest.raises(Conflict, match="^a contact with ID twice"), bulk.session("ann") as b:
        _add_all(b, twice)
    with bulk.session("ann") as b:
        assert [c.id for c in b.find(Contact)] == ["before"]
        assert b.search("New") == []


def test_a_record_with_a_version_is_the_same_conflict(
    stores: tuple[SQLiteStore, SQLiteStore],
) -> None:
    _, bulk = stores
    stale = Contact(id="old", name="Old", version=3)
    refused = pytest.raises(Conflict, match="^contact old is new, so its version must be 0$")
    with refused, bulk.session("ann", write=True) as b:
        _add_all(b, [Contact(id="fine", name="Fine"), stale])


def test_nothing_to_add_is_nothing(stores: tuple[SQLiteStore, SQLiteStore]) -> None:
    _, bulk = stores
    with bulk.session("ann", write=True) as b:
        assert _add_all(b, []) == []
