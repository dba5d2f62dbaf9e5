"""Files written by older and newer schemas.

``data/schema1.db`` was written by the first schema (see ``data/make_schema1.py``):
opening a copy migrates it to the current version and keeps every record, and the
notes become searchable. A file whose schema is newer than this infoint knows is
refused, and left exactly as it was.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import infoint
from infoint.builtin.sqlite import SCHEMA_VERSION
from infoint.errors import SchemaTooNew
from infoint.model import Contact, Interview, Target
from infoint.storage import Query

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "schema1.db"


def _maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_schema1", DATA / "make_schema1.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(path: Path) -> set[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as raw:
        return set(raw.execute("SELECT owner, kind, id, version, document FROM records"))


def _user_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as raw:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def schema1_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of the committed schema-1 file (the original is never opened by infoint)."""
    before = _digest(FIXTURE)
    copy = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, copy)
    copy.chmod(0o600)  # infoint refuses a file others may read
    yield copy
    assert _digest(FIXTURE) == before, "the committed fixture was changed"


def test_fault_the_fixture_is_a_small_schema_1_file() -> None:
    assert FIXTURE.stat().st_size < 100_000
    assert _user_version(FIXTURE) == 1
    with closing(sqlite3.connect(FIXTURE)) as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    assert "search" not in tables  # full-text search came with schema 2


def test_fault_a_schema_1_file_is_migrated_keeping_every_record(schema1_copy: Path) -> None:
    records = _maker().RECORDS
    stored_before = _rows(schema1_copy)
    assert len(stored_before) == len(records)

    with infoint.open(str(schema1_copy), owner="ada") as ws:
        assert ws.store.schema_version() == SCHEMA_VERSION
        for owner, item in records:
            with ws.store.session(owner) as s:
                assert s.get(type(item), item.id) == item
        by_owner: dict[str, list[Any]] = {}
        for owner, item in records:
            by_owner.setdefault(owner, []).append(item)
        for owner, items in by_owner.items():
            with ws.store.session(owner) as s:
                for kind in (Contact, Target, Interview):
                    assert s.find(kind) == [i for i in items if isinstance(i, kind)]
        # The indexed columns and references of schema 1 still answer queries.
        grace, navy, chat = by_owner["ada"]
        with ws.store.session("ada") as s:
            assert s.find(Interview, Query(ref=navy.id)) == [chat]
            assert s.find(Interview, Query(contact_id=grace.id, status={"held"})) == [chat]
            assert s.find(Contact, Query(label="GRACE HOPPER")) == [grace]
            assert s.ids_with_prefix(Interview, "c0ffee") == [chat.id]
        assert ws.interview(chat.id[:6]) == chat
    assert _user_version(schema1_copy) == SCHEMA_VERSION
    # The migration added the search index; it rewrote no record.
    assert _rows(schema1_copy) == stored_before


def test_fault_a_migrated_schema_1_file_finds_its_notes(schema1_copy: Path) -> None:
    module = _maker()
    chat, grace = module.CHAT, module.GRACE
    with infoint.open(str(schema1_copy), owner="ada") as ws:
        assert [h.id for h in ws.search("mondays")] == [chat.id]
        assert [h.id for h in ws.search("naive question")] == [chat.id]  # an advice note
        assert [h.id for h in ws.search("fleet")] == [chat.id]  # research
        assert {h.id for h in ws.search("cafe")} == {grace.id}  # a contact's notes
        assert ws.search("punched") == []  # bob's, not ada's
        # A record changed after the migration is indexed as it is now.
        ws.add_note(chat, "Bring the nanosecond wire")
        assert [h.id for h in ws.search("nanosecond")] == [chat.id]
        assert [h.id for h in ws.search("mondays")] == [chat.id]
    with infoint.open(str(schema1_copy), owner="bob") as ws:
        assert [h.id for h in ws.search("punched cards")] == [module.BOBS.id]


def _newer(schema1_copy: Path, journal_mode: str) -> Path:
    with closing(sqlite3.connect(schema1_copy, isolation_level=None)) as raw:
        raw.execute(f"PRAGMA journal_mode = {journal_mode}")
        raw.execute("PRAGMA user_version = 99")
    return schema1_copy


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_fault_a_newer_schema_is_refused_saying_so_and_left_byte_for_byte_unchanged(
    schema1_copy: Path, journal_mode: str
) -> None:
    # "delete": as make_schema1.py wrote it; "wal": as an infoint leaves its files.
    newer = _newer(schema1_copy, journal_mode)
    folder = sorted(p.name for p in newer.parent.iterdir())
    before = newer.read_bytes()
    with pytest.raises(SchemaTooNew) as refused:
        infoint.open(str(newer), owner="ada")
    message = str(refused.value)
    assert "version 99" in message
    assert f"up to {SCHEMA_VERSION}" in message
    assert "upgrade infoint" in message
    assert newer.read_bytes() == before
    assert sorted(p.name for p in newer.parent.iterdir()) == folder  # no -wal, no -shm left
