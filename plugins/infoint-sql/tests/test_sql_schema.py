"""The schema's version: made on a fresh database, migrated when older, refused when newer."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from infoint_sql import store as sql_store
from infoint_sql.store import SCHEMA_VERSION, PostgresStore, migrate

from infoint.errors import SchemaTooNew, StoreError
from infoint.model import Contact, Interview, Note, Status, StatusChange
from infoint.storage import to_document
from infoint.testing.contract import T0

INTERVIEW = Interview(
    id="i1",
    contact_id="c1",
    history=(StatusChange(status=Status.HELD, at=T0),),
    notes=(Note(id="n1", text="Mentorship matters at the Café", at=T0),),
    version=1,
)


def _tables(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return {
            name
            for (name,) in conn.execute(
                sa.text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            )
        }


def _version(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT version FROM infoint_schema")).scalar_one())


def _make_version_1(url: str) -> sa.Engine:
    """A schema as infoint-sql 's first release left it: no full-text search yet."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        migrate(conn, 1)
        conn.execute(
            sa.text(
                "INSERT INTO records (owner, kind, id, version, status, contact_id, at,"
                " updated_at, document) VALUES ('ann', 'interview', 'i1', 1, 'held', 'c1',"
                " NULL, now(), :doc)"
            ),
            {"doc": to_document(INTERVIEW)},
        )
        conn.execute(sa.text("INSERT INTO refs SELECT seq, 'c1' FROM records"))
    return engine


def test_a_fresh_schema_is_made_at_the_current_version(fresh_url: str) -> None:
    store = PostgresStore(fresh_url)
    assert store.schema_version() == SCHEMA_VERSION
    engine = sa.create_engine(fresh_url)
    assert _tables(engine) == {"infoint_schema", "records", "refs"}
    assert _version(engine) == SCHEMA_VERSION
    store.close()
    PostgresStore(fresh_url).close()  # opening again changes nothing
    assert _version(engine) == SCHEMA_VERSION
    engine.dispose()


def test_an_older_schema_is_migrated_on_open(fresh_url: str) -> None:
    """A version-1 schema (before full-text search) gains search, filled from its records."""
    engine = _make_version_1(fresh_url)
    assert _version(engine) == 1
    store = PostgresStore(fresh_url)
    assert store.schema_version() == SCHEMA_VERSION
    with store.session("ann") as s:
        assert s.get(Interview, "i1") == INTERVIEW
        assert [h.id for h in s.search("mentor cafe")] == ["i1"]
        assert [i.id for i in s.find(Interview)] == ["i1"]
    with store.session("bob") as s:
        assert s.search("mentor") == []
    store.close()
    engine.dispose()


def test_a_newer_schema_is_refused_and_left_untouched(fresh_url: str) -> None:
    PostgresStore(fresh_url).close()
    engine = sa.create_engine(fresh_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE infoint_schema SET version = :v"), {"v": SCHEMA_VERSION + 5})
        conn.execute(sa.text("CREATE TABLE from_the_future (x int)"))
    before = _tables(engine)
    with pytest.raises(SchemaTooNew, match=rf"version {SCHEMA_VERSION + 5}.*upgrade infoint-sql"):
        PostgresStore(fresh_url)
    assert _tables(engine) == before
    assert _version(engine) == SCHEMA_VERSION + 5
    engine.dispose()


def test_a_failed_migration_leaves_the_old_schema(
    fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _make_version_1(fresh_url)

    def broken(conn: sa.Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (x int)")
        conn.exec_driver_sql("SELECT 1 / 0")

    monkeypatch.setattr(sql_store, "MIGRATIONS", (sql_store.MIGRATIONS[0], broken))
    with pytest.raises(StoreError, match="division by zero"):
        PostgresStore(fresh_url)
    assert _version(engine) == 1
    assert _tables(engine) == {"infoint_schema", "records", "refs"}
    engine.dispose()


def test_stores_opening_a_fresh_schema_at_once_migrate_it_once(fresh_url: str) -> None:
    stores: list[PostgresStore] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def open_one() -> None:
        start.wait()
        try:
            stores.append(PostgresStore(fresh_url))
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [s.schema_version() for s in stores] == [SCHEMA_VERSION] * 6
    with stores[0].session("ann", write=True) as s:
        s.add(Contact(id="c1", name="Grace"))
    for store in stores:
        store.close()


def test_a_schema_holding_other_tables_is_a_clear_error(fresh_url: str) -> None:
    engine = sa.create_engine(fresh_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE records (x int)"))
    with pytest.raises(StoreError, match=r"tables infoint did not make.*search_path"):
        PostgresStore(fresh_url)
    assert _tables(engine) == {"records"}  # the half-made schema was rolled back
    engine.dispose()
