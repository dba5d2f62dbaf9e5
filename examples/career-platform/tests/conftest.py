"""Fixtures: a fresh platform on a fresh database per test, and seekers who use it.

The platform's clock is a fake one (``clock``) that stands still at infoint's
``FIXED_NOW`` unless a test moves it, so that fixed dates in the tests stay in
the past or the future of "now" whatever day the tests run.

The database is SQLite in the test's folder. The tests marked ``both_stores``
run on PostgreSQL too, each in a schema of its own that is dropped afterwards:
on the server of ``INFOINT_TEST_POSTGRES_URL`` (as for infoint-sql's tests, e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``), else on a throwaway
server that infoint-sql starts from the PostgreSQL binaries. Without either they
are skipped, unless ``INFOINT_REQUIRE_POSTGRES=1`` (CI): then they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from infoint.testing.plugin import FakeClock

from career_platform_testing import Seeker, make_app, platform_of

POSTGRES_ENV = "INFOINT_TEST_POSTGRES_URL"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_stores: run on SQLite, and on PostgreSQL when INFOINT_TEST_POSTGRES_URL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store_url" in metafunc.fixturenames:
        kinds = ["sqlite"]
        if metafunc.definition.get_closest_marker("both_stores"):
            kinds.append("postgresql")
        metafunc.parametrize("store_kind", kinds)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database to make schemas in: the given server's, or a throwaway one."""
    given = os.environ.get(POSTGRES_ENV, "").strip()
    if given:
        yield given
        return
    required = os.environ.get("INFOINT_REQUIRE_POSTGRES") == "1"
    try:
        from infoint_sql.throwaway import NoServer, ThrowawayServer
    except ImportError:
        pytest.skip(f"PostgreSQL variant: install infoint-sql, or set {POSTGRES_ENV}")
    try:
        server = ThrowawayServer()
    except NoServer as err:
        if required:
            pytest.fail(f"PostgreSQL is required (INFOINT_REQUIRE_POSTGRES=1): {err}")
        pytest.skip(f"PostgreSQL variant: {err} (apt-get install postgresql, or {POSTGRES_ENV})")
    with server:
        yield server.url("postgres")


@pytest.fixture
def store_url(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The platform's one URL: a SQLite file, or a fresh PostgreSQL schema."""
    if store_kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'platform.db'}"
        return
    server: str = request.getfixturevalue("postgres_url")
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"career_{uuid.uuid4().hex[:12]}"
    conninfo = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"'.encode())
    sep = "&" if "?" in server else "?"
    try:
        yield f"{server}{sep}options={quote('-csearch_path=' + schema, safe='')}"
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE'.encode())


@pytest.fixture
def clock() -> FakeClock:
    """The platform's clock: 2026-11-26 09:00 UTC until a test sets or advances it."""
    return FakeClock()


@pytest.fixture
def app(tmp_path: Path, clock: FakeClock, request: pytest.FixtureRequest) -> Iterator[Flask]:
    url = request.getfixturevalue("store_url") if "store_url" in request.fixturenames else None
    made = make_app(tmp_path, url, CLOCK=clock)
    yield made
    platform_of(made).close()


@pytest.fixture
def ada(app: Flask) -> Seeker:
    seeker = Seeker(app.test_client())
    seeker.sign_up("ada", name="Ada Lovelace")
    return seeker


@pytest.fixture
def bo(app: Flask) -> Seeker:
    seeker = Seeker(app.test_client())
    seeker.sign_up("bo", name="Bo Diddley")
    return seeker
