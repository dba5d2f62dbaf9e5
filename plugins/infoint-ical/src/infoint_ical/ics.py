"""The VCALENDAR of one export, made with the ``icalendar`` library.

Imported only when a calendar is written (see :class:`infoint_ical.ICalExporter`).
Everything here is a pure function of the :class:`~infoint.exchange.ExportData`:
the same data gives the same bytes, and the same record always gets the same UID.

:func:`write_calendar` writes each event and to-do as soon as it is made and
forgets it; :func:`build_calendar` makes the same calendar as one tree of
components (the library's way, which holds them all), and is what the tests
compare the written bytes with.

Times: a start in a named zone (``ZoneInfo("Europe/Paris")``) is written with
``TZID=Europe/Paris`` and the calendar gets the matching VTIMEZONE; any other
time (a fixed offset, UTC, a zone the library cannot describe) is written in
UTC, which names the same instant. A wall time that happens twice (the hour
the clocks go back) is written in UTC when it is the second one, because
RFC 5545 reads such a local time as the first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import partial
from itertools import chain
from typing import IO, NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Component, Event, Timezone, Todo, vText

from infoint.agenda import Cadence, by_contact_id, cadence, held_at, leave_by, thank_you_due
from infoint.exchange import ExportData
from infoint.model import ChannelKind, Contact, Interview, Mode, Status
from infoint.planning import (
    BRING_IN_PERSON,
    BRING_REMOTE,
    PURPOSE_TEXT,
    default_minutes,
    minutes_before,
)
from infoint_ical import __version__

PRODID = f"-//infoint//infoint-ical {__version__}//EN"
"""Who wrote the calendar (RFC 5545 3.7.3)."""

UID_DOMAIN = "infoint"
"""The right-hand side of every UID: ``<infoint ID>[-what]@infoint``."""

EVENT_STATUS: dict[Status, str] = {
    Status.SCHEDULED: "TENTATIVE",
    Status.CONFIRMED: "CONFIRMED",
    Status.HELD: "CONFIRMED",
    Status.ASSESSED: "CONFIRMED",
    Status.THANKED: "CONFIRMED",
    Status.CLOSED: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
    Status.DECLINED: "CANCELLED",
}
"""The interviews that become events, and their STATUS. A scheduled interview is
tentative until the day-before verification confirms it (G11); one that took place
stays in the calendar as history; ideas and requests have no time yet."""

UPCOMING: frozenset[Status] = frozenset({Status.SCHEDULED, Status.CONFIRMED})
"""Interviews still to come: their events carry the prep essentials and alarms."""

THANK_YOU_OPEN: frozenset[Status] = frozenset({Status.HELD, Status.ASSESSED})
"""Interviews whose thank-you note may still be unsent (as on the agenda, G19)."""

FIRST_QUESTIONS = 3
"""How many saved questions the event's description lists."""

UTC_ZONE_KEYS: frozenset[str] = frozenset(
    {
        "UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu",
        "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "GMT+0", "Etc/GMT+0", "GMT-0", "Etc/GMT-0",
        "Greenwich", "Etc/Greenwich",
    }
)  # fmt: skip
"""Zone names that are UTC itself: written with ``Z``, never as a TZID."""

_MODE_TEXT = {Mode.IN_PERSON: "In person", Mode.VIDEO: "Video call", Mode.PHONE: "Phone call"}


def write_calendar(data: ExportData, out: IO[bytes]) -> None:
    """Write the calendar of ``data`` to ``out``: the bytes of
    ``build_calendar(data).to_ical()``, made one component at a time.

    Only one event or to-do exists at a time, so memory does not grow with the
    number of interviews (beyond ``data`` itself and a sort key for each entry).
    The VTIMEZONEs come first and must cover the years of every time written, so a
    first pass goes through those times without making any component.
    """
    events, todos = _entries(data)
    probe = _Times(frozenset())
    for entry in chain(events, todos):
        for moment in entry.moments:
            probe(moment)
    timezones, utc_only = _timezones(probe.zones)
    times = _Times(utc_only)
    head = _head(data).to_ical()
    assert head.endswith(_END)
    out.write(head[: -len(_END)])
    for timezone in timezones:
        out.write(timezone.to_ical())
    for entry in chain(events, todos):
        out.write(entry.make(times).to_ical())
    out.write(_END)


