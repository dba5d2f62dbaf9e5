"""What only the PostgreSQL store does: URLs, pooling, transactions, search in PostgreSQL."""

from __future__ import annotations

import doctest
import threading
from typing import TYPE_CHECKING, Any

import attrs
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from infoint_sql import store as sql_store
from infoint_sql.store import PostgresStore, engine_url, mask_url, tsvector_literal

import infoint
from infoint.errors import Conflict, StoreError
from infoint.identity import fold_name
from infoint.model import Contact, Interview, Note, Status, StatusChange
from infoint.storage import search_terms
from infoint.testing.contract import T0

if TYPE_CHECKING:
    from conftest import Server


def _interview(id_: str, *notes: str) -> Interview:
    return Interview(
        id=id_,
        contact_id="c1",
        history=(StatusChange(status=Status.HELD, at=T0),),
        notes=tuple(Note(id=f"{id_}-{k}", text=t, at=T0) for k, t in enumerate(notes)),
    )


def test_the_doctests_hold() -> None:
    assert doctest.testmod(sql_store).failed == 0


# ------------------------------------------------------------ URLs and passwords


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ann:s3cret@db/x", "postgresql://ann:***@db/x"),
        ("postgresql+psycopg://ann:p%40ss@db:5433/x", "postgresql+psycopg://ann:***@db:5433/x"),
        ("postgresql://ann:pa/ss@db/x", "postgresql://ann:***@db/x"),
        ("postgresql://:s3cret@db/x", "postgresql://:***@db/x"),
        (
            "postgresql://ann@db/x?password=s3cret&sslmode=require",
            "postgresql://ann@db/x?password=***&sslmode=require",
        ),
        ("postgresql://db:5432/x", "postgresql://db:5432/x"),
    ],
)
def test_passwords_never_show(url: str, shown: str) -> None:
    assert mask_url(url) == shown


def test_a_password_stays_out_of_connection_errors() -> None:
    with pytest.raises(StoreError) as caught:
        PostgresStore("postgresql://ann:s3cret@127.0.0.1:1/nowhere?connect_timeout=2")
    message = str(caught.value)
    assert "s3cret" not in message
    assert message.startswith("postgresql://ann:***@127.0.0.1:1/nowhere")
    assert "cannot reach the database server" in message


def test_store_url_is_masked(pg_server: Server) -> None:
    url = pg_server.url.replace("postgres@", "postgres:ignored-by-trust@")
    store = PostgresStore(url)
    assert "ignored-by-trust" not in store.url
    assert "ignored-by-trust" not in repr(store)
    assert ":***@" in store.url
    store.close()


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    url, pool = engine_url("postgresql://ann@db/x?sslmode=require")
    assert url.drivername == "postgresql+psycopg"
    assert url.query == {"sslmode": "require"}
    assert pool == {}
    with pytest.raises(StoreError, match="psycopg 3"):
        engine_url("postgresql+psycopg2://ann@db/x")
    with pytest.raises(StoreError, match="not a PostgreSQL URL"):
        engine_url("postgresql://ann:secret@db:notaport/x")


def test_pool_settings_come_from_the_url_or_the_caller(pg_server: Server) -> None:
    url, pool = engine_url("postgresql://db/x?pool_size=2&max_overflow=0&sslmode=disable")
    assert pool == {"pool_size": 2, "max_overflow": 0}
    assert url.query == {"sslmode": "disable"}
    with pytest.raises(StoreError, match="pool_size must be a whole number"):
        engine_url("postgresql://db/x?pool_size=many")
    store = PostgresStore(pg_server.url + "?pool_size=2&pool_recycle=60", max_overflow=1)
    assert store.pool_settings == {
        "pool_size": 2,
        "max_overflow": 1,
        "pool_timeout": 30,
        "pool_recycle": 60,
    }
    pool_ = store.engine.pool
    assert isinstance(pool_, sa.pool.QueuePool)
    assert pool_.size() == 2
    assert store.engine.pool._pre_ping
    store.close()


def test_an_exhausted_pool_is_a_clear_error(fresh_url: str) -> None:
    store = PostgresStore(fresh_url + "&pool_size=1&max_overflow=0&pool_timeout=1")
    with store.session("ann"), pytest.raises(StoreError, match="every database connection"):
        store.session("bob").__enter__()
    store.close()


def test_a_closed_store_refuses_work(pg_store: PostgresStore) -> None:
    pg_store.close()
    with pytest.raises(StoreError, match="closed"):
        pg_store.session("ann").__enter__()


# ------------------------------------------------------------ the plugin


