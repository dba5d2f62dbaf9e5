"""The pages: each one reads the form, calls one Workspace method, and shows what came back.

No rule of the domain lives here: the Workspace checks and refuses, and a
refusal (an :class:`~infoint.errors.InfointError`) becomes a message on the
page. Only the interview, contact or target named in the URL is looked up
outside that: when it is missing (or another seeker's, which for this
seeker's Workspace is the same thing) the page is the one 404.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from infoint import lifecycle
from infoint.agenda import AgendaItem, DueKind
from infoint.errors import InfointError, ValidationError
from infoint.model import (
    Channel,
    ChannelKind,
    Contact,
    DressCode,
    Handwriting,
    Interview,
    Mode,
    NoteKind,
    Purpose,
    Relationship,
    RequestChannel,
    Status,
    Step,
    TargetKind,
    ThankYouMedium,
    check_line,
)
from infoint.workspace import Workspace
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from career_platform.accounts import Account
from career_platform.app import csrf_token, platform

log = logging.getLogger(__name__)

auth = Blueprint("auth", __name__)
seeker = Blueprint("seeker", __name__)

Page = str | tuple[str, int] | Response

PURPOSES: Mapping[Purpose, str] = {
    Purpose.CHOOSE_PATH: "Choose or refine a career path",
    Purpose.DECIDE_STUDY: "Decide what to study",
    Purpose.BREAK_IN: "Learn how to break into the field",
    Purpose.SKILLS: "Find which skills I have and which I need",
    Purpose.SMALL_BUSINESS: "Learn from someone who started a business",
}
"""G2, in the seeker's words."""

AGENDA_PAGES: Mapping[DueKind, str] = {
    DueKind.PREPARE: "seeker.prep",
    DueKind.TODAY: "seeker.prep",
    DueKind.NOTES: "seeker.notes",
    DueKind.ASSESS: "seeker.assessment",
    DueKind.THANK_YOU: "seeker.thank_you",
}
"""The page that deals with an agenda item about an interview (else the interview's page)."""

UNDONE: Mapping[str, str] = {
    "requested": "request recorded",
    "scheduled": "date set",
    "confirmed": "date, time and place verified",
    "held": "marked held",
    "cancelled": "called off",
    "declined": "marked declined",
    "closed": "closed",
    "noted": "note added",
    "questions-planned": "question plan kept",
    "referred": "referral added",
    "opening-added": "opening noted",
    "applied": "application recorded",
    "assessed": "assessment saved",
    "feedback": "feedback recorded",
    "thank-you-drafted": "thank-you note drafted",
    "thanked": "thank-you note marked as sent",
    "followed-up": "follow-up logged",
    "answered": "follow-up answered",
}
"""What an undone step did, in the words of the button or message that made it."""


# ---------------------------------------------------------------- helpers


def ws() -> Workspace:
    """The signed-in seeker's Workspace (made for this request)."""
    found: Workspace = g.workspace
    return found


def me() -> Account:
    """The signed-in seeker."""
    found: Account = g.account
    return found


def when(at: datetime | None) -> str:
    """``Tue 01 Dec 2026, 14:00`` in the seeker's zone (a Jinja filter)."""
    if at is None:
        return ""
    account: Account | None = g.get("account")
    local = at.astimezone(account.zone) if account is not None else at
    return f"{local:%a %d %b %Y, %H:%M}"


def day(on: date | None) -> str:
    """``Tue 01 Dec 2026`` (a Jinja filter)."""
    return "" if on is None else f"{on:%a %d %b %Y}"


def local_input(at: datetime | None) -> str:
    """A datetime as an ``<input type=datetime-local>`` value, in the seeker's zone."""
    return "" if at is None else at.astimezone(me().zone).strftime("%Y-%m-%dT%H:%M")


