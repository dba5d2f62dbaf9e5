"""The plugin system: built-ins and entry points through one manager, failures reported."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import click
import pluggy
import pytest
from click.testing import CliRunner

from infoint import hookimpl
from infoint.builtin import BUILTIN_PLUGINS
from infoint.cli import cli
from infoint.errors import PluginError, StoreError
from infoint.plugins import InfointPluginManager, PluginWarning, make_plugin_manager
from infoint.workspace import Workspace


def install_fake_distribution(
    site: Path, dist: str, version: str, modules: dict[str, str], entry_points: dict[str, str]
) -> None:
    """Install a distribution the way pip leaves one: modules plus a .dist-info folder."""
    site.mkdir(parents=True, exist_ok=True)
    for name, source in modules.items():
        (site / f"{name}.py").write_text(textwrap.dedent(source))
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text("[infoint]\n" + lines)


GOOD_PLUGIN = """
    import click
    from infoint import hookimpl

    class Exporter:
        name = "shout"
        suffix = ".txt"

        def export(self, interviews, contacts, out):
            out.write(b"HELLO")

    @hookimpl
    def infoint_exporters():
        return [Exporter()]

    @hookimpl
    def infoint_register_commands(cli):
        @cli.command("hello")
        def hello():
            "Say hello from a plugin."
            click.echo("hello from a plugin")
"""

BROKEN_PLUGIN = """
    import a_module_that_does_not_exist
"""

MISSPELLED_PLUGIN = """
    from infoint import hookimpl

    @hookimpl
    def infoint_exportrs():
        return []
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    install_fake_distribution(
        site, "infoint-good", "1.2.3", {"good_plugin": GOOD_PLUGIN}, {"good": "good_plugin"}
    )
    install_fake_distribution(
        site,
        "infoint-broken",
        "0.0.1",
        {"broken_plugin": BROKEN_PLUGIN},
        {"broken": "broken_plugin"},
    )
    install_fake_distribution(
        site, "infoint-typo", "0.1", {"typo_plugin": MISSPELLED_PLUGIN}, {"typo": "typo_plugin"}
    )
    return site


