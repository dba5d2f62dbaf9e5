"""Fixtures of the fault tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# The state machine's asserts show both sides when they fail, as a test module's do.
pytest.register_assert_rewrite("fault_machine")

from fault_support import Child  # noqa: E402


@pytest.fixture
def children() -> Iterator[list[Child]]:
    """Started children are appended here; whatever still runs at the end is killed."""
    started: list[Child] = []
    yield started
    for child in started:
        child.stop()