def moment(form: Mapping[str, str], field: str, label: str) -> datetime | None:
    """The ``datetime-local`` field as an aware time in the seeker's zone (None if empty)."""
    text = form.get(field, "").strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(label, f"{text!r} is not a date and time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=me().zone)
    try:
        value.astimezone(UTC)  # year 1 or 9999 in a named zone: not a time anyone can compare
    except OverflowError:
        raise ValidationError(label, f"{text!r} is out of range") from None
    return value


def whole_number(form: Mapping[str, str], field: str, label: str) -> int | None:
    """The field as a whole number (None if empty)."""
    text = form.get(field, "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise ValidationError(label, f"{text!r} is not a whole number")
    return int(text)


def lines(form: Mapping[str, str], field: str) -> list[str]:
    """The field's non-empty lines."""
    return [line.strip() for line in form.get(field, "").splitlines() if line.strip()]


def unchanged(interview: Interview) -> Interview:
    """``interview``, unless the form was made from an older version of it (another tab)."""
    sent = request.form.get("version")
    if sent is not None and sent != str(interview.version):
        raise ValidationError(
            "interview",
            "it changed since this page was shown (in another tab?): look at it again and retry",
        )
    return interview


def stepped(step: Step) -> str:
    """A step that can be undone, in plain words: ``marked held (recorded Tue 01 Dec ...)``.

    Only its action and time: what undoing it needs is the SDK's, never shown.
    """
    what = UNDONE.get(step.action, step.action.replace("-", " "))
    return f"{what} (recorded {when(step.at)})"


def see(endpoint: str, **values: Any) -> Response:
    """Go to a page after a POST (303: the browser fetches it with GET)."""
    return redirect(url_for(endpoint, **values), 303)


def act(
    interview_id: str,
    change: Callable[[Workspace, Interview], object],
    done: str,
    *,
    then: str = "seeker.interview",
    back: str = "seeker.interview",
) -> Response:
    """One button's POST: ``change`` the interview, say ``done`` (or why not), go on."""
    w = ws()
    interview = w.interview(interview_id)  # missing or not ours: the 404
    try:
        change(w, unchanged(interview))
    except InfointError as err:
        flash(str(err), "error")
        return see(back, interview_id=interview.id)
    flash(done, "done")
    return see(then, interview_id=interview.id)


def refused(err: InfointError) -> None:
    """Show why the Workspace refused a form."""
    flash(str(err), "error")


def start_session(account: Account) -> None:
    """Sign ``account`` in: a fresh session (and CSRF token) for it."""
    session.clear()
    session["account"] = account.id
    csrf_token()


# ---------------------------------------------------------------- signing in


@auth.get("/")
def home() -> Response:
    return see("seeker.agenda" if g.get("account") else "auth.sign_in")


@auth.route("/sign-up", methods=["GET", "POST"])
def sign_up() -> Page:
    values: Mapping[str, str] = {"time_zone": current_app.config["DEFAULT_TIME_ZONE"]}
    if request.method == "POST":
        form = request.form
        try:
            name = form.get("name", "").strip()
            check_line("name", name, required=False)
            if form.get("password", "") != form.get("password_again", ""):
                raise ValidationError("password", "the two passwords differ")
            account = platform().accounts.sign_up(
                form.get("username", ""),
                form.get("password", ""),
                time_zone=form.get("time_zone", ""),
            )
        except InfointError as err:
            refused(err)
            return render_template("sign_up.html", values=_without_passwords(form)), 422
        # The account is made (its own transaction); the profile is a second write, so
        # one that fails must not leave a taken name with nobody signed in: the name
        # defaults to the user name, and the seeker can set it on the profile page.
        try:
            platform().workspace(account).set_profile(name=name or account.username)
        except InfointError as err:
            log.warning("sign-up of %s: profile not saved: %s", account.id, err)
        start_session(account)
        flash(
            f"Welcome, {name or account.username}. Add a contact, then plan an interview.", "done"
        )
        return see("seeker.agenda")
    return render_template("sign_up.html", values=values)


@auth.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Page:
    if request.method == "POST":
        form = request.form
        account = platform().accounts.sign_in(form.get("username", ""), form.get("password", ""))
        if account is None:
            flash("Wrong user name or password.", "error")
            return render_template("sign_in.html", values=_without_passwords(form)), 422
        start_session(account)
        return see("seeker.agenda")
    return render_template("sign_in.html", values={})


@auth.post("/sign-out")
def sign_out() -> Response:
    session.clear()
    flash("Signed out.", "done")
    return see("auth.sign_in")


def _without_passwords(form: MultiDict[str, str]) -> dict[str, str]:
    return {k: v for k, v in form.items() if "password" not in k}


@seeker.before_request
def require_sign_in() -> Response | None:
    if g.get("account") is None:
        flash("Sign in first.", "error")
        return see("auth.sign_in")
    return None


# ---------------------------------------------------------------- agenda and profile (G13, G21)


def agenda_link(item: AgendaItem) -> str:
    """The page that deals with an agenda item."""
    if item.interview_id is not None:
        page = AGENDA_PAGES.get(item.kind, "seeker.interview")
        return url_for(page, interview_id=item.interview_id)
    if item.kind is DueKind.MORE_VOICES and item.target_id is not None:
        return url_for("seeker.plan", target=item.target_id)
    if item.contact_id is not None:
        return url_for("seeker.contact", contact_id=item.contact_id)
    return url_for("seeker.agenda")


@seeker.get("/agenda")
def agenda() -> Page:
    items = [(item, agenda_link(item)) for item in ws().agenda()]
    return render_template("agenda.html", items=items)


@seeker.route("/profile", methods=["GET", "POST"])
def profile() -> Page:
    w = ws()
    if request.method == "POST":
        try:
            w.set_profile(name=request.form.get("name", ""), pitch=request.form.get("pitch", ""))
        except InfointError as err:
            refused(err)
            return render_template("profile.html", values=request.form, findings=[]), 422
        flash("Profile saved.", "done")
        return see("seeker.profile")
    current = w.profile()
    findings = w.lint(current.pitch, "pitch") if current.pitch.strip() else []
    values = {"name": current.name, "pitch": current.pitch}
    return render_template("profile.html", values=values, findings=findings)


# ---------------------------------------------------------------- contacts (G4, G20)


@seeker.route("/contacts", methods=["GET", "POST"])
def contacts() -> Page:
    w = ws()
    values: Mapping[str, str] = {}
    status = 200
    if request.method == "POST":
        form = request.form
        try:
            channels = [
                Channel(kind=kind, value=form.get(str(kind), "").strip())
                for kind in (ChannelKind.EMAIL, ChannelKind.PHONE)
                if form.get(str(kind), "").strip()
            ]
            contact = w.add_contact(
                form.get("name", ""),
                role=form.get("role", ""),
                organization=form.get("organization", ""),
                channels=channels,
                relationship=form.get("relationship") or Relationship.STRANGER,
                owns_business=form.get("owns_business") == "on",
                notes=form.get("notes", ""),
            )
        except InfointError as err:
            refused(err)
            values, status = form, 422
        else:
            flash(f"Added {contact.name}.", "done")
            return see("seeker.contacts")
    return render_template(
        "contacts.html", contacts=w.contacts(), values=values, relationships=list(Relationship)
    ), status


@seeker.get("/contacts/<hexid:contact_id>")
def contact(contact_id: str) -> Page:
    w = ws()
    person = w.contact(contact_id)
    return render_template(
        "contact.html",
        contact=person,
        interviews=w.interviews(contact=person),
        cadence=w.cadence(person),
        referred_by=w.contact(person.referred_by_id) if person.referred_by_id else None,
        channels=[k for k in ChannelKind if k is not ChannelKind.LINKEDIN],
    )


@seeker.post("/contacts/<hexid:contact_id>/follow-ups")
def follow_up(contact_id: str) -> Response:
    w = ws()
    person = w.contact(contact_id)
    try:
        w.log_follow_up(
            person,
            channel=request.form.get("channel", ""),
            note=request.form.get("note", ""),
            anyway=request.form.get("anyway") == "on",
        )
    except InfointError as err:
        refused(err)
    else:
        flash(f"Follow-up with {person.name} logged.", "done")
    return see("seeker.contact", contact_id=person.id)


@seeker.post("/contacts/<hexid:contact_id>/answered")
def answered(contact_id: str) -> Response:
    w = ws()
    person = w.contact(contact_id)
    try:
        w.follow_up_answered(person)
    except InfointError as err:
        refused(err)
    else:
        flash(f"{person.name} answered.", "done")
    return see("seeker.contact", contact_id=person.id)


# ---------------------------------------------------------------- interviews (G1-G11)


def _names(w: Workspace) -> tuple[dict[str, Contact], dict[str, str]]:
    return {c.id: c for c in w.contacts()}, {t.id: t.label for t in w.targets()}


@seeker.get("/interviews")
def interviews() -> Page:
    w = ws()
    people, labels = _names(w)
    return render_template(
        "interviews.html", interviews=w.interviews(), people=people, labels=labels
    )


@seeker.route("/interviews/new", methods=["GET", "POST"])
def plan() -> Page:
    w = ws()
    values: Mapping[str, Any] = {"mode": str(Mode.IN_PERSON), "minutes": "20"}
    status = 200
    if request.method == "GET":
        values = {**values, "contact": request.args.get("contact", "")}
        target_id = request.args.get("target", "")
        if target_id:
            target = w.target(target_id)
            values = {**values, "target_kind": str(target.kind), "target_name": target.name}
    else:
        form = request.form
        try:
            if not form.get("contact"):
                raise ValidationError("contact", "choose whom to interview (add a contact first)")
            if not form.get("target_name", "").strip():
                raise ValidationError("target", "name what you want to learn about (G1)")
            interview = w.plan_interview(
                form["contact"],
                targets=[f"{form.get('target_kind', '')}:{form['target_name'].strip()}"],
                purposes=form.getlist("purposes"),
                goals=lines(form, "goals"),
                mode=form.get("mode") or Mode.IN_PERSON,
                minutes=whole_number(form, "minutes", "minutes"),
                place=form.get("place", ""),
                dress_code=form.get("dress_code") or None,
                common_ground=form.get("common_ground", ""),
            )
        except InfointError as err:
            refused(err)
            values = {**form, "purposes": form.getlist("purposes")}
            status = 422
        else:
            flash("Interview planned: ask for it, or schedule it.", "done")
            for warning in w.plan_warnings(interview):
                flash(warning, "warning")
            return see("seeker.interview", interview_id=interview.id)
    return render_template(
        "plan.html",
        values=values,
        contacts=w.contacts(),
        targets=w.targets(),
        target_kinds=list(TargetKind),
        purposes=PURPOSES,
        modes=list(Mode),
        dress_codes=list(DressCode),
    ), status


@seeker.route("/interviews/log", methods=["GET", "POST"])
def log_unplanned() -> Page:
    w = ws()
    values: Mapping[str, Any] = {"contact": request.args.get("contact", "")}
    status = 200
    if request.method == "POST":
        form = request.form
        try:
            if not form.get("contact"):
                raise ValidationError("contact", "choose whom you talked to")
            at = moment(form, "at", "when")
            if at is None:
                raise ValidationError("when", "say when the conversation took place")
            name = form.get("target_name", "").strip()
            interview = w.log_interview(
                form["contact"],
                at=at,
                learned=form.get("learned", ""),
                mode=form.get("mode") or Mode.IN_PERSON,
                targets=[f"{form.get('target_kind', '')}:{name}"] if name else [],
                place=form.get("place", ""),
            )
        except InfointError as err:
            refused(err)
            values, status = form, 422
        else:
            flash("Conversation logged: now the thank-you note.", "done")
            return see("seeker.thank_you", interview_id=interview.id)
    return render_template(
        "log.html",
        values=values,
        contacts=w.contacts(),
        target_kinds=list(TargetKind),
        modes=list(Mode),
    ), status


@seeker.get("/interviews/<hexid:interview_id>")
def interview(interview_id: str) -> Page:
    w = ws()
    found = w.interview(interview_id)
    return render_template(
        "interview.html",
        interview=found,
        contact=w.contact(found.contact_id),
        targets=[w.target(t) for t in found.target_ids],
        allowed=set(lifecycle.allowed(found.status)),
        warnings=w.plan_warnings(found),
        request_channels=list(RequestChannel),
        Status=Status,
        purposes=PURPOSES,
        # When it took place: the scheduled start, unless the seeker says otherwise.
        held_input=local_input(found.starts_at),
        last_step=stepped(found.steps[-1]) if found.steps else "",
    )


@seeker.post("/interviews/<hexid:interview_id>/request")
def request_interview(interview_id: str) -> Response:
    channel = request.form.get("channel", "")
    return act(
        interview_id,
        lambda w, i: w.request_interview(i, channel=channel),
        "Request recorded.",
    )


@seeker.route("/interviews/<hexid:interview_id>/schedule", methods=["GET", "POST"])
def schedule(interview_id: str) -> Page:
    w = ws()
    found = w.interview(interview_id)
    values: Mapping[str, Any] = {
        "starts_at": local_input(found.starts_at),
        "minutes": "" if found.agreed_minutes is None else str(found.agreed_minutes),
        "place": found.place,
        "mode": str(found.mode),
        "travel_minutes": "" if found.travel_minutes is None else str(found.travel_minutes),
    }
    status = 200
    if request.method == "POST":
        form = request.form
        try:
            starts = moment(form, "starts_at", "starts at")
            if starts is None:
                raise ValidationError("starts at", "give the date and time agreed")
            w.schedule_interview(
                unchanged(found),
                starts_at=starts,
                minutes=whole_number(form, "minutes", "minutes"),
                place=form.get("place", ""),
                mode=form.get("mode") or None,
                travel_minutes=whole_number(form, "travel_minutes", "travel minutes"),
            )
        except InfointError as err:
            refused(err)
            values, status = form, 422
        else:
            flash("Scheduled. Verify date, time and place the day before (G11).", "done")
            for warning in w.plan_warnings(w.interview(found.id)):
                flash(warning, "warning")
            return see("seeker.interview", interview_id=found.id)
    contact_name = w.contact(found.contact_id).name
    return render_template(
        "schedule.html",
        interview=found,
        contact_name=contact_name,
        values=values,
        modes=list(Mode),
        zone=me().time_zone,
    ), status


@seeker.post("/interviews/<hexid:interview_id>/confirm")
def confirm(interview_id: str) -> Response:
    return act(
        interview_id,
        lambda w, i: w.confirm_interview(i),
        "Confirmed: date, time and place verified.",
    )


@seeker.post("/interviews/<hexid:interview_id>/hold")
def hold(interview_id: str) -> Response:
    at = request.form.get("at", "")

    def change(w: Workspace, interview: Interview) -> Interview:
        return w.hold_interview(interview, at=moment({"at": at}, "at", "when"))

    return act(
        interview_id, change, "Marked as held: write down what was said.", then="seeker.notes"
    )


@seeker.post("/interviews/<hexid:interview_id>/undo")
def undo(interview_id: str) -> Response:
    w = ws()
    found = w.interview(interview_id)  # missing or not ours: the 404
    try:
        done = w.undo_step(unchanged(found))
    except InfointError as err:
        refused(err)
        return see("seeker.interview", interview_id=found.id)
    now = done.interview.status
    after = f" It is {now} again." if now is not done.status_before else ""
    if done.step.action == "referred":
        after += " The person referred stays among your contacts."
    flash(f"Undid: {stepped(done.step)}.{after}", "done")
    return see("seeker.interview", interview_id=found.id)


@seeker.post("/interviews/<hexid:interview_id>/cancel")
def cancel(interview_id: str) -> Response:
    reason = request.form.get("reason", "")
    return act(
        interview_id, lambda w, i: w.cancel_interview(i, reason=reason), "Interview cancelled."
    )


@seeker.post("/interviews/<hexid:interview_id>/decline")
def decline(interview_id: str) -> Response:
    reason = request.form.get("reason", "")
    return act(
        interview_id, lambda w, i: w.decline_interview(i, reason=reason), "Marked as declined."
    )


@seeker.post("/interviews/<hexid:interview_id>/close")
def close(interview_id: str) -> Response:
    return act(interview_id, lambda w, i: w.close_interview(i), "Interview closed.")


# ---------------------------------------------------------------- the prep sheet (G5, G9-G14)


@seeker.get("/interviews/<hexid:interview_id>/prep")
def prep(interview_id: str) -> Page:
    w = ws()
    found = w.interview(interview_id)
    return render_template(
        "prep.html", interview=found, contact_name=w.contact(found.contact_id).name
    )


@seeker.get("/interviews/<hexid:interview_id>/prep-sheet")
def prep_sheet(interview_id: str) -> Response:
    """The infoint-html plugin's page, as it writes it (framed by the prep page)."""
    from infoint_html import CSP as SHEET_CSP

    w = ws()
    found = w.interview(interview_id)
    out = io.BytesIO()
    w.export("html-prep", out, interviews=[found.id])
    response = Response(out.getvalue(), mimetype="text/html")
    response.headers["Content-Security-Policy"] = f"{SHEET_CSP}; frame-ancestors 'self'"
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@seeker.post("/interviews/<hexid:interview_id>/questions")
def keep_questions(interview_id: str) -> Response:
    return act(
        interview_id,
        lambda w, i: w.suggest_questions(i, save=True),
        "Question plan kept: notes can answer its questions.",
        then="seeker.prep",
        back="seeker.prep",
    )


# ----------------------------------------------------------- notes, referrals, openings (G15, G16)


def _notes_page(w: Workspace, found: Interview, values: Mapping[str, str], status: int) -> Page:
    questions = {q.id: q.text for q in found.questions}
    return render_template(
        "notes.html",
        interview=found,
        contact_name=w.contact(found.contact_id).name,
        questions=questions,
        referrals=[(r, w.contact(r.contact_id)) for r in found.referrals],
        values=values,
        note_kinds=[NoteKind.FREE, NoteKind.ADVICE],
    ), status


@seeker.route("/interviews/<hexid:interview_id>/notes", methods=["GET", "POST"])
def notes(interview_id: str) -> Page:
    w = ws()
    found = w.interview(interview_id)
    if request.method == "POST":
        form = request.form
        try:
            w.add_note(
                unchanged(found),
                form.get("text", ""),
                kind=form.get("kind") or NoteKind.FREE,
                question=form.get("question") or None,
            )
        except InfointError as err:
            refused(err)
            return _notes_page(w, found, form, 422)
        flash("Note added.", "done")
        return see("seeker.notes", interview_id=found.id)
    return _notes_page(w, found, {}, 200)


@seeker.post("/interviews/<hexid:interview_id>/referrals")
def referral(interview_id: str) -> Page:
    w = ws()
    found = w.interview(interview_id)
    form = request.form
    try:
        email = form.get("email", "").strip()
        _, person = w.add_referral(
            unchanged(found),
            form.get("name", ""),
            role=form.get("role", ""),
            organization=form.get("organization", ""),
            channels=[Channel(kind=ChannelKind.EMAIL, value=email)] if email else [],
            note=form.get("note", ""),
        )
    except InfointError as err:
        refused(err)
        return _notes_page(w, found, form, 422)
    flash(f"{person.name} added to your contacts, referred by this interviewee.", "done")
    return see("seeker.notes", interview_id=found.id)


@seeker.post("/interviews/<hexid:interview_id>/openings")
def opening(interview_id: str) -> Page:
    w = ws()
    found = w.interview(interview_id)
    form = request.form
    try:
        after = form.get("opening_after", "").strip()
        try:
            apply_after = date.fromisoformat(after) if after else None
        except ValueError:
            raise ValidationError("apply after", f"{after!r} is not a date") from None
        changed = w.add_opening(
            unchanged(found),
            form.get("opening_title", ""),
            organization=form.get("opening_organization", ""),
            apply_after=apply_after,
        )
    except InfointError as err:
        refused(err)
        return _notes_page(w, found, form, 422)
    first = changed.openings[-1].earliest_apply_on
    flash(f"Opening noted: apply from {day(first)}, not now (G15).", "done")
    return see("seeker.notes", interview_id=found.id)


# ---------------------------------------------------------------- assessment (G17)

ASSESSMENT_FIELDS = ("went_well", "went_badly", "wish_said", "wish_not_said", "follow_up_strategy")


@seeker.route("/interviews/<hexid:interview_id>/assessment", methods=["GET", "POST"])
def assessment(interview_id: str) -> Page:
    w = ws()
    found = w.interview(interview_id)
    status = 200
    old = found.assessment
    values: Mapping[str, str] = {f: getattr(old, f) if old else "" for f in ASSESSMENT_FIELDS}
    if request.method == "POST":
        form = request.form
        try:
            w.assess_interview(
                unchanged(found),
                went_well=form.get("went_well", ""),
                went_badly=form.get("went_badly", ""),
                wish_said=form.get("wish_said", ""),
                wish_not_said=form.get("wish_not_said", ""),
                follow_up_strategy=form.get("follow_up_strategy", ""),
            )
        except InfointError as err:
            refused(err)
            values, status = form, 422
        else:
            flash("Assessment saved.", "done")
            return see("seeker.thank_you", interview_id=found.id)
    return render_template(
        "assessment.html",
        interview=found,
        contact_name=w.contact(found.contact_id).name,
        values=values,
    ), status


@seeker.post("/interviews/<hexid:interview_id>/feedback")
def feedback(interview_id: str) -> Response:
    reviewer = request.form.get("reviewer", "")
    text = request.form.get("text", "")
    return act(
        interview_id,
        lambda w, i: w.add_feedback(i, reviewer, text),
        "Feedback recorded.",
        then="seeker.assessment",
        back="seeker.assessment",
    )


# ---------------------------------------------------------------- the thank-you note (G19)


@seeker.get("/interviews/<hexid:interview_id>/thank-you")
def thank_you(interview_id: str) -> Page:
    w = ws()
    found = w.interview(interview_id)
    return render_template(
        "thank_you.html",
        interview=found,
        contact_name=w.contact(found.contact_id).name,
        review=w.thank_you_review(found),
        media=list(ThankYouMedium),
        handwritings=list(Handwriting),
    )


@seeker.post("/interviews/<hexid:interview_id>/thank-you/draft")
def draft_thank_you(interview_id: str) -> Response:
    form = request.form
    mine = form.get("action") == "save"
    text = form.get("text", "").replace("\r\n", "\n") if mine else None

    def change(w: Workspace, interview: Interview) -> object:
        return w.draft_thank_you(
            interview,
            medium=form.get("medium") or ThankYouMedium.EMAIL,
            handwriting=form.get("handwriting") or Handwriting.TYPED,
            text=text,
        )

    return act(
        interview_id,
        change,
        "Your text is kept as the draft."
        if mine
        else "Drafted: read it, change it, then send it.",
        then="seeker.thank_you",
        back="seeker.thank_you",
    )


@seeker.post("/interviews/<hexid:interview_id>/thank-you/send")
def send_thank_you(interview_id: str) -> Response:
    def change(w: Workspace, interview: Interview) -> object:
        review = w.send_thank_you(interview)
        if review.findings:
            flash(f"Sent with {len(review.findings)} thing(s) the checker flagged.", "warning")
        return review

    return act(
        interview_id,
        change,
        "Thank-you note marked as sent: the interview is thanked.",
        back="seeker.thank_you",
    )
