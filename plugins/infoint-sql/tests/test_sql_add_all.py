"""The PostgreSQL session's bulk add: the same rows, results and errors as adding one by one."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from infoint_sql import store as sql_store
from infoint_sql.store import PostgresStore
from infoint_sql.throwaway import schema_url

from infoint.errors import Conflict
from infoint.model import (
    Channel,
    ChannelKind,
    Contact,
    Interview,
    Note,
    Status,
    StatusChange,
    Target,
    TargetKind,
)
from infoint.storage import Query, index_entry
from infoint.workspace import Workspace

if TYPE_CHECKING:
    from conftest import Server

T0 = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def _records() -> list[Any]:
    """Contacts, targets and interviews: references, times, search text, and none of it."""
    contacts = [
        Contact(
            id=f"c{k:03d}",
            name=f"Person {k}",
            role="Engineer" if k % 2 else "",
            organization=f"Company {k % 3}",
            channels=[Channel(kind=ChannelKind.EMAIL, value=f"p{k}@example.org")],
            introducer_id="c001" if k % 5 == 0 else None,
            referred_by_id="c000" if k else None,
            notes=f"Met at the Café, meetup {k}" if k % 3 else "",
        )
        for k in range(30)
    ]
    contacts.append(Contact(id="quoted", name="Zoë O'Brien", notes="a \\ back-slash, 'quotes'"))
    targets = [Target(id=f"t{k}", kind=TargetKind.COMPANY, name=f"Firm {k}") for k in range(4)]
    interviews = [
        Interview(
            id=f"i{k:03d}",
            contact_id=f"c{k:03d}",
            history=(StatusChange(status=Status.SCHEDULED, at=T0),),
            starts_at=T0,
            target_ids=tuple(sorted({f"t{k % 4}", "t3"})),
            notes=(Note(id=f"n{k}", text=f"pipelines break on day {k}", at=T0),),
        )
        for k in range(10)
    ]
    bare = Interview(  # no search text at all
        id="bare", contact_id="c001", history=(StatusChange(status=Status.IDEA, at=T0),)
    )
    return [*contacts, *targets, *interviews, bare]


def _add_all(session: Any, items: list[Any]) -> list[Any]:
    """The PostgreSQL session's ``add_all`` (not part of the StoreSession protocol)."""
    added: list[Any] = session.add_all(items)
    return added


def _schema(store: PostgresStore) -> str:
    """The schema a store's URL puts first in its search path."""
    with store.engine.connect() as conn:
        name: str = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
        return name


