"""The SDK's front door: a :class:`Workspace` is one owner's view of a store.

Every use case is one method and one store transaction: it reads what it
needs, applies the domain's rules, writes, and commits, or changes nothing.
After a committed change to an interview, plugins hear of it through
``infoint_interview_changed``.

>>> from datetime import datetime, timedelta, timezone
>>> paris = timezone(timedelta(hours=1))
>>> now = datetime(2026, 11, 20, 9, 0, tzinfo=paris)  # a clock the example moves
>>> ws = Workspace.open("memory://", owner="ada", clock=lambda: now)
>>> grace = ws.add_contact("Grace Hopper", organization="US Navy")
>>> interview = ws.plan_interview(grace, targets=["occupation:Programmer"], purposes=["break-in"])
>>> interview.status
<Status.IDEA: 'idea'>
>>> start = datetime(2026, 12, 1, 14, 0, tzinfo=paris)
>>> ws.schedule_interview(interview.id[:6], starts_at=start, minutes=20).status
<Status.SCHEDULED: 'scheduled'>
>>> now = start + timedelta(minutes=30)  # only what has happened is recorded
>>> ws.hold_interview(interview.id[:6], at=start).status
<Status.HELD: 'held'>
>>> ws.add_note(interview.id, "Pipelines break on Mondays", at=start).notes[0].text
'Pipelines break on Mondays'
>>> [hit.kind for hit in ws.search("pipeline")]
['interview']
>>> ws.close()
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from typing import IO, TYPE_CHECKING, Any, Self, TypeVar

import attrs

from infoint import lifecycle
from infoint.agenda import AgendaItem, Cadence, cadence, held_at, later, thank_you_due
from infoint.errors import AmbiguousID, Conflict, NotFound, StoreError, ValidationError
from infoint.identity import Identity, PeopleIndex, describe_conflict
from infoint.limits import check_record
from infoint.model import (
    Assessment,
    Channel,
    ChannelKind,
    Contact,
    DressCode,
    Feedback,
    FollowUp,
    Handwriting,
    Interview,
    Mode,
    Note,
    NoteKind,
    Opening,
    Profile,
    Purpose,
    Referral,
    Relationship,
    Request,
    RequestChannel,
    ResearchNote,
    Status,
    Step,
    SuggestedQuestion,
    Target,
    TargetKind,
    ThankYouMedium,
    ThankYouNote,
    check_line,
)
from infoint.rules import LintContext, LintFinding, Policy, TextKind, lint
from infoint.storage import A, Query, SearchHit, Store, StoreSession, check_limit

if TYPE_CHECKING:
    # Imported by the methods that use them: every command opens a workspace, few
    # plan, export, import or draw the network (pathlib alone costs milliseconds).
    from pathlib import Path

    from infoint.exchange import ExportData, ImportReport
    from infoint.network import NetworkNode
    from infoint.planning import PlanContext, PrepSheet, QuestionPlan
    from infoint.plugins import InfointPluginManager
    from infoint.stats import Stats

DB_ENV = "INFOINT_DB"
OWNER_ENV = "INFOINT_OWNER"
SHORT_ID = 8
"""How many characters of an ID the CLI shows."""

R = TypeVar("R", Contact, Target, Interview)
ContactRef = str | Contact
TargetRef = str | Target
InterviewRef = str | Interview


@attrs.frozen(kw_only=True)
class InterviewChanged:
    """What ``infoint_interview_changed`` receives after a committed change."""

    owner: str
    action: str
    """The use case: ``planned``, ``scheduled``, ``held``, ``noted``, ..."""
    interview: Interview


def default_url() -> str:
    """``INFOINT_DB``, else ``infoint.db`` in the user's data folder."""
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return from_env
    return "sqlite:///" + str(default_folder() / "infoint.db")


def default_folder() -> Path:
    """The user's data folder for infoint (``~/.local/share/infoint`` on Linux)."""
    import platformdirs

    return platformdirs.user_data_path("infoint", appauthor=False)


def _make_private_folder(folder: Path) -> None:
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700)
        os.chmod(path, 0o700)  # exactly, whatever the umask


def default_owner() -> str:
    """``INFOINT_OWNER``, else the name of the user running the program."""
    from_env = os.environ.get(OWNER_ENV, "").strip()
    if from_env:
        return from_env
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, as in some containers
        return "me"


def local_now() -> datetime:
    """The current time in the machine's named time zone (aware)."""
    from infoint.timezones import local_now as now

    return now()


def new_id() -> str:
    """A random 32-character hexadecimal ID."""
    return uuid.uuid4().hex


def open_store(url: str | None = None, *, plugins: InfointPluginManager | None = None) -> Store:
    """The store at ``url``, for many owners: what a platform opens once, then gives to
    a :class:`Workspace` per owner (which borrow it), and closes itself at the end.

    ``url`` defaults to :func:`default_url`; a bare path means SQLite. The scheme
    picks the backend among the ``infoint_storage_backends`` of the plugins
    (``postgresql+psycopg://...`` needs the infoint-sql plugin).
    """
    from infoint.plugins import make_plugin_manager

    pm = plugins if plugins is not None else make_plugin_manager()
    if url is not None and not url.strip():
        raise StoreError("the database URL is empty")
    if url is None:
        url = default_url()
        if url == "sqlite:///" + str(default_folder() / "infoint.db"):
            _make_private_folder(default_folder())  # only the default location is made
    scheme = url.split("://", 1)[0] if "://" in url else "sqlite"
    backends = pm.provided("infoint_storage_backends")
    scheme_base = scheme.split("+", 1)[0]
    factory = backends.get(scheme) or backends.get(scheme_base)
    if factory is None:
        known = ", ".join(sorted(backends)) or "none"
        raise StoreError(f"no storage backend for {scheme}:// URLs (installed: {known})")
    store: Store = factory(url)
    return store


