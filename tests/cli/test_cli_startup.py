"""``infoint --help`` stays cheap: it lists the built-in commands without importing them;
and ``infoint agenda`` imports only what a command that opens a workspace needs.

How long they take is measured by ``benchmarks/run.py``, not here; these tests
check what makes them cheap (which modules they import) and that the lines
``--help`` shows for commands not yet loaded are the commands' own.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from infoint.cli import BUILTIN_COMMANDS, cli

# What --help must not import: the domain model and its libraries, the store, the
# plugin machinery and every plugin.
HEAVY = (
    "attr",
    "attrs",
    "cattrs",
    "importlib.metadata",
    "infoint.model",
    "infoint.plugins",
    "infoint.workspace",
    "pluggy",
    "spellchecker",
    "sqlite3",
    "tomllib",
)


# What ``infoint agenda`` must not import, once the entry points are cached: what
# infoint's plugins need only when their hooks run (reading TOML, CSV, hashing,
# suggesting spellings), the statistics, the entry-point machinery (importlib.metadata
# and the email parser it reads METADATA with), platformdirs (the cache's folder is
# found without it), the spelling dictionary and every command module but its own.
AGENDA_MUST_NOT_IMPORT = (
    "csv",
    "difflib",
    "email",
    "getpass",
    "hashlib",
    "importlib.metadata",
    "importlib.resources",
    "infoint.thankyou",
    "platformdirs",
    "spellchecker",
    "statistics",
    "tempfile",
    "tomllib",
    "zipfile",
)


def _loaded(name: str) -> click.Command:
    module_name, _, attribute = BUILTIN_COMMANDS[name][0].partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    assert isinstance(command, click.Command)
    return command


@pytest.mark.parametrize("name", sorted(BUILTIN_COMMANDS))
def test_each_builtin_command_is_where_the_table_says_and_has_that_name(name: str) -> None:
    assert _loaded(name).name == name


@pytest.mark.parametrize("name", sorted(BUILTIN_COMMANDS))
def test_the_help_line_of_a_command_not_loaded_is_the_commands_own(name: str) -> None:
    real = _loaded(name)
    stand_in = click.Command(name, help=BUILTIN_COMMANDS[name][1])
    assert not real.hidden and not real.deprecated
    for limit in range(10, 130):  # every terminal width cuts both the same way
        assert stand_in.get_short_help_str(limit) == real.get_short_help_str(limit), limit


def test_help_imports_no_command_module_no_plugin_and_no_heavy_library() -> None:
    script = (
        "import json, sys\n"
        "from infoint.cli import cli\n"
        "try:\n"
        "    cli.main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.startswith("Usage: infoint")
    for name in BUILTIN_COMMANDS:
        assert f"\n  {name} " in done.stdout
    modules = set(json.loads(done.stderr))
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []
    assert [m for m in modules if m.startswith("infoint_")] == []  # no plugin
    assert [m for m in modules if m.startswith("infoint.cli.")] == []  # no command module


def test_every_builtin_command_still_runs_through_the_group() -> None:
    ctx = click.Context(cli)
    for name in BUILTIN_COMMANDS:
        assert cli.get_command(ctx, name) is _loaded(name)


def test_agenda_imports_no_more_than_it_needs(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "from infoint.cli import cli\n"
        "try:\n"
        "    cli.main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    # infoint's own imports: the plugins installed here (infoint-html...) are left out.
    installed = [ep.name for ep in importlib.metadata.entry_points(group="infoint")]
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "INFOINT_DISABLE_PLUGINS": ",".join(installed),
    }
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    argv = [sys.executable, "-c", script, "--db", db, "--owner", "ada", "agenda"]
    for _ in range(2):  # the first fills the entry-point cache
        done = subprocess.run(
            argv, capture_output=True, text=True, env=env, timeout=60, check=True
        )
        assert done.stdout == "Nothing due.\n"
    modules = set(json.loads(done.stderr.splitlines()[-1]))
    heavy = sorted(
        m for m in modules if any(m == h or m.startswith(h + ".") for h in AGENDA_MUST_NOT_IMPORT)
    )
    assert heavy == []
    commands = {m for m in modules if m.startswith("infoint.cli.")}
    assert commands == {"infoint.cli._common", "infoint.cli.after"}
