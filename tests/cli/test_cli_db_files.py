"""The database file, as a real program meets it: one of someone else's, one others can
read, a FIFO, an empty one, one in a read-only folder. Each is one clear line and a
non-zero exit, or (read-only) reading works and writing says why it cannot."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import infoint


def run(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOINT_")}
    env["INFOINT_OWNER"] = "ann"
    return subprocess.run(
        [*prefix, sys.executable, "-m", "infoint", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "records.db"
    with infoint.open(str(path), owner="ann") as ws:
        ws.add_contact("Grace Hopper")
    return path


@pytest.mark.skipif(os.geteuid() != 0, reason="planting a file for another user needs root")
def test_a_database_planted_by_another_user_is_refused_and_not_written(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    folder.chmod(0o777)
    planted = folder / "planted.db"
    planted.touch()
    planted.chmod(0o666)
    os.chown(planted, 65534, 65534)
    error = one_line_error(run("--db", str(planted), "contact", "add", "Grace Hopper"))
    assert "belongs to another user" in error
    assert "--db" in error
    assert planted.stat().st_size == 0
    assert sorted(p.name for p in folder.iterdir()) == ["planted.db"]


def test_a_database_others_can_read_is_refused_saying_how_to_fix_it(db: Path) -> None:
    db.chmod(0o644)
    error = one_line_error(run("--db", str(db), "contact", "list"))
    assert f"chmod 600 {db}" in error
    db.chmod(0o600)
    assert "Grace Hopper" in run("--db", str(db), "contact", "list").stdout


def test_a_fifo_is_not_a_database(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo, 0o600)
    error = one_line_error(run("--db", str(fifo), "contact", "list"))
    assert "not a regular file" in error
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device file needs root")
def test_a_character_device_is_not_a_database(tmp_path: Path) -> None:
    null = os.stat("/dev/null").st_rdev
    device = tmp_path / "null.db"
    os.mknod(device, 0o600 | stat.S_IFCHR, null)
    error = one_line_error(run("--db", str(device), "contact", "add", "Grace Hopper"))
    assert "not a regular file" in error
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_database_truncated_to_nothing_is_not_a_new_empty_one(db: Path) -> None:
    db.write_bytes(b"")
    for companion in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        companion.unlink(missing_ok=True)
    error = one_line_error(run("--db", str(db), "contact", "list"))
    assert "the file is empty (0 bytes)" in error
    assert "restore it from a backup" in error
    assert db.stat().st_size == 0


@pytest.fixture
def read_only(db: Path) -> Iterator[tuple[str, ...]]:
    """The database read-only in a read-only folder; the prefix that runs a program
    bound by file permissions (root is not, unless it drops the capability)."""
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root ignores file permissions, and setpriv is not here to drop that")
        caps = "-dac_override,-dac_read_search"
        prefix = (setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}")
    with infoint.open(str(db), owner="ann"):
        pass  # closed: the write-ahead log is folded into the file and removed
    db.chmod(0o400)
    db.parent.chmod(0o500)
    yield prefix
    db.parent.chmod(0o700)
    db.chmod(0o600)


def test_a_read_only_database_in_a_read_only_folder_can_be_read(
    db: Path, read_only: tuple[str, ...]
) -> None:
    listed = run("--db", str(db), "contact", "list", prefix=read_only)
    assert listed.returncode == 0, listed.stderr
    assert "Grace Hopper" in listed.stdout
    # Nothing left beside it that would keep it read-only once it is writable again.
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]
    error = one_line_error(run("--db", str(db), "contact", "add", "Ada", prefix=read_only))
    assert "read-only" in error
    assert "nothing was saved" in error


def test_a_read_only_database_leaves_nothing_that_blocks_writing_later(
    db: Path, read_only: tuple[str, ...]
) -> None:
    assert run("--db", str(db), "contact", "list", prefix=read_only).returncode == 0
    db.parent.chmod(0o700)
    db.chmod(0o600)
    added = run("--db", str(db), "contact", "add", "Ada Lovelace", prefix=read_only)
    assert added.returncode == 0, added.stderr
