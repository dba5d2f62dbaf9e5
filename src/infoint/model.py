"""The domain model: what an informational interview is made of (rules G1-G21).

Every class is a frozen attrs class: a change makes a new object with
:func:`attrs.evolve`. Validation lives in validators and raises
:class:`~infoint.errors.ValidationError` naming the field. Nothing here does
I/O or reads the clock; the caller passes times in, and every datetime must
carry a time zone.

There are four *aggregates*, stored as one document each: :class:`Contact`,
:class:`Target`, :class:`Interview` and :class:`Profile`. An interview
carries its notes, referrals, assessment, thank-you note, openings,
follow-ups and status history.

>>> from datetime import datetime, UTC
>>> Target(id="t1", kind=TargetKind.OCCUPATION, name="Data engineer").name
'Data engineer'
>>> Target(id="t1", kind=TargetKind.OCCUPATION, name="  ")
Traceback (most recent call last):
...
infoint.errors.ValidationError: name: must not be empty
"""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import attrs

from infoint.errors import ValidationError

# ---------------------------------------------------------------- enums


class Choice(enum.StrEnum):
    """An enum whose values a person types: matched ignoring case and spaces, and a
    wrong one is a :class:`ValidationError` that lists the right ones.

    >>> Mode(" Phone ")
    <Mode.PHONE: 'phone'>
    >>> Mode("fax")
    Traceback (most recent call last):
    ...
    infoint.errors.ValidationError: mode: 'fax' is not one of: phone, in-person, video
    """

    @classmethod
    def _missing_(cls, value: object) -> Choice:
        if isinstance(value, str):
            wanted = value.strip().lower().replace(" ", "-").replace("_", "-")
            for member in cls:
                if member.value == wanted:
                    return member
        field = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
        allowed = ", ".join(member.value for member in cls)
        raise ValidationError(field, f"{value!r} is not one of: {allowed}")


class TargetKind(Choice):
    """G1: what the seeker wants to learn about."""

    OCCUPATION = "occupation"
    COMPANY = "company"
    INDUSTRY = "industry"


class Purpose(Choice):
    """G2: why the seeker holds the interview; steers the questions."""

    CHOOSE_PATH = "choose-path"
    """(a) choose or refine a career path"""
    DECIDE_STUDY = "decide-study"
    """(b) decide what to study"""
    BREAK_IN = "break-in"
    """(c) learn how to break into a field, industry or company"""
    SKILLS = "skills"
    """(d) find which skills they have and which they still need"""
    SMALL_BUSINESS = "small-business"
    """(e) learn from people who own or started a small business"""


class Mode(Choice):
    """G7: how the interview is held. Video is treated as in person."""

    PHONE = "phone"
    IN_PERSON = "in-person"
    VIDEO = "video"


class ChannelKind(Choice):
    """G4: how a contact can be reached."""

    PHONE = "phone"
    EMAIL = "email"
    POSTAL = "postal"
    IN_PERSON = "in-person"
    LINKEDIN = "linkedin"


class Relationship(Choice):
    """G4: how the seeker knows a contact. Decides the register (G14)."""

    STRANGER = "stranger"
    ACQUAINTANCE = "acquaintance"
    COLLEAGUE = "colleague"
    CLASSMATE = "classmate"
    FRIEND = "friend"
    FAMILY = "family"

    @property
    def register(self) -> Register:
        """Formal wording for people the seeker does not know well, casual otherwise."""
        if self in (Relationship.FRIEND, Relationship.FAMILY, Relationship.CLASSMATE):
            return Register.CASUAL
        return Register.FORMAL


class Register(Choice):
    """G14: the tone of questions and messages."""

    FORMAL = "formal"
    CASUAL = "casual"


class RequestChannel(Choice):
    """G6: how the interview was asked for."""

    PHONE = "phone"
    IN_PERSON = "in-person"
    LETTER = "letter"
    EMAIL = "email"
    NETWORKING_CONTACT = "networking-contact"


class DressCode(Choice):
    """G10: an organization's dress code, from least to most formal."""

    CASUAL = "casual"
    BUSINESS_CASUAL = "business-casual"
    BUSINESS_PROFESSIONAL = "business-professional"
    FORMAL = "formal"

    def step_up(self) -> DressCode:
        """One step above this code (formal stays formal).

        >>> DressCode.CASUAL.step_up()
        <DressCode.BUSINESS_CASUAL: 'business-casual'>
        """
        order = list(DressCode)
        return order[min(order.index(self) + 1, len(order) - 1)]


