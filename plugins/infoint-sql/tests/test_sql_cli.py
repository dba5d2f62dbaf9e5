"""The real command line on a PostgreSQL database: the plugin found by its entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _infoint(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOINT_")}
    return subprocess.run(
        [sys.executable, "-m", "infoint", "--db", url, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_contacts_added_and_listed_through_the_cli(fresh_url: str) -> None:
    added = _infoint(
        fresh_url,
        "--owner",
        "ann",
        "contact",
        "add",
        "Grace Hopper",
        "--role",
        "Admiral",
        "--notes",
        "Compilers at the Café",
    )
    assert added.returncode == 0, added.stderr
    assert "Grace Hopper" in added.stdout

    listed = _infoint(fresh_url, "--owner", "ann", "contact", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Grace Hopper" in listed.stdout
    assert "Admiral" in listed.stdout

    as_json = _infoint(fresh_url, "--owner", "ann", "--json", "contact", "list")
    [contact] = json.loads(as_json.stdout)
    assert (contact["name"], contact["version"]) == ("Grace Hopper", 1)

    found = _infoint(fresh_url, "--owner", "ann", "search", "cafe compil")
    assert found.returncode == 0, found.stderr
    assert contact["id"][:8] in found.stdout

    other = _infoint(fresh_url, "--owner", "bob", "contact", "list")
    assert other.returncode == 0, other.stderr
    assert "Grace" not in other.stdout


def test_the_cli_shows_a_masked_url_when_the_server_is_away() -> None:
    failed = _infoint("postgresql://ann:s3cret@127.0.0.1:1/x?connect_timeout=2", "contact", "list")
    assert failed.returncode != 0
    assert "s3cret" not in failed.stdout + failed.stderr
    assert "ann:***@127.0.0.1:1/x" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_the_plugin_is_listed(fresh_url: str) -> None:
    listed = _infoint(fresh_url, "plugins")
    assert listed.returncode == 0, listed.stderr
    [line] = [line for line in listed.stdout.splitlines() if line.startswith("sql ")]
    assert "infoint-sql" in line
    assert line.endswith("stores: postgresql, postgresql+psycopg")
