"""``infoint agenda`` (G21): in a module of its own, the command run most often imports
only what it needs (not the other commands' module)."""

from __future__ import annotations

from datetime import datetime

import click

from infoint.cli._common import DATETIME, app, clean, emit_json, json_option, when


@click.command("agenda")
@click.option("--at", type=DATETIME, help="See the agenda as of this moment (default: now).")
@json_option
def agenda(at: datetime | None) -> None:
    """Everything due now, sorted, each with the command that deals with it (G21)."""
    from infoint.storage import unstructure

    items = app().workspace().agenda(at=at)
    if app().as_json:
        emit_json([unstructure(i) for i in items])
        return
    if not items:
        click.echo("Nothing due.")
        return
    for item in items:
        due = when(item.due_at) if item.due_at else "any time"
        late = " (late)" if item.late else ""
        click.echo(f"{due:<20} {item.kind:<11}{late} {clean(item.title)}")
        click.echo(f"{'':<20} -> {item.command}")
