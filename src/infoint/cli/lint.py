"""``infoint lint``: check a question, message, pitch or note against the etiquette rules.

It needs no records: it reads a file (or standard input) and runs every lint
rule that infoint and the plugins provide (G13, G15, G19).
"""

from __future__ import annotations

import sys

import attrs
import click

from infoint.cli._common import app, choice_of, clean, emit_json, json_option
from infoint.plugins import GuardedLintRule
from infoint.rules import LintContext, Policy, TextKind, lint


@click.command("lint")
@click.argument("file", default="-", metavar="[FILE|-]")
@click.option(
    "--as",
    "kind",
    type=choice_of(TextKind),
    default=TextKind.MESSAGE.value,
    show_default=True,
    help="What the text is: each rule checks the kinds it applies to.",
)
@click.option(
    "--name",
    "names",
    multiple=True,
    help="A proper name the text may use (not a spelling error). Repeatable.",
)
@json_option
@click.pass_context
def lint_command(ctx: click.Context, file: str, kind: str, names: tuple[str, ...]) -> None:
    """Flag asking about pay or for a job, a long pitch or note, or misspellings.

    Checks the text in FILE ('-' or none: standard input) against every lint
    rule: no pay, perks or job asking in questions and messages (G15, G19), a
    pitch speakable in 30 seconds (G13), a short thank-you note spelled right
    (G19). Prints one line per finding,
    FILE:LINE:COLUMN: RULE: MESSAGE, and exits 1 when there are findings, 0
    when there are none, 2 when FILE cannot be read.
    """
    name = "<stdin>" if file == "-" else file
    text = _read(file)
    rules = app().plugins.provided("infoint_lint_rules")
    context = LintContext(kind=TextKind(kind), policy=Policy(), names=names)
    findings = lint(text, [GuardedLintRule(rule) for rule in rules.values()], context)
    if app().as_json:
        emit_json([attrs.asdict(f) for f in findings])
    else:
        for f in findings:
            suggestion = f" (suggestion: {f.suggestion})" if f.suggestion else ""
            click.echo(clean(f"{name}:{f.line}:{f.column}: {f.rule}: {f.message}{suggestion}"))
        count = len(findings)
        click.echo(f"{count} finding{'s' if count != 1 else ''}" if count else "no findings")
    if findings:
        ctx.exit(1)


def _read(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    try:
        with open(file, encoding="utf-8") as stream:
            return stream.read()
    except UnicodeDecodeError:
        raise _unreadable(file, "not UTF-8 text") from None
    except OSError as err:
        raise _unreadable(file, err.strerror or str(err)) from None


def _unreadable(file: str, why: str) -> click.ClickException:
    return _Unreadable(f"{file}: cannot read: {why}")


class _Unreadable(click.ClickException):
    exit_code = 2  # 1 means "findings": a script can tell the two apart