def build_calendar(data: ExportData) -> Calendar:
    """The whole calendar of ``data`` as one tree of components: VTIMEZONEs, then
    events, then to-dos.

    What :func:`write_calendar` writes, made the library's way: simple, but it
    holds every component until the end. The tests check that both give the same
    bytes.
    """
    events, todos = _entries(data)
    utc_only: frozenset[str] = frozenset()
    while True:
        times = _Times(utc_only)
        calendar = _head(data)
        for entry in chain(events, todos):
            calendar.add_component(entry.make(times))
        if times.years:
            calendar.add_missing_timezones(
                first_date=date(min(times.years) - 1, 1, 1),
                last_date=date(max(times.years) + 2, 1, 1),
            )
            # Before the events that use them (icalendar < 7 appends them at the end),
            # by TZID (the library adds them in the order of a set of strings, which
            # changes from one process to the next), and none for UTC, which needs none
            # (icalendar 7.0.0 to 7.0.2 adds one).
            calendar.subcomponents[:] = sorted(
                (c for c in calendar.subcomponents if not _utc_zone(c)),
                key=lambda c: (c.name != "VTIMEZONE", _zone_name(c)),
            )
        missing = frozenset(calendar.get_missing_tzids()) - UTC_ZONE_KEYS
        if not missing or missing <= utc_only:
            return calendar
        # A zone the library cannot describe as a VTIMEZONE: write those times in UTC.
        utc_only |= missing


_END = b"END:VCALENDAR\r\n"
"""The last line of a calendar, as ``to_ical()`` writes it."""


# ---------------------------------------------------------------- times


def _zone_name(component: Component) -> str:
    """The TZID of a VTIMEZONE, "" for any other component."""
    return str(component.get("TZID")) if component.name == "VTIMEZONE" else ""


def _utc_zone(component: Component) -> bool:
    return component.name == "VTIMEZONE" and _zone_name(component) in UTC_ZONE_KEYS


class _Times:
    """Turns an aware datetime into what the calendar writes, noting the years of
    the zoned ones (the VTIMEZONEs must cover them), zone by zone."""

    def __init__(self, utc_only: frozenset[str]) -> None:
        self.utc_only = utc_only | UTC_ZONE_KEYS
        self.years: set[int] = set()
        self.zones: dict[str, tuple[datetime, set[int]]] = {}
        """By zone name: one time written in it, and the years of all of them."""

    def __call__(self, at: datetime) -> datetime:
        zone = at.tzinfo
        if not isinstance(zone, ZoneInfo) or not zone.key or zone.key in self.utc_only:
            return at.astimezone(UTC)
        real = at.astimezone(UTC).astimezone(zone)  # out of a daylight-saving gap
        if real.fold and real.replace(fold=0).utcoffset() != real.utcoffset():
            return at.astimezone(UTC)  # the second of two equal wall times
        self.years.add(real.year)
        self.zones.setdefault(zone.key, (real, set()))[1].add(real.year)
        return real


def _timezones(
    zones: Mapping[str, tuple[datetime, set[int]]],
) -> tuple[list[Timezone], frozenset[str]]:
    """The VTIMEZONEs of a calendar whose zoned times are ``zones``, by TZID, and the
    zones to write in UTC instead: what :func:`build_calendar` ends with, worked out
    from the zones alone (the same steps, without the events)."""
    utc_only: frozenset[str] = frozenset()
    while True:
        kept = [zones[key] for key in zones if key not in utc_only]
        years = {year for _, in_zone in kept for year in in_zone}
        used = {tzid for tzid in (_tzid(sample) for sample, _ in kept) if tzid}
        timezones: list[Timezone] = []
        if years:
            first, last = date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1)
            for tzid in sorted(used - {"UTC"}):
                try:
                    timezone = Timezone.from_tzid(tzid, first_date=first, last_date=last)
                except ValueError:  # as Calendar.add_missing_timezones does
                    continue
                if not _utc_zone(timezone):
                    timezones.append(timezone)
        missing = frozenset(used - {t.tz_name for t in timezones} - UTC_ZONE_KEYS)
        if not missing or missing <= utc_only:
            return sorted(timezones, key=_zone_name), utc_only
        utc_only |= missing


