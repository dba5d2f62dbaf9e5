"""A command plugin: ``infoint next`` prints the one thing to do next."""

from __future__ import annotations

import click

from infoint import hookimpl
from infoint.cli import current_workspace


@click.command("next")
def next_step() -> None:
    """The top of the agenda: the one thing to do next, and its command."""
    items = current_workspace().agenda()  # the Workspace that --db and --owner chose
    if not items:
        click.echo("Nothing is due.")
        return
    click.echo(f"{items[0].title}\n  -> {items[0].command}")


@hookimpl
def infoint_register_commands(cli: click.Group) -> None:
    cli.add_command(next_step)