def test_the_plugin_opens_postgresql_urls(pg_server: Server) -> None:
    from infoint.plugins import make_plugin_manager

    backends = make_plugin_manager().provided("infoint_storage_backends")
    assert backends["postgresql"] is backends["postgresql+psycopg"]
    # A plain postgresql:// URL, through the SDK's front door.
    plain = pg_server.url.replace("postgresql+psycopg://", "postgresql://")
    with infoint.open(plain, owner="plugin-test") as ws:
        assert isinstance(ws.store, PostgresStore)
        contact = ws.add_contact("Ada Lovelace", notes="analytical engine")
        assert ws.store.name == "postgresql"
    with infoint.open(pg_server.url, owner="plugin-test") as ws:
        assert [h.id for h in ws.search("analytic")] == [contact.id]


def test_importing_the_plugin_does_not_import_sqlalchemy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, infoint_sql; infoint_sql.infoint_storage_backends();"
        " assert 'sqlalchemy' not in sys.modules and 'psycopg' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------ transactions


def test_a_conflict_on_add_does_not_spoil_the_session(pg_store: PostgresStore) -> None:
    with pg_store.session("ann", write=True) as s:
        s.add(Contact(id="c1", name="Grace"))
        with pytest.raises(Conflict, match="already exists"):
            s.add(Contact(id="c1", name="Grace again"))
        s.add(Contact(id="c2", name="Ada"))  # the transaction goes on
    with pg_store.session("ann") as s:
        assert [c.name for c in s.find(Contact)] == ["Ada", "Grace"]


def test_a_concurrent_update_waits_then_conflicts(pg_store: PostgresStore) -> None:
    """Two writers read version 1; the second waits for the first's lock, then loses."""
    with pg_store.session("ann", write=True) as s:
        stored = s.add(Contact(id="c1", name="Grace"))
    first_updated, second_started = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def second_writer() -> None:
        first_updated.wait(10)
        second_started.set()
        try:
            with pg_store.session("ann", write=True) as s:
                s.update(attrs.evolve(stored, role="second"))
        except Conflict as err:
            outcome["error"] = err

    thread = threading.Thread(target=second_writer)
    thread.start()
    with pg_store.session("ann", write=True) as s:
        s.update(attrs.evolve(stored, role="first"))
        first_updated.set()
        second_started.wait(10)
        thread.join(0.3)
        assert thread.is_alive()  # blocked on our row lock until we commit
    thread.join(10)
    assert "now version 2, yours is 1" in str(outcome["error"])
    with pg_store.session("ann") as s:
        assert s.get(Contact, "c1").role == "first"


def test_a_read_session_sees_one_snapshot(pg_store: PostgresStore) -> None:
    with pg_store.session("ann") as reader:
        assert reader.find(Contact) == []
        with pg_store.session("ann", write=True) as writer:
            writer.add(Contact(id="c1", name="Grace"))
        assert reader.find(Contact) == []  # committed after this session began
    with pg_store.session("ann") as reader:
        assert [c.id for c in reader.find(Contact)] == ["c1"]


def test_writing_over_a_newer_row_from_a_read_snapshot_is_a_conflict(
    pg_store: PostgresStore,
) -> None:
    with pg_store.session("ann", write=True) as s:
        stored = s.add(Contact(id="c1", name="Grace"))

    def update_from_an_old_snapshot() -> None:
        with pg_store.session("ann") as reader:
            seen = reader.get(Contact, "c1")
            with pg_store.session("ann", write=True) as writer:
                writer.update(attrs.evolve(stored, role="first"))
            reader.update(attrs.evolve(seen, role="from an old snapshot"))

    with pytest.raises(Conflict, match="at the same time"):
        update_from_an_old_snapshot()
    with pg_store.session("ann") as s:
        assert s.get(Contact, "c1").role == "first"


def test_a_write_session_reads_what_others_committed(pg_store: PostgresStore) -> None:
    with pg_store.session("ann", write=True) as first:
        assert first.find(Contact) == []
        with pg_store.session("ann", write=True) as second:
            second.add(Contact(id="c1", name="Grace"))
        assert [c.id for c in first.find(Contact)] == ["c1"]


def test_every_row_carries_its_owner(pg_store: PostgresStore) -> None:
    with pg_store.session("ann", write=True) as s:
        s.add(Contact(id="c1", name="Grace", introducer_id="c9"))
    with pg_store.session("bob", write=True) as s:
        s.add(Contact(id="c1", name="Grace", introducer_id="c9"))
    with pg_store.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT r.owner, r.kind, r.id, f.ref FROM records r JOIN refs f USING (seq)"
                " ORDER BY r.owner"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("ann", "contact", "c1", "c9"),
        ("bob", "contact", "c1", "c9"),
    ]


