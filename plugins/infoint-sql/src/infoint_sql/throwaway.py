"""A throwaway PostgreSQL server, for this plugin's tests and infoint's benchmarks.

``initdb`` into a temporary folder and ``pg_ctl start`` on a free loopback
port, with trust authentication (nothing but this machine can reach it) and
``fsync`` off (nothing in it is worth keeping); stopped and removed at the
end. As root it runs as the ``postgres`` user (PostgreSQL refuses root).
Never for real data::

    with ThrowawayServer() as server:
        conninfo = server.conninfo("postgres")

Imports only the standard library.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

SETTINGS = "-c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
"""Server settings besides where it listens: room for the concurrency tests, no durability."""


def schema_url(url: str, schema: str) -> str:
    """``url`` with ``schema`` as the only schema in its search path."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote('-csearch_path=' + schema, safe='')}"


class NoServer(Exception):
    """No server can be started here: no binaries, or root without a ``postgres`` user."""


def find_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: ``$INFOINT_PG_BIN``, else ``PATH``, else the
    newest ``/usr/lib/postgresql/*/bin``; None where there is none."""
    given = os.environ.get("INFOINT_PG_BIN")
    if given:
        return Path(given)
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=version)
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ThrowawayServer:
    """One server in a temporary folder; a context manager that starts and removes it.

    Raises :class:`NoServer` when it cannot be made here, ``RuntimeError``
    (with the server's log) when ``initdb`` or ``pg_ctl`` fail.
    """

    user = "postgres"
    """The superuser, who connects without a password."""

    def __init__(self, bin_dir: Path | None = None) -> None:
        found = bin_dir or find_bin()
        if found is None or not (found / "initdb").exists():
            raise NoServer("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.bin = found
        self.port = 0
        """The server's port on 127.0.0.1, once started."""
        self._as_user: dict[str, Any] = {}
        if os.geteuid() == 0:
            import pwd

            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise NoServer(
                    "running as root, and there is no 'postgres' user to run the server"
                ) from None
            self._as_user = {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}
        self.folder: Path | None = None
        """The server's temporary folder (its data and log), while it exists."""

    def __enter__(self) -> ThrowawayServer:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def conninfo(self, dbname: str) -> str:
        """The libpq connection string of database ``dbname`` (for psycopg)."""
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={dbname}"

    def url(self, dbname: str) -> str:
        """The ``postgresql+psycopg://`` URL of database ``dbname`` (for infoint)."""
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def start(self) -> int:
        """``initdb`` into a new temporary folder and start the server; its port."""
        self.folder = Path(tempfile.mkdtemp(prefix="infoint-pg-"))
        if self._as_user:
            os.chown(self.folder, self._as_user["user"], self._as_user["group"])
        self._run(
            self.bin / "initdb",
            "-D",
            self._data,
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        for attempt in range(3):  # another program may take the free port first
            port = _free_port()
            options = (
                f"-c port={port} -c listen_addresses=127.0.0.1"
                f" -c unix_socket_directories={self.folder} {SETTINGS}"
            )
            try:
                self._run(
                    self.bin / "pg_ctl",
                    "-D",
                    self._data,
                    "-l",
                    self._log,
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    options,
                    "start",
                )
            except RuntimeError:
                if attempt == 2:
                    raise
            else:
                self.port = port
                return port
        raise AssertionError("unreachable")  # pragma: no cover

    def stop(self) -> None:
        """Stop the server (at once: nothing in it is kept) and remove its folder."""
        if self.folder is None:
            return
        try:
            if (self._data / "postmaster.pid").exists():
                self._run(self.bin / "pg_ctl", "-D", self._data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    @property
    def _data(self) -> Path:
        assert self.folder is not None, "the server is not started"
        return self.folder / "data"

    @property
    def _log(self) -> Path:
        assert self.folder is not None, "the server is not started"
        return self.folder / "server.log"

    def _run(self, *args: str | Path) -> None:
        done = subprocess.run(
            [str(a) for a in args],
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            **self._as_user,
        )
        if done.returncode != 0:
            log = self._log.read_text(errors="replace")[-3000:] if self._log.exists() else ""
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout}\n{done.stderr}\n{log}")
