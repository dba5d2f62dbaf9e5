"""Helpers of the fault tests: LinkedIn files to import, and child processes to start (and kill).

A module of its own (not conftest.py), so that test files can import it by a name no
other folder uses.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
CHILD = HERE / "fault_child.py"
"""The script every child process runs (see its docstring)."""

_FIRST = ("Ada", "Zoë", "José", "Grace", "Åsa", "Li", "Émile", "Nnamdi", "Chiara", "Søren")
_LINKEDIN_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    " are missing. You will only see email addresses for connections who have allowed their"
    ' connections to see or download their email address."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
)


def linkedin_csv(rows: int) -> bytes:
    """A LinkedIn ``Connections.csv`` of ``rows`` distinct people, as LinkedIn writes it:
    byte order mark, notes, header, CRLF, quoted commas, a value over two lines."""
    lines = ["\ufeff" + _LINKEDIN_PREAMBLE]
    for k in range(rows):
        first = _FIRST[k % len(_FIRST)]
        email = f"person{k}@example.org" if k % 3 == 0 else ""
        company = f'"Company {k % 97}, Ltd"' if k % 5 == 0 else f"Company {k % 97}"
        position = f'"Engineer, level {k % 7}\r\nPlatform team"' if k % 11 == 0 else "Engineer"
        connected = f"{1 + k % 28:02d} {('Jan', 'Mar', 'Sep')[k % 3]} 20{10 + k % 15}"
        lines.append(
            f"{first},Person{k:05d},https://www.linkedin.com/in/person-{k:05d},{email},"
            f"{company},{position},{connected}\r\n"
        )
    return "".join(lines).encode("utf-8")


class Child:
    """A ``fault_child.py`` process: it opens its Workspace, then waits to be told ``go``.

    Starting one does not wait for it: :meth:`go` does, so the parent can do other work
    meanwhile.
    """

    def __init__(self, *args: str | Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def go(self, timeout: float = 60) -> None:
        """Wait until the child is ready, then let it start its work."""
        assert self.process.stdin is not None and self.process.stdout is not None
        readable, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if readable else "(nothing in time)"
        if line.strip() != "ready":
            self.process.kill()
            _, err = self.process.communicate(timeout=30)
            raise AssertionError(f"the child did not start: {line!r}\n{err}")
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def result(self, timeout: float = 120) -> dict[str, Any]:
        """Wait for the child to finish its work; what it printed."""
        out, err = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, f"the child failed:\n{err}"
        return dict(json.loads(out.splitlines()[-1]))

    def stop(self) -> None:
        """Kill the child if it still runs, and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=30)
