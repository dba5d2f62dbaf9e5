"""``infoint interview ...``: plan, move through the interview's life, show, list."""

from __future__ import annotations

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
from infoint.model import (
    DressCode,
    Mode,
    Purpose,
    RequestChannel,
    ResearchNote,
    ResearchSubject,
    Status,
)

if TYPE_CHECKING:
    from infoint.model import Interview
    from infoint.workspace import Workspace

ID = click.argument("ref", metavar="ID")
AT = click.option(
    "--at",
    type=DATETIME,
    help="When (default: now): YYYY-MM-DD HH:MM, with an offset (+01:00) or a zone"
    " (Europe/Paris) if not yours; or today/tomorrow/yesterday HH:MM; or now.",
)
QUIET = click.option("-q", "--quiet", is_flag=True, help="Print only the interview's ID.")


@click.group("interview")
def interview_group() -> None:
    """Plan interviews and move them through their life.

    idea -> requested -> scheduled -> confirmed -> held -> assessed -> thanked
    -> closed, or declined / cancelled while open. 'log' records an unplanned
    one after the fact.
    """


def interview_data(interview: Interview) -> dict[str, Any]:
    """An interview as JSON-ready data, with its current status."""
    from infoint.storage import unstructure

    data: dict[str, Any] = unstructure(interview)
    # The steps that can be undone, without what undoing needs (internal, and it may
    # hold what a later step replaced).
    data["steps"] = [{"action": step["action"], "at": step["at"]} for step in data["steps"]]
    return {"id": interview.id, "status": str(interview.status), **data}


def _research(values: tuple[str, ...]) -> list[ResearchNote]:
    notes = []
    for value in values:
        subject, sep, text = value.partition(":")
        if sep and subject.strip().lower() in set(ResearchSubject):
            notes.append(ResearchNote(subject=subject.strip().lower(), text=text.strip()))
        else:
            notes.append(ResearchNote(subject=ResearchSubject.TARGET, text=value.strip()))
    return notes


def _warn_about(interview: Interview) -> None:
    for warning in app().workspace().plan_warnings(interview):
        click.echo(f"infoint: warning: {warning}", err=True)


def _print_saved(interview: Interview, quiet: bool = False) -> None:
    status = "an idea" if interview.status is Status.IDEA else interview.status
    text = f"Interview {short(interview.id)} is {status}."
    report_saved(interview.id, lambda: interview_data(interview), text, quiet=quiet)


@interview_group.command("plan")
@click.option("--contact", required=True, help="Whom to interview (ID, ID prefix or name).")
@click.option(
    "--target",
    "targets",
    multiple=True,
    required=True,
    help="What to learn about: a target ID, or KIND:NAME (created if new). Repeatable.",
)
@click.option(
    "--purpose",
    "purposes",
    multiple=True,
    required=True,
    type=choice_of(Purpose),
    help="Why (G2). Repeatable.",
)
@click.option("--goal", "goals", multiple=True, help="What you want to find out (G3). Repeatable.")
@click.option(
    "--research",
    multiple=True,
    help="Research before the interview (G5), optionally 'person:', 'organization:' or"
    " 'target:' first. Repeatable.",
)
@click.option(
    "--mode",
    type=choice_of(Mode),
    default=Mode.IN_PERSON.value,
    show_default=True,
    help="In person, by video or by phone: it sets the default length and the prep sheet.",
)
@click.option("--minutes", type=click.IntRange(1, 480), help="The agreed length (G7).")
@click.option("--place", default="", help="Where you meet.")
@click.option("--travel-minutes", type=click.IntRange(0, 1440), help="Time to get there (G12).")
@click.option("--dress", type=choice_of(DressCode), help="The organization's dress code (G10).")
@click.option("--common-ground", default="", help="What you share with them (G13).")
@QUIET
@json_option
def plan(
    contact: str,
    targets: tuple[str, ...],
    purposes: tuple[str, ...],
    goals: tuple[str, ...],
    research: tuple[str, ...],
    mode: str,
    minutes: int | None,
    place: str,
    travel_minutes: int | None,
    dress: str | None,
    common_ground: str,
    quiet: bool,
) -> None:
    """Plan an interview: whom, about what, and why. It starts as an idea."""
    interview = (
        app()
        .workspace()
        .plan_interview(
            contact,
            targets=targets,
            purposes=purposes,
            goals=goals,
            research=_research(research),
            mode=mode,
            minutes=minutes,
            place=place,
            travel_minutes=travel_minutes,
            dress_code=dress,
            common_ground=common_ground,
        )
    )
    _warn_about(interview)
    _print_saved(interview, quiet)


