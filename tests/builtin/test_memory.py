"""The memory store passes the Store contract."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infoint.builtin.memory import MemoryStore
from infoint.errors import StoreError
from infoint.testing.contract import StoreContract


class TestMemoryStoreContract(StoreContract):
    @pytest.fixture
    def store(self) -> Iterator[MemoryStore]:
        store = MemoryStore()
        yield store
        store.close()


def test_a_closed_memory_store_refuses_sessions() -> None:
    store = MemoryStore()
    store.close()
    with pytest.raises(StoreError, match="closed"), store.session("ann"):
        pass