class Status(Choice):
    """The interview's life ; see :mod:`infoint.lifecycle`."""

    IDEA = "idea"
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    CONFIRMED = "confirmed"
    HELD = "held"
    ASSESSED = "assessed"
    THANKED = "thanked"
    CLOSED = "closed"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class NoteKind(Choice):
    """G16: what a note records."""

    FREE = "free"
    ANSWER = "answer"
    ADVICE = "advice"


class ResearchSubject(Choice):
    """G5: what a research note is about."""

    PERSON = "person"
    ORGANIZATION = "organization"
    TARGET = "target"


class QuestionKind(Choice):
    """G14: the kinds of question a plan draws from."""

    NEEDS = "needs"
    OFFERS = "offers"
    PEOPLE = "people"
    ADVICE = "advice"
    DAY_IN_THE_LIFE = "day-in-the-life"
    PATH = "path"
    BUSINESS = "business"


class ThankYouMedium(Choice):
    """G19: how the thank-you note travels."""

    EMAIL = "email"
    LETTER = "letter"


class Handwriting(Choice):
    """G19: handwritten or typed."""

    TYPED = "typed"
    HANDWRITTEN = "handwritten"


# ---------------------------------------------------------------- validators


_MAX_TEXT = 20_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


_MAX_LINE = 500
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def _str(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    if _NOT_TEXT.search(value):
        # NUL, or bytes that were not UTF-8 (Python keeps them as lone surrogates).
        raise ValidationError(field, "contains bytes that are not text (is it UTF-8?)")
    return value


_NOT_ONE_LINE = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"
"""Exactly the characters of Unicode categories Cc, Zl and Zp (checked over every code point).
Only a pattern: compiled, it would cost every command 0.3 ms, and is not needed alone."""


_ODD_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""What :data:`_NOT_TEXT` and :data:`_NOT_ONE_LINE` find, in one pass."""


def check_line(field: str, value: Any, *, required: bool) -> None:
    """A short one-line value: a name or title (``required``), a role, a place."""
    if not isinstance(value, str):
        _str(field, value)  # its error: must be text
    if required and not value.strip():
        raise ValidationError(field, "must not be empty")
    # One search for the common case (nothing odd); the checks in their order otherwise.
    odd = _ODD_IN_A_LINE.search(value) is not None
    if odd:
        _str(field, value)  # NUL or undecoded bytes: that error first
    if len(value) > _MAX_LINE:
        raise ValidationError(field, f"is {len(value)} characters; at most {_MAX_LINE}")
    if odd:
        raise ValidationError(field, "must be one line, without control characters")


def _line(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    check_line(attribute.name, value, required=False)


def _not_empty(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    check_line(attribute.name, value, required=True)


def _text(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if len(_str(attribute.name, value)) > _MAX_TEXT:
        raise ValidationError(attribute.name, f"is {len(value)} characters; at most {_MAX_TEXT}")


def _recorded(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    _str(attribute.name, value)


def _texts(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not item.strip():
            raise ValidationError(attribute.name, "must not contain an empty entry")
        _text(instance, attribute, item)


def _aware(instance: Any, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is None:
        return
    if not isinstance(value, datetime):
        raise ValidationError(attribute.name, f"must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            attribute.name, f"{value.isoformat()} has no time zone; give an offset such as +01:00"
        )
    try:
        in_range = EARLIEST <= value.astimezone(UTC) < LATEST
    except OverflowError:
        in_range = False
    if not in_range:
        raise ValidationError(
            attribute.name, f"{value.isoformat()} is out of range (years 1900 to 2199)"
        )


def _moment(value: Any) -> Any:
    """A datetime in a named zone, moved out of a daylight-saving gap.

    A wall time that never happens (02:30 on the night clocks jump to 03:00)
    becomes the real time it stands for; every other value is kept as it is.
    Without this, such a value would not survive a round trip through storage.
    """
    if isinstance(value, datetime) and getattr(value.tzinfo, "key", None):
        try:
            real = value.astimezone(UTC).astimezone(value.tzinfo)
        except OverflowError:  # year 1 or 9999: the range check says what is wrong
            return value
        if real.replace(fold=0) != value.replace(fold=0) or real.fold != value.fold:
            return real
    return value


def _minutes(low: int, high: int) -> Callable[[Any, attrs.Attribute[Any], int | None], None]:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None and not low <= value <= high:
            raise ValidationError(attribute.name, f"is {value}; must be between {low} and {high}")

    return check


def _version(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 0:
        raise ValidationError(attribute.name, "must not be negative")


def _unique(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if len(set(value)) != len(value):
        raise ValidationError(attribute.name, "lists the same entry twice")


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _purposes(value: Any) -> tuple[Purpose, ...]:
    return tuple(Purpose(p) for p in value)


# ---------------------------------------------------------------- value objects

_REPRING = threading.local()


def _repr(self: Any) -> str:
    """attrs' own ``__repr__`` (the same text, ``...`` for an object inside itself), written
    once for every class here: attrs would write and compile one per class when infoint
    is imported, which every command pays (0.15 ms a class)."""
    try:
        repring: set[int] = _REPRING.ids
    except AttributeError:
        repring = _REPRING.ids = set()
    if id(self) in repring:
        return "..."
    repring.add(id(self))
    try:
        shown = []
        for field in self.__attrs_attrs__:
            if field.repr is False:
                continue
            value = (
                getattr(self, field.name)
                if field.init
                else getattr(self, field.name, attrs.NOTHING)
            )
            text = repr(value) if field.repr is True else field.repr(value)
            shown.append(f"{field.name}={text}")
        name = self.__class__.__qualname__.rsplit(">.", 1)[-1]
        return f"{name}({', '.join(shown)})"
    finally:
        repring.remove(id(self))


@attrs.frozen(kw_only=True, repr=False)
class Channel:
    """G4: one way to reach a contact: ``Channel(kind=ChannelKind.EMAIL, value="a@b.org")``."""

    __repr__ = _repr

    kind: ChannelKind = attrs.field(converter=ChannelKind)
    value: str = attrs.field()
    label: str = attrs.field(default="", validator=_line)

    @value.validator
    def _check_value(self, attribute: attrs.Attribute[Any], value: str) -> None:
        # Name the channel, as the user typed it (--email, --phone), not "value".
        check_line(str(self.kind), value, required=True)

    def __attrs_post_init__(self) -> None:
        if self.kind is ChannelKind.EMAIL and not _EMAIL.match(self.value):
            raise ValidationError("email", f"{self.value!r} is not an e-mail address")


@attrs.frozen(kw_only=True, repr=False)
class ResearchNote:
    """G5: something learned before the interview about the person, organization or target."""

    __repr__ = _repr

    subject: ResearchSubject = attrs.field(converter=ResearchSubject)
    text: str = attrs.field(validator=_text)

    def __attrs_post_init__(self) -> None:
        if not self.text.strip():
            raise ValidationError("research", "must not be empty")


@attrs.frozen(kw_only=True, repr=False)
class Request:
    """G6: how and when the interview was asked for; ``via`` is the arranging contact's ID."""

    __repr__ = _repr

    channel: RequestChannel = attrs.field(converter=RequestChannel)
    asked_at: datetime = attrs.field(converter=_moment, validator=_aware)
    via: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Question:
    """G14: a question planned for (or asked in) an interview, in the wording chosen.

    ``at_second`` is when, counted from the start of the interview, the
    question comes up in the plan; ``why`` says why the planner chose it.
    """

    __repr__ = _repr

    id: str = attrs.field(validator=_not_empty)
    kind: QuestionKind = attrs.field(converter=QuestionKind)
    text: str = attrs.field(validator=_not_empty)
    seconds: int = attrs.field(default=90, validator=_minutes(5, 3600))
    at_second: int = attrs.field(default=0, validator=_minutes(0, 480 * 60))
    why: str = attrs.field(default="", validator=_text)
    source: str = attrs.field(default="", validator=_line)


def _frozen_choices(kind: type[Choice]) -> Callable[[Any], frozenset[Any]]:
    def convert(values: Any) -> frozenset[Any]:
        if isinstance(values, str):
            values = [values]
        return frozenset(kind(v) for v in values)

    return convert


def _purpose_set(values: Any) -> frozenset[Purpose]:
    return _frozen_choices(Purpose)(values)


def _target_kind_set(values: Any) -> frozenset[TargetKind]:
    return _frozen_choices(TargetKind)(values)


def _words(values: Any) -> frozenset[str]:
    if isinstance(values, str):
        values = [values]
    return frozenset(str(v).strip().casefold() for v in values if str(v).strip())


@attrs.frozen(kw_only=True, repr=False)
class SuggestedQuestion:
    """G14: a question a generator proposes, in both registers, for the planner to weigh.

    Placeholders ``{organization}``, ``{role}``, ``{industry}`` and
    ``{occupation}`` in the wordings are filled from the interview.

    Args:
        id: unique within its generator (the planner prefixes the source).
        kind: which part of the conversation it serves.
        formal: the wording for people the seeker does not know well.
        casual: the wording for friends, family and classmates.
        seconds: the estimated length of the answer.
        purposes: the purposes (G2) it suits; empty means any.
        target_kinds: the target kinds (G1) it suits; empty means any.
        topics: words of which one must appear in a target's name, or the
            contact's role or organization, for it to be planned at all;
            empty means any field (a bank for nurses lists "nurse", ...).
        tags: free labels, e.g. ``owner`` for questions to business owners.
        boost: extra rank from the generator, e.g. for questions made from
            the seeker's own research notes and goals.
        why: the generator's reason, shown with the planned question.
        source: the generator's name (the Workspace sets it from the
            generator's ``name``, e.g. ``bank`` or ``research``, when a generator
            leaves it empty).
    """

    __repr__ = _repr

    id: str = attrs.field(validator=_not_empty)
    kind: QuestionKind = attrs.field(converter=QuestionKind)
    formal: str = attrs.field(validator=_not_empty)
    casual: str = attrs.field(validator=_not_empty)
    seconds: int = attrs.field(default=90, validator=_minutes(5, 3600))
    purposes: frozenset[Purpose] = attrs.field(default=frozenset(), converter=_purpose_set)
    target_kinds: frozenset[TargetKind] = attrs.field(
        default=frozenset(), converter=_target_kind_set
    )
    topics: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_words)
    boost: int = attrs.field(default=0, validator=_minutes(0, 100))
    why: str = attrs.field(default="", validator=_text)
    source: str = attrs.field(default="", validator=_line)

    def wording(self, register: Register) -> str:
        """The wording for a register (G14: formal for a stranger, casual for a friend)."""
        return self.casual if register is Register.CASUAL else self.formal


