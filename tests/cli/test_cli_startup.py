"""``infoint --help`` stays cheap: it lists the built-in commands without importing them.

How long it takes is measured by ``benchmarks/run.py``, not here; these tests
check what makes it cheap (which modules it imports) and that the lines it
shows for commands not yet loaded are the commands' own.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

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
