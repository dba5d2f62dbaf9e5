"""The docs keep up with the code: every hook has a section, every doctest passes."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType

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
        # Only an optional test dependency may be missing; a broken import is a failure.
        if name.startswith("infoint.testing.") and err.name in {"hypothesis", "pytest"}:
            pytest.skip(f"{name} needs what is not installed here: {err}")
        raise
    result = doctest.testmod(module)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests failed in {name}"


# ---------------------------------------------------------------- the site (mkdocs.yml)

ROOT = DOCS.parent
CONCEPTS = DOCS / "concepts.md"
RULES = [f"G{n}" for n in (*range(1, 22), 25, 26)]
"""The rules with a section on the concepts page (G22-G24 and G27-G29 get theirs with
the work that brings them)."""


def _site_hooks() -> ModuleType:
    """docs/hooks/infoint_docs.py, the build hooks that generate parts of the site."""
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    spec = importlib.util.spec_from_file_location(
        "infoint_docs_hooks", DOCS / "hooks" / "infoint_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_has_a_section_and_its_tests_on_the_concepts_page(rule: str) -> None:
    text = CONCEPTS.read_text("utf-8")
    assert re.search(rf"^### {rule} \S", text, re.MULTILINE), f"no '### {rule} ...' heading"
    assert f"<!-- tests: {rule} -->" in text


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_is_proven_by_a_test_named_after_it(rule: str) -> None:
    # The concepts page lists these; a rule without any breaks the site's build.
    assert _site_hooks().rule_tests().get(rule), f"no test is named test_{rule.lower()}_..."


def test_the_concepts_page_names_no_rule_that_does_not_exist() -> None:
    named = set(re.findall(r"^### (G\d+) ", CONCEPTS.read_text("utf-8"), re.MULTILINE))
    assert named == set(RULES)


def test_the_lifecycle_table_on_the_concepts_page_is_the_state_machine() -> None:
    from infoint import lifecycle

    rows = re.findall(
        r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|$", CONCEPTS.read_text("utf-8"), re.MULTILINE
    )
    table = {state: re.findall(r"`(\w+)`", nexts) for state, nexts in rows}
    assert table == {
        str(state): [str(s) for s in nexts] for state, nexts in lifecycle.TRANSITIONS.items()
    }


def test_every_snippet_the_pages_include_exists() -> None:
    included = [
        (page, ref)
        for page in DOCS.rglob("*.md")
        for ref in re.findall(r'^--8<-- "([^"]+)"$', page.read_text("utf-8"), re.MULTILINE)
    ]
    assert len(included) > 10
    for page, ref in included:
        path, _, section = ref.partition(":")
        assert (ROOT / path).is_file(), f"{page.name} includes {path}, which is not there"
        if section:
            text = (ROOT / path).read_text("utf-8")
            assert f"--8<-- [start:{section}]" in text, f"{page.name}: no section {ref}"
            assert f"--8<-- [end:{section}]" in text, f"{page.name}: no end of {ref}"


def test_every_page_is_in_the_navigation() -> None:
    pytest.importorskip("yaml", reason="the docs extra is not installed")
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)

    def pages(nav: object) -> list[str]:
        if isinstance(nav, str):
            return [nav]
        if isinstance(nav, dict):
            return [p for value in nav.values() for p in pages(value)]
        if isinstance(nav, list):
            return [p for item in nav for p in pages(item)]
        return []

    on_disk = {
        str(p.relative_to(DOCS))
        for p in DOCS.rglob("*.md")
        if p.relative_to(DOCS).parts[0] not in ("hooks", "snippets")
    }
    assert set(pages(config["nav"])) == on_disk


def test_the_walkthrough_runs_the_real_command_line(tmp_path: Path) -> None:
    hooks = _site_hooks()
    session = hooks.Session(tmp_path, "test")
    block = session.block(
        "$ infoint contact add 'Ada Lovelace'\n"
        "$ infoint interview plan --contact 'Ada Lovelace' \\\n"
        "    --target company:Acme --purpose skills\n"
        "$ infoint interview show {interview}\n"
        "$ infoint interview show nothing   # exits 1\n"
    )
    lines = block.splitlines()
    assert lines[0] == "```console"
    assert lines[1] == "$ infoint contact add 'Ada Lovelace'"
    assert re.fullmatch(r"Contact [0-9a-f]{8}: Ada Lovelace", lines[2])
    assert lines[3:5] == [
        "$ infoint interview plan --contact 'Ada Lovelace' \\",
        "    --target company:Acme --purpose skills",
    ]
    short = re.fullmatch(r"Interview ([0-9a-f]{8}) is an idea\.", lines[5])
    assert short, lines[5]
    assert lines[6] == f"$ infoint interview show {short[1]}"
    assert "infoint: error: no interview matches 'nothing'" in block
    assert lines[-1] == "```"


def test_a_walkthrough_command_that_fails_breaks_the_build(tmp_path: Path) -> None:
    hooks = _site_hooks()
    with pytest.raises(Exception, match=r"exited 1, not 0"):
        hooks.Session(tmp_path, "test").block("$ infoint interview show nothing\n")


def test_no_page_states_how_many_tests_pass() -> None:
    # A count such as "22 passed" goes stale as soon as a test is added.
    for page in DOCS.rglob("*.md"):
        text = page.read_text("utf-8")
        assert not re.search(r"^\d+ passed", text, re.MULTILINE), f"{page.name} counts tests"


def test_the_cli_reference_shows_required_and_empty_defaults_plainly() -> None:
    import click

    cell = _site_hooks().default_cell
    assert cell(click.Option(["--contact"], required=True)) == "required"
    assert cell(click.Option(["--place"], default="")) == ""
    assert cell(click.Option(["--minutes"], type=int)) == "None"
    assert cell(click.Option(["--save"], is_flag=True)) == "`False`"
    assert cell(click.Option(["--owns-business/--no-business"], default=None)) == "None"
    assert cell(click.Option(["--mode"], default="in-person")) == "`in-person`"


def _griffe_module(name: str) -> object:
    """Module ``name`` of the package as the SDK reference reads it (the site's extensions)."""
    griffe = pytest.importorskip("griffe", reason="the docs extra is not installed")
    extensions = griffe.load_extensions(
        f"{DOCS / 'hooks' / 'griffe_roles.py'}:SphinxRoles",
        f"{DOCS / 'hooks' / 'griffe_fields.py'}:Fields",
    )
    return griffe.load(name, search_paths=[str(ROOT / "src")], extensions=extensions)


def test_the_sdk_reference_gives_attrs_classes_their_fields_with_types_and_defaults() -> None:
    model = _griffe_module("infoint.model")
    question = model["SuggestedQuestion"]  # type: ignore[index]
    params = {p.name: p for p in question.members["__init__"].parameters if p.name != "self"}
    assert list(params)[:4] == ["id", "kind", "formal", "casual"]
    assert str(params["kind"].annotation) == "QuestionKind"
    assert params["id"].default is None  # required
    assert str(params["seconds"].default) == "90"
    assert str(params["purposes"].default) == "frozenset()"
    assert {str(p.kind) for p in params.values()} == {"keyword-only"}
    assert str(question.members["seconds"].value) == "90"  # not "attrs.field(...)"
    assert "class-attribute" not in question.members["seconds"].labels
    occupation = model["TargetKind"].members["OCCUPATION"]  # type: ignore[index]
    assert occupation.labels == {"class-attribute"}


def test_a_definition_list_in_a_docstring_becomes_a_markdown_one() -> None:
    pytest.importorskip("griffe", reason="the docs extra is not installed")
    spec = importlib.util.spec_from_file_location(
        "infoint_griffe_roles", DOCS / "hooks" / "griffe_roles.py"
    )
    assert spec is not None and spec.loader is not None
    roles = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roles)
    text = "Formats:\n``csv``\n    One row\n    per interview.\n``md``\n    A page.\nAfter."
    assert roles._definitions(text).splitlines() == [
        "Formats:",
        "",
        "`csv`",
        ":   One row",
        "    per interview.",
        "",
        "`md`",
        ":   A page.",
        "",
        "After.",
    ]