@attrs.frozen(kw_only=True, repr=False)
class Note:
    """G16: what was said: free-form, an answer to a planned question, or advice."""

    __repr__ = _repr

    id: str = attrs.field(validator=_not_empty)
    text: str = attrs.field(validator=_text)
    at: datetime = attrs.field(converter=_moment, validator=_aware)
    kind: NoteKind = attrs.field(default=NoteKind.FREE, converter=NoteKind)
    question_id: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.text.strip():
            raise ValidationError("note", "must not be empty")
        if self.kind is NoteKind.ANSWER and self.question_id is None:
            raise ValidationError("question", "an answer note names the question it answers")


@attrs.frozen(kw_only=True, repr=False)
class Referral:
    """G16: the interviewee pointed the seeker to another contact."""

    __repr__ = _repr

    contact_id: str = attrs.field(validator=_not_empty)
    at: datetime = attrs.field(converter=_moment, validator=_aware)
    note: str = attrs.field(default="", validator=_text)


@attrs.frozen(kw_only=True, repr=False)
class Feedback:
    """G17: what someone (a counsellor, say) said about the seeker's assessment."""

    __repr__ = _repr

    reviewer: str = attrs.field(validator=_not_empty)
    text: str = attrs.field(validator=_text)
    at: datetime = attrs.field(converter=_moment, validator=_aware)