def _tzid(at: datetime) -> str | None:
    """The TZID parameter the library writes for ``at`` (none for UTC)."""
    probe = Event()
    probe.add("dtstart", at)
    tzid = probe["DTSTART"].params.get("TZID")
    return None if tzid is None else str(tzid)


def _later(at: datetime, minutes: int) -> datetime:
    """``minutes`` of real time after ``at``, in ``at``'s zone."""
    return (at.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(at.tzinfo)


def _clock(at: datetime, day_of: datetime) -> str:
    """``14:00``, with the date when it is not ``day_of``'s date."""
    return at.strftime("%H:%M" if at.date() == day_of.date() else "%Y-%m-%d %H:%M")


def _instant(at: datetime) -> datetime:
    return at.astimezone(UTC)


# ---------------------------------------------------------------- text


_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029\x85]")


def text(value: str) -> str:
    """``value`` made fit for an iCalendar TEXT value, which the library then escapes.

    Line breaks of every kind become ``\\n``; control characters other than tab and
    line feed (which RFC 5545 does not allow) and lone surrogates (which UTF-8
    cannot write) are dropped; and a backslash before a capital N gets a word
    joiner (U+2060) after it, because ``icalendar`` turns ``\\N`` into a line break
    before it escapes backslashes ("C:\\New" would come out as "C:", line break, "ew").
    """
    value = _LINE_BREAK.sub("\n", value)
    value = "".join(
        ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return value.replace("\\N", "\\\u2060N")


def _name(contact: Contact | None) -> str:
    return contact.name if contact is not None else "an unknown contact"


def _contact_line(contact: Contact) -> str:
    """CONTACT (RFC 5545 3.8.4.2): who, and how to reach them."""
    parts = [contact.name]
    job = ", ".join(p for p in (contact.role, contact.organization) if p)
    if job:
        parts.append(job)
    for kind in (ChannelKind.EMAIL, ChannelKind.PHONE):
        value = contact.channel(kind)
        if value:
            parts.append(f"{kind}: {value}")
    return "; ".join(parts)


def _description(
    data: ExportData, interview: Interview, contact: Contact | None, minutes: int
) -> str:
    """The prep essentials (G3, G9, G12, G14) for an upcoming interview; who, what
    about and what became of it for the others."""
    policy, starts = data.policy, interview.starts_at
    assert starts is not None
    lines = [_name(contact)]
    if contact is not None and (contact.role or contact.organization):
        lines[0] += ": " + ", ".join(p for p in (contact.role, contact.organization) if p)
    length = f"{minutes} minutes"
    if interview.agreed_minutes is None:
        length += " (no length agreed yet)"
    lines.append(f"{_MODE_TEXT[interview.mode]}, {length}.")
    targets = [t for t in (data.target(i) for i in interview.target_ids) if t is not None]
    if targets:
        lines.append("About: " + "; ".join(t.label for t in targets))
    if interview.purposes:
        lines.append("Why: " + "; ".join(PURPOSE_TEXT[p] for p in interview.purposes))
    goals = dict.fromkeys([*interview.goals, *(g for t in targets for g in t.goals)])
    if goals:
        lines.append("Goals:")
        lines += [f"- {goal}" for goal in goals]
    if interview.status not in UPCOMING:
        lines.append(
            f"Status: {interview.status}" + (" (unplanned)" if interview.unplanned else "")
        )
        return "\n".join(lines)

    arrive = minutes_before(starts, policy.arrive_early_minutes)
    bring: tuple[str, ...]
    if interview.mode is Mode.IN_PERSON:
        lines.append(
            f"Arrive by {_clock(arrive, starts)} ({policy.arrive_early_minutes} minutes early)."
        )
        leave = leave_by(interview, policy)
        if interview.travel_minutes is not None and leave is not None:
            lines.append(
                f"Leave by {_clock(leave, starts)} ({interview.travel_minutes} minutes' travel)."
            )
        bring = BRING_IN_PERSON
    else:
        lines.append(f"Be ready by {_clock(arrive, starts)}.")
        bring = BRING_REMOTE
    lines.append("Bring: " + "; ".join(bring) + ".")
    questions = sorted(interview.questions, key=lambda q: q.at_second)[:FIRST_QUESTIONS]
    if questions:
        lines.append("First questions:")
        lines += [f"{n}. {q.text}" for n, q in enumerate(questions, start=1)]
    lines.append(f"Prep sheet: infoint prep {interview.id[:8]}")
    return "\n".join(lines)


# ---------------------------------------------------------------- components


class _Entry(NamedTuple):
    """An event or to-do still to make: where it goes, the times it writes, and how."""

    at: datetime
    """The instant it is sorted by (then by UID)."""
    uid: str
    moments: tuple[datetime, ...]
    """The times it writes, before :class:`_Times` turns them into what is written."""
    make: Callable[[_Times], Component]


def _order(entry: _Entry) -> tuple[datetime, str]:
    return entry.at, entry.uid


def _head(data: ExportData) -> Calendar:
    """The VCALENDAR with its own properties and no components yet."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = text(f"Informational interviews ({data.owner})")
    calendar.add("name", vText(title))
    calendar.add("x-wr-calname", vText(title))
    return calendar


def _entries(data: ExportData) -> tuple[list[_Entry], list[_Entry]]:
    """The events and the to-dos of ``data``, each in the order they are written."""
    stamp = _instant(data.generated_at)
    events = [e for e in (_event(data, i, stamp) for i in data.interviews) if e]
    events.sort(key=_order)
    event_uids = {e.uid for e in events}
    todos = list(_thank_yous(data, stamp, event_uids))
    todos += _follow_ups(data, stamp)
    todos.sort(key=_order)
    return events, todos


def _minutes(data: ExportData, interview: Interview) -> int:
    """How long the interview lasts: as agreed, or the planner's default (G7)."""
    if interview.agreed_minutes is not None:
        return interview.agreed_minutes
    return default_minutes(interview.mode, data.policy)


def _event(data: ExportData, interview: Interview, stamp: datetime) -> _Entry | None:
    """The VEVENT of an interview with a start (still to make), or None."""
    starts, status = interview.starts_at, EVENT_STATUS.get(interview.status)
    if starts is None or status is None:
        return None
    moments = (starts, _later(starts, _minutes(data, interview)))
    uid = f"{interview.id}@{UID_DOMAIN}"
    return _Entry(_instant(starts), uid, moments, partial(_vevent, data, interview, stamp))


def _vevent(data: ExportData, interview: Interview, stamp: datetime, times: _Times) -> Event:
    """The VEVENT itself (see :func:`_event`)."""
    starts, status = interview.starts_at, EVENT_STATUS[interview.status]
    assert starts is not None
    contact = data.contact(interview.contact_id)
    name = _name(contact)
    minutes = _minutes(data, interview)
    event = Event()
    event.add("uid", f"{interview.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("created", _instant(interview.created_at))
    event.add("sequence", len(interview.history) - 1)
    event.add("dtstart", times(starts))
    event.add("dtend", times(_later(starts, minutes)))
    summary = f"Informational interview with {name}"
    if status == "CANCELLED":
        summary += f" ({interview.status})"
    event.add("summary", text(summary))
    if interview.place:
        event.add("location", text(interview.place))
    event.add("description", text(_description(data, interview, contact, minutes)))
    if contact is not None:
        event.add("contact", text(_contact_line(contact)))
    event.add("status", status)
    if interview.status in UPCOMING:
        for alarm in _alarms(data, interview, name):
            event.add_component(alarm)
    return event


def _alarm(trigger: timedelta, description: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text(description))
    alarm.add("trigger", trigger)  # relative to DTSTART
    return alarm


def _alarms(data: ExportData, interview: Interview, name: str) -> Iterable[Alarm]:
    """The day-before verification (G11, until confirmed) and the time to leave (G12).

    Both triggers are durations before the start, never absolute times: ``-P1D`` is
    a calendar day in the event's own zone (RFC 5545 3.3.6), like the agenda's
    "the day before"; the time to leave is real minutes before it.
    """
    policy, starts = data.policy, interview.starts_at
    assert starts is not None
    if interview.status is Status.SCHEDULED:
        yield _alarm(
            timedelta(days=-policy.verify_days_before),
            f"Verify date, time and place with {name}",
        )
    leave = leave_by(interview, policy)
    if interview.mode is Mode.IN_PERSON and interview.travel_minutes is not None and leave:
        arrive = minutes_before(starts, policy.arrive_early_minutes)
        where = f" at {interview.place}" if interview.place else ""
        yield _alarm(
            leave.astimezone(UTC) - starts.astimezone(UTC),
            f"Leave now for the interview with {name}{where}: be there by"
            f" {_clock(arrive, starts)}, it starts at {_clock(starts, starts)}",
        )


def _todo(uid: str, stamp: datetime, summary: str, due: datetime, description: str) -> Todo:
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", stamp)
    todo.add("summary", text(summary))
    todo.add("due", due)
    todo.add("description", text(description))
    todo.add("status", "NEEDS-ACTION")
    return todo


def _thank_yous(data: ExportData, stamp: datetime, event_uids: set[str]) -> Iterable[_Entry]:
    """A VTODO per thank-you note not sent yet, due ``thank_you_within_hours`` after
    the interview (G19)."""
    for interview in data.interviews:
        note = interview.thank_you
        if interview.status not in THANK_YOU_OPEN or (note is not None and note.sent_at):
            continue
        due = thank_you_due(interview, data.policy)
        if due is None:
            continue
        uid = f"{interview.id}-thank-you@{UID_DOMAIN}"
        related = f"{interview.id}@{UID_DOMAIN}" in event_uids
        make = partial(_thank_you, data, interview, due, related, stamp)
        yield _Entry(_instant(due), uid, (due,), make)


def _thank_you(
    data: ExportData,
    interview: Interview,
    due: datetime,
    related: bool,
    stamp: datetime,
    times: _Times,
) -> Todo:
    """The VTODO itself (see :func:`_thank_yous`)."""
    note, held = interview.thank_you, held_at(interview)
    ready = "A draft is saved: review it and send it" if note else "Draft it and send it"
    todo = _todo(
        f"{interview.id}-thank-you@{UID_DOMAIN}",
        stamp,
        f"Send a thank-you note to {_name(data.contact(interview.contact_id))}",
        times(due),
        f"Always send one, whatever the outcome (G19), within"
        f" {data.policy.thank_you_within_hours} hours"
        + (f" of the interview ({held.isoformat(' ', 'minutes')})" if held else "")
        + ": by mail or email, short, free of spelling errors, never asking for a job."
        f"\n{ready}: infoint thank-you {interview.id[:8]}",
    )
    if related:  # the interview's event is in the calendar
        todo.add("related-to", f"{interview.id}@{UID_DOMAIN}")
    return todo


def _follow_ups(data: ExportData, stamp: datetime) -> list[_Entry]:
    """A VTODO per contact with a thanked interview, due when the cadence next allows
    a follow-up (G20); none while too many follow-ups went unanswered.

    The UID is the contact's, so each export moves the one "next follow-up" to-do;
    SEQUENCE counts the follow-ups logged, so a calendar sees it is a newer version.
    """
    found: list[_Entry] = []
    thanked = dict.fromkeys(i.contact_id for i in data.interviews if i.status is Status.THANKED)
    history = by_contact_id(data.every_interview or data.interviews)
    for contact_id in thanked:
        standing = cadence(contact_id, history[contact_id], data.policy)
        due = standing.next_allowed_at
        if due is None:
            continue
        uid = f"{contact_id}-follow-up@{UID_DOMAIN}"
        make = partial(_follow_up, data, standing, due, stamp)
        found.append(_Entry(_instant(due), uid, (due,), make))
    return found


def _follow_up(
    data: ExportData, standing: Cadence, due: datetime, stamp: datetime, times: _Times
) -> Todo:
    """The VTODO itself (see :func:`_follow_ups`)."""
    contact_id = standing.contact_id
    todo = _todo(
        f"{contact_id}-follow-up@{UID_DOMAIN}",
        stamp,
        f"Follow up with {_name(data.contact(contact_id))}",
        times(due),
        f"Allowed from then: {standing.reason}. Not before: keep in touch, do not"
        f" crowd them.\nLog it: infoint follow-up log {contact_id[:8]} --channel email",
    )
    todo.add("sequence", len(standing.follow_ups))
    return todo