def _tables(server: Server, schema: str) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the store wrote but ``updated_at`` (one time for a bulk add)."""
    records = server.execute(
        f"SELECT seq, owner, kind, id, version, status, contact_id, at, label, document, body,"
        f' search::text FROM "{schema}".records ORDER BY seq'
    )
    refs = server.execute(f'SELECT seq, ref FROM "{schema}".refs ORDER BY seq, ref')
    return {"records": records, "refs": refs}


@pytest.fixture
def stores(pg_server: Server) -> Iterator[tuple[PostgresStore, PostgresStore]]:
    """Two stores, each on a schema of its own, with one contact in each already."""
    names = [f"one_{uuid.uuid4().hex[:12]}", f"bulk_{uuid.uuid4().hex[:12]}"]
    for name in names:
        pg_server.execute(f'CREATE SCHEMA "{name}"')
    one, bulk = (PostgresStore(schema_url(pg_server.url, name)) for name in names)
    for store in (one, bulk):
        with store.session("ann", write=True) as s:
            s.add(Contact(id="before", name="Already There"))  # the sequence moves past it
    yield one, bulk
    one.close()
    bulk.close()
    for name in names:
        pg_server.execute(f'DROP SCHEMA "{name}" CASCADE')


def test_add_all_writes_what_adding_one_by_one_writes(
    stores: tuple[PostgresStore, PostgresStore], pg_server: Server
) -> None:
    one, bulk = stores
    items = _records()
    with one.session("ann", write=True) as s:
        singly = [s.add(item) for item in items]
    with bulk.session("ann", write=True) as b:
        together = _add_all(b, items)
    assert together == singly
    assert all(item.version == 0 for item in items)  # the originals are untouched
    written = _tables(pg_server, _schema(bulk))
    assert written == _tables(pg_server, _schema(one))
    assert len(written["records"]) == len(items) + 1
    assert len(written["refs"]) == sum(len(index_entry(item).refs) for item in items)
    assert sum(row[-1] is None for row in written["records"]) == 1  # "bare": no tsvector
    with bulk.session("ann") as b:
        assert [h.id for h in b.search("pipelines day 7")] == ["i007"]
        assert [h.id for h in b.search("cafe meetup 29")] == ["c029"]
        assert [i.id for i in b.find(Interview, Query(ref="t1"))] == ["i001", "i005", "i009"]
        assert b.get(Contact, "c010") == singly[10]


def test_add_all_of_thousands(pg_store: PostgresStore) -> None:
    contacts = [Contact(id=f"c{k:05d}", name=f"Person {k}") for k in range(2500)]
    with pg_store.session("ann", write=True) as s:
        assert _add_all(s, contacts)[-1].version == 1
    with pg_store.session("ann") as s:
        assert len(s.find(Contact)) == 2500
        assert [h.id for h in s.search("Person 2499")] == ["c02499"]


def test_a_taken_id_is_the_same_conflict_and_the_session_writes_nothing(
    stores: tuple[PostgresStore, PostgresStore],
) -> None:
    _, bulk = stores
    batch = [Contact(id="new", name="New"), Contact(id="before", name="Duplicate")]
    taken = pytest.raises(Conflict, match=r"^a contact with ID before already exists$")
    with taken, bulk.session("ann", write=True) as b:
        _add_all(b, batch)
    twice = [Contact(id="twice", name="A"), Contact(id="twice", name="B")]
    again = pytest.raises(Conflict, match=r"^a contact with ID twice already exists$")
    with again, bulk.session("ann", write=True) as b:
        _add_all(b, twice)
    with bulk.session("ann") as b:
        assert [c.id for c in b.find(Contact)] == ["before"]
        assert b.search("New") == []


def test_after_a_taken_id_the_session_goes_on_as_after_adding_one_by_one(
    stores: tuple[PostgresStore, PostgresStore],
) -> None:
    one, bulk = stores
    batch = [Contact(id="new", name="New"), Contact(id="before", name="Duplicate")]
    for store, add in ((one, lambda s: [s.add(c) for c in batch]), (bulk, _add_all_of(batch))):
        with store.session("ann", write=True) as s:
            with pytest.raises(Conflict):
                add(s)
            s.add(Contact(id="later", name="Later"))
    for store in (one, bulk):
        with store.session("ann") as s:
            assert [c.id for c in s.find(Contact)] == ["before", "later", "new"]


def _add_all_of(items: list[Any]) -> Any:
    return lambda session: _add_all(session, items)


def test_a_record_with_a_version_is_the_same_conflict(
    stores: tuple[PostgresStore, PostgresStore],
) -> None:
    _, bulk = stores
    stale = Contact(id="old", name="Old", version=3)
    refused = pytest.raises(Conflict, match=r"^contact old is new, so its version must be 0$")
    with refused, bulk.session("ann", write=True) as b:
        _add_all(b, [Contact(id="fine", name="Fine"), stale])


def test_nothing_to_add_is_nothing(pg_store: PostgresStore) -> None:
    with pg_store.session("ann", write=True) as s:
        assert _add_all(s, []) == []


def test_an_import_goes_through_add_all(
    pg_store: PostgresStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies: list[int] = []
    copy = sql_store._PostgresSession._copy

    def counted(self: Any, items: Any) -> None:
        copies.append(len(items))
        copy(self, items)

    monkeypatch.setattr(sql_store._PostgresSession, "_copy", counted)
    csv = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,Engines,Analyst,"
        "10 Dec 1842\n"
        "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,09 Dec 1906\n"
    )
    workspace = Workspace(pg_store, "ann")
    report = workspace.import_contacts("linkedin", io.BytesIO(csv.encode()))
    assert copies == [2]
    assert [c.version for c in report.added] == [1, 1]
    with pg_store.session("ann") as s:
        assert [c.name for c in s.find(Contact)] == ["Ada Lovelace", "Grace Hopper"]
        assert [h.id for h in s.search("admiral")] == [report.added[1].id]
