"""``infoint target add|list`` (G1, G3)."""

from __future__ import annotations

import click

from infoint.cli._common import (
    app,
    choice_of,
    clean,
    emit_json,
    json_option,
    report_saved,
    short,
    table,
)
from infoint.model import TargetKind


@click.group("target")
def target_group() -> None:
    """Occupations, companies and industries to learn about (G1)."""


@target_group.command("add")
@click.argument("kind", type=choice_of(TargetKind))
@click.argument("name")
@click.option("--notes", default="", help="What you know about it so far.")
@click.option("--goal", "goals", multiple=True, help="Something to find out (G3; repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the new target's ID.")
@json_option
def add(kind: str, name: str, notes: str, goals: tuple[str, ...], quiet: bool) -> None:
    """Add a target: KIND (occupation, company, industry) and NAME."""
    from infoint.storage import unstructure

    target = app().workspace().add_target(kind, name, notes=notes, goals=goals)
    text = f"Target {short(target.id)}: {clean(target.label)}"
    report_saved(target.id, lambda: unstructure(target), text, quiet=quiet)


@target_group.command("list")
@json_option
def list_() -> None:
    """List targets by name."""
    from infoint.storage import unstructure

    targets = app().workspace().targets()
    if app().as_json:
        emit_json([unstructure(t) for t in targets])
        return
    if not targets:
        click.echo("No targets yet: add one with 'infoint target add occupation NAME'.")
        return
    table(
        ["ID", "KIND", "NAME", "GOALS"],
        [[short(t.id), t.kind, clean(t.name), "; ".join(t.goals)] for t in targets],
    )
