"""infoint's pytest plugin: fixtures any test of an infoint plugin can use.

Loaded by pytest through the ``pytest11`` entry point, so it imports only
pytest and infoint at the top (never hypothesis).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from infoint.workspace import Workspace

FIXED_NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
"""The time ``infoint_clock`` stands still at, unless a test moves it."""


class FakeClock:
    """A clock a test can set and move: ``clock.now = ...``, ``clock.advance(hours=2)``."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move the clock forward by a ``timedelta(**delta)``; returns the new time."""
        from datetime import timedelta

        self.now = self.now + timedelta(**delta)
        return self.now


@pytest.fixture
def infoint_clock() -> FakeClock:
    """A settable clock, starting at :data:`FIXED_NOW`."""
    return FakeClock()


@pytest.fixture
def infoint_workspace(infoint_clock: FakeClock) -> Iterator[Workspace]:
    """A Workspace on a fresh memory store, with only the built-in plugins and a fake clock."""
    from infoint.plugins import make_plugin_manager

    pm = make_plugin_manager(entry_points=False, disabled=[])
    with Workspace.open("memory://", owner="tester", plugins=pm, clock=infoint_clock) as ws:
        yield ws