@interview_group.command("request")
@ID
@click.option(
    "--channel", type=choice_of(RequestChannel), required=True, help="How you asked (G6)."
)
@click.option("--via", help="The networking contact who arranged it.")
@AT
@json_option
def request(ref: str, channel: str, via: str | None, at: datetime | None) -> None:
    """Record that you asked for the interview (G6)."""
    _print_saved(app().workspace().request_interview(ref, channel=channel, via=via, at=at))


@interview_group.command("schedule")
@ID
@click.option(
    "--at",
    "starts_at",
    type=DATETIME,
    required=True,
    help="When it starts: YYYY-MM-DD HH:MM, with an offset (+01:00) or a zone"
    " (Europe/Paris) if not yours; or today/tomorrow HH:MM.",
)
@click.option("--minutes", type=click.IntRange(1, 480), help="The agreed length (G7).")
@click.option("--place", help="Where you meet.")
@click.option("--mode", type=choice_of(Mode), help="Change how you meet: in person, video, phone.")
@click.option("--travel-minutes", type=click.IntRange(0, 1440), help="Time to get there (G12).")
@json_option
def schedule(
    ref: str,
    starts_at: datetime,
    minutes: int | None,
    place: str | None,
    mode: str | None,
    travel_minutes: int | None,
) -> None:
    """Set or move the date, time, length and place."""
    interview = (
        app()
        .workspace()
        .schedule_interview(
            ref,
            starts_at=starts_at,
            minutes=minutes,
            place=place,
            mode=mode,
            travel_minutes=travel_minutes,
        )
    )
    _warn_about(interview)
    _print_saved(interview)


@interview_group.command("confirm")
@ID
@AT
@json_option
def confirm(ref: str, at: datetime | None) -> None:
    """Date, time and place verified with the interviewee (G11)."""
    _print_saved(app().workspace().confirm_interview(ref, at=at))


@interview_group.command("hold")
@ID
@AT
@json_option
def hold(ref: str, at: datetime | None) -> None:
    """The interview took place."""
    _print_saved(app().workspace().hold_interview(ref, at=at))


@interview_group.command("cancel")
@ID
@click.option("--reason", default="", help="Why.")
@AT
@json_option
def cancel(ref: str, reason: str, at: datetime | None) -> None:
    """You call the interview off."""
    _print_saved(app().workspace().cancel_interview(ref, reason=reason, at=at))


@interview_group.command("decline")
@ID
@click.option("--reason", default="", help="What they said.")
@AT
@json_option
def decline(ref: str, reason: str, at: datetime | None) -> None:
    """The contact said no."""
    _print_saved(app().workspace().decline_interview(ref, reason=reason, at=at))


@interview_group.command("close")
@ID
@AT
@json_option
def close(ref: str, at: datetime | None) -> None:
    """Nothing more to do for this interview (after the thank-you note)."""
    _print_saved(app().workspace().close_interview(ref, at=at))