class Workspace:
    """One owner's interviews, contacts and targets in one store.

    Args:
        store: where records live. A Workspace made this way borrows the store:
            :meth:`close` leaves it open, for the other owners' Workspaces on
            it (a platform closes its store itself). One made by :meth:`open`
            opened its store and closes it.
        owner: whose records these are; nothing else is visible.
        plugins: the plugin manager (default: a fresh one).
        policy: the domain's numbers (default :class:`~infoint.rules.Policy`).
        clock: returns the current aware datetime; tests pass a fixed one.
    """

    def __init__(
        self,
        store: Store,
        owner: str,
        *,
        plugins: InfointPluginManager | None = None,
        policy: Policy | None = None,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        self.store = store
        self.owner = owner
        self._plugins = plugins
        self.policy = policy or Policy()
        self._clock = clock
        self._owns_store = False

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        owner: str | None = None,
        plugins: InfointPluginManager | None = None,
        policy: Policy | None = None,
        clock: Callable[[], datetime] = local_now,
    ) -> Self:
        """Open the store at ``url`` for ``owner``.

        ``url`` defaults to :func:`default_url`; a bare path means SQLite.
        The scheme picks the backend among the ``infoint_storage_backends``
        of the plugins.
        """
        from infoint.plugins import make_plugin_manager

        pm = plugins if plugins is not None else make_plugin_manager()
        if owner is not None and not owner.strip():
            raise StoreError("the owner name is empty")
        store = open_store(url, plugins=pm)
        workspace = cls(store, owner or default_owner(), plugins=pm, policy=policy, clock=clock)
        workspace._owns_store = True
        return workspace

    @property
    def plugins(self) -> InfointPluginManager:
        """The plugin manager, made on first use."""
        if self._plugins is None:
            from infoint.plugins import make_plugin_manager

            self._plugins = make_plugin_manager()
        return self._plugins

    def now(self) -> datetime:
        """The workspace clock's current time."""
        value = self._clock()
        if value.tzinfo is None:
            raise ValidationError("clock", "the clock must return aware datetimes")
        return value

    def close(self) -> None:
        """Close the store if this Workspace opened it (:meth:`open`); a borrowed one
        (passed to the constructor) stays open for whoever else uses it."""
        if self._owns_store:
            self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _session(self, *, write: bool = False) -> Iterator[StoreSession]:
        """A store session for the owner; a write session refuses a record beyond the
        policy's bounds (see :mod:`infoint.limits`). Sessions hold loads and saves only:
        what takes time (linting, drafting, parsing) happens between them."""
        with self.store.session(self.owner, write=write) as session:
            yield _Bounded(session, self.policy) if write else session

    # ------------------------------------------------------------ resolving references

    def _resolve(self, s: StoreSession, kind: type[R], ref: str | R) -> R:
        if isinstance(ref, kind):
            current = s.get(kind, ref.id)
            if current.version != ref.version:
                raise Conflict(
                    f"{_kind(kind)} {ref.id[:SHORT_ID]} was changed elsewhere (now version"
                    f" {current.version}, yours is {ref.version}); reload it and try again"
                )
            return current
        if not isinstance(ref, str):
            raise ValidationError(_kind(kind), f"expected an ID or a {kind.__name__}, got {ref!r}")
        text = ref.strip()
        if not text:
            raise ValidationError(_kind(kind), "an empty ID matches nothing")
        if any("\ud800" <= c <= "\udfff" or c == "\x00" for c in text):
            raise ValidationError(_kind(kind), f"{text!r} contains bytes that are not text")
        if kind is Target:
            by_label = self._target_by_label(s, text)
            if by_label is not None:
                return by_label  # type: ignore[return-value]
        try:
            return s.get(kind, text)
        except NotFound:
            pass
        if kind is Contact:
            named = s.find(Contact, Query(label=text))
            if len(named) == 1:
                return named[0]  # type: ignore[return-value]
            if len(named) > 1:
                raise AmbiguousID(
                    f"{len(named)} contacts are named {text!r}; use an ID: "
                    + ", ".join(c.id[:SHORT_ID] for c in named)
                )
        ids = s.ids_with_prefix(kind, text.lower(), limit=6)
        if len(ids) == 1:
            return s.get(kind, ids[0])
        if len(ids) > 1:
            shown = ", ".join(i[: len(text) + 4] for i in ids[:5])
            raise AmbiguousID(
                f"ID {text!r} matches more than one {_kind(kind)} ({shown}); give more of it"
            )
        raise NotFound(f"no {_kind(kind)} matches {text!r}")

    def _target_by_label(self, s: StoreSession, text: str) -> Target | None:
        kind, sep, name = text.partition(":")
        if not sep or kind.strip().lower() not in set(TargetKind):
            return None
        wanted = kind.strip().lower()
        found = [t for t in s.find(Target, Query(label=name.strip())) if t.kind == wanted]
        return found[0] if found else None

    # ------------------------------------------------------------ profile (G13)

    def profile(self) -> Profile:
        """The seeker's profile (empty until set)."""
        with self._session() as s:
            try:
                return s.get(Profile, "profile")
            except NotFound:
                return Profile()

    def set_profile(self, *, name: str | None = None, pitch: str | None = None) -> Profile:
        """Change the seeker's name or 30-second pitch (G13)."""
        with self._session(write=True) as s:
            try:
                current = s.get(Profile, "profile")
            except NotFound:
                current = None
            changes = _given(name=name, pitch=pitch)
            if current is None:
                return s.add(Profile(**changes))
            return s.update(attrs.evolve(current, **changes))

    # ------------------------------------------------------------ contacts (G4)

    def add_contact(
        self,
        name: str,
        *,
        role: str = "",
        organization: str = "",
        channels: Sequence[Channel] = (),
        relationship: Relationship | str = Relationship.STRANGER,
        introducer: ContactRef | None = None,
        referred_by: ContactRef | None = None,
        owns_business: bool = False,
        notes: str = "",
        new: bool = False,
    ) -> Contact:
        """Record a person to interview (or who introduces or refers one).

        One existing contact who is the same person (G25: see
        :meth:`identify_contact`) is returned instead, with what it lacked of
        these details added; when several could be, nothing is guessed and
        :class:`SamePersonUnclear` lists them. ``new=True`` always adds.
        """
        with self._session(write=True) as s:
            contact = Contact(
                id=new_id(),
                name=_trim(name),
                role=_trim(role),
                organization=_trim(organization),
                channels=channels,
                relationship=relationship,
                introducer_id=self._resolve(s, Contact, introducer).id if introducer else None,
                referred_by_id=self._resolve(s, Contact, referred_by).id if referred_by else None,
                owns_business=owns_business,
                notes=notes,
            )
            if new:
                return s.add(contact)
            match = self._identify(s, contact)
            if match.contact is not None:
                linked = _link(match.contact, contact, self.policy.phone_region)
                return linked if linked == match.contact else s.update(linked)
            if match.candidates:
                raise SamePersonUnclear(contact.name, match.candidates)
            return s.add(contact)

    def identify_contact(
        self, name: str, *, organization: str = "", channels: Sequence[Channel] = ()
    ) -> ContactMatch:
        """Who a person with these details is among the contacts (G25), matched by name
        (ignoring case, accents and spacing): the one contact they are, the several they
        could be, and namesakes an e-mail address, profile or phone number tells apart."""
        check_line("name", name, required=True)
        check_line("organization", organization, required=False)
        person = Contact(
            id="-", name=_trim(name), organization=_trim(organization), channels=channels
        )
        with self._session() as s:
            return self._identify(s, person)

    def _identify(
        self, s: StoreSession, person: Contact, exclude: str | None = None
    ) -> ContactMatch:
        region = self.policy.phone_region
        namesakes = {c.id: c for c in s.find(Contact, Query(label=person.name)) if c.id != exclude}
        index = PeopleIndex()
        for contact in namesakes.values():
            known = Identity.of(contact.name, contact.organization, contact.channels, region)
            index.put(contact.id, known)
        identity = Identity.of(person.name, person.organization, person.channels, region)
        found = index.resolve(identity)
        why = describe_conflict(found.conflict) if found.namesakes else ""
        return ContactMatch(
            contact=namesakes[found.same] if found.same else None,
            candidates=tuple(namesakes[k] for k in found.candidates),
            namesakes=tuple(namesakes[k] for k in found.namesakes),
            why=why,
        )

    def merge_contacts(
        self, keep: ContactRef, other: ContactRef, *, dry_run: bool = False
    ) -> ContactMerge:
        """Join two contacts the seeker knows are one person, in one transaction: ``keep``
        gains ``other``'s channels (and details it lacks); interviews, referrals,
        requests arranged through them, introductions and follow-ups move to ``keep``;
        ``other`` is removed. ``dry_run`` says what would move and changes nothing."""
        with self._session(write=not dry_run) as s:
            kept, gone = self._resolve(s, Contact, keep), self._resolve(s, Contact, other)
            if kept.id == gone.id:
                raise ValidationError("contact", "a contact cannot be merged with itself")
            interviews, contacts, moves = _contact_moves(
                kept, gone, s.find(Interview), s.find(Contact, Query(ref=gone.id))
            )
            joined = _link(kept, gone, self.policy.phone_region)
            joined = attrs.evolve(
                joined,
                introducer_id=_other_than(
                    joined.introducer_id or gone.introducer_id, kept.id, gone.id
                ),
                referred_by_id=_other_than(
                    joined.referred_by_id or gone.referred_by_id, kept.id, gone.id
                ),
                owns_business=kept.owns_business or gone.owns_business,
            )
            moved: list[Interview] = []
            if not dry_run:
                moved = [s.update(interview) for interview in interviews]
                for contact in contacts:
                    s.update(contact)
                s.remove(Contact, gone.id, gone.version)
                if joined != kept:
                    joined = s.update(joined)
        for interview in moved:
            self._changed("contact-merged", interview)
        from infoint.identity import gained

        return attrs.evolve(moves, kept=joined, gained=gained(kept, joined), dry_run=dry_run)

    def edit_contact(
        self,
        ref: ContactRef,
        *,
        name: str | None = None,
        role: str | None = None,
        organization: str | None = None,
        relationship: Relationship | str | None = None,
        introducer: ContactRef | None = None,
        referred_by: ContactRef | None = None,
        owns_business: bool | None = None,
        notes: str | None = None,
        set_channels: Mapping[ChannelKind | str, str | Sequence[str]] | None = None,
    ) -> Contact:
        """Change a contact's details; ``set_channels`` replaces the channels of each kind
        given with the value(s) given ("" removes them)."""
        with self._session(write=True) as s:
            contact = self._resolve(s, Contact, ref)
            changes: dict[str, Any] = _given(
                name=name,
                role=role,
                organization=organization,
                relationship=relationship,
                owns_business=owns_business,
                notes=notes,
            )
            if introducer is not None:
                changes["introducer_id"] = self._resolve(s, Contact, introducer).id
            if referred_by is not None:
                changes["referred_by_id"] = self._resolve(s, Contact, referred_by).id
            if set_channels:
                kinds = {ChannelKind(k): _listed(v) for k, v in set_channels.items()}
                kept = [c for c in contact.channels if c.kind not in kinds]
                added = [Channel(kind=k, value=v) for k, vs in kinds.items() for v in vs if v]
                changes["channels"] = (*kept, *added)
            if not changes:
                raise ValidationError("contact", "nothing to change was given")
            return s.update(attrs.evolve(contact, **changes))

    def contacts_named(self, name: str) -> list[Contact]:
        """Contacts whose name is exactly ``name`` (ignoring case)."""
        check_line("name", name, required=False)
        with self._session() as s:
            return s.find(Contact, Query(label=_trim(name)))

    def contact(self, ref: ContactRef) -> Contact:
        """A contact by ID, unique ID prefix, or exact name."""
        with self._session() as s:
            return self._resolve(s, Contact, ref)

    def contacts(self, *, referred_by: ContactRef | None = None) -> list[Contact]:
        """All contacts by name, or those referred by one contact."""
        with self._session() as s:
            if referred_by is None:
                return s.find(Contact)
            referrer = self._resolve(s, Contact, referred_by)
            return [
                c
                for c in s.find(Contact, Query(ref=referrer.id))
                if c.referred_by_id == referrer.id
            ]

    # ------------------------------------------------------------ targets (G1, G3)

    def add_target(
        self, kind: TargetKind | str, name: str, *, notes: str = "", goals: Sequence[str] = ()
    ) -> Target:
        """Record an occupation, company or industry to learn about."""
        with self._session(write=True) as s:
            return self._add_target(s, TargetKind(kind), name, notes=notes, goals=goals)

    def _add_target(
        self,
        s: StoreSession,
        kind: TargetKind,
        name: str,
        *,
        notes: str = "",
        goals: Sequence[str] = (),
    ) -> Target:
        existing = self._target_by_label(s, f"{kind}:{_trim(name)}")
        if existing is not None:
            raise Conflict(f"target {existing.label} exists already ({existing.id[:SHORT_ID]})")
        return s.add(Target(id=new_id(), kind=kind, name=_trim(name), notes=notes, goals=goals))

    def target(self, ref: TargetRef) -> Target:
        """A target by ID, unique prefix, or ``kind:name``."""
        with self._session() as s:
            return self._resolve(s, Target, ref)

    def targets(self) -> list[Target]:
        """All targets by name."""
        with self._session() as s:
            return s.find(Target)

    def _targets_for(self, s: StoreSession, refs: Sequence[TargetRef]) -> tuple[str, ...]:
        ids: list[str] = []
        for ref in refs:
            try:
                target = self._resolve(s, Target, ref)
            except NotFound:
                kind, sep, name = ref.partition(":") if isinstance(ref, str) else ("", "", "")
                if not sep or kind.strip().lower() not in set(TargetKind):
                    raise NotFound(
                        f"no target matches {ref!r}; name a new one as KIND:NAME with KIND one of"
                        f" {', '.join(TargetKind)}"
                    ) from None
                target = self._add_target(s, TargetKind(kind.strip().lower()), name)
            if target.id not in ids:
                ids.append(target.id)
        return tuple(ids)

    # ------------------------------------------------------------ interviews

    def plan_interview(
        self,
        contact: ContactRef,
        *,
        targets: Sequence[TargetRef],
        purposes: Sequence[Purpose | str],
        goals: Sequence[str] = (),
        research: Sequence[ResearchNote] = (),
        mode: Mode | str = Mode.IN_PERSON,
        minutes: int | None = None,
        place: str = "",
        travel_minutes: int | None = None,
        dress_code: DressCode | str | None = None,
        common_ground: str = "",
    ) -> Interview:
        """Start an interview as an idea: whom, about what (G1), why (G2), goals (G3).

        A target given as ``kind:name`` that does not exist yet is created.
        """
        targets, purposes, goals = _listed(targets), _listed(purposes), _listed(goals)
        if not targets:
            raise ValidationError("targets", "an interview has at least one target (G1)")
        if not purposes:
            raise ValidationError("purposes", "an interview has at least one purpose (G2)")
        with self._session(write=True) as s:
            person = self._resolve(s, Contact, contact)
            interview = Interview(
                id=new_id(),
                contact_id=person.id,
                history=lifecycle.start(Status.IDEA, self.now()),
                target_ids=self._targets_for(s, targets),
                purposes=list(dict.fromkeys(Purpose(p) for p in purposes)),
                goals=goals,
                research=research,
                mode=Mode(mode),
                agreed_minutes=minutes,
                place=place,
                travel_minutes=travel_minutes,
                dress_code=None if dress_code is None else DressCode(dress_code),
                common_ground=common_ground,
            )
            stored = s.add(interview)
        self._changed("planned", stored)
        return stored

    def log_interview(
        self,
        contact: ContactRef,
        *,
        at: datetime,
        learned: str,
        mode: Mode | str = Mode.IN_PERSON,
        targets: Sequence[TargetRef] = (),
        minutes: int | None = None,
        place: str = "",
    ) -> Interview:
        """Record an unplanned interview after the fact (G8): who, when, what was learned.

        It starts as held, so every later step (notes, assessment, thank-you,
        follow-up) applies.
        """
        with self._session(write=True) as s:
            person = self._resolve(s, Contact, contact)
            interview = Interview(
                id=new_id(),
                contact_id=person.id,
                history=lifecycle.start(Status.HELD, at, "unplanned"),
                target_ids=self._targets_for(s, targets),
                mode=Mode(mode),
                agreed_minutes=minutes,
                starts_at=at,
                place=place,
                unplanned=True,
                notes=[Note(id=new_id(), text=learned, at=at)],
            )
            lifecycle.check_happened(at, self.now(), skew=self._skew, what="the conversation")
            stored = s.add(interview)
        self._changed("logged", stored)
        return stored

    def request_interview(
        self,
        ref: InterviewRef,
        *,
        channel: RequestChannel | str,
        at: datetime | None = None,
        via: ContactRef | None = None,
    ) -> Interview:
        """Record that the interview was asked for, how (G6) and when (not in the future)."""
        now = self.now()
        when = at or now

        def change(s: StoreSession, interview: Interview) -> Interview:
            request = Request(
                channel=RequestChannel(channel),
                asked_at=when,
                via=self._resolve(s, Contact, via).id if via else None,
            )
            moved = self._happened(interview, Status.REQUESTED, when, now, "the request")
            return attrs.evolve(moved, request=request)

        return self._change(ref, "requested", change, reads_others=bool(via))

    def schedule_interview(
        self,
        ref: InterviewRef,
        *,
        starts_at: datetime,
        minutes: int | None = None,
        place: str | None = None,
        mode: Mode | str | None = None,
        travel_minutes: int | None = None,
    ) -> Interview:
        """Set (or move) the date, time, length and place; a moved interview must be
        verified again (G11)."""

        def change(s: StoreSession, interview: Interview) -> Interview:
            when = starts_at.isoformat(" ", "minutes") if isinstance(starts_at, datetime) else ""
            moved = lifecycle.advance(interview, Status.SCHEDULED, self.now(), f"for {when}")
            changes: dict[str, Any] = _given(
                agreed_minutes=minutes, place=place, travel_minutes=travel_minutes
            )
            if mode is not None:
                changes["mode"] = Mode(mode)
            return attrs.evolve(moved, starts_at=starts_at, **changes)

        return self._change(ref, "scheduled", change)

    def confirm_interview(self, ref: InterviewRef, *, at: datetime | None = None) -> Interview:
        """The day-before verification of date, time and place is done (G11)."""

        now = self.now()

        def change(s: StoreSession, interview: Interview) -> Interview:
            when = at or now
            return self._happened(interview, Status.CONFIRMED, when, now, "the day-before check")

        return self._change(ref, "confirmed", change)

    def hold_interview(self, ref: InterviewRef, *, at: datetime | None = None) -> Interview:
        """The interview took place (now, or ``at``).

        Not before its scheduled start (G26): an interview that really took place
        earlier is held with ``at`` set to that time, and its schedule moves with it.
        """
        now = self.now()

        def change(s: StoreSession, interview: Interview) -> Interview:
            starts = interview.starts_at
            if at is None and starts is not None and _utc(now) + self._skew < _utc(starts):
                raise ValidationError(
                    "at",
                    f"interview {interview.id[:SHORT_ID]} is scheduled for"
                    f" {lifecycle.when(starts, now.tzinfo)}, so it cannot be held yet; if it"
                    " took place earlier, give the time it really did and the schedule moves"
                    " with it",
                )
            when = at or now
            last = lifecycle.last_stamp(interview)
            late = starts is not None and _utc(starts) <= _utc(now)
            if at is not None and late and _utc(at) < _utc(last.at):
                # Recorded after the fact: the schedule was entered after the meeting.
                raise ValidationError(
                    "at",
                    f"{lifecycle.when(at, now.tzinfo)} is before the interview's previous step"
                    f" ({last.status}, {lifecycle.when(last.at, now.tzinfo)}); to record now"
                    " that it took place at its scheduled start, hold it without a time",
                )
            held = self._happened(interview, Status.HELD, when, now, "the conversation")
            if starts is not None and _utc(when) < _utc(starts):
                held = attrs.evolve(held, starts_at=when)
            return held

        return self._change(ref, "held", change)

    def cancel_interview(
        self, ref: InterviewRef, *, reason: str = "", at: datetime | None = None
    ) -> Interview:
        """The seeker calls it off (from any open state)."""

        now = self.now()

        def change(s: StoreSession, interview: Interview) -> Interview:
            when = at or now
            return self._happened(
                interview, Status.CANCELLED, when, now, "the cancellation", reason
            )

        return self._change(ref, "cancelled", change)

    def decline_interview(
        self, ref: InterviewRef, *, reason: str = "", at: datetime | None = None
    ) -> Interview:
        """The contact said no (from any open state)."""

        now = self.now()

        def change(s: StoreSession, interview: Interview) -> Interview:
            when = at or now
            return self._happened(interview, Status.DECLINED, when, now, "their answer", reason)

        return self._change(ref, "declined", change)

    def interview(self, ref: InterviewRef) -> Interview:
        """An interview by ID or unique ID prefix."""
        with self._session() as s:
            return self._resolve(s, Interview, ref)

    def interviews(
        self,
        *,
        status: Sequence[Status | str] | None = None,
        contact: ContactRef | None = None,
        target: TargetRef | None = None,
    ) -> list[Interview]:
        """Interviews by start time (unscheduled last), optionally filtered."""
        with self._session() as s:
            query = Query(
                status=None if status is None else {str(Status(x)) for x in status},
                contact_id=self._resolve(s, Contact, contact).id if contact else None,
                ref=self._resolve(s, Target, target).id if target else None,
            )
            return s.find(Interview, query)

    # ------------------------------------------------------------ notes (G16) and search

    def add_note(
        self,
        ref: InterviewRef,
        text: str,
        *,
        kind: NoteKind | str = NoteKind.FREE,
        question: str | None = None,
        at: datetime | None = None,
    ) -> Interview:
        """Record what was said: free-form, advice, or the answer to a planned question."""
        note_kind = NoteKind(kind)

        def change(s: StoreSession, interview: Interview) -> Interview:
            if interview.status in _NO_NOTES:
                then = (
                    "notes record what was said, so schedule or hold it first"
                    if interview.status in lifecycle.OPEN
                    else "it did not take place, so there is nothing to note"
                )
                raise ValidationError(
                    "note", f"interview {interview.id[:SHORT_ID]} is {interview.status}; {then}"
                )
            question_id = None
            if question is not None:
                names = {q.id: q.id.split(":", 1)[-1] for q in interview.questions}
                matches = [q for q in interview.questions if question in (q.id, names[q.id])] or [
                    q
                    for q in interview.questions
                    if q.id.startswith(question) or names[q.id].startswith(question)
                ]
                if len(matches) > 1:
                    raise AmbiguousID(
                        f"{question!r} matches {len(matches)} planned questions of interview"
                        f" {interview.id[:SHORT_ID]}; give more of it"
                    )
                if not matches:
                    raise NotFound(
                        f"interview {interview.id[:SHORT_ID]} has no planned question {question!r}"
                    )
                question_id = matches[0].id
            note = Note(
                id=new_id(),
                text=text,
                kind=NoteKind.ANSWER if question_id and note_kind is NoteKind.FREE else note_kind,
                question_id=question_id,
                at=at or self.now(),
            )
            return attrs.evolve(interview, notes=(*interview.notes, note))

        return self._change(ref, "noted", change)

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Records whose notes, research, goals (or a contact's details) contain every
        word of ``text`` (each word matched as the start of a word); at most ``limit``
        of them (a whole number of at least 1), best first."""
        check_limit(limit)
        with self._session() as s:
            return s.search(text, limit=limit)

    # ------------------------------------------------------------ questions and prep (G5-G14)

    def plan_context(self, ref: InterviewRef) -> PlanContext:
        """What question generators see of one interview."""
        with self._session() as s:
            interview = self._resolve(s, Interview, ref)
            return self._context(s, interview)

    def _context(self, s: StoreSession, interview: Interview) -> PlanContext:
        from infoint.planning import PlanContext

        try:
            profile = s.get(Profile, "profile")
        except NotFound:
            profile = Profile()
        return PlanContext(
            interview=interview,
            contact=s.get(Contact, interview.contact_id),
            targets=[s.get(Target, t) for t in interview.target_ids],
            profile=profile,
        )

    def suggestions(self, context: PlanContext) -> list[SuggestedQuestion]:
        """Every installed generator's suggestions; one that fails is a warning, not fatal."""
        from infoint.plugins import PluginWarning

        found: list[SuggestedQuestion] = []
        generators = self.plugins.provided("infoint_question_generators")
        for name, generator in sorted(generators.items()):
            try:
                # All or nothing: a generator that fails half-way contributes nothing.
                made = [
                    item if item.source else attrs.evolve(item, source=name)
                    for item in generator.generate(context)
                ]
                found += made
            except Exception as err:
                warnings.warn(
                    f"question generator {name} failed: {err}", PluginWarning, stacklevel=2
                )
        return found

    def lint_rules(self) -> list[Any]:
        """Every installed lint rule (G13, G15, G19)."""
        from infoint.plugins import GuardedLintRule

        rules = self.plugins.provided("infoint_lint_rules").values()
        return [GuardedLintRule(rule) for rule in rules]

    def lint(
        self, text: str, kind: TextKind | str = TextKind.MESSAGE, *, names: Sequence[str] = ()
    ) -> list[LintFinding]:
        """What the etiquette rules flag in ``text`` (a question, message, pitch or note);
        ``names`` are proper names it may use (not spelling errors)."""
        context = LintContext(kind=TextKind(kind), policy=self.policy, names=tuple(names))
        return lint(text, self.lint_rules(), context)

    def plan_warnings(self, interview: Interview) -> list[str]:
        """What to tell the seeker about a plan as it stands: a length outside G7, and
        goals a rule flags (they will not become questions, G15)."""
        from infoint.planning import length_warnings

        notes = []
        if interview.agreed_minutes is not None:
            notes += length_warnings(interview.mode, interview.agreed_minutes, self.policy)
        for goal in interview.goals:
            for finding in self.lint(goal, TextKind.QUESTION):
                notes.append(
                    f"goal {goal!r}: {finding.message}; it will not be asked as a question"
                )
        return notes

    def suggest_questions(
        self, ref: InterviewRef, *, minutes: int | None = None, save: bool = False
    ) -> QuestionPlan:
        """The questions for an interview, fitted into its agreed (or given) minutes (G14).

        With ``save`` the plan is kept on the interview, so notes can answer
        its questions and the prep sheet shows it as planned.
        """
        from infoint.planning import plan_questions

        with self._session() as s:
            context = self._context(s, self._resolve(s, Interview, ref))
        plan = plan_questions(
            context, self.suggestions(context), self.lint_rules(), self.policy, minutes=minutes
        )
        if save:
            self._change(
                context.interview,
                "questions-planned",
                lambda s, i: attrs.evolve(i, questions=plan.questions),
            )
        return plan

    def prep_sheet(self, ref: InterviewRef, *, minutes: int | None = None) -> PrepSheet:
        """The sheet to read the night before (G5, G9-G14): saved questions if there are
        any (and no other length is asked for), else a fresh plan."""
        from infoint.planning import build_prep_sheet, plan_questions

        with self._session() as s:
            interview = self._resolve(s, Interview, ref)
            context = self._context(s, interview)
            introducer = None
            if context.contact.introducer_id:
                try:
                    introducer = s.get(Contact, context.contact.introducer_id)
                except NotFound:
                    introducer = None
        plan = plan_questions(
            context, self.suggestions(context), self.lint_rules(), self.policy, minutes=minutes
        )
        if interview.questions and minutes is None:
            plan = attrs.evolve(
                plan,
                questions=interview.questions,
                used_seconds=sum(q.seconds for q in interview.questions),
            )
        return build_prep_sheet(context, plan, self.policy, introducer=introducer)

    # ------------------------------------------------------------ referrals and the network (G16)

    def add_referral(
        self,
        ref: InterviewRef,
        name: str | None = None,
        *,
        contact: ContactRef | None = None,
        role: str = "",
        organization: str = "",
        channels: Sequence[Channel] = (),
        note: str = "",
        at: datetime | None = None,
        new: bool = False,
    ) -> tuple[Interview, Contact]:
        """The interviewee pointed the seeker to someone (G16).

        ``contact`` links an existing contact; otherwise ``name`` links the contact
        who is the same person (G25, as :meth:`identify_contact` finds them, with
        what the contact lacked of these details added), or makes a new one
        (``new=True``: always). When several contacts could be the person, nothing
        is guessed: :class:`SamePersonUnclear` lists them. The person's
        ``referred_by`` becomes the interviewee (unless someone referred them
        first), so the network grows as a graph.
        """
        when = at or self.now()
        with self._session(write=True) as s:
            interview = self._resolve(s, Interview, ref)
            _require_took_place(interview, "referrals come from the conversation")
            if contact is not None:
                person = self._resolve(s, Contact, contact)
            elif name is not None and name.strip():
                given = Contact(
                    id=new_id(),
                    name=_trim(name),
                    role=_trim(role),
                    organization=_trim(organization),
                    channels=channels,
                    referred_by_id=interview.contact_id,
                )
                match = None if new else self._identify(s, given)
                if match is not None and match.contact is not None:
                    person = _link(match.contact, given, self.policy.phone_region)
                    if person != match.contact:
                        person = s.update(person)
                elif match is not None and match.candidates:
                    raise SamePersonUnclear(given.name, match.candidates)
                else:
                    person = s.add(given)
            else:
                raise ValidationError("referral", "give the person's name or an existing contact")
            if person.id == interview.contact_id:
                raise ValidationError("referral", "the interviewee cannot refer themselves")
            if person.referred_by_id is None:
                person = s.update(attrs.evolve(person, referred_by_id=interview.contact_id))
            if any(r.contact_id == person.id for r in interview.referrals):
                raise Conflict(f"{person.name} is already a referral of this interview")
            referral = Referral(contact_id=person.id, at=when, note=note)
            changed = attrs.evolve(interview, referrals=(*interview.referrals, referral))
            stored = s.update(self._step(interview, changed, "referred"))
        self._changed("referred", stored)
        return stored, person

    def network(self) -> list[NetworkNode]:
        """Everyone, as a forest: who referred or introduced whom (G4, G16)."""
        from infoint.network import build_network

        with self._session() as s:
            return build_network(s.find(Contact), s.find(Interview))

    def chain(self, ref: ContactRef) -> list[Contact]:
        """The path from someone the seeker knew first-hand down to this contact."""
        from infoint.network import chain

        with self._session() as s:
            person = self._resolve(s, Contact, ref)
            return chain(s.find(Contact), person.id)

    def pending_referrals(self) -> list[Contact]:
        """People the seeker was pointed to but has not asked for an interview yet."""
        from infoint.network import pending

        with self._session() as s:
            return pending(s.find(Contact), s.find(Interview))

    # ------------------------------------------------------------ openings (G15)

    def add_opening(
        self,
        ref: InterviewRef,
        title: str,
        *,
        organization: str = "",
        notes: str = "",
        apply_after: date | None = None,
        at: datetime | None = None,
    ) -> Interview:
        """Record an opening heard of in the interview, to apply for later (G15).

        The earliest day to apply is the policy's wait after the thank-you
        note (after it is due, while it is not sent yet), or ``apply_after``
        (what the interviewee said) when that is later.
        """
        when = at or self.now()

        def change(s: StoreSession, interview: Interview) -> Interview:
            _require_took_place(interview, "openings are heard of in the conversation")
            sent = interview.thank_you.sent_at if interview.thank_you else None
            base = sent or thank_you_due(interview, self.policy) or when
            earliest = later(base, timedelta(days=self.policy.opening_wait_days)).date()
            if apply_after is not None and apply_after > earliest:
                earliest = apply_after
            opening = Opening(
                title=title,
                found_at=when,
                earliest_apply_on=earliest,
                organization=organization,
                notes=notes,
            )
            return attrs.evolve(interview, openings=(*interview.openings, opening))

        return self._change(ref, "opening-added", change)

    def mark_applied(
        self, ref: InterviewRef, number: int, *, at: datetime | None = None
    ) -> Interview:
        """The seeker applied for opening ``number`` (1-based) of the interview."""
        when = at or self.now()

        def change(s: StoreSession, interview: Interview) -> Interview:
            if not 1 <= number <= len(interview.openings):
                raise NotFound(
                    f"interview {interview.id[:SHORT_ID]} has {len(interview.openings)}"
                    f" opening(s); there is no number {number}"
                )
            openings = list(interview.openings)
            opening = openings[number - 1]
            if opening.applied_at is not None:
                raise Conflict(
                    f"opening {number} ({opening.title}) was marked applied"
                    f" {opening.applied_at.isoformat(' ', 'minutes')}"
                )
            openings[number - 1] = attrs.evolve(opening, applied_at=when)
            return attrs.evolve(interview, openings=tuple(openings))

        return self._change(ref, "applied", change)

    # ------------------------------------------------------------ assessment (G17)

    def assess_interview(
        self,
        ref: InterviewRef,
        *,
        went_well: str | None = None,
        went_badly: str | None = None,
        wish_said: str | None = None,
        wish_not_said: str | None = None,
        follow_up_strategy: str | None = None,
        at: datetime | None = None,
    ) -> Interview:
        """Record (or add to) the seeker's assessment; a held interview becomes assessed."""
        now = self.now()
        when = at or now
        given = _given(
            went_well=went_well,
            went_badly=went_badly,
            wish_said=wish_said,
            wish_not_said=wish_not_said,
            follow_up_strategy=follow_up_strategy,
        )

        def change(s: StoreSession, interview: Interview) -> Interview:
            _require_took_place(interview, "an assessment looks back on the conversation")
            if not any(v.strip() for v in given.values()):
                raise ValidationError(
                    "assessment", "nothing to record: say what went well, or badly, or ..."
                )
            if interview.status in lifecycle.OPEN:
                raise ValidationError(
                    "assessment",
                    f"interview {interview.id[:SHORT_ID]} is {interview.status}; hold it first",
                )
            old = interview.assessment
            assessment = attrs.evolve(old, **given) if old else Assessment(at=when, **given)
            changed = attrs.evolve(interview, assessment=assessment)
            if interview.status is Status.HELD:
                return self._happened(changed, Status.ASSESSED, when, now, "the assessment")
            lifecycle.check_happened(when, now, skew=self._skew, what="the assessment")
            return changed

        return self._change(ref, "assessed", change)

    def add_feedback(
        self, ref: InterviewRef, reviewer: str, text: str, *, at: datetime | None = None
    ) -> Interview:
        """What someone (a counsellor, say) said about the assessment (G17)."""
        when = at or self.now()

        def change(s: StoreSession, interview: Interview) -> Interview:
            if interview.assessment is None:
                raise ValidationError(
                    "feedback", "there is no assessment to give feedback on: assess it first"
                )
            item = Feedback(reviewer=reviewer, text=text, at=when)
            assessment = attrs.evolve(
                interview.assessment, feedback=(*interview.assessment.feedback, item)
            )
            return attrs.evolve(interview, assessment=assessment)

        return self._change(ref, "feedback", change)

    # ------------------------------------------------------------ thank-you note (G19)

    def thank_you_review(self, ref: InterviewRef, *, at: datetime | None = None) -> ThankYouReview:
        """The interview's thank-you note, what the linter says of it, and its timing
        (judged at ``at``, default now, while it is not sent)."""
        with self._session() as s:
            interview = self._resolve(s, Interview, ref)
            names = self._thank_you_names(s, interview)
        return self._review(interview, names, at)

    def _thank_you_names(self, s: StoreSession, interview: Interview) -> list[str]:
        """The names a thank-you note may use (the spelling rule knows them)."""
        from infoint.thankyou import thank_you_names

        context = self._context(s, interview)
        referrals = [s.get(Contact, r.contact_id).name for r in interview.referrals]
        return list(
            thank_you_names(
                context.contact, context.profile, referrals, [t.name for t in context.targets]
            )
        )

    def _review(
        self, interview: Interview, names: Sequence[str], at: datetime | None = None
    ) -> ThankYouReview:
        note = interview.thank_you
        findings = (
            lint(
                note.text,
                self.lint_rules(),
                LintContext(kind=TextKind.THANK_YOU, policy=self.policy, names=tuple(names)),
            )
            if note
            else []
        )
        due = thank_you_due(interview, self.policy)
        sent = note.sent_at if note else None
        moment = sent or at or self.now()
        return ThankYouReview(
            interview_id=interview.id,
            note=note,
            findings=tuple(findings),
            due_at=due,
            late=due is not None and moment.astimezone(UTC) > due.astimezone(UTC),
        )

    def draft_thank_you(
        self,
        ref: InterviewRef,
        *,
        medium: ThankYouMedium | str = ThankYouMedium.EMAIL,
        handwriting: Handwriting | str = Handwriting.TYPED,
        text: str | None = None,
        at: datetime | None = None,
    ) -> ThankYouReview:
        """Draft the thank-you note (or keep ``text`` as the draft) and lint it (G19).

        The draft is short, in the relationship's register, and names
        something specific learned, the advice taken, and the referrals.
        """
        from infoint.thankyou import draft_thank_you

        when = at or self.now()

        def check(interview: Interview) -> None:
            _require_took_place(interview, "the thank-you note follows the conversation")
            if interview.status in lifecycle.OPEN:
                raise ValidationError(
                    "thank-you",
                    f"interview {interview.id[:SHORT_ID]} is {interview.status}; hold it first",
                )
            if interview.thank_you and interview.thank_you.sent_at:
                raise Conflict(
                    f"the thank-you note of interview {interview.id[:SHORT_ID]} was sent"
                    f" {interview.thank_you.sent_at.isoformat(' ', 'minutes')}"
                )

        body = text
        if body is None:
            # Drafted (and linted as it is drafted) between sessions, from what was read.
            with self._session() as s:
                interview = self._resolve(s, Interview, ref)
                check(interview)
                context = self._context(s, interview)
                referrals = [s.get(Contact, r.contact_id).name for r in interview.referrals]
            body = draft_thank_you(
                interview,
                context.contact,
                context.profile,
                medium=ThankYouMedium(medium),
                referral_names=referrals,
                target_names=[t.name for t in context.targets],
                rules=self.lint_rules(),
                policy=self.policy,
            )
            ref = ref if isinstance(ref, Interview) else interview.id
        note = ThankYouNote(
            text=body,
            drafted_at=when,
            medium=ThankYouMedium(medium),
            handwriting=Handwriting(handwriting),
        )

        def change(s: StoreSession, interview: Interview) -> Interview:
            check(interview)
            return attrs.evolve(interview, thank_you=note)

        stored = self._change(ref, "thank-you-drafted", change)
        with self._session() as s:
            names = self._thank_you_names(s, stored)
        return self._review(stored, names, at)

    def send_thank_you(self, ref: InterviewRef, *, at: datetime | None = None) -> ThankYouReview:
        """Mark the drafted thank-you note sent: it is stamped, the interview is thanked.

        Not in the future, and not before the interview took place (G26).
        """
        now = self.now()
        when = at or now

        def change(s: StoreSession, interview: Interview) -> Interview:
            note = interview.thank_you
            if note is None:
                raise ValidationError(
                    "thank-you", "there is no draft yet: draft the note first, then send it"
                )
            if note.sent_at is not None:
                raise Conflict(
                    f"the thank-you note was already sent {note.sent_at.isoformat(' ', 'minutes')}"
                )
            changed = attrs.evolve(interview, thank_you=attrs.evolve(note, sent_at=when))
            return self._happened(changed, Status.THANKED, when, now, "the thank-you note")

        stored = self._change(ref, "thanked", change)
        with self._session() as s:
            names = self._thank_you_names(s, stored)
        return self._review(stored, names, at)

    def close_interview(self, ref: InterviewRef, *, at: datetime | None = None) -> Interview:
        """Nothing more to do for this interview (after the thank-you note)."""

        now = self.now()

        def change(s: StoreSession, interview: Interview) -> Interview:
            return self._happened(interview, Status.CLOSED, at or now, now, "closing it")

        return self._change(ref, "closed", change)

    def undo_step(self, ref: InterviewRef) -> UndoneStep:
        """Revert the interview's last step (its status, stamp and what it recorded), one
        step at a time (G26). Passing an :class:`Interview` guards against a change made
        elsewhere since it was read, as every change does.

        What a step did outside the interview stays: a contact made for a referral
        remains a contact.
        """
        from infoint.undo import undo_last

        with self._session(write=True) as s:
            current = self._resolve(s, Interview, ref)
            restored, step = undo_last(current)
            stored = s.update(restored)
        self._changed("undone", stored)
        return UndoneStep(interview=stored, step=step, status_before=current.status)

    # ------------------------------------------------------------ follow-ups (G20)

    def cadence(self, contact: ContactRef) -> Cadence:
        """Where a contact stands in the follow-up cadence (G20)."""
        with self._session() as s:
            person = self._resolve(s, Contact, contact)
            return cadence(person.id, s.find(Interview, Query(contact_id=person.id)), self.policy)

    def log_follow_up(
        self,
        contact: ContactRef,
        *,
        channel: ChannelKind | str,
        note: str = "",
        at: datetime | None = None,
        anyway: bool = False,
    ) -> Interview:
        """Record a follow-up with a contact, on their latest held interview (G20).

        One that comes before the policy's gap, or after too many unanswered
        ones, is refused (``anyway=True`` records it regardless: it happened).
        """
        now = self.now()
        when = at or now
        with self._session(write=True) as s:
            person = self._resolve(s, Contact, contact)
            theirs = s.find(Interview, Query(contact_id=person.id))
            state = cadence(person.id, theirs, self.policy)
            if not anyway and not state.allows(when):
                if state.next_allowed_at is None:
                    why = f"not now: {state.reason}"
                else:
                    allowed = lifecycle.when(state.next_allowed_at, now.tzinfo)
                    why = (
                        f"too soon: the next contact is allowed from {allowed}; one that"
                        " already happened can be recorded anyway"
                    )
                raise ValidationError("follow-up", f"{person.name}: {why}")
            held = [i for i in theirs if held_at(i) is not None]
            if not held:
                raise ValidationError("follow-up", state.reason)
            latest = max(held, key=lambda i: (_utc(held_at(i)), i.id))
            previous = lifecycle.last_stamp(latest)
            after = (str(previous.status), previous.at)
            if latest.follow_ups:
                last = max(latest.follow_ups, key=lambda f: _utc(f.at))
                if _utc(last.at) > _utc(previous.at):
                    after = ("follow-up", last.at)
            lifecycle.check_happened(when, now, skew=self._skew, what="the follow-up", after=after)
            item = FollowUp(at=when, channel=ChannelKind(channel), note=note)
            changed = attrs.evolve(latest, follow_ups=(*latest.follow_ups, item))
            stored = s.update(self._step(latest, changed, "followed-up"))
        self._changed("followed-up", stored)
        return stored

    def follow_up_answered(self, contact: ContactRef, *, at: datetime | None = None) -> Interview:
        """The contact answered: their latest unanswered follow-up is marked answered."""
        now = self.now()
        when = at or now
        with self._session(write=True) as s:
            person = self._resolve(s, Contact, contact)
            open_items = [
                (f.at, i.id, k, i)
                for i in s.find(Interview, Query(contact_id=person.id))
                for k, f in enumerate(i.follow_ups)
                if not f.answered
            ]
            if not open_items:
                raise NotFound(f"{person.name} has no unanswered follow-up")
            _, _, index, interview = max(open_items, key=lambda t: (_utc(t[0]), t[1], t[2]))
            items = list(interview.follow_ups)
            asked = items[index].at
            after = ("follow-up", asked)
            lifecycle.check_happened(when, now, skew=self._skew, what="the answer", after=after)
            items[index] = attrs.evolve(items[index], answered_at=when)
            changed = attrs.evolve(interview, follow_ups=tuple(items))
            stored = s.update(self._step(interview, changed, "answered"))
        self._changed("answered", stored)
        return stored

    # ------------------------------------------------------------ agenda and stats (G18, G21)

    def agenda(self, *, at: datetime | None = None) -> list[AgendaItem]:
        """Everything due at ``at`` (default now), sorted, each with its command (G21)."""
        from infoint.agenda import build_agenda

        with self._session() as s:
            interviews, contacts, targets = _agenda_records(s, self.policy)
        return build_agenda(interviews, contacts, targets, self.policy, at or self.now())

    def stats(self) -> Stats:
        """Voices per target, the funnel, and thank-you speed (G18)."""
        from infoint.stats import compute_stats

        with self._session() as s:
            interviews, targets = s.find(Interview), s.find(Target)
        return compute_stats(interviews, targets, wanted=self.policy.min_voices_per_target)

    # ------------------------------------------------------------ export and import

    def exporters(self) -> dict[str, Any]:
        """Every installed export format, by name."""
        return dict(self.plugins.provided("infoint_exporters"))

    def importers(self) -> dict[str, Any]:
        """Every installed contact import format, by name."""
        return dict(self.plugins.provided("infoint_importers"))

    def export_data(
        self, *, interviews: Sequence[InterviewRef] = (), at: datetime | None = None
    ) -> ExportData:
        """One owner's records and what follows from them, for an exporter."""
        now = at or self.now()
        with self._session() as s:
            contacts, targets = s.find(Contact), s.find(Target)
            everything = s.find(Interview)
            chosen = [self._resolve(s, Interview, r) for r in interviews] or everything
            try:
                profile = s.get(Profile, "profile")
            except NotFound:
                profile = Profile()
        from infoint.agenda import build_agenda
        from infoint.exchange import ExportData
        from infoint.network import build_network
        from infoint.stats import compute_stats

        return ExportData(
            owner=self.owner,
            generated_at=now,
            policy=self.policy,
            profile=profile,
            contacts=tuple(contacts),
            targets=tuple(targets),
            interviews=tuple(chosen),
            every_interview=tuple(everything),
            agenda=tuple(build_agenda(everything, contacts, targets, self.policy, now)),
            stats=compute_stats(everything, targets, wanted=self.policy.min_voices_per_target),
            network=tuple(build_network(contacts, everything)),
            prep_sheet=self.prep_sheet,
        )

    def export(
        self,
        format: str,
        out: IO[bytes],
        *,
        interviews: Sequence[InterviewRef] = (),
        at: datetime | None = None,
    ) -> None:
        """Write the owner's records in ``format`` (see :meth:`exporters`) to ``out``."""
        exporter = self.exporter(format)
        exporter.export(self.export_data(interviews=interviews, at=at), out)

    def import_contacts(
        self,
        format: str,
        stream: IO[bytes],
        *,
        source: str = "<input>",
        dry_run: bool = False,
    ) -> ImportReport:
        """Import contacts from ``stream``: all of them, or none when one is malformed.

        Each record is matched to the contacts (and the records before it) by the
        rules of G25: one who shares an e-mail address, LinkedIn profile or phone
        number is the same person, and so is one of the same name and organization
        when no identifier tells them apart; the same person is merged, never
        duplicated, and namesakes are never merged. Every record is accounted for in
        the report's ``lines``. ``dry_run`` reports without writing.
        """
        from infoint.exchange import ImportReport, plan_import

        importer = self.importer(format)
        # Read, checked and planned against a snapshot of the owner's contacts in a read
        # session: no write lock is held while a large file is parsed and matched, and
        # the file streams through (it is never all in memory at once).
        with self._session() as s:
            existing = s.find(Contact)
            records = _at_most(
                importer.read(stream, source), self.policy.import_max_records, source
            )
            plan = plan_import(records, existing, new_id, source, region=self.policy.phone_region)
        _check_import(plan, source, self.policy)
        if dry_run:
            return ImportReport(
                source=source, added=plan.added, merged=plan.merged, lines=plan.lines, dry_run=True
            )
        changed = Conflict(
            f"your contacts changed while {source} was being imported, so nothing of it"
            " was saved; import it again"
        )
        with self._session(write=True) as s:
            # The plan holds if no contact came or went meanwhile (one that changed is a
            # Conflict as it is updated): IDs only, read from the index.
            now = s.ids_with_prefix(Contact, "", limit=len(existing) + 1)
            if sorted(now) != sorted(c.id for c in existing):
                raise changed
            try:
                added = tuple(s.add_all(plan.added))
                merged = tuple(s.update(c) for c in plan.merged)
            except Conflict:
                raise changed from None
        return ImportReport(
            source=source, added=added, merged=merged, lines=plan.lines, dry_run=False
        )

    def exporter(self, name: str) -> Any:
        """The export format called ``name``; a clear error lists the known ones."""
        return _pick(self.exporters(), name, "export")

    def importer(self, name: str) -> Any:
        """The import format called ``name``; a clear error lists the known ones."""
        return _pick(self.importers(), name, "import")

    # ------------------------------------------------------------ plumbing

    def _change(
        self,
        ref: InterviewRef,
        action: str,
        change: Callable[[StoreSession, Interview], Interview],
        *,
        reads_others: bool = False,
    ) -> Interview:
        """Change one interview: ``change`` makes the new one from the current one, in a
        read session; a short write session saves it if nobody changed it meanwhile.

        Given an Interview, a change made elsewhere since it was read is a
        :class:`~infoint.errors.Conflict` (the caller decides). Given an ID, the caller
        asked for the interview as it is: ``change`` runs again on the newer version,
        inside the write session this time, where the store holds it (so it succeeds
        however many others write to the same interview at once). A change that reads
        other records (``reads_others``, quick by nature) is made inside the write
        session from the start: what it read cannot be changed or merged away before
        it is saved.
        """
        if reads_others:
            with self._session(write=True) as s:
                current = self._resolve(s, Interview, ref)
                stored = s.update(self._step(current, change(s, current), action))
            self._changed(action, stored)
            return stored
        with self._session() as s:
            current = self._resolve(s, Interview, ref)
            changed = change(s, current)
        try:
            with self._session(write=True) as s:
                stored = s.update(self._step(current, changed, action))
        except Conflict:
            if isinstance(ref, Interview):
                raise
            with self._session(write=True) as s:
                current = s.get(Interview, current.id)
                stored = s.update(self._step(current, change(s, current), action))
        self._changed(action, stored)
        return stored

    def _step(self, before: Interview, after: Interview, action: str) -> Interview:
        """``after``, able to be undone back to ``before`` (G26)."""
        from infoint.undo import record_step

        return record_step(before, after, action, self.now(), keep=self.policy.undo_steps)

    @property
    def _skew(self) -> timedelta:
        return timedelta(minutes=self.policy.clock_skew_minutes)

    def _happened(
        self,
        interview: Interview,
        to: Status,
        at: datetime,
        now: datetime,
        what: str,
        note: str = "",
    ) -> Interview:
        return lifecycle.advance_happened(
            interview, to, at, now, skew=self._skew, what=what, note=note
        )

    def _changed(self, action: str, interview: Interview) -> None:
        event = InterviewChanged(owner=self.owner, action=action, interview=interview)
        self.plugins.notify("infoint_interview_changed", event=event)


def _at_most(records: Iterable[Any], limit: int, source: str) -> Iterator[Any]:
    """``records``, refused past the ``limit`` one import takes."""
    for count, record in enumerate(records, start=1):
        if count > limit:
            raise ValidationError(
                source, f"holds more than {limit:,} contacts, the most one import takes; split it"
            )
        yield record


def _check_import(plan: Any, source: str, policy: Policy) -> None:
    """Refuse an import that would make a contact beyond the policy's bounds (a dry run
    too), naming the last line of the file that went into it."""
    last_line = {line.contact_id: line.line for line in plan.lines}
    for contact in (*plan.added, *plan.merged):
        try:
            check_record(contact, policy)
        except ValidationError as err:
            raise ValidationError(
                f"{source}:{last_line.get(contact.id, 0)}", err.message
            ) from None


class _Bounded:
    """A write session that refuses a record beyond the policy's bounds
    (:func:`~infoint.limits.check_record`) before the store sees it."""

    def __init__(self, session: StoreSession, policy: Policy) -> None:
        self._session = session
        self._policy = policy
        self.owner = session.owner

    def get(self, kind: type[A], id: str) -> A:
        return self._session.get(kind, id)

    def find(self, kind: type[A], query: Query | None = None) -> list[A]:
        return self._session.find(kind, query)

    def ids_with_prefix(self, kind: type[Any], prefix: str, limit: int = 2) -> list[str]:
        return self._session.ids_with_prefix(kind, prefix, limit)

    def add(self, item: A) -> A:
        check_record(item, self._policy)
        return self._session.add(item)

    def add_all(self, items: Sequence[A]) -> list[A]:
        for item in items:
            check_record(item, self._policy)
        add_all = getattr(self._session, "add_all", None)  # a store from before add_all
        return list(add_all(items)) if add_all else [self._session.add(i) for i in items]

    def update(self, item: A) -> A:
        check_record(item, self._policy)
        return self._session.update(item)

    def remove(self, kind: type[A], id: str, version: int) -> None:
        self._session.remove(kind, id, version)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        return self._session.search(text, limit)


_NO_NOTES = frozenset({Status.IDEA, Status.REQUESTED, Status.DECLINED, Status.CANCELLED})


def _agenda_records(
    s: StoreSession, policy: Policy
) -> tuple[list[Interview], list[Contact], list[Target]]:
    """What :func:`~infoint.agenda.build_agenda` reads, without the owner's whole history.

    Given these, it makes the same agenda as given every record: the interviews
    that are not closed, declined or cancelled (each can put items on it); every
    interview with a contact who has a thanked one (the follow-up cadence);
    for each target, its interviews that took place, or any few of them that
    show there are enough (more voices); every target; and the contacts of the
    interviews not closed, declined or cancelled (only their names are shown).
    Interviews come in the store's order, as ``find`` gives all of them.
    """
    from infoint.agenda import HELD_STATES

    found: dict[str, Interview] = {}
    voices: dict[str, int] = {}  # target ID -> interviews about it held, among `found`

    def keep(interviews: Sequence[Interview]) -> None:
        for interview in interviews:
            if interview.id not in found:
                found[interview.id] = interview
                if interview.status in HELD_STATES:
                    for target_id in set(interview.target_ids):
                        voices[target_id] = voices.get(target_id, 0) + 1

    in_flight = [str(status) for status in Status if status not in lifecycle.FINAL]
    keep(s.find(Interview, Query(status=in_flight)))
    # From here on, every interview in flight is found: what else to read is closed,
    # declined or cancelled.
    final = [str(status) for status in lifecycle.FINAL]
    thanked = dict.fromkeys(i.contact_id for i in found.values() if i.status is Status.THANKED)
    for contact_id in thanked:
        keep(s.find(Interview, Query(contact_id=contact_id, status=final)))
    targets = s.find(Target)
    closed = [str(status) for status in HELD_STATES & lifecycle.FINAL]
    wanted = policy.min_voices_per_target
    for target in targets:
        limit = wanted - voices.get(target.id, 0)
        while voices.get(target.id, 0) < wanted:
            # Any `limit` of them will do (unordered: the store can stop at the first
            # ones it meets). Fewer than asked for means that these are all of them.
            query = Query(ref=target.id, status=closed, limit=limit, ordered=False)
            matches = s.find(Interview, query)
            keep(matches)
            if len(matches) < limit:
                break
            # Not enough yet: some were found already, or refer to the target's ID
            # otherwise (as a contact, say). Ask for more.
            limit *= 2
    named = dict.fromkeys(i.contact_id for i in found.values() if i.status not in lifecycle.FINAL)
    contacts = []
    for contact_id in named:
        with suppress(NotFound):  # a contact that is gone: the agenda names them "?"
            contacts.append(s.get(Contact, contact_id))
    interviews = sorted(found.values(), key=_store_order)
    return interviews, contacts, targets


def _store_order(interview: Interview) -> tuple[bool, datetime, str]:
    """Where ``find`` puts an interview (see :class:`~infoint.storage.Query`)."""
    starts = interview.starts_at
    return (starts is None, _utc(starts), interview.id)


@attrs.frozen(kw_only=True)
class ThankYouReview:
    """A thank-you note with what the linter says of it and whether it is on time (G19)."""

    interview_id: str
    note: ThankYouNote | None
    findings: tuple[LintFinding, ...]
    due_at: datetime | None
    late: bool
    """Sent (or, unsent, now) after the policy's hours."""


def _require_took_place(interview: Interview, why: str) -> None:
    if interview.status in _NO_NOTES:
        then = (
            "schedule or hold it first"
            if interview.status in lifecycle.OPEN
            else "it did not take place"
        )
        raise ValidationError(
            "interview",
            f"interview {interview.id[:SHORT_ID]} is {interview.status}: {why}; {then}",
        )


def _kind(kind: type[Any]) -> str:
    return kind.__name__.lower()


def _pick(found: Mapping[str, Any], name: str, verb: str) -> Any:
    if name not in found:
        known = ", ".join(sorted(found)) or "none installed"
        raise ValidationError("format", f"no {verb} format {name!r} (known: {known})")
    return found[name]


def _utc(at: datetime | None) -> datetime:
    """``at`` for comparing: in UTC, where order is real time (two wall times in one zone
    compare by the clock, wrongly in the hour that repeats when clocks go back)."""
    return datetime.min.replace(tzinfo=UTC) if at is None else at.astimezone(UTC)


def _trim(value: Any) -> Any:
    """Surrounding white space off text; anything else is left for validation to refuse."""
    return value.strip() if isinstance(value, str) else value


def _listed(value: Any) -> Any:
    """A lone string where a list belongs means a list of that one string."""
    return [value] if isinstance(value, str) else value


def _given(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


class SamePersonUnclear(AmbiguousID):
    """Several contacts could be the person given, and nothing is guessed (G25)."""

    def __init__(self, name: str, candidates: Sequence[Contact]) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        listed = "; ".join(_described(c) for c in self.candidates)
        super().__init__(f"{len(self.candidates)} contacts could be {name!r}: {listed}")


def _described(contact: Contact) -> str:
    """``ab12cd34 John Smith (Engineer at Google)``."""
    work = " at ".join(p for p in (contact.role, contact.organization) if p)
    return f"{contact.id[:SHORT_ID]} {contact.name}" + (f" ({work})" if work else "")


@attrs.frozen(kw_only=True)
class ContactMatch:
    """Who a person is among the contacts (G25); see :meth:`Workspace.identify_contact`."""

    contact: Contact | None
    """The one contact who is the same person, if there is one."""
    candidates: tuple[Contact, ...] = ()
    """Several contacts the person could be by name: nothing is guessed."""
    namesakes: tuple[Contact, ...] = ()
    """Contacts of the same name that an identifier tells apart."""
    why: str = ""
    """What tells the first namesake apart (``a different e-mail address``)."""


@attrs.frozen(kw_only=True)
class ContactMerge:
    """What :meth:`Workspace.merge_contacts` did (or, ``dry_run``, would do)."""

    kept: Contact
    removed: Contact
    gained: tuple[str, ...]
    """What the kept contact gained (``email``, ``phone``, ``role``...)."""
    interviews: tuple[str, ...]
    """Interviews with the removed contact, now with the kept one."""
    referrals: tuple[str, ...]
    """Interviews whose referrals named the removed contact."""
    requests: tuple[str, ...]
    """Interviews arranged through the removed contact."""
    contacts: tuple[str, ...]
    """Contacts the removed one introduced or referred."""
    follow_ups: int
    """Follow-ups on the interviews that moved."""
    dry_run: bool = False


def _contact_moves(
    kept: Contact, gone: Contact, interviews: Sequence[Interview], contacts: Sequence[Contact]
) -> tuple[tuple[Interview, ...], tuple[Contact, ...], ContactMerge]:
    """Every record that names ``gone``, changed to name ``kept``, and what moved (the
    report's contacts and what the kept one gained are the caller's to fill in)."""
    changed: list[Interview] = []
    as_interviewee: list[str] = []
    as_referral: list[str] = []
    as_go_between: list[str] = []
    follow_ups = 0
    for interview in interviews:
        changes: dict[str, Any] = {}
        interviewee = interview.contact_id
        if interviewee == gone.id:
            interviewee = changes["contact_id"] = kept.id
            as_interviewee.append(interview.id)
            follow_ups += len(interview.follow_ups)
        if any(r.contact_id == gone.id for r in interview.referrals):
            referrals: dict[str, Referral] = {}
            for referral in interview.referrals:
                person = kept.id if referral.contact_id == gone.id else referral.contact_id
                if person != interviewee:
                    referrals.setdefault(person, attrs.evolve(referral, contact_id=person))
            changes["referrals"] = tuple(referrals.values())
            as_referral.append(interview.id)
        if interview.request is not None and interview.request.via == gone.id:
            changes["request"] = attrs.evolve(interview.request, via=kept.id)
            as_go_between.append(interview.id)
        if changes:
            changed.append(attrs.evolve(interview, **changes))
    moved: list[Contact] = []
    for contact in contacts:
        if contact.id in (kept.id, gone.id):
            continue
        introducer = kept.id if contact.introducer_id == gone.id else contact.introducer_id
        referrer = kept.id if contact.referred_by_id == gone.id else contact.referred_by_id
        if (introducer, referrer) != (contact.introducer_id, contact.referred_by_id):
            moved.append(attrs.evolve(contact, introducer_id=introducer, referred_by_id=referrer))
    report = ContactMerge(
        kept=kept,
        removed=gone,
        gained=(),
        interviews=tuple(as_interviewee),
        referrals=tuple(as_referral),
        requests=tuple(as_go_between),
        contacts=tuple(c.id for c in moved),
        follow_ups=follow_ups,
    )
    return tuple(changed), tuple(moved), report


def _other_than(contact_id: str | None, *excluded: str) -> str | None:
    return None if contact_id in excluded else contact_id


def _link(existing: Contact, given: Contact, region: str | None) -> Contact:
    """``existing`` with what ``given`` (the same person) adds and it lacks."""
    from infoint.identity import merge

    linked = merge(existing, given, region)
    changes: dict[str, Any] = {}
    if (
        linked.relationship is Relationship.STRANGER
        and given.relationship is not Relationship.STRANGER
    ):
        changes["relationship"] = given.relationship
    for field in ("introducer_id", "referred_by_id"):
        value = getattr(given, field)
        if getattr(linked, field) is None and value is not None and value != existing.id:
            changes[field] = value
    if given.owns_business and not linked.owns_business:
        changes["owns_business"] = True
    return attrs.evolve(linked, **changes) if changes else linked


@attrs.frozen(kw_only=True)
class UndoneStep:
    """What :meth:`Workspace.undo_step` undid."""

    interview: Interview
    """The interview as it is now, back before the step."""
    step: Step
    """The step undone: its action (``held``, ``noted``...) and when it was recorded."""
    status_before: Status
    """The status the interview had before the undo."""
