"""The plugin system: built-ins and entry points through one manager, failures reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from infoint import hookimpl
from infoint.builtin import BUILTIN_PLUGINS
from infoint.cli import cli
from infoint.errors import PluginError, StoreError
from infoint.plugins import PluginWarning, make_plugin_manager
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
    environment = {**os.environ, "PYTHONPATH": str(site), **env}
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
