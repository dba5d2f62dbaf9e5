"""The docs keep up with the code: every hook has a section, every doctest passes."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import infoint
from infoint import hookspecs

DOCS = Path(__file__).resolve().parents[1] / "docs"
HOOKS_DOC = DOCS / "plugin_hooks.md"

HOOKS = sorted(
    name
    for name, obj in inspect.getmembers(hookspecs, inspect.isfunction)
    if name.startswith("infoint_")
)

MODULES = sorted(
    module.name for module in pkgutil.walk_packages(infoint.__path__, prefix="infoint.")
)


def _hook_headings() -> dict[str, str]:
    """``{hook name: heading line}`` for every ``## infoint_...(`` heading."""
    headings = re.findall(r"^## (infoint_\w+)\((.*)$", HOOKS_DOC.read_text("utf-8"), re.MULTILINE)
    return {name: f"## {name}({rest}" for name, rest in headings}


def test_hooks_are_found() -> None:
    assert "infoint_storage_backends" in HOOKS
    assert "infoint_interview_changed" in HOOKS


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_section_in_plugin_hooks_md(hook: str) -> None:
    assert hook in _hook_headings(), f"docs/plugin_hooks.md has no '## {hook}(' heading"


@pytest.mark.parametrize("hook", HOOKS)
def test_each_hook_heading_names_its_parameters(hook: str) -> None:
    params = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters)
    assert _hook_headings().get(hook) == f"## {hook}({params})"


def test_plugin_hooks_md_documents_no_hook_that_does_not_exist() -> None:
    assert sorted(_hook_headings()) == HOOKS


def test_every_module_is_found() -> None:
    assert {"infoint.model", "infoint.workspace", "infoint.builtin.sqlite"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Doctests make plugin managers; a user's disabled list must not change what they see.
    monkeypatch.delenv("INFOINT_DISABLE_PLUGINS", raising=False)
    try:
        module = importlib.import_module(name)
    except ImportError as err:
        if name.startswith(("infoint.testing.", "infoint.cli.")):
            pytest.skip(f"{name} needs what is not installed here: {err}")
        raise
    result = doctest.testmod(module)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests failed in {name}"
