"""After the interview: referrals, network, assessment, thank-you, openings, follow-ups
and stats (G15-G20)."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from infoint.cli._common import (
    DATETIME,
    app,
    choice_of,
    clean,
    emit_json,
    field,
    json_option,
    report_saved,
    short,
    table,
    when,
)
from infoint.model import Channel, ChannelKind, ThankYouMedium

if TYPE_CHECKING:
    from infoint.workspace import ThankYouReview

AT = click.option("--at", type=DATETIME, help="When (default: now).")


# ---------------------------------------------------------------- referrals and network (G16)


@click.group("referral")
def referral_group() -> None:
    """People the interviewee pointed you to (G16)."""


@referral_group.command("add")
@click.argument("ref", metavar="ID")
@click.argument("name", required=False)
@click.option("--contact", help="Link an existing contact (ID, prefix or name) instead.")
@click.option("--role", default="", help="Their job title.")
@click.option("--org", "organization", default="", help="Their organization.")
@click.option("--email", help="Their e-mail address.")
@click.option("--note", default="", help="What was said about them.")
@click.option(
    "--new",
    is_flag=True,
    help="Make a new contact even if one of the same name and organization is there.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the person's contact ID.")
@AT
@json_option
def referral_add(
    ref: str,
    name: str | None,
    contact: str | None,
    role: str,
    organization: str,
    email: str | None,
    note: str,
    new: bool,
    quiet: bool,
    at: datetime | None,
) -> None:
    """Record that interview ID's interviewee referred you to NAME.

    NAME is linked to the contact who is the same person (same name, ignoring
    case and accents, and organization, with no e-mail address telling them
    apart), or becomes a new contact.
    """
    from infoint.cli.contacts import unclear, warn_namesakes
    from infoint.storage import unstructure
    from infoint.workspace import SamePersonUnclear

    channels = [Channel(kind=ChannelKind.EMAIL, value=email)] if email else []
    ws = app().workspace()
    match = None
    if name and contact is None and not new:
        match = ws.identify_contact(name, organization=organization, channels=channels)
    try:
        interview, person = ws.add_referral(
            ref,
            name,
            contact=contact,
            role=role,
            organization=organization,
            channels=channels,
            note=note,
            at=at,
            new=new,
        )
    except SamePersonUnclear as err:
        way_out = "Link the one you mean with --contact ID, or use --new for another person"
        raise click.ClickException(unclear(err, way_out)) from None
    if match is not None and match.contact is not None and match.contact.id == person.id:
        click.echo(
            f"infoint: linked to your contact {clean(person.name)} ({short(person.id)}), the"
            " same person (use --new for another person of that name)",
            err=True,
        )
    elif match is not None and match.namesakes:
        warn_namesakes(person, match.namesakes, match.why)
    text = (
        f"{clean(person.name)} ({short(person.id)}) referred by interview {short(interview.id)}."
    )
    report_saved(person.id, lambda: unstructure(person), text, quiet=quiet)


@click.command("network")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tree", "mermaid"], case_sensitive=False),
    default="tree",
    show_default=True,
    help="An indented tree, or a Mermaid graph (for Markdown pages that draw them).",
)
@click.option(
    "--pending", is_flag=True, help="Only people you were pointed to but have not asked."
)
@click.option("--chain", "chain_of", metavar="CONTACT", help="The path from you to one contact.")
@json_option
def network(fmt: str, pending: bool, chain_of: str | None) -> None:
    """Who referred or introduced whom, as a tree or a Mermaid graph (G4, G16)."""
    from infoint.network import mermaid, tree_lines
    from infoint.storage import unstructure

    ws = app().workspace()
    if chain_of:
        path = ws.chain(chain_of)
        if app().as_json:
            emit_json([unstructure(c) for c in path])
        else:
            click.echo(" -> ".join(clean(c.name) for c in path))
        return
    if pending:
        people = ws.pending_referrals()
        if app().as_json:
            emit_json([unstructure(c) for c in people])
        elif people:
            table(
                ["ID", "NAME", "ORGANIZATION"],
                [[short(c.id), c.name, c.organization] for c in people],
            )
        else:
            click.echo("Nobody waiting: you have asked everyone you were pointed to.")
        return
    roots = ws.network()
    if app().as_json:
        emit_json([unstructure(r) for r in roots])
    elif fmt == "mermaid":
        click.echo(mermaid(roots), nl=False)
    elif roots:
        click.echo("\n".join(clean(line) for line in tree_lines(roots)))
    else:
        click.echo("No contacts yet.")


# ---------------------------------------------------------------- assessment (G17)

_ASSESSMENT_FIELDS = (
    ("went_well", "What went well"),
    ("went_badly", "What did not go well"),
    ("wish_said", "What you wish you had said"),
    ("wish_not_said", "What you wish you had not said"),
    ("follow_up_strategy", "Your follow-up strategy"),
)


@click.command("assess")
@click.argument("ref", metavar="ID")
@click.option("--went-well", help="What went well.")
@click.option("--went-badly", help="What did not go well.")
@click.option("--wish-said", help="What you wish you had said.")
@click.option("--wish-not-said", help="What you wish you had not said.")
@click.option("--follow-up-strategy", help="How you will follow up.")
@click.option("--reviewer", help="Who gave feedback on this assessment (a counsellor, say).")
@click.option("--feedback", help="What the reviewer said (with --reviewer).")
@AT
@json_option
def assess(
    ref: str, reviewer: str | None, feedback: str | None, at: datetime | None, **answers: Any
) -> None:
    """Look back on interview ID (G17). On a terminal, asks for what you did not give."""
    from infoint.cli.interviews import interview_data

    ws = app().workspace()
    if (reviewer is None) != (feedback is None):
        raise click.UsageError("--reviewer and --feedback go together")
    interview = ws.interview(ref)
    given = {k: v for k, v in answers.items() if v is not None}
    if not given and reviewer is None and sys.stdin.isatty():
        for key, prompt in _ASSESSMENT_FIELDS:
            answer = click.prompt(prompt, default="", show_default=False)
            if answer.strip():
                given[key] = answer
    if given or reviewer is None:  # nothing at all given is refused by the Workspace
        interview = ws.assess_interview(interview, at=at, **given)
    if reviewer is not None and feedback is not None:
        interview = ws.add_feedback(interview, reviewer, feedback, at=at)
    report_saved(
        interview.id,
        lambda: interview_data(interview),
        f"Interview {short(interview.id)} assessed ({interview.status}).",
    )


# ---------------------------------------------------------------- thank-you note (G19)


@click.command("thank-you")
@click.argument("ref", metavar="ID")
@click.option(
    "--medium",
    type=choice_of(ThankYouMedium),
    default="email",
    show_default=True,
    help="By e-mail or by letter (G19).",
)
@click.option("--handwritten", is_flag=True, help="You will write it by hand.")
@click.option(
    "--text",
    "text_file",
    type=click.File("r", encoding="utf-8"),
    help="Use your own note from FILE ('-' for standard input) instead of a draft.",
)
@click.option("--redraft", is_flag=True, help="Replace the current draft with a fresh one.")
@click.option("--sent", is_flag=True, help="Mark the note as sent (drafting one first if needed).")
@click.option("--check", is_flag=True, help="Only show the current note and its findings.")
@AT
@json_option
def thank_you(
    ref: str,
    medium: str,
    handwritten: bool,
    text_file: Any,
    redraft: bool,
    sent: bool,
    check: bool,
    at: datetime | None,
) -> None:
    """Draft, check and send the thank-you note for interview ID (G19).

    The first run drafts a note; later runs show it with the linter's
    findings, until --text replaces it, --redraft drafts it anew, or --sent
    marks it sent.
    """
    ws = app().workspace()
    review = ws.thank_you_review(ref, at=at)
    if not check:
        style = {"medium": medium, "handwriting": "handwritten" if handwritten else "typed"}
        if text_file is not None:
            review = ws.draft_thank_you(ref, text=text_file.read(), at=at, **style)
        elif review.note is None or redraft:
            review = ws.draft_thank_you(ref, at=at, **style)
        if sent:
            review = ws.send_thank_you(ref, at=at)
            if review.findings:
                click.echo(
                    f"infoint: warning: sent with {len(review.findings)} finding(s) unresolved",
                    err=True,
                )
    _print_review(review)


def _print_review(review: ThankYouReview) -> None:
    import attrs

    from infoint.storage import unstructure

    if app().as_json:
        emit_json(
            {
                "interview_id": review.interview_id,
                "note": unstructure(review.note) if review.note else None,
                "findings": [attrs.asdict(f) for f in review.findings],
                "due_at": review.due_at.isoformat() if review.due_at else None,
                "late": review.late,
            }
        )
        return
    note = review.note
    if note is not None:
        click.echo(clean(note.text).rstrip("\n"))
        click.echo("")
    state = "sent " + when(note.sent_at) if note and note.sent_at else "not sent yet"
    timing = f"due {when(review.due_at)}" + (" (late)" if review.late else "")
    click.echo(f"Thank-you note: {state}; {timing}.")
    for f in review.findings:
        hint = f" ({f.suggestion})" if f.suggestion else ""
        click.echo(f"  line {f.line}, column {f.column}: {f.rule}: {clean(f.message)}{hint}")
    if not review.findings and note is not None:
        click.echo("  no findings: short, spelled right, and about learning.")


# ---------------------------------------------------------------- openings (G15)


@click.group("opening")
def opening_group() -> None:
    """Job openings heard of in interviews: apply later, not now (G15)."""


@opening_group.command("add")
@click.argument("ref", metavar="ID")
@click.argument("title")
@click.option("--org", "organization", default="", help="The organization.")
@click.option("--notes", default="", help="What you heard.")
@click.option(
    "--apply-after",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Not before this day (YYYY-MM-DD), e.g. what they said; never before the wait.",
)
@AT
@json_option
def opening_add(
    ref: str,
    title: str,
    organization: str,
    notes: str,
    apply_after: datetime | None,
    at: datetime | None,
) -> None:
    """Record opening TITLE heard of in interview ID."""
    from infoint.cli.interviews import interview_data

    interview = (
        app()
        .workspace()
        .add_opening(
            ref,
            title,
            organization=organization,
            notes=notes,
            apply_after=apply_after.date() if apply_after else None,
            at=at,
        )
    )
    earliest = interview.openings[-1].earliest_apply_on
    report_saved(
        interview.id,
        lambda: interview_data(interview),
        f"Opening {len(interview.openings)} recorded:"
        f" apply no earlier than {earliest:%a %Y-%m-%d}.",
    )


@opening_group.command("applied")
@click.argument("ref", metavar="ID")
@click.argument("number", type=click.IntRange(1))
@AT
@json_option
def opening_applied(ref: str, number: int, at: datetime | None) -> None:
    """Record that you applied for opening NUMBER of interview ID."""
    from infoint.cli.interviews import interview_data

    interview = app().workspace().mark_applied(ref, number, at=at)
    report_saved(interview.id, lambda: interview_data(interview), f"Opening {number}: applied.")


# ---------------------------------------------------------------- follow-ups (G20)


@click.group("follow-up")
def follow_up_group() -> None:
    """Contacts after the interview, never too often (G20)."""


@follow_up_group.command("log")
@click.argument("contact", metavar="CONTACT")
@click.option(
    "--channel", type=choice_of(ChannelKind), required=True, help="How you contacted them."
)
@click.option("--note", default="", help="What you sent or said.")
@click.option("--anyway", is_flag=True, help="Record it even if the cadence says it is too soon.")
@AT
@json_option
def follow_up_log(
    contact: str, channel: str, note: str, anyway: bool, at: datetime | None
) -> None:
    """Record a follow-up with CONTACT (refused while the cadence says wait)."""
    from infoint.cli.interviews import interview_data

    interview = (
        app().workspace().log_follow_up(contact, channel=channel, note=note, at=at, anyway=anyway)
    )
    report_saved(
        interview.id,
        lambda: interview_data(interview),
        f"Follow-up recorded on interview {short(interview.id)}.",
    )


@follow_up_group.command("answered")
@click.argument("contact", metavar="CONTACT")
@AT
@json_option
def follow_up_answered(contact: str, at: datetime | None) -> None:
    """CONTACT answered your latest follow-up."""
    from infoint.cli.interviews import interview_data

    interview = app().workspace().follow_up_answered(contact, at=at)
    report_saved(interview.id, lambda: interview_data(interview), "Marked answered.")


@follow_up_group.command("status")
@click.argument("contact", metavar="CONTACT")
@json_option
def follow_up_status(contact: str) -> None:
    """When you may contact CONTACT next, and why."""
    from infoint.storage import unstructure

    state = app().workspace().cadence(contact)
    if app().as_json:
        emit_json(unstructure(state))
        return
    field("Last contact", when(state.last_contact_at))
    field("Follow-ups", f"{len(state.follow_ups)} ({state.unanswered} unanswered in a row)")
    field("Next allowed", when(state.next_allowed_at) if state.next_allowed_at else "not now")
    field("Why", state.reason)


# ---------------------------------------------------------------- stats (G18)


@click.command("stats")
@json_option
def stats() -> None:
    """Completed interviews per target, the funnel, and thank-you speed (G18)."""
    from infoint.stats import readable_duration
    from infoint.storage import unstructure

    numbers = app().workspace().stats()
    if app().as_json:
        emit_json(unstructure(numbers))
        return
    click.echo(f"Interviews: {numbers.interviews}")
    click.echo("Reached each stage (or went past it):")
    table(
        ["STAGE", "INTERVIEWS"],
        [[stage, str(count)] for stage, count in numbers.funnel.items()],
    )
    median = numbers.median_days_to_thank_you
    click.echo(
        "Typical time from interview to thank-you note: "
        + ("no note sent yet" if median is None else readable_duration(median))
    )
    if numbers.targets:
        table(
            ["TARGET", "COMPLETED", "WANTED"],
            [[clean(v.label), str(v.completed), str(v.wanted)] for v in numbers.targets],
        )
