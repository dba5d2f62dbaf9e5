"""MkDocs hooks: the parts of the site that are made from the code, at build time.

- ``infoint`` code blocks are *run*: each ``$ ...`` line (continued by a
  trailing backslash) is executed by bash, where ``infoint`` is the real
  command line (``python -m infoint``) and ``python`` runs a file of the
  repository, in order, against one fresh database per page; the block
  becomes the commands with their real output. ``{interview}`` and
  ``{contact}`` stand for the first short ID of each that an earlier command
  printed. A command that fails breaks the build, unless its line ends with
  a ``# exits N`` comment naming that exit status. Only infoint's own
  plugins are enabled, the time zone is Europe/Paris.
- ``<!-- tests: G7 -->`` becomes the list of tests that prove rule G7, found
  by their names (``def test_g7_...``) in ``tests/`` and ``plugins/*/tests/``;
  a rule with no test breaks the build.
- The CLI reference (mkdocs-click) reads ``infoint.cli.cli``; its commands
  are imported on demand, so every built-in one is loaded here first, and
  plugins' commands (which depend on what is installed) are left out.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
TEST_DIRS = ("tests", "plugins/*/tests", "examples/*/tests")
RULES = [f"G{n}" for n in range(1, 22)]

_BLOCK = re.compile(r"^```infoint[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_EXITS = re.compile(r"\s+#\s*exits (\d+)\s*$")
_TESTS_MARK = re.compile(r"<!-- tests: (G\d+) -->")
_TEST_DEF = re.compile(r"^\s*def (test_g(\d+)(?:[a-e]|_)\w*)\(", re.MULTILINE | re.IGNORECASE)
# ``infoint`` is the real command line; ``python`` runs a file of the repository.
_PRELUDE = """\
infoint() { "$INFOINT_PY" -m infoint "$@"; }
python() { (cd "$INFOINT_DOCS_ROOT" && "$INFOINT_PY" "$@"); }
"""
_ID = re.compile(r"\b(Interview|Contact) ([0-9a-f]{8})\b")
# ``export NAME=VALUE`` sets a variable for the page's later commands, as in a terminal.
_EXPORT = re.compile(r"export (INFOINT_\w+)=(.*)")


# ---------------------------------------------------------------- hooks


def on_config(config: Any, **kwargs: Any) -> Any:
    import click

    from infoint.cli import BUILTIN_COMMANDS, cli

    ctx = click.Context(cli)
    for name in BUILTIN_COMMANDS:
        cli.get_command(ctx, name)  # imports the command and adds it to cli.commands
    _show_unset_defaults_plainly()
    return config


def _show_unset_defaults_plainly() -> None:
    """Tidy the Default column of mkdocs-click 0.9's option tables.

    Click 8.3 marks "no default" with a sentinel that mkdocs-click prints as
    ``Sentinel.UNSET``: show what Click means by it (``False`` for a flag, else
    none). A required option shows "required" (mkdocs-click writes a literal
    ``_required``), and an empty-string default a blank cell (not an empty code
    span, which Markdown prints as two backticks)."""
    import mkdocs_click._docs as click_docs

    format_row = click_docs._format_table_option_row
    if getattr(format_row, "infoint_tidied", False):
        return  # mkdocs serve runs this hook on every rebuild

    def row(option: Any) -> str:
        line: str = format_row(option)
        # The cell mkdocs-click wrote last, exactly as it writes it.
        if option.default is not None:
            written = f"`{option.default}`"
        else:
            written = "_required" if option.required else "None"
        if not line.endswith(f" {written} |"):
            return line  # a newer mkdocs-click: leave its table alone
        return f"{line.removesuffix(f' {written} |')} {default_cell(option)} |"

    row.infoint_tidied = True  # type: ignore[attr-defined]
    click_docs._format_table_option_row = row


def default_cell(option: Any) -> str:
    """The Default cell of one option in the CLI reference."""
    default = option.default
    if type(default).__name__ == "Sentinel" and option.is_flag:  # Click 8.3's UNSET
        return "`False`"
    if default is None or type(default).__name__ == "Sentinel":
        return "required" if option.required else "None"
    if default == "":
        return ""
    return f"`{default}`"


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if "```infoint" in markdown:
        markdown = run_sessions(markdown, page.file.src_path)
    if "<!-- tests: " in markdown:
        tests = rule_tests()
        markdown = _TESTS_MARK.sub(lambda m: tests_list(m[1], tests), markdown)
    return markdown


# ---------------------------------------------------------------- running the CLI


def run_sessions(markdown: str, where: str) -> str:
    """Every ``infoint`` block of one page, run in order against one fresh database."""
    with tempfile.TemporaryDirectory(prefix="infoint-docs-") as folder:
        session = Session(Path(folder), where)
        return _BLOCK.sub(lambda m: session.block(m[1]), markdown)


class Session:
    """One page's terminal: a database, an owner, a time zone, and the IDs seen so far."""

    def __init__(self, folder: Path, where: str) -> None:
        self.folder = folder
        self.where = where
        self.ids: dict[str, str] = {}
        env = {k: v for k, v in os.environ.items() if not k.startswith("INFOINT_")}
        env.update(
            INFOINT_DB=f"sqlite:///{folder / 'infoint.db'}",
            INFOINT_OWNER="sam",
            # Only infoint's own plugins, whatever else is installed: what a new user has.
            INFOINT_DISABLE_PLUGINS=",".join(_entry_point_names()),
            INFOINT_PY=sys.executable,
            INFOINT_DOCS_ROOT=str(ROOT),
            TZ="Europe/Paris",
            COLUMNS="100",
            LC_ALL="C.UTF-8",
            PYTHONIOENCODING="utf-8",
        )
        self.env = env

    def block(self, source: str) -> str:
        out: list[str] = []
        lines = iter(source.splitlines())
        for line in lines:
            if not line.startswith("$ "):
                out.append(line)  # a comment or a blank line between commands
                continue
            shown = [line.format(**self.ids)]
            while shown[-1].endswith("\\"):  # a command continued on the next line
                shown.append(next(lines).format(**self.ids))
            out += shown
            command = "\n".join(shown)[2:]
            out += self.run(command).rstrip("\n").splitlines()
        return "```console\n" + "\n".join(out) + "\n```\n"

    def run(self, command: str) -> str:
        exported = _EXPORT.fullmatch(command.strip())
        if exported:
            (value,) = shlex.split(exported[2], comments=True) or [""]
            self.env[exported[1]] = value
            return ""
        expected = 0
        exits = _EXITS.search(command)
        if exits:
            expected = int(exits[1])
            command = command[: exits.start()]
        script = _PRELUDE + command
        try:
            done = subprocess.run(
                ["bash", "-c", script],
                cwd=self.folder,
                env=self.env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=120,
                check=False,
            )
        except subprocess.TimeoutExpired as err:
            raise PluginError(f"{self.where}: '{command}' took too long") from err
        output = done.stdout + done.stderr
        if done.returncode != expected:
            raise PluginError(
                f"{self.where}: '{command}' exited {done.returncode}, not {expected}:\n{output}"
            )
        for kind, short in _ID.findall(output):
            self.ids.setdefault(kind.lower(), short)
        return output


