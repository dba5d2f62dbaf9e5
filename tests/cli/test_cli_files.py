"""The files the CLI creates: private to their owner."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that takes nothing away, so only the code decides the modes."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_db_created_by_the_cli_is_private(infoint, db_path: Path):
    assert not db_path.exists()
    infoint.ok("contact", "add", "Grace Hopper")
    assert mode(db_path) == 0o600
    for companion in db_path.parent.glob(db_path.name + "-*"):  # -wal, -shm if left behind
        assert mode(companion) == 0o600, companion


def test_sqlite_db_is_private_even_with_an_open_umask(infoint, db_path: Path, open_umask):
    infoint.ok("contact", "list")  # a read creates the file too
    assert mode(db_path) == 0o600
    for companion in db_path.parent.glob(db_path.name + "-*"):
        assert mode(companion) == 0o600, companion


def test_a_mistyped_db_folder_is_an_error_not_a_new_database(infoint, tmp_path: Path):
    path = tmp_path / "data" / "infoint.db"
    err = infoint.bare().fail("--db", "sqlite:///" + str(path), "contact", "list")
    assert "data does not exist" in err
    assert not path.parent.exists()


def test_the_default_folder_is_created_private(infoint, tmp_path: Path, open_umask):
    infoint.bare().ok("contact", "list")
    found = list(Path(os.environ["HOME"]).rglob("infoint.db"))
    assert len(found) == 1, found
    assert mode(found[0].parent) == 0o700
    assert mode(found[0]) == 0o600


def test_default_db_lives_in_the_user_data_folder_and_is_private(infoint, tmp_path: Path):
    # conftest points HOME and XDG_DATA_HOME at a fresh folder; no --db, no INFOINT_DB.
    ada = infoint.bare().as_owner("ada")
    contact = ada.new_id("contact", "add", "Grace Hopper")
    found = list(Path(os.environ["HOME"]).rglob("infoint.db"))
    assert len(found) == 1, found
    assert mode(found[0]) == 0o600
    assert ada.contact(contact[:6])["name"] == "Grace Hopper"