_STEPS = {
    "requested": "the request",
    "scheduled": "the schedule",
    "confirmed": "the day-before check",
    "held": "marking it held",
    "cancelled": "the cancellation",
    "declined": "the decline",
    "closed": "closing it",
    "noted": "a note",
    "questions-planned": "the saved question plan",
    "referred": "a referral",
    "opening-added": "an opening",
    "applied": "an application",
    "assessed": "the assessment",
    "feedback": "feedback on the assessment",
    "thank-you-drafted": "the thank-you draft",
    "thanked": "sending the thank-you note",
    "followed-up": "a follow-up",
    "answered": "an answer to a follow-up",
}
"""What each recorded step is called when it is undone."""


@interview_group.command("undo")
@ID
@json_option
def undo(ref: str) -> None:
    """Undo the interview's last step (its status, time and what it recorded).

    Run it again to undo the step before, and so on. A contact made for a
    referral stays among your contacts.
    """
    done = app().workspace().undo_step(ref)
    if app().as_json:
        emit_json({"undone": done.step.action, "interview": interview_data(done.interview)})
        return
    interview, step = done.interview, done.step
    what = _STEPS.get(step.action, step.action)
    status = "an idea" if interview.status is Status.IDEA else str(interview.status)
    now = (
        f"it is {status} again"
        if interview.status is not done.status_before
        else f"it is still {status}"
    )
    click.echo(
        f"Undid {what} (recorded {when(step.at)}) on interview {short(interview.id)}: {now}."
    )


@interview_group.command("log")
@click.option("--contact", required=True, help="Whom you talked to (ID, ID prefix or name).")
@click.option("--at", type=DATETIME, required=True, help="When it happened.")
@click.option("--learned", required=True, help="What you learned.")
@click.option(
    "--mode",
    type=choice_of(Mode),
    default=Mode.IN_PERSON.value,
    show_default=True,
    help="In person, by video or by phone: it sets the default length and the prep sheet.",
)
@click.option("--target", "targets", multiple=True, help="A target ID or KIND:NAME. Repeatable.")
@click.option("--minutes", type=click.IntRange(1, 480), help="How long it lasted.")
@click.option("--place", default="", help="Where (an event, say).")
@QUIET
@json_option
def log(
    contact: str,
    at: datetime,
    learned: str,
    mode: str,
    targets: tuple[str, ...],
    minutes: int | None,
    place: str,
    quiet: bool,
) -> None:
    """Record an unplanned interview after the fact (G8); it starts as held."""
    interview = (
        app()
        .workspace()
        .log_interview(
            contact,
            at=at,
            learned=learned,
            mode=mode,
            targets=targets,
            minutes=minutes,
            place=place,
        )
    )
    _print_saved(interview, quiet)


@interview_group.command("show")
@ID
@json_option
def show(ref: str) -> None:
    """Show one interview with everything recorded on it."""
    ws = app().workspace()
    interview = ws.interview(ref)
    if app().as_json:
        emit_json(interview_data(interview))
        return
    _print_interview(ws, interview)


