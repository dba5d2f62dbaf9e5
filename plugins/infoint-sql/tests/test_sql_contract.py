"""The PostgreSQL store passes the contract every infoint store must pass."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from infoint_sql.store import PostgresStore

from infoint.testing.contract import StoreContract


class TestPostgresContract(StoreContract):
    @pytest.fixture
    def store(self, fresh_url: str) -> Iterator[PostgresStore]:
        store = PostgresStore(fresh_url)
        yield store
        store.close()
