"""One VEVENT per interview with a start: times and zones (G7), place, status, the
alarms of the day before (G11) and of the time to leave (G12), and stable UIDs."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from infoint_ical.ics import build_calendar

from infoint.agenda import leave_by, verify_due
from infoint.model import Contact
from infoint.planning import default_minutes
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
Export = Callable[..., Any]
Scenario = Any


def uid(interview_id: str) -> str:
    return f"{interview_id}@infoint"


def test_calendar_header(scenario: Scenario, export: Export) -> None:
    cal = export().calendar
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["PRODID"]).startswith("-//infoint//infoint-ical ")
    assert str(cal["X-WR-CALNAME"]) == "Informational interviews (tester)"


def test_an_event_per_interview_with_a_start(scenario: Scenario, export: Export) -> None:
    events = export().events
    started = [
        scenario.scheduled,
        scenario.confirmed,
        scenario.held,
        scenario.thanked,
        scenario.cancelled,
        scenario.unplanned,
    ]
    assert set(events) == {uid(i) for i in started}  # not the idea: it has no time yet


def test_uids_are_stable_across_exports(
    ws: Workspace, scenario: Scenario, export: Export, clock: FakeClock
) -> None:
    first = export()
    ws.schedule_interview(scenario.scheduled, starts_at=datetime(2026, 5, 13, 15, 0, tzinfo=PARIS))
    second = export(at=clock.advance(days=3))
    assert set(first.events) == set(second.events)
    assert set(first.todos) == set(second.todos)
    moved = second.events[uid(scenario.scheduled)]
    assert moved.decoded("DTSTART") == datetime(2026, 5, 13, 15, 0, tzinfo=PARIS)
    # The calendar application sees a newer version of the same event.
    before = first.events[uid(scenario.scheduled)]
    assert int(moved["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


def test_the_same_data_gives_the_same_bytes(scenario: Scenario, export: Export) -> None:
    assert export().raw == export().raw


def test_dtstamp_is_the_export_time_in_utc(scenario: Scenario, export: Export) -> None:
    at = datetime(2026, 5, 2, 9, 0, tzinfo=PARIS)
    parsed = export(at=at)
    stamps = [c["DTSTAMP"] for c in [*parsed.events.values(), *parsed.todos.values()]]
    assert stamps
    assert {s.dt for s in stamps} == {datetime(2026, 5, 2, 7, 0, tzinfo=UTC)}
    assert parsed.raw.count(b"DTSTAMP:20260502T070000Z\r\n") == len(stamps)


def test_g7_start_keeps_its_zone_and_end_is_the_agreed_length(
    scenario: Scenario, export: Export
) -> None:
    parsed = export()
    confirmed = parsed.events[uid(scenario.confirmed)]  # video, 25 minutes agreed
    assert confirmed["DTSTART"].params["TZID"] == "Europe/Paris"
    assert confirmed.decoded("DTSTART") == datetime(2026, 5, 14, 9, 30, tzinfo=PARIS)
    assert confirmed.decoded("DTEND") - confirmed.decoded("DTSTART") == timedelta(minutes=25)
    assert b"DTSTART;TZID=Europe/Paris:20260514T093000\r\n" in parsed.raw
    assert b"DTEND;TZID=Europe/Paris:20260514T095500\r\n" in parsed.raw


def test_g7_no_length_agreed_uses_the_planners_default(
    ws: Workspace, scenario: Scenario, export: Export
) -> None:
    event = export().events[uid(scenario.scheduled)]  # in person, no length agreed
    minutes = default_minutes(ws.interview(scenario.scheduled).mode, ws.policy)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=minutes)
    assert f"{minutes} minutes (no length agreed yet)" in str(event["DESCRIPTION"])


def test_a_vtimezone_describes_the_zone_used(scenario: Scenario, export: Export) -> None:
    parsed = export()
    zones = parsed.calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Paris"]
    # Read the offsets from the VTIMEZONE itself, not from the reader's zone database.
    zone = zones[0].to_tz(lookup_tzid=False)
    assert datetime(2026, 5, 12, 14, 0, tzinfo=zone).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 12, 1, 14, 0, tzinfo=zone).utcoffset() == timedelta(hours=1)
    # Every TZID used is defined in the file, and VTIMEZONEs come before the events.
    assert parsed.calendar.get_missing_tzids() == set()
    assert parsed.raw.index(b"BEGIN:VTIMEZONE") < parsed.raw.index(b"BEGIN:VEVENT")


def test_a_fixed_offset_is_written_in_utc(scenario: Scenario, export: Export) -> None:
    parsed = export()
    event = parsed.events[uid(scenario.unplanned)]  # logged at 18:00+02:00
    assert "TZID" not in event["DTSTART"].params
    assert event.decoded("DTSTART") == datetime(2026, 4, 30, 16, 0, tzinfo=UTC)
    assert b"DTSTART:20260430T160000Z\r\n" in parsed.raw


def test_location_and_summary(scenario: Scenario, export: Export) -> None:
    event = export().events[uid(scenario.scheduled)]
    assert str(event["LOCATION"]) == scenario.tricky_place
    assert str(event["SUMMARY"]) == f"Informational interview with {scenario.tricky_name}"
    assert str(event["CONTACT"]).startswith(scenario.tricky_name + "; Ingénieure, R&D, Acme; Inc.")
    assert "email: jean@example.org" in str(event["CONTACT"])


def test_status_follows_the_interview(scenario: Scenario, export: Export) -> None:
    events = export().events
    assert str(events[uid(scenario.scheduled)]["STATUS"]) == "TENTATIVE"
    assert str(events[uid(scenario.confirmed)]["STATUS"]) == "CONFIRMED"
    assert str(events[uid(scenario.held)]["STATUS"]) == "CONFIRMED"
    assert str(events[uid(scenario.thanked)]["STATUS"]) == "CONFIRMED"
    cancelled = events[uid(scenario.cancelled)]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]).endswith("(cancelled)")


def test_description_has_the_prep_essentials(scenario: Scenario, export: Export) -> None:
    text = str(export().events[uid(scenario.scheduled)]["DESCRIPTION"])
    assert text.splitlines()[0] == f"{scenario.tricky_name}: Ingénieure, R&D, Acme; Inc."
    assert "About: occupation:Data engineer" in text
    assert "Why: learn how to break into the field" in text
    assert "- How do teams hire juniors?\nAnd what matters; most, to them" in text
    assert "Arrive by 13:50 (10 minutes early)." in text  # G12
    assert "Leave by 13:20 (30 minutes' travel)." in text
    assert "Bring: a small notebook; a pen; your résumé" in text  # G9
    assert f"infoint prep {scenario.scheduled[:8]}" in text


def test_description_lists_the_first_saved_questions(
    ws: Workspace, scenario: Scenario, export: Export
) -> None:
    text = str(export().events[uid(scenario.confirmed)]["DESCRIPTION"])
    saved = sorted(ws.interview(scenario.confirmed).questions, key=lambda q: q.at_second)
    assert len(saved) > 3
    listed = text.split("First questions:\n", 1)[1].splitlines()[:4]
    assert listed[:3] == [f"{n}. {q.text}" for n, q in enumerate(saved[:3], start=1)]
    assert not listed[3].startswith("4.")
    assert "Be ready by 09:20." in text  # a video call: no travel, no handshake
    assert "Leave by" not in text


def test_g11_alarm_the_day_before_until_confirmed(scenario: Scenario, export: Export) -> None:
    parsed = export()
    alarms = parsed.events[uid(scenario.scheduled)].walk("VALARM")
    verify = [a for a in alarms if str(a["DESCRIPTION"]).startswith("Verify")]
    assert len(verify) == 1
    wanted = f"Verify date, time and place with {scenario.tricky_name}"
    assert str(verify[0]["DESCRIPTION"]) == wanted
    assert str(verify[0]["ACTION"]) == "DISPLAY"
    assert verify[0]["TRIGGER"].dt == timedelta(days=-1)
    assert b"TRIGGER:-P1D\r\n" in parsed.raw
    # Once confirmed, the verification is done: no alarm for it.
    confirmed = parsed.events[uid(scenario.confirmed)].walk("VALARM")
    assert not [a for a in confirmed if str(a["DESCRIPTION"]).startswith("Verify")]


def test_g12_alarm_at_the_time_to_leave(ws: Workspace, scenario: Scenario, export: Export) -> None:
    parsed = export()
    alarms = parsed.events[uid(scenario.scheduled)].walk("VALARM")
    leave = [a for a in alarms if str(a["DESCRIPTION"]).startswith("Leave")]
    assert len(leave) == 1
    assert leave[0]["TRIGGER"].dt == timedelta(minutes=-40)  # 30 travel + 10 early
    assert b"TRIGGER:-PT40M\r\n" in parsed.raw
    description = str(leave[0]["DESCRIPTION"])
    assert scenario.tricky_place in description
    assert "be there by 13:50, it starts at 14:00" in description
    # The same moment as the agenda's leave-by.
    interview = ws.interview(scenario.scheduled)
    start = parsed.events[uid(scenario.scheduled)].decoded("DTSTART")
    assert start + leave[0]["TRIGGER"].dt == leave_by(interview, ws.policy)


def test_no_alarms_for_past_or_cancelled_interviews(scenario: Scenario, export: Export) -> None:
    events = export().events
    for interview_id in (scenario.held, scenario.thanked, scenario.cancelled, scenario.unplanned):
        assert events[uid(interview_id)].walk("VALARM") == []


def test_g11_the_day_before_is_a_calendar_day_across_a_clock_change(
    ws: Workspace, export: Export
) -> None:
    # 29 March 2026: Paris moves its clocks forward; the day before is 23 hours earlier.
    contact = ws.add_contact("Ada Lovelace")
    interview = ws.plan_interview(contact.id, targets=["occupation:Analyst"], purposes=["skills"])
    starts = datetime(2026, 3, 29, 14, 0, tzinfo=PARIS)
    ws.schedule_interview(interview.id, starts_at=starts)
    event = export().events[uid(interview.id)]
    (alarm,) = [a for a in event.alarms.times if a.alarm["DESCRIPTION"].startswith("Verify")]
    due = verify_due(ws.interview(interview.id), ws.policy)
    assert due is not None
    assert alarm.trigger.astimezone(UTC) == due.astimezone(UTC)
    assert starts.astimezone(UTC) - due.astimezone(UTC) == timedelta(hours=23)


def test_the_second_of_two_equal_wall_times_is_written_in_utc(
    make_data: Callable[..., Any], scheduled_at: Callable[..., Any], parse: Callable[..., Any]
) -> None:
    # 25 October 2026: Paris clocks go back at 03:00, so 02:30 happens twice. RFC 5545
    # reads a local 02:30 as the first; the second must be written in UTC.
    first = scheduled_at(
        datetime(2026, 10, 25, 2, 30, tzinfo=PARIS), id="first", agreed_minutes=15
    )
    second = scheduled_at(
        datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS), id="second", agreed_minutes=15
    )
    data = make_data([first, second], [Contact(id="c1", name="Ada")])
    parsed = parse(build_calendar(data).to_ical())
    a, b = parsed.events["first@infoint"], parsed.events["second@infoint"]
    assert a["DTSTART"].params["TZID"] == "Europe/Paris"
    assert a.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert "TZID" not in b["DTSTART"].params
    assert b.decoded("DTSTART") == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert b.decoded("DTEND") - b.decoded("DTSTART") == timedelta(minutes=15)


def test_an_end_in_the_repeated_hour_is_written_in_utc(
    make_data: Callable[..., Any], scheduled_at: Callable[..., Any], parse: Callable[..., Any]
) -> None:
    # 02:10 (summer time) plus an hour is the second 02:10 (winter time).
    interview = scheduled_at(datetime(2026, 10, 25, 2, 10, tzinfo=PARIS), agreed_minutes=60)
    data = make_data([interview], [Contact(id="c1", name="Ada")])
    raw = build_calendar(data).to_ical()
    assert b"DTSTART;TZID=Europe/Paris:20261025T021000\r\n" in raw
    assert b"DTEND:20261025T011000Z\r\n" in raw
    event = parse(raw).events["i1@infoint"]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=60)


def test_utc_zones_need_no_vtimezone(
    make_data: Callable[..., Any], scheduled_at: Callable[..., Any], parse: Callable[..., Any]
) -> None:
    interview = scheduled_at(datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("Etc/UTC")))
    data = make_data([interview], [Contact(id="c1", name="Ada")])
    raw = build_calendar(data).to_ical()
    assert b"DTSTART:20260601T120000Z\r\n" in raw
    assert b"VTIMEZONE" not in raw
    assert parse(raw).calendar.get_missing_tzids() == set()


@pytest.mark.parametrize("key", ["Mars/Olympus", None])
def test_a_zone_without_a_known_name_is_written_in_utc(
    key: str | None,
    make_data: Callable[..., Any],
    scheduled_at: Callable[..., Any],
    parse: Callable[..., Any],
) -> None:
    # Paris's rules under a name no zone database knows, or under no name at all:
    # no VTIMEZONE can be made for it, so the times are written in UTC.
    rules = resources.files("tzdata.zoneinfo").joinpath("Europe/Paris").read_bytes()
    zone = ZoneInfo.from_file(io.BytesIO(rules), key=key)
    interview = scheduled_at(datetime(2026, 5, 12, 14, 0, tzinfo=zone), agreed_minutes=20)
    raw = build_calendar(make_data([interview], [Contact(id="c1", name="Ada")])).to_ical()
    assert b"DTSTART:20260512T120000Z\r\n" in raw
    assert b"DTEND:20260512T122000Z\r\n" in raw
    assert b"TZID" not in raw
    assert parse(raw).calendar.get_missing_tzids() == set()