def _entry_point_names() -> list[str]:
    import importlib.metadata

    return sorted({ep.name for ep in importlib.metadata.entry_points(group="infoint")})


# ---------------------------------------------------------------- rules and their tests


def rule_tests() -> dict[str, list[str]]:
    """``{"G7": ["tests/test_x.py::test_g7_...", ...]}`` for every test named after a rule."""
    found: dict[str, list[str]] = defaultdict(list)
    for pattern in TEST_DIRS:
        for path in sorted(ROOT.glob(f"{pattern}/**/test_*.py")):
            text = path.read_text("utf-8")
            for name, number in _TEST_DEF.findall(text):
                found[f"G{int(number)}"].append(f"{path.relative_to(ROOT)}::{name}")
    return found


def tests_list(rule: str, tests: dict[str, list[str]]) -> str:
    """A collapsed list of the tests of one rule (an error when there are none)."""
    names = sorted(set(tests.get(rule, [])))
    if not names:
        raise PluginError(f"no test is named after rule {rule} (def test_{rule.lower()}_...)")
    files = sorted({n.split("::")[0] for n in names})
    summary = (
        f"{len(names)} test{'s' * (len(names) != 1)} in {len(files)} file{'s' * (len(files) != 1)}"
    )
    items = "\n".join(f"    - `{n}`" for n in names)
    return f'??? note "Tests of {rule}: {summary}"\n\n{items}\n'
