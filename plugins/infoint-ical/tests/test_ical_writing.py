"""``write_calendar`` writes one event or to-do at a time, and gives the very bytes of
``build_calendar(data).to_ical()``, which holds the whole calendar: for zones with and
without daylight saving, UTC under its many names, zones no VTIMEZONE can be made for
(written in UTC on a second try), thank-you and follow-up to-dos, and long non-ASCII text
that has to be folded."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from infoint_ical.ics import build_calendar, write_calendar

from infoint.exchange import ExportData
from infoint.model import (
    ChannelKind,
    Contact,
    FollowUp,
    Interview,
    Mode,
    Status,
    StatusChange,
    Target,
    ThankYouNote,
)
from infoint.testing import strategies as model
from infoint.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
SYDNEY = ZoneInfo("Australia/Sydney")
NEW_YORK = ZoneInfo("America/New_York")
_PARIS_RULES = resources.files("tzdata.zoneinfo").joinpath("Europe/Paris").read_bytes()
OLYMPUS = ZoneInfo.from_file(io.BytesIO(_PARIS_RULES), key="Mars/Olympus")
"""Paris's rules under a name no zone database knows: no VTIMEZONE can be made for it."""
NAMELESS = ZoneInfo.from_file(io.BytesIO(_PARIS_RULES))
"""Paris's rules under no name at all."""

ZONES: tuple[tzinfo, ...] = (
    PARIS,
    NEW_YORK,
    SYDNEY,
    ZoneInfo("Australia/Lord_Howe"),  # a daylight-saving shift of half an hour
    ZoneInfo("Asia/Tokyo"),  # no daylight saving
    ZoneInfo("Etc/UTC"),
    ZoneInfo("GMT"),
    ZoneInfo("Africa/Abidjan"),  # icalendar writes it as UTC
    OLYMPUS,
    NAMELESS,
    UTC,
    timezone(timedelta(hours=2)),
    timezone(timedelta(hours=-5, minutes=-30)),
)

EDGES: tuple[datetime, ...] = (
    datetime(2026, 3, 29, 2, 30, tzinfo=PARIS),  # in the gap: becomes 03:30
    datetime(2026, 10, 25, 2, 30, tzinfo=PARIS),  # the first of two 02:30s
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS),  # the second
    datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK),
    datetime(2026, 4, 5, 2, 30, fold=1, tzinfo=SYDNEY),
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=OLYMPUS),
    datetime(2026, 12, 31, 23, 30, tzinfo=SYDNEY),  # already next year in UTC
)

moments = st.one_of(
    st.sampled_from(EDGES),
    st.datetimes(
        min_value=datetime(2021, 1, 1),
        max_value=datetime(2031, 1, 1),
        timezones=st.sampled_from(ZONES),
    ),
)
"""Aware datetimes in every kind of zone, around clock changes too."""

CONTACT_IDS = ("c1", "c2", "c3", "c-unknown")
"""Several interviews per contact (for the follow-up cadence), and one not exported."""

_changes = st.builds(StatusChange, status=st.sampled_from(Status), at=moments)


@st.composite
def _histories(draw: st.DrawFn) -> tuple[StatusChange, ...]:
    """Any steps, often one that marks it held (what thank-yous and follow-ups need)."""
    steps = draw(st.lists(_changes, max_size=2))
    if draw(st.booleans()):
        steps.append(StatusChange(status=Status.HELD, at=draw(moments)))
    return (*steps, draw(_changes))


interviews = st.builds(
    Interview,
    id=model.ids,
    contact_id=st.sampled_from(CONTACT_IDS),
    history=_histories(),
    target_ids=st.lists(st.sampled_from(["t1", "t2", "t-unknown"]), unique=True).map(tuple),
    goals=st.lists(model.names, max_size=2).map(tuple),
    mode=st.sampled_from(Mode),
    agreed_minutes=st.none() | st.integers(1, 480),
    starts_at=st.none() | moments,
    place=model.lines,
    travel_minutes=st.none() | st.integers(0, 1440),
    unplanned=st.booleans(),
    thank_you=st.none()
    | st.builds(ThankYouNote, text=model.texts, drafted_at=moments, sent_at=st.none() | moments),
    follow_ups=st.lists(
        st.builds(
            FollowUp,
            at=moments,
            channel=st.sampled_from(ChannelKind),
            answered_at=st.none() | moments,
        ),
        max_size=3,
    ).map(tuple),
)


@st.composite
def export_parts(draw: st.DrawFn) -> dict[str, Any]:
    """What ``make_data`` needs, and an owner name to put in the calendar's title."""
    contacts = [draw(model.contacts(id_=st.just(contact_id))) for contact_id in CONTACT_IDS[:-1]]
    return {
        "interviews": draw(st.lists(interviews, max_size=8, unique_by=lambda i: i.id)),
        "contacts": contacts,
        "targets": [draw(model.targets(id_=st.just(target_id))) for target_id in ("t1", "t2")],
        "generated_at": draw(moments),
        "owner": draw(model.names),
    }


MakeData = Callable[..., ExportData]


def written(data: ExportData) -> bytes:
    out = io.BytesIO()
    write_calendar(data, out)
    return out.getvalue()


# make_data is a plain function: nothing in it is shared between examples.
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(parts=export_parts())
def test_writing_gives_the_bytes_of_the_whole_tree(
    parts: dict[str, Any], make_data: MakeData
) -> None:
    owner = parts.pop("owner")
    data = attrs.evolve(make_data(**parts), owner=owner)
    assert written(data) == build_calendar(data).to_ical()


