"""A throwaway PostgreSQL server for the tests, and a fresh schema for each test.

The server is started once per test run from the PostgreSQL binaries
(``initdb``, ``pg_ctl``) in a temporary folder, on a free loopback port,
with trust authentication (nothing but this machine can reach it), and is
stopped and removed at the end. As root it runs as the ``postgres`` user
(PostgreSQL refuses root).

- ``INFOINT_PG_BIN``: the folder of ``initdb`` and ``pg_ctl``, if they are
  neither on PATH nor in ``/usr/lib/postgresql/*/bin``.
- ``INFOINT_TEST_POSTGRES_URL``: use a running server instead, e.g.
  ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``; the tests make
  (and drop) their own database and schemas there.

Without either, the tests are skipped with a note on how to get PostgreSQL,
unless ``INFOINT_REQUIRE_POSTGRES=1`` (for CI): then they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs
import psycopg
import pytest
from infoint_sql.store import PostgresStore
from sqlalchemy.engine import make_url

HOW_TO_GET_POSTGRES = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"
    " (or set INFOINT_PG_BIN to their folder, or INFOINT_TEST_POSTGRES_URL to a running"
    " server's database)"
)
DATABASE = "infoint_test"


@attrs.frozen
class Server:
    """The test server: its admin connection string, and the URL of the test database."""

    conninfo: str
    """libpq connection string of the test database, for psycopg."""
    url: str
    """``postgresql+psycopg://...`` URL of the test database."""

    def execute(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Run one statement on its own autocommitted connection; its rows, if any."""
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            cursor = conn.execute(sql.encode(), params or None)
            return cursor.fetchall() if cursor.description else []


def schema_url(url: str, schema: str) -> str:
    """``url`` with ``schema`` as the only schema in its search path."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote('-csearch_path=' + schema, safe='')}"


def _pg_bin() -> Path | None:
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


class _Cluster:
    """initdb + pg_ctl in a temporary folder, as ``postgres`` when we are root."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="infoint-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.as_user: dict[str, Any] = {}
        if os.geteuid() == 0:
            import pwd

            try:
                postgres = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.folder)
                pytest.skip("running as root, and there is no 'postgres' user to run the server")
            os.chown(self.folder, postgres.pw_uid, postgres.pw_gid)
            self.as_user = {"user": postgres.pw_uid, "group": postgres.pw_gid, "extra_groups": []}

    def run(self, *args: str | Path) -> None:
        done = subprocess.run(
            [str(a) for a in args],
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            **self.as_user,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout}\n{done.stderr}\n{log}")

    def start(self) -> int:
        self.run(
            self.bin / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        for attempt in range(3):
            port = _free_port()
            options = (
                f"-c port={port} -c listen_addresses=127.0.0.1"
                f" -c unix_socket_directories={self.folder}"
                " -c max_connections=200 -c fsync=off -c synchronous_commit=off"
                " -c full_page_writes=off"
            )
            try:
                self.run(
                    self.bin / "pg_ctl",
                    "-D",
                    self.data,
                    "-l",
                    self.log,
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    options,
                    "start",
                )
                return port
            except RuntimeError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _create_database(admin: str) -> None:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}".encode())
        try:
            # A linguistic default collation (ICU), so the tests show that IDs and
            # names still sort and match by code point.
            conn.execute(
                f"CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8'"
                " LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'".encode()
            )
        except psycopg.Error:
            conn.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8'".encode())


def _conninfo(url: str) -> str:
    parsed = make_url(url)
    parts = {
        "host": parsed.host or "127.0.0.1",
        "port": str(parsed.port or 5432),
        "user": parsed.username or "postgres",
        "dbname": parsed.database or "postgres",
    }
    if parsed.password:
        parts["password"] = parsed.password
    return " ".join(f"{key}='{value}'" for key, value in parts.items())


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """The test database on a throwaway server (or on ``INFOINT_TEST_POSTGRES_URL``)."""
    given = os.environ.get("INFOINT_TEST_POSTGRES_URL")
    if given:
        admin = _conninfo(given)
        _create_database(admin)
        url = make_url(given).set(drivername="postgresql+psycopg", database=DATABASE)
        yield Server(
            conninfo=_conninfo(url.render_as_string(hide_password=False)),
            url=url.render_as_string(hide_password=False),
        )
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)".encode())
        return
    bin_dir = _pg_bin()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        if os.environ.get("INFOINT_REQUIRE_POSTGRES") == "1":
            pytest.fail(HOW_TO_GET_POSTGRES)
        pytest.skip(HOW_TO_GET_POSTGRES)
    cluster = _Cluster(bin_dir)
    try:
        port = cluster.start()
        _create_database(f"host=127.0.0.1 port={port} user=postgres dbname=postgres")
        yield Server(
            conninfo=f"host=127.0.0.1 port={port} user=postgres dbname={DATABASE}",
            url=f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}",
        )
    finally:
        cluster.stop()


@pytest.fixture
def fresh_url(pg_server: Server) -> Iterator[str]:
    """The URL of a new, empty schema of the test database (dropped afterwards)."""
    name = "t_" + uuid.uuid4().hex[:16]
    pg_server.execute(f'CREATE SCHEMA "{name}"')
    yield schema_url(pg_server.url, name)
    pg_server.execute(f'DROP SCHEMA "{name}" CASCADE')


@pytest.fixture
def pg_store(fresh_url: str) -> Iterator[PostgresStore]:
    """A store on a fresh schema, closed afterwards."""
    store = PostgresStore(fresh_url)
    yield store
    store.close()
