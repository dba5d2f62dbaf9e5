"""``infoint plugins`` lists every plugin, the built-in stores included."""

from __future__ import annotations

import json

import infoint as infoint_package

BUILTIN_STORES = {"sqlite", "memory"}


def test_plugins_json_lists_the_builtin_storage_plugins(infoint):
    data = infoint.bare().json("plugins")
    assert set(data) == {"plugins", "failed"}
    assert isinstance(data["failed"], list)
    by_name = {p["name"]: p for p in data["plugins"]}
    assert set(by_name) >= BUILTIN_STORES
    for name in BUILTIN_STORES:
        plugin = by_name[name]
        assert plugin["distribution"] == "infoint"
        assert plugin["version"] == infoint_package.__version__
        assert "infoint_storage_backends" in plugin["hooks"]
        assert plugin["builtin"] is True


def test_plugins_global_json_flag_and_text(infoint):
    assert infoint.bare().ok("--json", "plugins") == infoint.bare().ok("plugins", "--json")
    lines = infoint.bare().ok("plugins").splitlines()
    assert lines[0].split() == ["NAME", "DISTRIBUTION", "VERSION", "PROVIDES"]
    rows = {line.split()[0]: line for line in lines[1:] if not line.startswith("failed:")}
    for name in BUILTIN_STORES:
        assert "infoint (built-in)" in rows[name]
        assert rows[name].endswith(f"stores: {name}")
    assert rows["exports"].endswith("export formats: jsonl, csv, markdown, thank-you-email")
    assert rows["contacts-csv"].endswith("import formats: linkedin, google")


def test_plugins_json_says_what_each_plugin_provides(infoint):
    found = {p["name"]: p for p in json.loads(infoint.bare().ok("plugins", "--json"))["plugins"]}
    assert found["json-export"]["provides"] == {"export formats": ["json"]}
    assert found["sqlite"]["provides"] == {"stores": ["sqlite"]}
    assert found["lint"]["hooks"] == ["infoint_lint_rules"]
    assert "pay-and-perks" in found["lint"]["provides"]["lint rules"]


def test_plugins_needs_no_database(infoint, tmp_path):
    # Listing plugins must not open (or create) a store, even a broken one.
    infoint.bare().ok("--db", "nosuch://x", "plugins")
    infoint.bare().ok("--db", str(tmp_path), "plugins")
    assert list(tmp_path.iterdir()) == []


def test_hooks_that_provide_nothing_by_name_are_listed_as_they_are():
    from infoint.cli.misc import _provides_line

    line = _provides_line(
        ["infoint_exporters", "infoint_interview_changed"], {"export formats": ["a", "b"]}
    )
    assert line == "export formats: a, b; hooks: infoint_interview_changed"
    assert _provides_line(["infoint_register_commands"], {}) == "hooks: infoint_register_commands"
    # An exporter hook that provided nothing (or failed) still shows that it is there.
    assert _provides_line(["infoint_exporters"], {}) == "hooks: infoint_exporters"