def _interview(id_: str, *steps: tuple[Status, datetime], **fields: Any) -> Interview:
    history = [StatusChange(status=status, at=at) for status, at in steps]
    return Interview(id=id_, contact_id=fields.pop("contact_id", "c1"), history=history, **fields)


def varied(make_data: MakeData) -> ExportData:
    """Every kind of zone and entry in one calendar."""
    at = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    idea = (Status.IDEA, at - timedelta(days=60))
    interviews = [
        _interview(
            "paris",
            idea,
            (Status.SCHEDULED, at),
            starts_at=datetime(2026, 5, 12, 14, 0, tzinfo=PARIS),
            place="Salle 3, bâtiment B; 12, rue de la Paix, 75002 Paris " * 3,
            travel_minutes=30,
            goals=("How do teams hire juniors?\nAnd what matters; most, to them " * 4,),
        ),
        _interview(
            "sydney",  # the first 02:30 of the night the clocks go back: with its TZID
            idea,
            (Status.CONFIRMED, at),
            starts_at=datetime(2027, 4, 4, 2, 30, tzinfo=SYDNEY),
            mode=Mode.VIDEO,
        ),
        _interview(
            "sydney-again",  # the second: in UTC
            idea,
            (Status.CANCELLED, at),
            starts_at=datetime(2027, 4, 4, 2, 30, fold=1, tzinfo=SYDNEY),
        ),
        _interview(
            "olympus",
            idea,
            (Status.SCHEDULED, at),
            starts_at=datetime(2026, 6, 1, 9, 0, tzinfo=OLYMPUS),
        ),
        _interview(
            "utc",
            idea,
            (Status.SCHEDULED, at),
            starts_at=datetime(2026, 6, 2, 9, 0, tzinfo=ZoneInfo("Etc/UTC")),
        ),
        _interview(
            "held",  # a thank-you to send
            idea,
            (Status.HELD, datetime(2026, 4, 28, 11, 0, tzinfo=NEW_YORK)),
            contact_id="c2",
            starts_at=datetime(2026, 4, 28, 10, 0, tzinfo=NEW_YORK),
        ),
        _interview(
            "thanked",  # a follow-up to make
            idea,
            (Status.HELD, datetime(2025, 12, 20, 15, 30, tzinfo=PARIS)),
            (Status.THANKED, datetime(2025, 12, 21, 9, 0, tzinfo=PARIS)),
            contact_id="c3",
            starts_at=datetime(2025, 12, 20, 15, 0, tzinfo=PARIS),
            thank_you=ThankYouNote(
                text="Thank you.",
                drafted_at=datetime(2025, 12, 21, 8, 0, tzinfo=PARIS),
                sent_at=datetime(2025, 12, 21, 9, 0, tzinfo=PARIS),
            ),
        ),
        _interview(
            "unplanned",  # a thank-you due in UTC, no event in UTC's way
            (Status.HELD, datetime(2026, 4, 30, 18, 0, tzinfo=timezone(timedelta(hours=2)))),
            contact_id="c-unknown",
            unplanned=True,
        ),
    ]
    contacts = [
        Contact(id="c1", name='Dupont, Jean; "JJ" Élodie 🎉' * 4, organization="Acme; Inc."),
        Contact(id="c2", name="Grace Hopper"),
        Contact(id="c3", name="Margaret Hamilton"),
    ]
    targets = [Target(id="t1", kind="occupation", name="Data engineer")]
    data = make_data(interviews, contacts, targets, generated_at=at)
    return attrs.evolve(data, owner="Ada Lovelace, née Byron; « Countess » 🧮 " * 3)


def test_a_varied_calendar_is_written_as_the_whole_tree(make_data: MakeData) -> None:
    data = varied(make_data)
    raw = written(data)
    assert raw == build_calendar(data).to_ical()
    # What the comparison covered: VTIMEZONEs in TZID order (none for Olympus or UTC)
    # before the events; thank-you and follow-up to-dos; folded lines.
    zones = [line for line in raw.split(b"\r\n") if line.startswith(b"TZID:")]
    assert zones == [b"TZID:America/New_York", b"TZID:Australia/Sydney", b"TZID:Europe/Paris"]
    assert raw.rindex(b"END:VTIMEZONE") < raw.index(b"BEGIN:VEVENT")
    assert b"DTSTART:20260601T070000Z\r\n" in raw  # Olympus, in UTC
    assert b"DTSTART:20260602T090000Z\r\n" in raw
    assert b"DTSTART;TZID=Australia/Sydney:20270404T023000\r\n" in raw
    assert b"DTSTART:20270403T163000Z\r\n" in raw
    assert b"UID:held-thank-you@infoint\r\n" in raw
    assert b"UID:unplanned-thank-you@infoint\r\n" in raw
    assert b"UID:c3-follow-up@infoint\r\n" in raw
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VTODO\r\nEND:VCALENDAR\r\n")
    head = raw[: raw.index(b"BEGIN:VTIMEZONE")]
    assert b"\r\n " in head  # the long title is folded, as every long line
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


@pytest.mark.parametrize("interviews", [(), ("sydney",)])
def test_a_calendar_with_no_zone_or_one(interviews: tuple[str, ...], make_data: MakeData) -> None:
    data = varied(make_data)
    data = attrs.evolve(data, interviews=tuple(i for i in data.interviews if i.id in interviews))
    raw = written(data)
    assert raw == build_calendar(data).to_ical()
    assert raw.count(b"BEGIN:VTIMEZONE") == len(interviews)


def test_the_scenario_exported_is_the_whole_tree(scenario: Any, ws: Workspace) -> None:
    out = io.BytesIO()
    ws.export("ics", out)
    assert out.getvalue() == build_calendar(ws.export_data()).to_ical()
