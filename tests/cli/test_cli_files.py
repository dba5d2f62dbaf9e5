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


# ---------------------------------------------------------------- export -o targets


def export_to(infoint, target: Path | str) -> str:
    """``export --format json -o TARGET``, which must succeed; its stderr line."""
    result = infoint.invoke("export", "--format", "json", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return result.stderr


def test_export_replaces_a_regular_file_atomically_and_privately(
    infoint, contact_id: str, tmp_path: Path, open_umask
):
    # What already worked, kept working: a new file under the old name, 0600.
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o644)
    before = target.stat().st_ino
    assert export_to(infoint, target) == f"Wrote {target}\n"
    assert not target.is_symlink()
    assert target.stat().st_ino != before  # renamed into place, not rewritten
    assert mode(target) == 0o600
    assert "Grace Hopper" in target.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".infoint-")] == []


def test_export_writes_through_a_symbolic_link_and_keeps_it(
    infoint, contact_id: str, tmp_path: Path
):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    export_to(infoint, link)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert "Grace Hopper" in real.read_text()


def test_export_into_a_fifo_leaves_it_a_fifo(infoint, contact_id: str, tmp_path: Path):
    import threading

    fifo = tmp_path / "exports.fifo"
    os.mkfifo(fifo)
    keep = tmp_path / "same.fifo"  # the FIFO under a second name, in case -o replaces the first
    os.link(fifo, keep)
    received: list[bytes] = []

    def read() -> None:
        with open(keep, "rb") as reader:  # blocks until a writer opens the FIFO
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        export_to(infoint, fifo)
    finally:
        reader.join(timeout=10)
        if reader.is_alive():  # nothing opened the FIFO: open it so the reader sees EOF
            os.close(os.open(keep, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and b"Grace Hopper" in received[0]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device file needs root")
def test_export_to_a_character_device_leaves_it_a_device(infoint, contact_id: str, tmp_path: Path):
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
    export_to(infoint, device)
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert device.lstat().st_rdev == os.stat("/dev/null").st_rdev


def test_export_to_dev_null_leaves_it_alone(infoint, contact_id: str):
    null = Path("/dev/null")
    device = null.lstat()
    assert stat.S_ISCHR(device.st_mode)
    try:
        assert export_to(infoint, null) == "Wrote /dev/null\n"
        assert stat.S_ISCHR(null.lstat().st_mode)
        assert null.lstat().st_rdev == device.st_rdev
    finally:
        if not stat.S_ISCHR(null.lstat().st_mode):  # a broken export replaced it: put it back
            spare = Path("/dev/.infoint-test-null")
            os.mknod(spare, stat.S_IFCHR | stat.S_IMODE(device.st_mode), device.st_rdev)
            os.chmod(spare, stat.S_IMODE(device.st_mode))
            os.replace(spare, null)


def test_export_to_an_empty_output_is_an_error(
    infoint, contact_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    error = infoint.fail("export", "--format", "json", "-o", "")
    assert "--output is empty: give a file, a folder or '-'" in error
    assert list(here.iterdir()) == []


# ---------------------------------------------------------------- standard output errors


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize(
    "command",
    [["contact", "list"], ["contact", "list", "--json"], ["export", "--format", "json"]],
    ids=" ".join,
)
def test_a_full_standard_output_is_one_error_line(
    infoint, contact_id: str, command: list[str], buffered: bool
):
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    # Buffered, what a failed write leaves behind is flushed again at exit.
    env.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    argv = [sys.executable, "-m", "infoint", "--db", infoint.db, "--owner", "ada", *command]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            argv, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        "infoint: error: cannot write to standard output: No space left on device\n"
    )


def test_export_to_dev_stdout_appends_as_the_shell_asked(tmp_path: Path) -> None:
    """``-o /dev/stdout >> log`` truncated the log (the name was opened again)."""
    import subprocess
    import sys

    log = tmp_path / "app.log"
    log.write_text("KEEPME\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOINT_")}
    env |= {"INFOINT_DB": str(tmp_path / "a.db"), "INFOINT_OWNER": "ann"}
    with log.open("a") as out:
        done = subprocess.run(
            [sys.executable, "-m", "infoint", "export", "--format", "json", "-o", "/dev/stdout"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert log.read_text().startswith("KEEPME\n{")


def test_export_to_a_closed_standard_output_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOINT_")}
    env |= {"INFOINT_DB": str(tmp_path / "a.db"), "INFOINT_OWNER": "ann"}
    done = subprocess.run(
        [sys.executable, "-m", "infoint", "export", "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "standard output is closed" in done.stderr