def test_ids_and_names_sort_by_code_point_whatever_the_collation(
    pg_store: PostgresStore, pg_server: Server
) -> None:
    # The test database's default collation is ICU's en-US where it can be, which sorts
    # "B" after "abc" and ignores "_"; the store's order must be the SQLite store's.
    ids = ["a_b", "ab", "abc", "B", "b%_x", "Ab", "é1", "e2"]
    names = ["zoe", "Zoë", "Zoe B", "zoé", "Émile", "emile", "_x", "Ab"]
    with pg_store.session("ann", write=True) as s:
        for id_, name in zip(ids, names, strict=True):
            s.add(Contact(id=id_, name=name))
    with pg_store.session("ann") as s:
        assert s.ids_with_prefix(Contact, "", limit=20) == sorted(ids)
        assert s.ids_with_prefix(Contact, "a", limit=20) == ["a_b", "ab", "abc"]
        assert s.ids_with_prefix(Contact, "A", limit=20) == ["Ab"]
        by_name = [c.name for c in s.find(Contact)]
        # By folded name (G25), then ID: "_x" first, "zoé" (ID "B") before "zoe" (ID "a_b").
        labelled = sorted(zip(map(fold_name, names), ids, names, strict=True))
        assert by_name == [name for _, _, name in labelled]


# ------------------------------------------------------------ search


def test_search_folds_accents_and_matches_prefixes(pg_store: PostgresStore) -> None:
    with pg_store.session("ann", write=True) as s:
        s.add(_interview("i1", "Rencontre à la Crème Brûlée SARL, équipe données"))
        s.add(_interview("i2", "Ελλάδα και ΑΘΉΝΑ", "Привет, Москва"))
        s.add(_interview("i3", "東京 office; Straße und Maß"))
        s.add(_interview("i4", "CRÈME de la crème"))
    with pg_store.session("ann") as s:

        def found(text: str) -> set[str]:
            return {h.id for h in s.search(text)}

        assert found("creme brulee") == {"i1"}
        assert found("CRÈ") == {"i1", "i4"}
        assert found("equip donn") == {"i1"}
        assert found("ελλαδα αθην") == {"i2"}
        assert found("москв") == {"i2"}
        assert found("東") == {"i3"}
        assert found("strasse") == {"i3"}
        assert found("mass") == {"i3"}
        assert found("rulee") == set()  # the start of a word, not the middle
        assert found("sarl équipe crème données à") == {"i1"}
        assert s.search("crème")[0].id == "i4"  # two matches rank above one


@pytest.mark.parametrize(
    "text", ["'", "\\", "a'b", "x:*", "!a & (b | c)", "<-> <1>", "''' :* \\' &", "AND OR NOT"]
)
def test_search_syntax_is_never_passed_through(pg_store: PostgresStore, text: str) -> None:
    with pg_store.session("ann", write=True) as s:
        s.add(_interview("i1", "a b c x and or not"))
    with pg_store.session("ann") as s:
        s.search(text)  # never a syntax error


def test_search_copes_with_what_free_text_may_hold(pg_store: PostgresStore) -> None:
    huge = " ".join(f"word{k % 5000}" for k in range(20_000 // 10))
    odd = "nul\x01byte " + "x" * 3000 + " o'brien back\\slash"
    with pg_store.session("ann", write=True) as s:
        s.add(_interview("i1", huge, huge, huge))
        s.add(Contact(id="c1", name="Odd", notes=odd))
    with pg_store.session("ann") as s:
        assert [h.id for h in s.search("word1999")] == ["i1"]
        assert s.get(Contact, "c1").notes == odd
        assert [h.id for h in s.search("byte brien back")] == ["c1"]
        assert [h.id for h in s.search("nul")] == ["c1"]


def test_the_tsvector_keeps_positions_within_postgresql_limits() -> None:
    text = " ".join(["same"] * 20_000 + ["x" * 3000, "tail"])
    vector = tsvector_literal(text)
    assert vector is not None
    same, tail = vector.split(" ")
    assert len(same.split(",")) == 256
    assert tail == "'tail':16383"
    assert tsvector_literal("  ,;  ") is None


@settings(max_examples=300, deadline=None)
@given(
    st.text()
    | st.lists(
        st.sampled_from(["the", "Café", "CAFE", "o'brien", "ß", "東京", "a\\b", " ", "\n"])
    ).map(" ".join)
)
def test_the_quick_tsvector_is_the_clipped_one_below_the_limits(text: str) -> None:
    assert tsvector_literal(text) == sql_store._clipped_tsvector(search_terms(text))