def _print_interview(ws: Workspace, interview: Interview) -> None:
    contact = ws.contact(interview.contact_id)
    field("Interview", f"{short(interview.id)} ({interview.status})")
    field("With", f"{clean(contact.name)} ({short(contact.id)})")
    field("Role", ", ".join(x for x in (contact.role, contact.organization) if x))
    field("Targets", "; ".join(ws.target(t).label for t in interview.target_ids))
    field("Purposes", ", ".join(interview.purposes))
    field("Mode", interview.mode)
    if interview.starts_at:
        field("When", when(interview.starts_at))
    if interview.agreed_minutes:
        field("Length", f"{interview.agreed_minutes} minutes")
    field("Place", interview.place)
    if interview.travel_minutes is not None:
        field("Travel", f"{interview.travel_minutes} minutes")
    field("Dress code", interview.dress_code)
    field("Common ground", interview.common_ground)
    if interview.request:
        field("Requested", f"{interview.request.channel}, {when(interview.request.asked_at)}")
    if interview.unplanned:
        field("Unplanned", "yes (logged after the fact)")
    _section("Goals", [f"- {clean(g)}" for g in interview.goals])
    _section("Research", [f"- ({r.subject}) {clean(r.text)}" for r in interview.research])
    _section(
        "Notes",
        [f"- {when(n.at)} [{n.kind}] {clean(n.text)}" for n in interview.notes],
    )
    planned = [
        f"- [{q.at_second // 60}:{q.at_second % 60:02d}] {q.id.split(':', 1)[-1]}: {clean(q.text)}"
        for q in interview.questions
    ]
    _section("Planned questions", planned)
    names = {c.id: c.name for c in ws.contacts()}
    _section(
        "Referrals",
        [
            f"- {clean(names.get(r.contact_id, '?'))} ({short(r.contact_id)})"
            + (f": {clean(r.note)}" if r.note else "")
            for r in interview.referrals
        ],
    )
    _section(
        "Openings",
        [
            f"{k}. {clean(o.title)}"
            + (f" at {clean(o.organization)}" if o.organization else "")
            + (
                f", applied {when(o.applied_at)}"
                if o.applied_at
                else f", apply from {o.earliest_apply_on:%Y-%m-%d}"
            )
            for k, o in enumerate(interview.openings, start=1)
        ],
    )
    if interview.assessment is not None:
        a = interview.assessment
        _section(
            "Assessment",
            [
                f"- {label}: {clean(text)}"
                for label, text in (
                    ("went well", a.went_well),
                    ("went badly", a.went_badly),
                    ("wish I had said", a.wish_said),
                    ("wish I had not said", a.wish_not_said),
                    ("follow-up strategy", a.follow_up_strategy),
                )
                if text
            ]
            + [f"- feedback from {clean(f.reviewer)}: {clean(f.text)}" for f in a.feedback],
        )
    if interview.thank_you is not None:
        note = interview.thank_you
        state = f"sent {when(note.sent_at)}" if note.sent_at else "drafted, not sent"
        field("Thank-you", f"{note.medium}, {state}")
    _section(
        "Follow-ups",
        [
            f"- {when(f.at)} {f.channel}"
            + (" (answered)" if f.answered else "")
            + (f": {clean(f.note)}" if f.note else "")
            for f in interview.follow_ups
        ],
    )
    _section(
        "History",
        [
            f"- {when(c.at)} {c.status}" + (f": {clean(c.note)}" if c.note else "")
            for c in interview.history
        ],
    )


def _section(title: str, lines: list[str]) -> None:
    if lines:
        click.echo(f"{title}:")
        for entry in lines:
            # Continuation lines of a multi-line note line up under its first.
            click.echo("  " + entry.replace("\n", "\n    "))


@interview_group.command("list")
@click.option("--status", "statuses", multiple=True, type=choice_of(Status), help="Repeatable.")
@click.option("--contact", help="Only interviews with this contact.")
@click.option("--target", help="Only interviews about this target (ID or KIND:NAME).")
@json_option
def list_(statuses: tuple[str, ...], contact: str | None, target: str | None) -> None:
    """List interviews by start time (unscheduled ones last)."""
    ws = app().workspace()
    interviews = ws.interviews(status=statuses or None, contact=contact, target=target)
    if app().as_json:
        emit_json([interview_data(i) for i in interviews])
        return
    if not interviews:
        click.echo("No interviews yet: plan one with 'infoint interview plan'.")
        return
    names = {c.id: c.name for c in ws.contacts()}
    labels = {t.id: t.label for t in ws.targets()}
    table(
        ["ID", "STATUS", "WHEN", "MODE", "CONTACT", "TARGETS"],
        [
            [
                short(i.id),
                i.status,
                when(i.starts_at),
                i.mode,
                clean(names.get(i.contact_id, "?")),
                "; ".join(labels.get(t, "?") for t in i.target_ids),
            ]
            for i in interviews
        ],
    )