@attrs.frozen(kw_only=True, repr=False)
class Assessment:
    """G17: the seeker's own look back at the interview."""

    __repr__ = _repr

    at: datetime = attrs.field(converter=_moment, validator=_aware)
    went_well: str = attrs.field(default="", validator=_text)
    went_badly: str = attrs.field(default="", validator=_text)
    wish_said: str = attrs.field(default="", validator=_text)
    wish_not_said: str = attrs.field(default="", validator=_text)
    follow_up_strategy: str = attrs.field(default="", validator=_text)
    feedback: tuple[Feedback, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(kw_only=True, repr=False)
class ThankYouNote:
    """G19: the note always sent after an interview; ``sent_at`` is None while a draft."""

    __repr__ = _repr

    text: str = attrs.field(validator=_text)
    drafted_at: datetime = attrs.field(converter=_moment, validator=_aware)
    medium: ThankYouMedium = attrs.field(default=ThankYouMedium.EMAIL, converter=ThankYouMedium)
    handwriting: Handwriting = attrs.field(default=Handwriting.TYPED, converter=Handwriting)
    sent_at: datetime | None = attrs.field(default=None, converter=_moment, validator=_aware)


@attrs.frozen(kw_only=True, repr=False)
class Opening:
    """G15: a job opening heard of in an interview, to apply for later, not now."""

    __repr__ = _repr

    title: str = attrs.field(validator=_not_empty)
    found_at: datetime = attrs.field(converter=_moment, validator=_aware)
    earliest_apply_on: date
    """No application before this day (G15: after the thank-you note and a wait)."""
    organization: str = attrs.field(default="", validator=_line)
    notes: str = attrs.field(default="", validator=_text)
    applied_at: datetime | None = attrs.field(default=None, converter=_moment, validator=_aware)
    """When the seeker applied (the agenda stops reminding them)."""


@attrs.frozen(kw_only=True, repr=False)
class FollowUp:
    """G20: one contact made after the interview, and whether it was answered."""

    __repr__ = _repr

    at: datetime = attrs.field(converter=_moment, validator=_aware)
    channel: ChannelKind = attrs.field(converter=ChannelKind)
    note: str = attrs.field(default="", validator=_text)
    answered_at: datetime | None = attrs.field(default=None, converter=_moment, validator=_aware)

    @property
    def answered(self) -> bool:
        """Whether the contact has answered this follow-up."""
        return self.answered_at is not None


@attrs.frozen(kw_only=True, repr=False)
class StatusChange:
    """One stamped step of the interview's life."""

    __repr__ = _repr

    status: Status = attrs.field(converter=Status)
    at: datetime = attrs.field(converter=_moment, validator=_aware)
    note: str = attrs.field(default="", validator=_text)


@attrs.frozen(kw_only=True, repr=False)
class Step:
    """G26: one recorded change of an interview, kept so that it can be undone.

    ``undo`` says how to restore what the change replaced, as the storage layer
    writes it (see :mod:`infoint.undo`); it is opaque to everything else.
    """

    __repr__ = _repr

    action: str = attrs.field(validator=_not_empty)
    """The use case that made the change: ``held``, ``noted``, ``thanked``..."""
    at: datetime = attrs.field(converter=_moment, validator=_aware)
    """When the change was recorded."""
    undo: str = attrs.field(validator=_recorded)
    """What the change replaced: may hold whole texts (a thank-you note of the longest a
    text may be, and more), so it is bounded only with the record it belongs to."""


# ---------------------------------------------------------------- aggregates


@attrs.frozen(kw_only=True, repr=False)
class Target:
    """G1 and G3: an occupation, company or industry, with learning goals about it."""

    __repr__ = _repr

    id: str = attrs.field(validator=_not_empty)
    kind: TargetKind = attrs.field(converter=TargetKind)
    name: str = attrs.field(validator=_not_empty)
    notes: str = attrs.field(default="", validator=_text)
    goals: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    version: int = attrs.field(default=0, validator=_version)

    @property
    def label(self) -> str:
        """``kind:name``, the way the CLI accepts a target."""
        return f"{self.kind}:{self.name}"


@attrs.frozen(kw_only=True, repr=False)
class Contact:
    """G4: a person to interview (or who introduced or referred one).

    ``introducer_id`` is the mutual contact who arranges a meeting;
    ``referred_by_id`` is the interviewee who named this person (G16).
    """

    __repr__ = _repr

    id: str = attrs.field(validator=_not_empty)
    name: str = attrs.field(validator=_not_empty)
    role: str = attrs.field(default="", validator=_line)
    organization: str = attrs.field(default="", validator=_line)
    channels: tuple[Channel, ...] = attrs.field(default=(), converter=_tuple)
    relationship: Relationship = attrs.field(default=Relationship.STRANGER, converter=Relationship)
    introducer_id: str | None = None
    referred_by_id: str | None = None
    owns_business: bool = False
    notes: str = attrs.field(default="", validator=_text)
    version: int = attrs.field(default=0, validator=_version)

    def __attrs_post_init__(self) -> None:
        for field, value in (
            ("introducer", self.introducer_id),
            ("referred by", self.referred_by_id),
        ):
            if value is not None and value == self.id:
                raise ValidationError(field, "a contact cannot be their own " + field)

    def channel(self, kind: ChannelKind | str) -> str | None:
        """The first value of a channel kind (``ChannelKind.EMAIL`` or ``"email"``), or None."""
        wanted = ChannelKind(kind)
        return next((c.value for c in self.channels if c.kind is wanted), None)


@attrs.frozen(kw_only=True, repr=False)
class Profile:
    """G13: the seeker's own details, kept once and shown on every prep sheet."""

    __repr__ = _repr

    id: str = "profile"
    name: str = attrs.field(default="", validator=_line)
    pitch: str = attrs.field(default="", validator=_text)
    """"Me in 30 seconds": the short self-introduction."""
    version: int = attrs.field(default=0, validator=_version)


@attrs.frozen(kw_only=True, repr=False)
class Interview:
    """An informational interview, from idea to closed, with all it gathered.

    The current :attr:`status` is the last entry of ``history``; use
    :func:`infoint.lifecycle.advance` to move it.
    """

    __repr__ = _repr

    id: str = attrs.field(validator=_not_empty)
    contact_id: str = attrs.field(validator=_not_empty)
    history: tuple[StatusChange, ...] = attrs.field(converter=_tuple)
    target_ids: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_unique)
    purposes: tuple[Purpose, ...] = attrs.field(default=(), converter=_purposes, validator=_unique)
    goals: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    research: tuple[ResearchNote, ...] = attrs.field(default=(), converter=_tuple)
    mode: Mode = attrs.field(default=Mode.IN_PERSON, converter=Mode)
    agreed_minutes: int | None = attrs.field(default=None, validator=_minutes(1, 480))
    starts_at: datetime | None = attrs.field(default=None, converter=_moment, validator=_aware)
    place: str = attrs.field(default="", validator=_line)
    travel_minutes: int | None = attrs.field(default=None, validator=_minutes(0, 1440))
    dress_code: DressCode | None = attrs.field(
        default=None, converter=attrs.converters.optional(DressCode)
    )
    common_ground: str = attrs.field(default="", validator=_text)
    request: Request | None = None
    unplanned: bool = False
    questions: tuple[Question, ...] = attrs.field(default=(), converter=_tuple)
    notes: tuple[Note, ...] = attrs.field(default=(), converter=_tuple)
    referrals: tuple[Referral, ...] = attrs.field(default=(), converter=_tuple)
    assessment: Assessment | None = None
    thank_you: ThankYouNote | None = None
    openings: tuple[Opening, ...] = attrs.field(default=(), converter=_tuple)
    follow_ups: tuple[FollowUp, ...] = attrs.field(default=(), converter=_tuple)
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_tuple)
    """The last changes, oldest first, for undoing them one at a time (G26)."""
    version: int = attrs.field(default=0, validator=_version)

    def __attrs_post_init__(self) -> None:
        if not self.history:
            raise ValidationError("history", "an interview has at least its first status")
        if len({n.id for n in self.notes}) != len(self.notes):
            raise ValidationError("notes", "two notes share an ID")

    @property
    def status(self) -> Status:
        """The current state of the interview's life."""
        return self.history[-1].status

    @property
    def created_at(self) -> datetime:
        """When the interview was first recorded."""
        return self.history[0].at

    @property
    def updated_at(self) -> datetime:
        """When the interview last changed state."""
        return self.history[-1].at

    def stamp(self, status: Status) -> datetime | None:
        """When the interview last entered ``status``, or None if it never did."""
        return next((c.at for c in reversed(self.history) if c.status is status), None)


AGGREGATES: tuple[type[Any], ...] = (Contact, Target, Interview, Profile)
"""The classes stored as documents, one per record."""
