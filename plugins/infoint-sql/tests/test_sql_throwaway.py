"""The throwaway server the tests and the PostgreSQL benchmark start (see conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from infoint_sql.throwaway import NoServer, ThrowawayServer


def test_no_binaries_is_no_server(tmp_path: Path) -> None:
    with pytest.raises(NoServer, match="initdb, pg_ctl"):
        ThrowawayServer(tmp_path)


def test_a_server_never_started_stops_quietly(tmp_path: Path) -> None:
    (tmp_path / "initdb").touch()  # found, never run
    server = ThrowawayServer(tmp_path)
    server.stop()
    assert server.folder is None
