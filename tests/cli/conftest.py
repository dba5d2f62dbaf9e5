"""Fixtures for the CLI tests: an isolated environment and a driver for ``infoint``.

Every test gets a fresh HOME and data folder and no ``INFOINT_*`` variables,
so nothing here can read or write a real user's records. The :class:`Infoint`
driver runs the Click command in-process (``CliRunner``) and checks the CLI's
contract on every call: success prints nothing on stderr; failure prints
exactly one ``infoint: error:`` line on stderr, nothing on stdout, and exits
non-zero; no exception other than ``SystemExit`` ever escapes.
"""

from __future__ import annotations

import json
import re
import sqlite3
import traceback
from collections.abc import Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from infoint.cli import cli

ERROR_PREFIX = "infoint: error:"
FULL_ID = re.compile(r"[0-9a-f]{32}")


def sqlite_url(path: Path) -> str:
    """The ``sqlite:////abs/path`` URL (four slashes) of a database file."""
    return "sqlite:///" + str(path)


STORY_START = "2026-11-16 09:00+01:00"
"""Where the tests' clock stands unless a test moves it: before every date they use
(steps are refused in the future or before the interview's previous step)."""


class Infoint:
    """Runs ``infoint [--db URL] [--owner NAME] ARGS...`` in-process, its clock at
    :attr:`now` (``INFOINT_NOW``; None: the real clock)."""

    def __init__(
        self, db: str | None, owner: str | None = None, now: str | None = STORY_START
    ) -> None:
        self.db = db
        self.owner = owner
        self.now = now
        self.runner = CliRunner()

    def as_owner(self, owner: str | None) -> Infoint:
        """The same database, seen by another owner, at the same time."""
        return Infoint(self.db, owner, self.now)

    def bare(self) -> Infoint:
        """The CLI with neither ``--db`` nor ``--owner``."""
        return Infoint(None, None, self.now)

    def invoke(
        self,
        *args: str,
        env: Mapping[str, str | None] | None = None,
        input: str | None = None,
    ) -> Result:
        """Run the CLI and return Click's result; an escaped exception fails the test."""
        argv: list[str] = []
        if self.db is not None:
            argv += ["--db", self.db]
        if self.owner is not None:
            argv += ["--owner", self.owner]
        argv += args
        if self.now is not None and (env is None or "INFOINT_NOW" not in env):
            env = {**(env or {}), "INFOINT_NOW": self.now}
        result = self.runner.invoke(cli, argv, env=env, input=input, prog_name="infoint")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            assert result.exc_info is not None
            shown = "".join(traceback.format_exception(*result.exc_info))
            pytest.fail(f"infoint {' '.join(argv)} raised instead of exiting:\n{shown}")
        assert "Traceback" not in result.output
        return result

    def ok(
        self, *args: str, env: Mapping[str, str | None] | None = None, input: str | None = None
    ) -> str:
        """Run a command that must succeed silently on stderr; return its stdout."""
        result = self.invoke(*args, env=env, input=input)
        assert result.exit_code == 0, f"infoint {' '.join(args)} failed: {result.stderr}"
        assert result.stderr == "", result.stderr
        return result.stdout

    def json(self, *args: str, env: Mapping[str, str | None] | None = None) -> Any:
        """Run a command with ``--json`` and parse what it prints."""
        return json.loads(self.ok(*args, "--json", env=env))

    def new_id(self, *args: str, env: Mapping[str, str | None] | None = None) -> str:
        """Run a ``-q`` command and return the one full ID it prints."""
        out = self.ok(*args, "-q", env=env)
        assert out.endswith("\n")
        assert out.count("\n") == 1, out
        new = out.strip()
        assert FULL_ID.fullmatch(new), out
        return new

    def fail(
        self,
        *args: str,
        env: Mapping[str, str | None] | None = None,
        input: str | None = None,
    ) -> str:
        """Run a command that must fail the CLI's way; return its one error line."""
        result = self.invoke(*args, env=env, input=input)
        assert result.exit_code != 0, f"infoint {' '.join(args)} succeeded: {result.stdout}"
        assert result.stdout == "", f"stdout should be empty, got {result.stdout!r}"
        lines = result.stderr.splitlines()
        assert len(lines) == 1, f"expected one stderr line, got {result.stderr!r}"
        assert lines[0].startswith(ERROR_PREFIX), lines[0]
        assert result.stderr.endswith("\n")
        return lines[0]

    def records(self) -> list[tuple[Any, ...]]:
        """Every record in the SQLite file, all owners, straight from the table (read-only).

        Proves that a failed command changed nothing: a version bump would show too.
        """
        assert self.db is not None
        assert self.db.startswith("sqlite:////")
        uri = Path(self.db.removeprefix("sqlite:///")).as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as db:
            return db.execute(
                "SELECT owner, kind, id, version, document FROM records ORDER BY owner, kind, id"
            ).fetchall()

    def interview(self, ref: str) -> dict[str, Any]:
        """``interview show REF --json``."""
        data: dict[str, Any] = self.json("interview", "show", ref)
        return data

    def contact(self, ref: str) -> dict[str, Any]:
        """``contact show REF --json``."""
        data: dict[str, Any] = self.json("contact", "show", ref)
        return data

    def plan(
        self,
        contact: str,
        target: str = "occupation:Data engineer",
        purposes: Sequence[str] = ("break-in",),
    ) -> str:
        """Plan an interview and return its full ID."""
        args = ["interview", "plan", "--contact", contact, "--target", target]
        for purpose in purposes:
            args += ["--purpose", purpose]
        return self.new_id(*args)


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # the entry-point cache
    monkeypatch.delenv("INFOINT_DB", raising=False)
    monkeypatch.delenv("INFOINT_OWNER", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's SQLite database lives (not created yet)."""
    return tmp_path / "a.db"


@pytest.fixture
def infoint(db_path: Path) -> Infoint:
    """The CLI on a fresh SQLite file, as owner ``ada``."""
    return Infoint(sqlite_url(db_path), owner="ada")


@pytest.fixture
def contact_id(infoint: Infoint) -> str:
    """A contact with an e-mail address, role and organization."""
    return infoint.new_id(
        "contact",
        "add",
        "Grace Hopper",
        "--email",
        "grace@navy.example",
        "--role",
        "Rear admiral",
        "--org",
        "US Navy",
    )


@pytest.fixture
def interview_id(infoint: Infoint, contact_id: str) -> str:
    """An interview with Grace Hopper, still an idea."""
    return infoint.plan(contact_id)
