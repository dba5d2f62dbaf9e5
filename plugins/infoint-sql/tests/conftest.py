"""A throwaway PostgreSQL server for the tests, and a fresh schema for each test.

The server is started once per test run from the PostgreSQL binaries
(``initdb``, ``pg_ctl``) in a temporary folder, on a free loopback port,
with trust authentication (nothing but this machine can reach it), and is
stopped and removed at the end: :class:`infoint_sql.throwaway.ThrowawayServer`,
which the PostgreSQL benchmark uses too. As root it runs as the ``postgres``
user (PostgreSQL refuses root).

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
import uuid
from collections.abc import Iterator
from typing import Any

import attrs
import psycopg
import pytest
from infoint_sql.store import PostgresStore
from infoint_sql.throwaway import NoServer, ThrowawayServer, schema_url
from sqlalchemy.engine import make_url

HOW_TO_GET_POSTGRES = (
    "apt-get install postgresql (or set INFOINT_PG_BIN to the folder of initdb and pg_ctl,"
    " or INFOINT_TEST_POSTGRES_URL to a running server's database)"
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
    try:
        cluster = ThrowawayServer()
    except NoServer as err:
        if os.environ.get("INFOINT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{err}: {HOW_TO_GET_POSTGRES}")
        pytest.skip(f"{err}: {HOW_TO_GET_POSTGRES}")
    with cluster:
        _create_database(cluster.conninfo("postgres"))
        yield Server(conninfo=cluster.conninfo(DATABASE), url=cluster.url(DATABASE))


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