def _run(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    cache = str(site.parent / "cache")  # the entry-point cache: not the user's own
    environment = {**os.environ, "PYTHONPATH": str(site), "XDG_CACHE_HOME": cache, **env}
    return subprocess.run(
        [sys.executable, "-m", "infoint", "--db", "memory://", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def test_a_broken_plugin_is_a_warning_and_the_rest_works(site: Path) -> None:
    result = _run(site, "plugins", "--json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    by_name = {p["name"]: p for p in listing["plugins"]}
    assert by_name["good"]["distribution"] == "infoint-good"
    assert by_name["good"]["version"] == "1.2.3"
    assert by_name["good"]["hooks"] == ["infoint_exporters", "infoint_register_commands"]
    assert {"sqlite", "memory"} <= set(by_name)
    assert "broken" not in by_name and "typo" not in by_name
    failed = {f["name"]: f for f in listing["failed"]}
    assert "No module named 'a_module_that_does_not_exist'" in failed["broken"]["error"]
    assert failed["broken"]["distribution"] == "infoint-broken"
    assert "infoint_exportrs" in failed["typo"]["error"]
    warnings = result.stderr.strip().splitlines()
    assert any(
        w.startswith("infoint: warning: plugin broken (infoint-broken) is not loaded")
        for w in warnings
    )
    assert "Traceback" not in result.stderr


def test_a_plugin_command_runs_and_everything_else_still_works(site: Path) -> None:
    result = _run(site, "hello")
    assert (result.returncode, result.stdout) == (0, "hello from a plugin\n")
    result = _run(site, "contact", "list")
    assert result.returncode == 0
    assert "No contacts yet" in result.stdout


def test_plugins_can_be_disabled_by_name(site: Path) -> None:
    result = _run(site, "plugins", "--json", INFOINT_DISABLE_PLUGINS="broken, good,typo")
    listing = json.loads(result.stdout)
    names = {p["name"] for p in listing["plugins"]}
    assert set(BUILTIN_PLUGINS) <= names
    assert not names & {"good", "broken", "typo"}
    assert listing["failed"] == []
    assert result.stderr == ""


def test_disabling_a_builtin_store_removes_its_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFOINT_DISABLE_PLUGINS", "memory")
    pm = make_plugin_manager(entry_points=False)
    assert sorted(pm.provided("infoint_storage_backends")) == ["sqlite"]
    with pytest.raises(StoreError, match="no storage backend for memory://"):
        Workspace.open("memory://", owner="x", plugins=pm)


def test_builtins_are_listed_with_their_distribution() -> None:
    pm = make_plugin_manager(entry_points=False, disabled=[])
    infos = {i.name: i for i in pm.plugin_infos()}
    assert set(infos) == set(BUILTIN_PLUGINS)
    assert {"sqlite", "memory"} <= set(infos)
    assert all(i.builtin and i.distribution == "infoint" for i in infos.values())
    assert infos["sqlite"].builtin and infos["sqlite"].distribution == "infoint"
    assert infos["sqlite"].hooks == ("infoint_storage_backends",)


def test_each_manager_is_fresh() -> None:
    class Extra:
        @hookimpl
        def infoint_storage_backends(self) -> dict[str, object]:
            return {"extra": object}

    with_extra = make_plugin_manager(entry_points=False, plugins=[("extra", Extra())])
    plain = make_plugin_manager(entry_points=False)
    assert "extra" in with_extra.provided("infoint_storage_backends")
    assert "extra" not in plain.provided("infoint_storage_backends")


def test_duplicate_names_are_an_error_naming_both_plugins() -> None:
    class Exporter:
        name = "fake-format"
        suffix = ".fake"

    class One:
        @hookimpl
        def infoint_exporters(self) -> list[object]:
            return [Exporter()]

    class Two:
        @hookimpl
        def infoint_exporters(self) -> list[object]:
            return [Exporter()]

    pm = make_plugin_manager(entry_points=False, plugins=[("one", One()), ("two", Two())])
    with pytest.raises(
        PluginError, match="'fake-format' is provided by both plugin 'one' and plugin 'two'"
    ):
        pm.provided("infoint_exporters")


def test_a_plugin_named_like_a_builtin_is_refused_naming_both() -> None:
    class Impostor:
        @hookimpl
        def infoint_storage_backends(self) -> dict[str, object]:
            return {}

    with pytest.warns(PluginWarning, match="'sqlite' is already used by infoint"):
        pm = make_plugin_manager(entry_points=False, plugins=[("sqlite", Impostor())])
    assert [f.name for f in pm.failures] == ["sqlite"]


def test_a_plugin_failing_in_a_hook_is_skipped_with_a_warning() -> None:
    class Failing:
        @hookimpl
        def infoint_storage_backends(self) -> dict[str, object]:
            raise RuntimeError("cannot reach the cloud")

    pm = make_plugin_manager(entry_points=False, plugins=[("failing", Failing())])
    with pytest.warns(PluginWarning, match="plugin failing failed in infoint_storage_backends"):
        backends = pm.provided("infoint_storage_backends")
    assert sorted(backends) == ["memory", "sqlite"]


def test_a_plugin_command_cannot_take_a_builtin_name(monkeypatch: pytest.MonkeyPatch) -> None:
    class Clash:
        @hookimpl
        def infoint_register_commands(self, cli: click.Group) -> None:
            @cli.command("search")
            def search() -> None:
                """Not the real search."""

    from infoint.cli import _common

    pm = make_plugin_manager(entry_points=False, plugins=[("clash", Clash())])
    monkeypatch.setattr(_common.App, "plugins", property(lambda self: pm))
    result = CliRunner().invoke(cli, ["--db", "memory://", "no-such-command"])
    assert result.exit_code == 1
    assert "command 'search' is added by both 'infoint' and plugin 'clash'" in result.stderr


# ---------------------------------------------------------------- the entry points, cached

# Runs the CLI with the given arguments, then says on stderr's last line which modules
# it imported: importlib.metadata means the entry points were read, not taken from the
# cache.
RUN_AND_LIST_MODULES = (
    "import json, sys\n"
    "from infoint.cli import cli\n"
    "try:\n"
    "    cli.main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
)


def _plugins(site: Path, cache: Path) -> tuple[Any, bool]:
    """``infoint plugins --json`` with ``site`` on the path; and whether it read the
    entry points (rather than the cache)."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, "--db", "memory://", "plugins", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(site), "XDG_CACHE_HOME": str(cache)},
        timeout=60,
        check=True,
    )
    modules = json.loads(done.stderr.splitlines()[-1])
    return json.loads(done.stdout), "importlib.metadata" in modules


def _third_party(listing: Any) -> list[tuple[str, str, str]]:
    found = [p for p in listing["plugins"] if not p["builtin"]]
    return sorted((p["name"], p["distribution"], p["version"]) for p in found)


def test_entry_points_are_cached_until_a_distribution_changes(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, read = _plugins(site, cache)
    assert read
    assert ("good", "infoint-good", "1.2.3") in _third_party(first)
    assert {f["name"] for f in first["failed"]} == {"broken", "typo"}
    (cached,) = (cache / "infoint").glob("entry-points-*.json")
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600  # private, like every file we make
    assert stat.S_IMODE(cached.parent.stat().st_mode) == 0o700

    again, read = _plugins(site, cache)
    assert not read
    assert again == first  # the same plugins, versions, hooks and failures

    install_fake_distribution(
        site, "infoint-more", "2.0", {"more_plugin": GOOD_PLUGIN}, {"more": "more_plugin"}
    )
    installed, read = _plugins(site, cache)
    assert read
    assert ("more", "infoint-more", "2.0") in _third_party(installed)
    assert _plugins(site, cache) == (installed, False)

    shutil.rmtree(site / "infoint_good-1.2.3.dist-info")
    removed, read = _plugins(site, cache)
    assert read
    assert "good" not in {p["name"] for p in removed["plugins"]}

    # A distribution rewritten where it stands (same folder, new entry points).
    (site / "infoint_more-2.0.dist-info" / "entry_points.txt").write_text(
        "[infoint]\nrenamed = more_plugin\n"
    )
    rewritten, read = _plugins(site, cache)
    assert read
    names = {p["name"] for p in rewritten["plugins"]}
    assert "renamed" in names and "more" not in names
    assert _plugins(site, cache) == (rewritten, False)


def test_a_rewritten_entry_points_file_with_its_old_time_and_size_is_read_again(
    site: Path, tmp_path: Path
) -> None:
    # cp -p, rsync -a and tar put the old modification time back; the change time moves.
    cache = tmp_path / "cache"
    _plugins(site, cache)
    entry_points = site / "infoint_good-1.2.3.dist-info" / "entry_points.txt"
    before = entry_points.stat()
    text = entry_points.read_text()
    renamed = text.replace("good =", "gooe =")
    assert renamed != text and len(renamed) == len(text)
    entry_points.write_text(renamed)
    os.utime(entry_points, ns=(before.st_atime_ns, before.st_mtime_ns))
    listing, read = _plugins(site, cache)
    assert read
    assert "gooe" in {p["name"] for p in listing["plugins"]}


def test_a_damaged_or_unwritable_cache_changes_nothing(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected, _ = _plugins(site, cache)
    (file,) = (cache / "infoint").glob("entry-points-*.json")
    cached = json.loads(file.read_text())
    cached["entry_points"][0][3] = None  # a version that is not text
    deep = "[" * 100_000 + "]" * 100_000  # json.load raises RecursionError
    for damage in (
        json.dumps(cached),
        "",
        "{",
        "[]",
        '{"format": 2}',
        json.dumps({"format": 2, "sources": None}),
        deep,
    ):
        file.write_text(damage)
        assert _plugins(site, cache) == (expected, True)
    file.unlink()
    os.mkfifo(file)  # would block a plain open() for ever
    assert _plugins(site, cache) == (expected, True)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert _plugins(site, blocked) == (expected, True)
    assert _plugins(site, blocked) == (expected, True)  # never written, so read every time


def test_with_importlib_metadata_imported_its_entry_points_are_asked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As a plugin's tests fake entry points: in a process that imported importlib.metadata
    # (pytest does), the cache is not used.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fake = importlib.metadata.EntryPoint(name="faked", value="json", group="infoint")
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_: [fake])
    pm = make_plugin_manager()
    assert pm.has_plugin("faked")
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "value",
    [
        "json",
        "json:dumps",
        "os.path:join",
        "json : dumps",
        "json:JSONDecoder.decode",
        "json:dumps [an-extra]",
        "no_such_module_for_infoint",
        "json:no_such_name",
        "json:JSONDecoder.no_such_name",
        "not an entry point!",
        "",
    ],
)
def test_an_entry_point_is_loaded_as_importlib_metadata_loads_it(value: str) -> None:
    from infoint.plugins import _load_object

    def load(how: Any) -> tuple[str, Any]:
        try:
            return "found", how()
        except Exception as err:
            return type(err).__name__, str(err)

    real = importlib.metadata.EntryPoint(name="x", value=value, group="infoint")
    assert load(lambda: _load_object(value)) == load(real.load)


def test_hook_implementations_are_found_as_pluggy_finds_them() -> None:
    odd = types.ModuleType("odd")
    exec(
        textwrap.dedent(
            """
            from infoint import hookimpl

            class Holder:
                @staticmethod
                @hookimpl
                def infoint_exporters():
                    return []

            @hookimpl(tryfirst=True)
            def infoint_storage_backends():
                return {}

            @hookimpl(specname="infoint_importers")
            def my_importers():
                return []

            bound = Holder().__init__
            static = staticmethod(infoint_storage_backends)
            number = 3
            nothing = None
            __annotations__ = {"x": int}
            """
        ),
        odd.__dict__,
    )
    modules = [importlib.import_module(m) for m in BUILTIN_PLUGINS.values()]
    pm = InfointPluginManager()
    for plugin in [*modules, odd, odd.Holder, odd.Holder()]:
        for name in dir(plugin):
            mine = pm.parse_hookimpl_opts(plugin, name)
            assert mine == pluggy.PluginManager.parse_hookimpl_opts(pm, plugin, name), name
    assert pm.parse_hookimpl_opts(odd, "my_importers") is not None


def test_what_each_plugin_provides_survives_a_plugin_that_returns_nonsense() -> None:
    # `infoint plugins` is where one looks when a plugin misbehaves: it must not crash.
    class Named:
        def __init__(self, name: str) -> None:
            self.name = name

    class NotAList:
        @hookimpl
        def infoint_exporters(self) -> object:
            return 42

    class Twice:
        @hookimpl
        def infoint_exporters(self) -> list[object]:
            return [Named("first")]

        @hookimpl(specname="infoint_exporters")
        def more_exporters(self) -> list[object]:
            return [Named("second")]

    pm = make_plugin_manager(
        entry_points=False, plugins=[("nonsense", NotAList()), ("twice", Twice())]
    )
    with pytest.warns(PluginWarning, match="plugin nonsense failed in infoint_exporters"):
        found = pm.provided_by_plugin("infoint_exporters")
    assert "nonsense" not in found
    assert sorted(found["twice"]) == ["first", "second"]
    assert found["json-export"] == ("json",)
