"""``infoint --help`` stays cheap: it lists the built-in commands without importing them;
and ``infoint agenda`` imports only what a command that opens a workspace needs.

How long they take is measured by ``benchmarks/run.py``, not here; these tests
check what makes them cheap (which modules they import) and that the lines
``--help`` shows for commands not yet loaded are the commands' own.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import click
import pluggy
import pytest

import infoint
from infoint.builtin import BUILTIN_PLUGINS, ON_FIRST_CALL
from infoint.cli import BUILTIN_COMMANDS, cli
from infoint.plugins import (
    InfointPluginManager,
    _load_object,
    _on_first_call,
    make_plugin_manager,
)

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
    # pathlib (with urllib.parse and ipaddress: 4.5 ms) and dataclasses; the SQLite
    # store uses os.path.
    "dataclasses",
    "pathlib",
    "urllib",
    # The built-ins whose hooks the agenda does not call (ON_FIRST_CALL).
    "infoint.builtin.contacts_csv",
    "infoint.builtin.exports",
    "infoint.builtin.json_export",
    "infoint.builtin.lint",
    "infoint.builtin.question_bank",
    "infoint.builtin.research",
)

# What only the Workspace's other methods use: planning, import and export, the network
# and the statistics (11 attrs classes, 7 ms). An installed plugin may import them: the
# infoint-html plugin imports infoint.exchange (and with it all of these) at its top.
AGENDA_WITHOUT_PLUGINS_MUST_NOT_IMPORT = (
    "infoint.exchange",
    "infoint.network",
    "infoint.planning",
    "infoint.stats",
)

# What the plugins installed here import only when they export, import or open a store:
# their libraries and their own heavy modules.
PLUGINS_MUST_NOT_IMPORT = (
    "icalendar",
    "infoint_html.layout",
    "infoint_ical.ics",
    "infoint_sql.store",
    "jinja2",
    "psycopg",
    "sqlalchemy",
    "vobject",
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


def _agenda_modules(tmp_path: Path, *, disabled: Sequence[str]) -> set[str]:
    """Every module ``infoint agenda`` imports on an empty database, once the entry
    points are cached, with the plugins named ``disabled`` not loaded."""
    script = (
        "import json, sys\n"
        "from infoint.cli import cli\n"
        "try:\n"
        "    cli.main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "INFOINT_DISABLE_PLUGINS": ",".join(disabled),
    }
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    argv = [sys.executable, "-c", script, "--db", db, "--owner", "ada", "agenda"]
    for _ in range(2):  # the first fills the entry-point cache
        done = subprocess.run(
            argv, capture_output=True, text=True, env=env, timeout=60, check=True
        )
        assert done.stdout == "Nothing due.\n"
    return set(json.loads(done.stderr.splitlines()[-1]))


def _among(modules: set[str], names: Sequence[str]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_agenda_imports_no_more_than_it_needs(tmp_path: Path) -> None:
    # infoint's own imports: the plugins installed here (infoint-html...) are left out.
    installed = [ep.name for ep in importlib.metadata.entry_points(group="infoint")]
    modules = _agenda_modules(tmp_path, disabled=installed)
    assert _among(modules, AGENDA_MUST_NOT_IMPORT) == []
    assert _among(modules, AGENDA_WITHOUT_PLUGINS_MUST_NOT_IMPORT) == []
    commands = {m for m in modules if m.startswith("infoint.cli.")}
    assert commands == {"infoint.cli._common", "infoint.cli.agenda"}
    builtins = {m for m in modules if m.startswith("infoint.builtin.")}
    assert builtins == {"infoint.builtin.sqlite", "infoint.builtin.memory"}  # the stores


def test_installed_plugins_add_nothing_heavy_to_the_agenda(tmp_path: Path) -> None:
    modules = _agenda_modules(tmp_path, disabled=[])
    assert _among(modules, (*AGENDA_MUST_NOT_IMPORT, *PLUGINS_MUST_NOT_IMPORT)) == []


@pytest.mark.parametrize("name", sorted(ON_FIRST_CALL))
def test_a_builtin_imported_on_first_call_lists_exactly_its_hooks(name: str) -> None:
    module = importlib.import_module(BUILTIN_PLUGINS[name])
    stand_in = _on_first_call(module.__name__, ON_FIRST_CALL[name])
    pm = InfointPluginManager()
    hooks = {n: pm.parse_hookimpl_opts(module, n) for n in dir(module)}
    found = {n: opts for n, opts in hooks.items() if opts is not None}
    assert sorted(found) == sorted(ON_FIRST_CALL[name])
    for hook_name, opts in found.items():
        assert inspect.signature(getattr(module, hook_name)).parameters == {}, hook_name
        assert pm.parse_hookimpl_opts(stand_in, hook_name) == opts, hook_name


def test_builtins_imported_on_first_call_provide_what_their_modules_provide() -> None:
    lazy = make_plugin_manager(entry_points=False, disabled=[])
    eager = InfointPluginManager()
    for name, module_name in BUILTIN_PLUGINS.items():
        module = importlib.import_module(module_name)
        eager.register_plugin(module, name, "infoint", infoint.__version__, builtin=True)
    assert lazy.plugin_infos() == eager.plugin_infos()
    for hook_name in sorted({h for hooks in ON_FIRST_CALL.values() for h in hooks}):
        made = {k: type(v) for k, v in lazy.provided(hook_name).items()}
        assert made == {k: type(v) for k, v in eager.provided(hook_name).items()}, hook_name


def test_registering_a_module_finds_what_pluggy_finds_however_its_functions_look() -> None:
    """The manager's quicker look at a module's names (every plugin's, every command)
    answers as pluggy's own: for every name of every plugin module installed here, and
    for functions with the marker, without it, or with a ``__func__`` that has it."""
    odd = ModuleType("odd")

    @infoint.hookimpl
    def infoint_exporters() -> list[object]:
        return []

    def plain() -> None: ...

    def wrapped() -> None: ...

    wrapped.__func__ = infoint_exporters  # type: ignore[attr-defined]
    odd.__dict__.update(infoint_exporters=infoint_exporters, plain=plain, wrapped=wrapped)
    installed = [
        _load_object(ep.value)
        for ep in importlib.metadata.entry_points(group="infoint")
        if ep.dist is not None and ep.dist.metadata["Name"] != "infoint"
    ]
    modules = [importlib.import_module(m) for m in BUILTIN_PLUGINS.values()]
    pm = InfointPluginManager()
    for plugin in [odd, *modules, *installed]:
        for name in dir(plugin):
            mine = pm.parse_hookimpl_opts(plugin, name)
            assert mine == pluggy.PluginManager.parse_hookimpl_opts(pm, plugin, name), name
    assert pm.parse_hookimpl_opts(odd, "wrapped") is not None
    assert pm.parse_hookimpl_opts(odd, "plain") is None
