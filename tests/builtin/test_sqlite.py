"""The SQLite store: the contract, plus files, migrations and what only a file can do."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from infoint.builtin import sqlite as sqlite_store
from infoint.builtin.sqlite import SCHEMA_VERSION, SQLiteStore, path_from_url
from infoint.errors import Conflict, SchemaTooNew, StoreError
from infoint.model import Contact, Interview, Note, Status, StatusChange, Target, TargetKind
from infoint.storage import Query, kind_name, to_document
from infoint.testing.contract import T0, StoreContract


class TestSQLiteStoreContract(StoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[SQLiteStore]:
        store = SQLiteStore(f"sqlite:///{tmp_path}/contract.db")
        yield store
        store.close()


class TestInMemorySQLiteContract(StoreContract):
    @pytest.fixture
    def store(self) -> Iterator[SQLiteStore]:
        store = SQLiteStore("sqlite://")
        yield store
        store.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_wal_files_are_private(tmp_path: Path) -> None:
    os.umask(0o022)
    db = tmp_path / "private.db"
    store = SQLiteStore(f"sqlite:///{db}")
    with store.session("ann", write=True) as s:
        s.add(Contact(id="c1", name="Grace"))
    companions = [tmp_path / "private.db-wal", tmp_path / "private.db-shm"]
    assert _mode(db) == 0o600
    for path in companions:
        assert path.exists()
        assert _mode(path) == 0o600
    store.close()


def test_missing_folders_are_created_private_when_asked(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "er" / "x.db"
    SQLiteStore(str(db), make_folders=True).close()
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700
    assert _mode(db.parent.parent) == 0o700


def test_a_mistyped_folder_is_an_error_not_a_new_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"the folder .*/typo does not exist"):
        SQLiteStore(str(tmp_path / "typo" / "x.db"))
    assert not (tmp_path / "typo").exists()


def test_an_empty_file_is_not_taken_for_a_new_database(tmp_path: Path) -> None:
    # A database truncated to 0 bytes was silently a new, empty one: the records gone
    # without a word. It is refused, and so is an empty file made beforehand.
    db = tmp_path / "truncated.db"
    db.touch(mode=0o600)
    with pytest.raises(StoreError, match=r"truncated.db: the file is empty \(0 bytes\)"):
        SQLiteStore(str(db))
    assert db.stat().st_size == 0


@pytest.mark.parametrize("companion", ["", "-wal", "-shm"])
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o660, 0o606])
def test_a_file_others_may_read_or_write_is_refused(
    tmp_path: Path, companion: str, mode: int
) -> None:
    db = tmp_path / "shared.db"
    store = SQLiteStore(str(db))
    with store.session("ann", write=True) as s:
        s.add(Contact(id="c1", name="Grace"))
    store.close()
    file = Path(str(db) + companion)
    file.touch(mode=0o600)
    file.chmod(mode)
    with pytest.raises(StoreError, match=rf"others may read or change it \(mode {mode:o}\)"):
        SQLiteStore(str(db))
    file.chmod(0o600)
    SQLiteStore(str(db)).close()


@pytest.mark.skipif(os.geteuid() != 0, reason="planting a file for another user needs root")
def test_a_database_planted_by_another_user_is_refused(tmp_path: Path) -> None:
    # As nobody: mkdir /tmp/x; create /tmp/x/planted.db 0666. The victim's
    # `infoint --db /tmp/x/planted.db contact add ...` wrote into it, for nobody to read.
    folder = tmp_path / "x"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    planted = folder / "planted.db"
    planted.touch()
    planted.chmod(0o600)
    os.chown(planted, 65534, 65534)
    with pytest.raises(StoreError, match=r"planted.db: belongs to another user \(uid 65534\)"):
        SQLiteStore(str(planted))
    assert planted.stat().st_size == 0


def test_a_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    SQLiteStore(str(db)).close()
    store = SQLiteStore(str(db))
    store._writer.execute("PRAGMA query_only = ON")  # as a read-only file or mount would behave
    with pytest.raises(StoreError, match="read-only"), store.session("ann", write=True) as s:
        s.add(Contact(id="c1", name="Grace"))
    store.close()


def test_data_survives_closing_and_reopening(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/a.db"
    store = SQLiteStore(url)
    with store.session("ann", write=True) as s:
        s.add(Contact(id="c1", name="Grace", notes="compilers"))
    store.close()
    again = SQLiteStore(url)
    with again.session("ann") as s:
        assert s.get(Contact, "c1").version == 1
        assert [h.id for h in s.search("compilers")] == ["c1"]
    again.close()


def test_url_forms() -> None:
    assert path_from_url("sqlite:////abs/x.db") == "/abs/x.db"
    assert path_from_url("sqlite:///rel/x.db") == "rel/x.db"
    assert path_from_url("sqlite://") == ":memory:"
    assert path_from_url("/plain/path.db") == "/plain/path.db"
    with pytest.raises(StoreError, match="not a sqlite URL"):
        path_from_url("postgresql://x")
    with pytest.raises(StoreError, match="looks like a URL without '//'"):
        path_from_url("sqlite:/rel.db")


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        SQLiteStore(str(tmp_path))


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    junk.chmod(0o600)
    with pytest.raises(StoreError, match="not a usable infoint database"):
        SQLiteStore(str(junk))


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    SQLiteStore(str(db)).close()
    db.touch(mode=0o600)  # infoint refuses a file others may read
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = db.read_bytes()
    with pytest.raises(SchemaTooNew, match=rf"version {SCHEMA_VERSION + 5}.*upgrade infoint"):
        SQLiteStore(str(db))
    assert db.read_bytes() == before


def test_an_older_schema_is_migrated_on_open(tmp_path: Path) -> None:
    """A version-1 file (before full-text search) gains FTS filled from its records."""
    db = tmp_path / "old.db"
    db.touch(mode=0o600)  # infoint refuses a file others may read
    raw = sqlite3.connect(db, isolation_level=None)
    sqlite_store.migrate(raw, 1)
    interview = Interview(
        id="i1",
        contact_id="c1",
        history=(StatusChange(status=Status.HELD, at=T0),),
        notes=(Note(id="n1", text="mentorship matters", at=T0),),
        version=1,
    )
    raw.execute(
        "INSERT INTO records (owner, kind, id, version, status, contact_id, updated_at, document)"
        " VALUES ('ann', 'interview', 'i1', 1, 'held', 'c1', 'x', ?)",
        (to_document(interview),),
    )
    raw.close()
    store = SQLiteStore(str(db))
    assert store.schema_version() == SCHEMA_VERSION
    with store.session("ann") as s:
        assert [h.id for h in s.search("mentorship")] == ["i1"]
        assert s.get(Interview, "i1") == interview
    store.close()


def test_a_schema_2_file_is_migrated_to_search_by_words_keeping_owners_apart(
    tmp_path: Path,
) -> None:
    """Schema 3 searches the words as ``search_terms`` cuts them, in each owner's part of
    the index: a file of schema 2 (FTS over the text as written) keeps every hit."""
    db = tmp_path / "two.db"
    db.touch(mode=0o600)  # infoint refuses a file others may read
    raw = sqlite3.connect(db, isolation_level=None)
    sqlite_store.migrate(raw, 2)
    texts = {
        ("ann", "c1"): "Office on the Hauptstraße, near the ﬁnance desk",
        ("ann", "c2"): "Knows foo_bar well",
        ("bob", "c1"): "Bob's Hauptstraße note",
    }
    for seq, ((owner, id_), text) in enumerate(texts.items(), start=1):
        contact = Contact(id=id_, name="Grace", notes=text, version=1)
        raw.execute(
            "INSERT INTO records (seq, owner, kind, id, version, label, updated_at, document)"
            " VALUES (?, ?, 'contact', ?, 1, 'grace', 'x', ?)",
            (seq, owner, id_, to_document(contact)),
        )
        raw.execute("INSERT INTO search (rowid, body) VALUES (?, ?)", (seq, f"Grace\n{text}"))
    raw.close()
    store = SQLiteStore(str(db))
    assert store.schema_version() == SCHEMA_VERSION
    with store.session("ann") as s:
        assert [h.id for h in s.search("hauptstrasse")] == ["c1"]
        assert [h.id for h in s.search("Hauptstraße finance")] == ["c1"]
        assert [h.id for h in s.search("foo_bar")] == ["c2"]
        assert s.search("bar") == []  # "_" joins a word, as search_terms reads it
        assert "ﬁnance desk" in s.search("finance")[0].snippet  # the text as written
    with store.session("bob") as s:
        assert [h.id for h in s.search("hauptstrasse")] == ["c1"]
        assert s.search("finance") == []
    with store.session("cy", write=True) as s:
        assert s.search("grace") == []  # an owner with no records yet
        s.add(Contact(id="c9", name="Grace", notes="Hauptstraße too"))
        assert [h.id for h in s.search("hauptstrasse")] == ["c9"]
    with store.session("ann") as s:
        assert {h.id for h in s.search("grace")} == {"c1", "c2"}
    store.close()


def test_g25_a_schema_3_file_is_migrated_to_labels_that_ignore_accents_and_spacing(
    tmp_path: Path,
) -> None:
    """Schema 3 and before case-folded labels only: migrating folds them as
    :func:`~infoint.identity.fold_name` does, from the name in each document."""
    db = tmp_path / "three.db"
    db.touch(mode=0o600)  # infoint refuses a file others may read
    raw = sqlite3.connect(db, isolation_level=None)
    sqlite_store.migrate(raw, 3)
    zoe = Contact(id="c1", name="Zoë  Ñúñez", version=1)
    acme = Target(id="t1", kind=TargetKind.COMPANY, name="Société Générale", version=1)
    chat = Interview(
        id="i1", contact_id="c1", history=(StatusChange(status=Status.IDEA, at=T0),), version=1
    )
    for seq, item, label in (
        (1, zoe, zoe.name.casefold()),  # as schema 3's store wrote them
        (2, acme, acme.name.casefold()),
        (3, chat, None),
    ):
        raw.execute(
            "INSERT INTO records (seq, owner, kind, id, version, label, updated_at, document)"
            " VALUES (?, 'ann', ?, ?, 1, ?, 'x', ?)",
            (seq, kind_name(type(item)), item.id, label, to_document(item)),
        )
    raw.close()
    store = SQLiteStore(str(db))
    assert store.schema_version() == SCHEMA_VERSION
    with store.session("ann") as s:
        assert s.find(Contact, Query(label="Zoe Nunez")) == [zoe]
        assert s.find(Contact, Query(label="zoë  ñúñez")) == [zoe]
        assert s.find(Target, Query(label="societe generale")) == [acme]
        assert s.find(Interview) == [chat]
    store.close()
    db.touch(mode=0o600)  # infoint refuses a file others may read
    raw = sqlite3.connect(db)
    labels = dict(raw.execute("SELECT id, label FROM records"))
    raw.close()
    assert labels == {"c1": "zoe nunez", "t1": "societe generale", "i1": None}


def test_a_stale_removal_says_what_a_stale_update_says() -> None:
    store = SQLiteStore("sqlite://")
    with store.session("ann", write=True) as s:
        stored = s.update(s.add(Contact(id="c1", name="Grace")))
    stale = r"contact c1 was changed elsewhere \(now version 2, yours is 1\); reload it"
    with pytest.raises(Conflict, match=stale), store.session("ann", write=True) as s:
        s.update(attrs.evolve(stored, version=1))
    with pytest.raises(Conflict, match=stale), store.session("ann", write=True) as s:
        s.remove(Contact, "c1", 1)
    store.close()


def test_search_ranks_more_of_the_words_first_then_by_kind_and_id() -> None:
    store = SQLiteStore("sqlite://")
    with store.session("ann", write=True) as s:
        s.add(Contact(id="c2", name="Bo", notes="mentor"))
        s.add(Contact(id="c1", name="Al", notes="mentor"))
        s.add(Contact(id="c3", name="Cy", notes="mentor mentoring mentors"))
    with store.session("ann") as s:
        assert [h.id for h in s.search("mentor")] == ["c3", "c1", "c2"]  # ties: by ID
        assert [h.id for h in s.search("mentor", limit=2)] == ["c3", "c1"]
    store.close()


def test_search_ranks_the_most_recent_matches_when_there_are_very_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = SQLiteStore("sqlite://")
    with store.session("ann", write=True) as s:
        s.add(Contact(id="c0", name="Al", notes="mentor mentor mentor"))  # the best, but old
        for k in range(1, 6):
            s.add(Contact(id=f"c{k}", name="Bo", notes="mentor"))
    with store.session("bob", write=True) as s:  # later, and another owner's: never counted
        for k in range(6, 9):
            s.add(Contact(id=f"c{k}", name="Bo", notes="mentor mentor"))
    monkeypatch.setattr(sqlite_store, "RANKED", 3)
    with store.session("ann") as s:
        assert [h.id for h in s.search("mentor", limit=2)] == ["c3", "c4"]  # of c3, c4, c5
        assert s.search("mentor", limit=6)[0].id == "c0"  # all six ranked: c0 is the best
    store.close()


def test_a_failed_migration_leaves_the_old_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    db.touch(mode=0o600)  # infoint refuses a file others may read
    raw = sqlite3.connect(db, isolation_level=None)
    sqlite_store.migrate(raw, 1)
    raw.close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr(sqlite_store, "MIGRATIONS", (sqlite_store.MIGRATIONS[0], broken))
    with pytest.raises(StoreError, match="disk on fire"):
        SQLiteStore(str(db))
    db.touch(mode=0o600)  # infoint refuses a file others may read
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    raw.close()


def test_two_stores_on_one_file_see_each_others_commits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/shared.db"
    first, second = SQLiteStore(url), SQLiteStore(url)
    with first.session("ann", write=True) as s:
        stored = s.add(Contact(id="c1", name="Grace"))
    with second.session("ann", write=True) as s:
        s.update(attrs.evolve(stored, role="Admiral"))
    with first.session("ann") as s:
        assert s.get(Contact, "c1").role == "Admiral"
    first.close()
    second.close()


def test_an_older_process_cannot_write_search_rows_schema_3_would_never_find(
    tmp_path: Path,
) -> None:
    # A platform's old process kept its connection open while a new one migrated the
    # file. Its schema-2 insert must fail (and roll back), not write an unindexed row.
    db = tmp_path / "shared.db"
    SQLiteStore(str(db)).close()
    db.touch(mode=0o600)  # infoint refuses a file others may read
    raw = sqlite3.connect(db)
    with pytest.raises(sqlite3.OperationalError, match="no such table: search"):
        raw.execute("INSERT INTO search (rowid, body) VALUES (1, 'Grace')")
    raw.close()


def test_a_new_database_is_never_seen_half_made(tmp_path: Path) -> None:
    """Made whole beside its place and linked in: eight stores opening a new path at
    once all open it (none finds the empty file a half-made one would be), and no
    working file is left behind."""
    from concurrent.futures import ThreadPoolExecutor

    db = tmp_path / "new.db"

    def open_and_write(n: int) -> int:
        store = SQLiteStore(str(db))
        try:
            with store.session(f"owner-{n}", write=True) as s:
                s.add(Contact(id="c1", name=f"Person {n}"))
            return store.schema_version()
        finally:
            store.close()

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(open_and_write, range(8))) == [SCHEMA_VERSION] * 8
    assert sorted(p.name for p in tmp_path.iterdir() if ".new" in p.name) == []
    assert _mode(db) == 0o600


def test_another_programs_sqlite_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    """It was silently given infoint's tables and switched to WAL."""
    foreign = tmp_path / "places.sqlite"
    foreign.touch(mode=0o600)
    with sqlite3.connect(foreign) as raw:
        raw.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    raw.close()
    before = foreign.read_bytes()
    with pytest.raises(StoreError, match="another program's SQLite database"):
        SQLiteStore(str(foreign))
    assert foreign.read_bytes() == before


def test_a_companion_file_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    SQLiteStore(str(db)).close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.touch(mode=0o600)
    (tmp_path / "a.db-wal").symlink_to(elsewhere)
    with pytest.raises(StoreError, match=r"a.db-wal: not a regular file"):
        SQLiteStore(str(db))


def test_a_database_removed_while_open_is_not_made_again_empty(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    store = SQLiteStore(str(db))
    for name in ("a.db", "a.db-wal", "a.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    with pytest.raises(StoreError), store.session("ann") as s:
        s.find(Contact)
    store.close()
    assert not db.exists()
