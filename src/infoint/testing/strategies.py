"""Hypothesis strategies for every aggregate and value object of :mod:`infoint.model`.

Every object drawn is valid (it passes the model's validators) and uses
aware datetimes in several time zones, non-ASCII text and optional fields
both set and unset, so round-trip tests see what real data holds.

>>> from hypothesis import find
>>> find(contacts(), lambda c: c.referred_by_id is not None).referred_by_id is not None
True
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

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
    Question,
    QuestionKind,
    Referral,
    Relationship,
    Request,
    RequestChannel,
    ResearchNote,
    ResearchSubject,
    Status,
    StatusChange,
    Target,
    TargetKind,
    ThankYouMedium,
    ThankYouNote,
)

ZONES = (
    UTC,
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
    ZoneInfo("Europe/Paris"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Australia/Lord_Howe"),
)
"""The zones :data:`datetimes` draws from: UTC, fixed offsets, and named zones with
daylight saving (Lord Howe's moves by half an hour)."""

ids = st.text(alphabet="0123456789abcdef", min_size=8, max_size=32)
"""IDs shaped like infoint's own (hexadecimal)."""

_chars = st.characters(codec="utf-8", exclude_characters="\x00")
texts = st.text(_chars, max_size=200)
"""Any text, empty included, non-ASCII and control characters too (never NUL)."""
lines = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Zl", "Zp")), max_size=60)
"""One line of text, possibly empty: a role, an organization, a place."""
names = lines.filter(lambda s: s.strip() != "")
"""One line with something besides white space in it: a name, a title."""

datetimes = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from(ZONES),
)
"""Aware datetimes in several zones, daylight-saving ones among them."""
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
"""Days from 2000 to 2100 (an opening's earliest day to apply, say)."""


def _tuples(
    strategy: st.SearchStrategy[object], max_size: int = 3
) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(strategy, max_size=max_size).map(tuple)


channels = st.one_of(
    st.builds(
        Channel,
        kind=st.sampled_from([k for k in ChannelKind if k is not ChannelKind.EMAIL]),
        value=names,
        label=lines,
    ),
    st.builds(
        Channel,
        kind=st.just(ChannelKind.EMAIL),
        value=st.from_regex(r"\A[a-z0-9._]{1,12}@[a-z0-9]{1,10}\.[a-z]{2,6}\Z"),
    ),
)
"""A contact's channels: e-mail addresses that look like ones, any other kind with any
one-line value."""


def contacts(id_: st.SearchStrategy[str] = ids) -> st.SearchStrategy[Contact]:
    """Contacts, sometimes with an introducer or referrer."""
    return st.builds(
        Contact,
        id=id_,
        name=names,
        role=lines,
        organization=lines,
        channels=_tuples(channels),
        relationship=st.sampled_from(Relationship),
        introducer_id=st.none() | ids.map(lambda i: "i" + i),
        referred_by_id=st.none() | ids.map(lambda i: "r" + i),
        owns_business=st.booleans(),
        notes=texts,
    )


def targets(id_: st.SearchStrategy[str] = ids) -> st.SearchStrategy[Target]:
    """Targets of every kind, with goals."""
    return st.builds(
        Target,
        id=id_,
        kind=st.sampled_from(TargetKind),
        name=names,
        notes=texts,
        goals=_tuples(names),
    )


profiles = st.builds(Profile, name=lines, pitch=texts)
"""The seeker's profile: any name (possibly empty) and pitch."""

_notes = st.one_of(
    st.builds(
        Note,
        id=ids,
        text=names,
        at=datetimes,
        kind=st.sampled_from([NoteKind.FREE, NoteKind.ADVICE]),
    ),
    st.builds(
        Note, id=ids, text=names, at=datetimes, kind=st.just(NoteKind.ANSWER), question_id=ids
    ),
)

_assessments = st.builds(
    Assessment,
    at=datetimes,
    went_well=texts,
    went_badly=texts,
    wish_said=texts,
    wish_not_said=texts,
    follow_up_strategy=texts,
    feedback=_tuples(st.builds(Feedback, reviewer=names, text=texts, at=datetimes)),
)

_thank_yous = st.builds(
    ThankYouNote,
    text=texts,
    drafted_at=datetimes,
    medium=st.sampled_from(ThankYouMedium),
    handwriting=st.sampled_from(Handwriting),
    sent_at=st.none() | datetimes,
)


def interviews(
    id_: st.SearchStrategy[str] = ids, contact_id: st.SearchStrategy[str] = ids
) -> st.SearchStrategy[Interview]:
    """Interviews with everything an interview can carry, in any status."""
    return st.builds(
        Interview,
        id=id_,
        contact_id=contact_id,
        history=st.lists(
            st.builds(StatusChange, status=st.sampled_from(Status), at=datetimes, note=texts),
            min_size=1,
            max_size=4,
        ).map(tuple),
        target_ids=st.lists(ids, unique=True, max_size=3).map(tuple),
        purposes=st.lists(st.sampled_from(Purpose), unique=True, max_size=3).map(tuple),
        goals=_tuples(names),
        research=_tuples(
            st.builds(ResearchNote, subject=st.sampled_from(ResearchSubject), text=names)
        ),
        mode=st.sampled_from(Mode),
        agreed_minutes=st.none() | st.integers(1, 480),
        starts_at=st.none() | datetimes,
        place=lines,
        travel_minutes=st.none() | st.integers(0, 1440),
        dress_code=st.none() | st.sampled_from(DressCode),
        common_ground=texts,
        request=st.none()
        | st.builds(
            Request,
            channel=st.sampled_from(RequestChannel),
            asked_at=datetimes,
            via=st.none() | ids,
        ),
        unplanned=st.booleans(),
        questions=_tuples(
            st.builds(
                Question,
                id=ids,
                kind=st.sampled_from(QuestionKind),
                text=names,
                seconds=st.integers(5, 600),
            )
        ),
        notes=st.lists(_notes, max_size=3, unique_by=lambda n: n.id).map(tuple),
        referrals=_tuples(st.builds(Referral, contact_id=ids, at=datetimes, note=texts)),
        assessment=st.none() | _assessments,
        thank_you=st.none() | _thank_yous,
        openings=_tuples(
            st.builds(
                Opening,
                title=names,
                found_at=datetimes,
                earliest_apply_on=dates,
                organization=lines,
                notes=texts,
                applied_at=st.none() | datetimes,
            )
        ),
        follow_ups=_tuples(
            st.builds(
                FollowUp,
                at=datetimes,
                channel=st.sampled_from(ChannelKind),
                note=texts,
                answered_at=st.none() | datetimes,
            )
        ),
    )


aggregates = st.one_of(contacts(), targets(), interviews(), profiles)
"""Any stored aggregate."""
