"""``infoint note add``, ``search``, ``profile`` and ``plugins``."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from datetime import datetime

import attrs
import click

from infoint.cli._common import DATETIME, app, clean, emit_json, field, json_option, short, table
from infoint.model import NoteKind


@click.group("note")
def note_group() -> None:
    """What was said in an interview (G16)."""


@note_group.command("add")
@click.argument("ref", metavar="ID")
@click.argument("text")
@click.option("--advice", is_flag=True, help="The note is advice you received.")
@click.option("--question", help="The planned question this answers (ID or prefix).")
@click.option("--at", type=DATETIME, help="When it was said (default: now).")
@json_option
def note_add(ref: str, text: str, advice: bool, question: str | None, at: datetime | None) -> None:
    """Add TEXT as a note on interview ID ('-' reads it from standard input)."""
    if text == "-":
        text = sys.stdin.read().rstrip("\n")
    kind = NoteKind.ADVICE if advice else NoteKind.FREE
    interview = app().workspace().add_note(ref, text, kind=kind, question=question, at=at)
    if app().as_json:
        from infoint.cli.interviews import interview_data

        emit_json(interview_data(interview))
    else:
        click.echo(f"Note added to interview {short(interview.id)} ({len(interview.notes)} now).")


@click.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=20,
    show_default=True,
    help="Show at most this many records, best matches first.",
)
@json_option
def search(words: tuple[str, ...], limit: int) -> None:
    """Find interviews and contacts whose notes, research or goals contain every WORD.

    Each word matches the start of a word, ignoring case and accents.
    """
    hits = app().workspace().search(" ".join(words), limit=limit)
    if app().as_json:
        emit_json([attrs.asdict(h) for h in hits])
        return
    if not hits:
        click.echo("Nothing found.")
        return
    table(["KIND", "ID", "MATCH"], [[h.kind, short(h.id), clean(h.snippet)] for h in hits])


@click.group("profile", invoke_without_command=True)
@click.pass_context
def profile_group(ctx: click.Context) -> None:
    """Your own details: name and 30-second pitch (G13)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(profile_show)


@profile_group.command("show")
@json_option
def profile_show() -> None:
    """Show your profile."""
    from infoint.storage import unstructure

    profile = app().workspace().profile()
    if app().as_json:
        emit_json(unstructure(profile))
        return
    field("Name", profile.name or "(not set)")
    field("Pitch", profile.pitch or "(not set: infoint profile set --pitch TEXT)")


@profile_group.command("set")
@click.option("--name", help="Your name, as it signs your messages.")
@click.option("--pitch", help="'Me in 30 seconds' (G13).")
@json_option
def profile_set(name: str | None, pitch: str | None) -> None:
    """Change your name or pitch."""
    from infoint.storage import unstructure

    ws = app().workspace()
    profile = ws.set_profile(name=name, pitch=pitch)
    if pitch is not None:
        for finding in ws.lint(pitch, "pitch"):  # G13: a long pitch is kept, with a warning
            click.echo(f"infoint: warning: {finding.message}", err=True)
    if app().as_json:
        emit_json(unstructure(profile))
    else:
        click.echo("Profile saved.")


_PROVIDED = (
    ("export formats", "infoint_exporters"),
    ("import formats", "infoint_importers"),
    ("stores", "infoint_storage_backends"),
    ("question generators", "infoint_question_generators"),
    ("lint rules", "infoint_lint_rules"),
)
"""What ``infoint plugins`` lists of each plugin, and the hook that provides it."""


def _provides_line(hooks: Sequence[str], provides: Mapping[str, Sequence[str]]) -> str:
    """``export formats: a, b; hooks: infoint_register_commands`` (hooks that provide
    nothing by name, or provided nothing this time, are listed as they are)."""
    parts = [f"{what}: {', '.join(names)}" for what, names in provides.items()]
    shown = {hook for what, hook in _PROVIDED if provides.get(what)}
    others = [hook for hook in hooks if hook not in shown]
    if others:
        parts.append(f"hooks: {', '.join(others)}")
    return "; ".join(parts)


@click.command("plugins")
@json_option
def plugins() -> None:
    """List every plugin: its distribution, version and what it provides.

    What it provides: export and import formats, stores (database URL schemes),
    question generators and lint rules by name; other hooks as they are.
    """
    pm = app().plugins
    infos = pm.plugin_infos()
    provides: dict[str, dict[str, tuple[str, ...]]] = {i.name: {} for i in infos}
    for what, hook in _PROVIDED:
        for plugin_name, names in pm.provided_by_plugin(hook).items():
            if names and plugin_name in provides:
                provides[plugin_name][what] = names
    if app().as_json:
        emit_json(
            {
                "plugins": [attrs.asdict(i) | {"provides": provides[i.name]} for i in infos],
                "failed": [attrs.asdict(f) for f in pm.failures],
            }
        )
        return
    table(
        ["NAME", "DISTRIBUTION", "VERSION", "PROVIDES"],
        [
            [
                i.name,
                i.distribution + (" (built-in)" if i.builtin else ""),
                i.version,
                _provides_line(i.hooks, provides[i.name]),
            ]
            for i in infos
        ],
    )
    for failure in pm.failures:
        click.echo(f"failed: {failure.name} ({failure.distribution}): {clean(failure.error)}")
