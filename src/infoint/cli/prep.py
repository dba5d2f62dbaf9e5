"""``infoint prep ID`` and ``infoint questions suggest ID`` (G5, G7, G9-G14)."""

from __future__ import annotations

import click

from infoint.cli._common import app, clean, emit_json, json_option, short


@click.command("prep")
@click.argument("ref", metavar="ID")
@click.option(
    "--minutes",
    type=click.IntRange(1, 480),
    help="Plan for this length instead of the agreed one.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"], case_sensitive=False),
    default="text",
    show_default=True,
    help="Plain text for the terminal or printing, Markdown, or JSON for programs.",
)
@json_option
def prep(ref: str, minutes: int | None, fmt: str) -> None:
    """The prep sheet to read the night before interview ID."""
    from infoint.render import sheet_markdown, sheet_text
    from infoint.storage import unstructure

    sheet = app().workspace().prep_sheet(ref, minutes=minutes)
    if app().as_json or fmt == "json":
        emit_json(unstructure(sheet))
    elif fmt == "markdown":
        click.echo(sheet_markdown(sheet), nl=False)
    else:
        click.echo(clean(sheet_text(sheet)), nl=False)


@click.group("questions")
def questions_group() -> None:
    """The questions planned for an interview (G14)."""


@questions_group.command("suggest")
@click.argument("ref", metavar="ID")
@click.option(
    "--minutes",
    type=click.IntRange(1, 480),
    help="Plan for this length instead of the agreed one.",
)
@click.option("--save", is_flag=True, help="Keep this plan on the interview.")
@click.option("--why", "show_why", is_flag=True, help="Say why each question was chosen.")
@json_option
def suggest(ref: str, minutes: int | None, save: bool, show_why: bool) -> None:
    """Plan the questions for interview ID within its agreed minutes."""
    from infoint.render import minute_mark
    from infoint.storage import unstructure

    plan = app().workspace().suggest_questions(ref, minutes=minutes, save=save)
    if app().as_json:
        emit_json(unstructure(plan))
        return
    assumed = " (none agreed: assumed)" if plan.minutes_assumed else ""
    click.echo(
        f"{plan.minutes} minutes{assumed}: {plan.intro_seconds} s introduction,"
        f" {plan.used_seconds} of {plan.budget_seconds} s of questions,"
        f" {plan.closing_seconds} s to close."
    )
    for question in plan.questions:
        name = question.id.split(":", 1)[-1]
        click.echo(f"[{minute_mark(question.at_second)}] ({question.kind}) {clean(question.text)}")
        if show_why:
            click.echo(f"         id: {name}; why: {clean(question.why)}")
    for warning in plan.warnings:
        click.echo(f"warning: {warning}")
    if save:
        click.echo(f"Saved on interview {short(ref)}.")
