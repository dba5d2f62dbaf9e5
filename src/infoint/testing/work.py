"""Counting work instead of timing it: how many lines of a package's code a block runs,
and how many times each of its functions is called (``sys.settrace``).

A test that work grows linearly runs the same job on inputs of 1x and 10x size and
compares the counts: a loop over earlier rows shows in ``lines`` even when it calls
nothing, and the counts do not move with a busy machine as times do::

    with Work() as small:
        import_file(rows=1_000)
    with Work() as large:
        import_file(rows=10_000)
    large.assert_grows_linearly_from(small)
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from types import FrameType, TracebackType
from typing import Any

__all__ = ["GROWTH", "WARM_UP", "Work"]

GROWTH = 12
"""At most this many times the work for ten times the input (linear: 10; quadratic: 100)."""
WARM_UP = 200
"""Calls a function may make beyond :data:`GROWTH` times (its first, fixed costs)."""


class Work:
    """The operations that run inside a ``with`` block, counted by ``sys.settrace``:
    ``lines`` of infoint's own code executed (a loop over earlier rows shows, even
    one with no call in it), and ``calls`` of each of its functions by name."""

    def __init__(self, packages: Sequence[str] = ("infoint",)) -> None:
        self.packages = frozenset(packages)
        self.lines = 0
        self.calls: Counter[str] = Counter()
        self._before: Any = None

    def __enter__(self) -> Work:
        self._before = sys.gettrace()
        sys.settrace(self._call)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        sys.settrace(self._before)

    def _call(self, frame: FrameType, event: str, arg: object) -> Any:
        package = str(frame.f_globals.get("__name__", "")).partition(".")[0]
        if package not in self.packages:
            return None  # not ours: its lines are not traced
        self.calls[frame.f_code.co_qualname] += 1
        return self._line

    def _line(self, frame: FrameType, event: str, arg: object) -> Any:
        if event == "line":
            self.lines += 1
        return self._line

    def assert_grows_linearly_from(self, small: Work) -> None:
        """This work, on a file ten times as long, costs at most :data:`GROWTH` times
        ``small``'s, in all and function by function."""
        assert self.lines <= GROWTH * small.lines, (small.lines, self.lines)
        grown = {
            name: (small.calls[name], calls)
            for name, calls in self.calls.items()
            if calls > GROWTH * small.calls[name] + WARM_UP
        }
        assert not grown, f"calls that grew faster than the file (1x, 10x): {grown}"
