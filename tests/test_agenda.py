"""The agenda (G11, G12, G15-G21): what is due now, from the state, the policy and the clock.

Three kinds of test: properties of the follow-up cadence (G20); the whole agenda
checked against an oracle that restates every rule plainly (G21); and examples
with exact times (daylight-saving changes, two zones), titles, commands and order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from infoint import lifecycle
from infoint.agenda import (
    AgendaItem,
    DueKind,
    build_agenda,
    cadence,
    held_at,
    thank_you_due,
)
from infoint.errors import ValidationError
from infoint.model import (
    Assessment,
    ChannelKind,
    Contact,
    FollowUp,
    Interview,
    Mode,
    Note,
    Opening,
    Question,
    QuestionKind,
    Status,
    StatusChange,
    Target,
    TargetKind,
    ThankYouNote,
)
from infoint.planning import default_minutes
from infoint.rules import Policy

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
SANTIAGO = ZoneInfo("America/Santiago")

ZONES: tuple[tzinfo, ...] = (
    UTC,
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
    PARIS,
    NEW_YORK,
    LORD_HOWE,
)
DST_ZONES: tuple[tzinfo, ...] = (PARIS, NEW_YORK, LORD_HOWE)

BASES = (
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # Paris: clocks jump 02:00 -> 03:00
    datetime(2026, 10, 25, 1, 0, tzinfo=UTC),  # Paris: clocks go back 03:00 -> 02:00
    datetime(2026, 3, 8, 7, 0, tzinfo=UTC),  # New York: spring forward
    datetime(2026, 11, 1, 6, 0, tzinfo=UTC),  # New York: fall back
    datetime(2026, 4, 4, 15, 0, tzinfo=UTC),  # Lord Howe: back half an hour
    datetime(2026, 6, 15, 12, 0, tzinfo=UTC),  # no change near
)
"""Moments near daylight-saving changes, around which the random times are drawn."""

MINUTE = timedelta(minutes=1)
DAY_MINUTES = 24 * 60
POLICY = Policy()


def utc(at: datetime) -> datetime:
    return at.astimezone(UTC)


# ================================================================ G20: the cadence, as a property


@st.composite
def follow_up_histories(
    draw: st.DrawFn,
) -> tuple[list[Interview], Policy, datetime]:
    """0-2 interviews with contact c1 (held or not, thanked or not, 0-6 follow-ups each),
    times within two months of a daylight-saving change in zones that have them, and a
    random ``now``."""
    base = draw(st.sampled_from(BASES))
    drawn = [base]

    def moment() -> datetime:
        offset = timedelta(minutes=draw(st.integers(-60 * DAY_MINUTES, 60 * DAY_MINUTES)))
        drawn.append(base + offset)
        return drawn[-1].astimezone(draw(st.sampled_from(DST_ZONES)))

    interviews = []
    for number in range(draw(st.integers(0, 2))):
        first = moment()
        if draw(st.booleans()):
            history = lifecycle.start(Status.HELD, first)
        else:
            history = lifecycle.start(Status.IDEA, first)
        interview = Interview(
            id=f"i{number}",
            contact_id=draw(st.sampled_from(["c1", "c1", "c2"])),
            history=history,
            starts_at=draw(st.none() | st.builds(moment)),
        )
        if interview.status is Status.HELD and draw(st.booleans()):
            interview = lifecycle.advance(interview, Status.THANKED, moment())
        thank_you = None
        if draw(st.booleans()):
            thank_you = ThankYouNote(
                text="Thank you", drafted_at=moment(), sent_at=draw(st.none() | st.builds(moment))
            )
        follow_ups = [
            FollowUp(
                at=moment(),
                channel=ChannelKind.EMAIL,
                answered_at=draw(st.none() | st.builds(moment)),
            )
            for _ in range(draw(st.integers(0, 6)))
        ]
        interviews.append(attrs.evolve(interview, thank_you=thank_you, follow_ups=follow_ups))
    policy = Policy(
        follow_up_min_gap_days=draw(st.integers(1, 21)),
        follow_up_max_unanswered=draw(st.integers(1, 4)),
    )
    # Often just before or after the gap since the latest contact.
    now = max(drawn) + timedelta(minutes=draw(st.integers(-10 * DAY_MINUTES, 30 * DAY_MINUTES)))
    return interviews, policy, now.astimezone(draw(st.sampled_from(DST_ZONES)))


def _trailing_unanswered(follow_ups: Sequence[FollowUp]) -> int:
    count = 0
    for follow_up in sorted(follow_ups, key=lambda f: utc(f.at)):
        count = 0 if follow_up.answered_at is not None else count + 1
    return count


@settings(max_examples=300)
@given(follow_up_histories())
def test_g20_cadence_allows_only_after_the_gap_and_below_the_most_unanswered(
    history: tuple[list[Interview], Policy, datetime],
) -> None:
    interviews, policy, now = history
    mine = [i for i in interviews if i.contact_id == "c1"]
    held = [i.stamp(Status.HELD) for i in mine if i.stamp(Status.HELD) is not None]
    touches = [
        utc(i.starts_at)
        if i.starts_at is not None and utc(i.starts_at) <= utc(stamp)
        else utc(stamp)
        for i in mine
        if (stamp := i.stamp(Status.HELD)) is not None
    ]
    touches += [utc(i.thank_you.sent_at) for i in mine if i.thank_you and i.thank_you.sent_at]
    touches += [utc(f.at) for i in mine for f in i.follow_ups]
    unanswered = _trailing_unanswered([f for i in mine for f in i.follow_ups])
    gap = timedelta(days=policy.follow_up_min_gap_days)

    standing = cadence("c1", interviews, policy)

    assert standing.unanswered == unanswered
    if touches:
        assert standing.last_contact_at is not None
        assert utc(standing.last_contact_at) == max(touches)
    if standing.allows(now):
        event("allowed")
        assert held
        assert utc(now) >= max(touches) + gap
        assert unanswered < policy.follow_up_max_unanswered
    else:
        event("not allowed")
        assert (
            not held
            or utc(now) < max(touches) + gap
            or unanswered >= policy.follow_up_max_unanswered
        )
    if standing.next_allowed_at is not None:
        # Never allowed a moment before the gap has passed in real time (G20).
        assert utc(standing.next_allowed_at) == max(touches) + gap
        assert not standing.allows(standing.next_allowed_at - MINUTE)
        assert standing.allows(standing.next_allowed_at)


def _held_interview(at: datetime, **fields: Any) -> Interview:
    return Interview(id="i1", contact_id="c1", history=lifecycle.start(Status.HELD, at), **fields)


def test_g20_the_gap_is_real_days_across_a_daylight_saving_change() -> None:
    # Held 14:00 Paris on 20 March (winter time); 14 real days later it is 15:00 summer time.
    interview = _held_interview(datetime(2026, 3, 20, 14, 0, tzinfo=PARIS))
    standing = cadence("c1", [interview], POLICY)
    assert standing.next_allowed_at == datetime(2026, 4, 3, 15, 0, tzinfo=PARIS)
    assert not standing.allows(datetime(2026, 4, 3, 14, 30, tzinfo=PARIS))
    assert standing.allows(datetime(2026, 4, 3, 15, 0, tzinfo=PARIS))


def test_g20_never_allowed_early_in_the_hour_that_repeats() -> None:
    # Bug found and fixed: allows() compared two Paris times by their wall clocks, so
    # 02:30 (first time round, 00:30 UTC) passed a limit of 02:15 second time round
    # (01:15 UTC), 45 minutes early.
    last = datetime(2026, 10, 11, 1, 15, tzinfo=UTC).astimezone(PARIS)
    standing = cadence("c1", [_held_interview(last)], POLICY)
    assert standing.next_allowed_at == datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=PARIS)
    assert not standing.allows(datetime(2026, 10, 25, 2, 30, fold=0, tzinfo=PARIS))
    assert standing.allows(datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=PARIS))


def test_g20_follow_ups_are_ordered_by_real_time_in_the_hour_that_repeats() -> None:
    # The unanswered one (02:40, first time round) came before the answered one
    # (02:10, second time round): so nothing is unanswered now.
    first = FollowUp(at=datetime(2026, 10, 25, 2, 40, tzinfo=PARIS), channel="email")
    second = FollowUp(
        at=datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=PARIS),
        channel="email",
        answered_at=datetime(2026, 10, 26, tzinfo=PARIS),
    )
    interview = _held_interview(datetime(2026, 10, 1, tzinfo=PARIS), follow_ups=[second, first])
    standing = cadence("c1", [interview], Policy(follow_up_max_unanswered=1))
    assert standing.unanswered == 0
    assert standing.last_contact_at == second.at
    assert standing.next_allowed_at is not None


def test_g20_no_follow_up_before_any_interview() -> None:
    idea = Interview(id="i1", contact_id="c1", history=lifecycle.start(Status.IDEA, BASES[0]))
    standing = cadence("c1", [idea], POLICY)
    assert standing.next_allowed_at is None
    assert not standing.allows(BASES[0] + timedelta(days=400))
    assert not cadence("nobody", [], POLICY).allows(BASES[0])


def test_held_at_ignores_a_start_after_the_moment_marked_held() -> None:
    # Bug found and fixed: starts 02:30 second time round (01:30 UTC), marked held at
    # 02:45 first time round (00:45 UTC): the start came after, so the marking counts.
    stamp = datetime(2026, 10, 25, 2, 45, tzinfo=PARIS)
    interview = _held_interview(
        stamp, starts_at=datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS)
    )
    assert held_at(interview) == stamp
    assert held_at(interview).fold == 0  # type: ignore[union-attr]


# ================================================================ G21: the agenda, by an oracle

CONTACT_NAMES = {"c1aaaaaaaaaa": "Ada Lovelace", "c2bbbbbbbbbb": "Grace Hopper", "c3": "Alan"}
TARGET_NAMES = {"t1aaaaaaaaaa": "Data engineer", "t2": "Acme", "t3cccccccccc": "Health care"}

Key = tuple[DueKind, str | None, str | None, str | None, int | None]
"""What an item is about: its kind, interview, contact, target and opening number."""


@attrs.frozen
class Expected:
    due: datetime | None
    """In UTC."""
    late: bool
    command: str


@attrs.frozen
class World:
    interviews: list[Interview]
    contacts: list[Contact]
    targets: list[Target]
    policy: Policy
    now: datetime


def _distance(start: Status, goal: Status) -> int:
    """The fewest legal steps from ``start`` to ``goal`` (a large number if none)."""
    seen, frontier, steps = {start}, {start}, 0
    while frontier:
        if goal in frontier:
            return steps
        frontier = {n for s in frontier for n in lifecycle.allowed(s)} - seen
        seen |= frontier
        steps += 1
    return 1_000


def _reachable(start: Status, goal: Status) -> bool:
    return _distance(start, goal) < 1_000


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """Interviews in every state reached by legal steps, in several zones, with times
    mostly in the past of ``now`` (and often within days of it, so that every rule fires:
    a start near now for the day-before and today rules, a held interview weeks ago for
    follow-ups and openings)."""
    now = (
        draw(st.sampled_from(BASES))
        + timedelta(minutes=draw(st.integers(-3 * DAY_MINUTES, 3 * DAY_MINUTES)))
    ).astimezone(draw(st.sampled_from(ZONES)))
    near = st.integers(-3 * DAY_MINUTES, 3 * DAY_MINUTES)
    past = st.integers(-40 * DAY_MINUTES, 0)
    soon = st.integers(-60, 30 * 60)

    age = [0]  # how long before now the interview being drawn happened, in minutes

    def at(minutes: st.SearchStrategy[int]) -> datetime:
        offset = timedelta(minutes=draw(minutes) - age[0])
        return (utc(now) + offset).astimezone(draw(st.sampled_from(ZONES)))

    def moment() -> datetime:
        return at(near | past)

    def maybe(make: Callable[[], Any]) -> Any:
        return make() if draw(st.booleans()) else None

    interviews = []
    for number in range(draw(st.integers(0, 5))):
        goal = draw(st.sampled_from(Status))
        if goal in (Status.THANKED, Status.CLOSED):
            age[0] = draw(st.sampled_from([0, 20 * DAY_MINUTES, 30 * DAY_MINUTES]))
        else:
            age[0] = draw(st.sampled_from([0, 0, 20 * DAY_MINUTES]))
        stamp = at(past)
        first_states = sorted(s for s in lifecycle.START_STATES if _reachable(s, goal))
        interview = Interview(
            id=f"{number:x}" + draw(st.text("0123456789abcdef", max_size=11)),
            contact_id=draw(st.sampled_from(sorted(CONTACT_NAMES))),
            history=lifecycle.start(draw(st.sampled_from(first_states)), stamp),
        )
        while interview.status is not goal or (
            len(interview.history) < 12 and draw(st.booleans())
        ):
            # A random legal path to the goal, sometimes past it and back (rescheduling).
            options = [o for o in lifecycle.allowed(interview.status) if _reachable(o, goal)]
            if not options:
                break
            if len(interview.history) >= 12:
                options = [min(options, key=lambda o: _distance(o, goal))]
            step = timedelta(minutes=draw(st.integers(0, 3 * DAY_MINUTES)))
            stamp = (utc(stamp) + step).astimezone(draw(st.sampled_from(ZONES)))
            interview = lifecycle.advance(interview, draw(st.sampled_from(options)), stamp)
        assert interview.status is goal
        if goal in (Status.SCHEDULED, Status.CONFIRMED) and draw(st.integers(0, 9)):
            # Mostly a start soon (the day-before, prepare and today rules look at it).
            age[0] = 0
            starts_at = at(soon | st.integers(-2 * DAY_MINUTES, 4 * DAY_MINUTES))
        else:
            starts_at = maybe(lambda: at(near | past))
        interviews.append(
            attrs.evolve(
                interview,
                target_ids=draw(st.lists(st.sampled_from(sorted(TARGET_NAMES)), unique=True)),
                mode=draw(st.sampled_from(Mode)),
                agreed_minutes=draw(st.none() | st.integers(1, 180)),
                starts_at=starts_at,
                travel_minutes=draw(st.none() | st.integers(0, 240)),
                questions=maybe(
                    lambda: [Question(id="q1", kind=QuestionKind.NEEDS, text="What is hard?")]
                )
                or (),
                notes=maybe(lambda: [Note(id="n1", text="They said...", at=moment())]) or (),
                assessment=maybe(lambda: Assessment(at=moment())),
                thank_you=maybe(
                    lambda: ThankYouNote(text="Thanks", drafted_at=moment(), sent_at=maybe(moment))
                ),
                openings=[
                    Opening(
                        title="Analyst",
                        found_at=moment(),
                        earliest_apply_on=moment().date(),
                        applied_at=maybe(moment),
                    )
                    for _ in range(draw(st.integers(0, 3)))
                ],
                follow_ups=[
                    FollowUp(at=at(past), channel=ChannelKind.EMAIL, answered_at=maybe(moment))
                    for _ in range(draw(st.integers(0, 3)))
                ],
            )
        )
    contacts = [
        Contact(id=c, name=CONTACT_NAMES[c])
        for c in draw(st.lists(st.sampled_from(sorted(CONTACT_NAMES)), unique=True))
    ]
    targets = [
        Target(id=t, kind=TargetKind.OCCUPATION, name=TARGET_NAMES[t])
        for t in draw(st.lists(st.sampled_from(sorted(TARGET_NAMES)), unique=True))
    ]
    policy = Policy(
        arrive_early_minutes=draw(st.integers(1, 30)),
        verify_days_before=draw(st.integers(1, 3)),
        thank_you_within_hours=draw(st.integers(1, 72)),
        follow_up_min_gap_days=draw(st.sampled_from([1, 2, 7, 14, 21])),
        follow_up_max_unanswered=draw(st.integers(1, 3)),
        opening_wait_days=draw(st.integers(1, 10)),
        min_voices_per_target=draw(st.integers(1, 3)),
    )
    return World(interviews, contacts, targets, policy, now)


# -- the oracle: each rule restated on its own, with every moment as a UTC instant


def _wall(naive: datetime, zone: tzinfo | None) -> datetime:
    """The UTC instant of a wall time in ``zone``; one in a gap counts with the offset from
    before the change, which lands after the gap (02:30 in a 02:00->03:00 gap is 03:30)."""
    offset = zone.utcoffset(naive.replace(tzinfo=zone, fold=0)) if zone else None
    assert offset is not None
    return (naive - offset).replace(tzinfo=UTC)


def _day_before(starts: datetime, days: int) -> datetime:
    return _wall(starts.replace(tzinfo=None) - timedelta(days=days), starts.tzinfo)


def _took_place(interview: Interview) -> datetime | None:
    marked = [c.at for c in interview.history if c.status is Status.HELD]
    if not marked:
        return None
    stamp = utc(marked[-1])
    starts = interview.starts_at
    return utc(starts) if starts is not None and utc(starts) <= stamp else stamp


def _follow_up_allowed_from(contact_id: str, interviews: list[Interview], policy: Policy) -> Any:
    mine = [i for i in interviews if i.contact_id == contact_id]
    held = [t for i in mine if (t := _took_place(i)) is not None]
    if not held:
        return None
    sent = [utc(i.thank_you.sent_at) for i in mine if i.thank_you and i.thank_you.sent_at]
    follow_ups = [f for i in mine for f in i.follow_ups]
    if _trailing_unanswered(follow_ups) >= policy.follow_up_max_unanswered:
        return None
    last = max([*held, *sent, *(utc(f.at) for f in follow_ups)])
    return last + timedelta(days=policy.follow_up_min_gap_days)


def oracle(world: World) -> dict[Key, Expected]:
    policy, now = world.policy, world.now
    expected: dict[Key, Expected] = {}

    def due(kind: DueKind, i: Interview, at: datetime | None, command: str, **extra: Any) -> None:
        key = (kind, i.id, i.contact_id, None, extra.get("opening"))
        assert key not in expected
        expected[key] = Expected(at, extra.get("late", False), command)

    for i in world.interviews:
        s, id8, starts = i.status, i.id[:8], i.starts_at
        if s in (Status.CANCELLED, Status.DECLINED, Status.CLOSED):
            continue
        # REQUEST (G6)
        if s is Status.IDEA:
            due(
                DueKind.REQUEST,
                i,
                utc(i.history[0].at),
                f"infoint interview request {id8} --channel email",
            )
        # VERIFY (G11)
        if s is Status.SCHEDULED and starts is not None:
            day_before = _day_before(starts, policy.verify_days_before)
            if day_before <= utc(now) < utc(starts):
                due(DueKind.VERIFY, i, day_before, f"infoint interview confirm {id8}")
        # PREPARE (G14)
        upcoming = starts is not None and utc(now) < utc(starts)
        if s in (Status.SCHEDULED, Status.CONFIRMED) and upcoming and len(i.questions) == 0:
            assert starts is not None
            due(
                DueKind.PREPARE,
                i,
                _day_before(starts, policy.verify_days_before),
                f"infoint questions suggest {id8} --save",
            )
        # TODAY (G12)
        if s in (Status.SCHEDULED, Status.CONFIRMED) and starts is not None:
            same_day = utc(starts).astimezone(now.tzinfo).date() == now.date()
            ends = utc(starts) + timedelta(
                minutes=i.agreed_minutes or default_minutes(i.mode, policy)
            )
            if same_day and utc(now) < ends:
                before = policy.arrive_early_minutes
                if i.mode is Mode.IN_PERSON and i.travel_minutes is not None:
                    before += i.travel_minutes
                due(
                    DueKind.TODAY,
                    i,
                    utc(starts) - timedelta(minutes=before),
                    f"infoint prep {id8}",
                )
        # RECORD: its time is past, but it is not marked held (nor cancelled)
        if s in (Status.SCHEDULED, Status.CONFIRMED) and starts is not None:
            ends = utc(starts) + timedelta(
                minutes=i.agreed_minutes or default_minutes(i.mode, policy)
            )
            if utc(now) >= ends:
                due(
                    DueKind.RECORD,
                    i,
                    ends,
                    f"infoint interview hold {id8} --at {starts.isoformat('T', 'minutes')}",
                )
        # NOTES (G16)
        if s in (Status.HELD, Status.ASSESSED, Status.THANKED) and not i.notes:
            due(DueKind.NOTES, i, _took_place(i), f"infoint note add {id8} TEXT")
        # ASSESS (G17)
        if s in (Status.HELD, Status.THANKED) and i.assessment is None:
            due(DueKind.ASSESS, i, _took_place(i), f"infoint assess {id8}")
        # THANK_YOU (G19)
        if s in (Status.HELD, Status.ASSESSED) and (
            i.thank_you is None or not i.thank_you.sent_at
        ):
            took_place = _took_place(i)
            assert took_place is not None
            by = took_place + timedelta(hours=policy.thank_you_within_hours)
            due(DueKind.THANK_YOU, i, by, f"infoint thank-you {id8}", late=utc(now) > by)
        # APPLY (G15)
        if i.thank_you is not None and i.thank_you.sent_at is not None:
            sent = i.thank_you.sent_at
            waited = (utc(sent) + timedelta(days=policy.opening_wait_days)).astimezone(sent.tzinfo)
            for number, opening in enumerate(i.openings, start=1):
                first_day = max(opening.earliest_apply_on, waited.date())
                if opening.applied_at is None and now.date() >= first_day:
                    midnight = datetime(first_day.year, first_day.month, first_day.day)
                    due(
                        DueKind.APPLY,
                        i,
                        _wall(midnight, now.tzinfo),
                        f"infoint opening applied {id8} {number}",
                        opening=number,
                    )
    # FOLLOW_UP (G20): per contact with a thanked interview
    for contact_id in {i.contact_id for i in world.interviews if i.status is Status.THANKED}:
        allowed_from = _follow_up_allowed_from(contact_id, world.interviews, policy)
        if allowed_from is not None and utc(now) >= allowed_from:
            expected[(DueKind.FOLLOW_UP, None, contact_id, None, None)] = Expected(
                allowed_from, False, f"infoint follow-up log {contact_id[:8]} --channel email"
            )
    # MORE_VOICES (G18)
    for target in world.targets:
        completed = [
            i
            for i in world.interviews
            if target.id in i.target_ids
            and i.status in (Status.HELD, Status.ASSESSED, Status.THANKED, Status.CLOSED)
        ]
        if len(completed) < policy.min_voices_per_target:
            expected[(DueKind.MORE_VOICES, None, None, target.id, None)] = Expected(
                None,
                False,
                f"infoint interview plan --target {target.id[:8]}"
                " --contact CONTACT --purpose PURPOSE",
            )
    return expected


def _key(item: AgendaItem) -> Key:
    return (item.kind, item.interview_id, item.contact_id, item.target_id, item.opening)


def _sort_key(item: AgendaItem) -> tuple[Any, ...]:
    due = item.due_at
    return (
        due is None,
        utc(due) if due is not None else None,
        list(DueKind).index(item.kind),
        item.interview_id or "",
        item.contact_id or "",
        item.target_id or "",
        item.opening or 0,
    )


@settings(max_examples=400)
@given(worlds())
def test_g21_agenda_is_exactly_what_each_rule_says(world: World) -> None:
    agenda = build_agenda(world.interviews, world.contacts, world.targets, world.policy, world.now)
    expected = oracle(world)
    for kind in {item.kind for item in agenda}:
        event(f"kind {kind}")

    keys = [_key(item) for item in agenda]
    assert len(keys) == len(set(keys)), "an item appears twice"
    assert set(keys) == set(expected)
    names = {c.id: c.name for c in world.contacts}
    for item in agenda:
        want = expected[_key(item)]
        assert (None if item.due_at is None else utc(item.due_at)) == want.due, item
        assert item.late is want.late, item
        assert item.command == want.command
        assert item.title.strip() and "\n" not in item.title
        if item.kind not in (DueKind.MORE_VOICES,):
            assert item.contact_id is not None
            assert names.get(item.contact_id, "?") in item.title
    # Sorted by due time (undated last), then kind, then record.
    none_last = [item.due_at is None for item in agenda]
    assert none_last == sorted(none_last)
    dated = [item for item in agenda if item.due_at is not None]
    assert [_sort_key(i) for i in dated] == sorted(_sort_key(i) for i in dated)
    undated = [item for item in agenda if item.due_at is None]
    assert [_sort_key(i)[2:] for i in undated] == sorted(_sort_key(i)[2:] for i in undated)


# ================================================================ examples: times

ADA = Contact(id="c1aaaaaaaaaa", name="Ada Lovelace")
GRACE = Contact(id="c2bbbbbbbbbb", name="Grace Hopper")
DATA = Target(id="t1aaaaaaaaaa", kind=TargetKind.OCCUPATION, name="Data engineer")


def make(
    path: Sequence[Status],
    at: datetime,
    *,
    id_: str = "i1aaaaaaaaaa",
    contact: Contact = ADA,
    first: Status = Status.IDEA,
    **fields: Any,
) -> Interview:
    """An interview that went through ``path`` by legal steps, a minute apart from ``at``."""
    interview = Interview(
        id=id_, contact_id=contact.id, history=lifecycle.start(first, at), **fields
    )
    for n, status in enumerate(path, start=1):
        interview = lifecycle.advance(interview, status, later_by(at, n * MINUTE))
    return interview


def later_by(at: datetime, delta: timedelta) -> datetime:
    return (utc(at) + delta).astimezone(at.tzinfo)


def agenda_of(
    *interviews: Interview,
    now: datetime,
    policy: Policy = POLICY,
    targets: Sequence[Target] = (),
) -> list[AgendaItem]:
    return build_agenda(list(interviews), [ADA, GRACE], list(targets), policy, now)


def only(items: list[AgendaItem], kind: DueKind) -> AgendaItem:
    found = [i for i in items if i.kind is kind]
    assert len(found) == 1, items
    return found[0]


def kinds(items: list[AgendaItem]) -> list[DueKind]:
    return [i.kind for i in items]


SCHEDULED = [Status.SCHEDULED]
PLANNED = [Status.REQUESTED, Status.SCHEDULED]
CREATED = datetime(2026, 3, 1, 9, 0, tzinfo=PARIS)
A_PLAN = [Question(id="q1", kind=QuestionKind.NEEDS, text="What is hard here?")]


@pytest.mark.parametrize(
    ("starts", "verify_at", "real_hours"),
    [
        # The day the clocks jump: 14:00 the day before is winter time, 23 real hours before.
        (datetime(2026, 3, 29, 14, 0), datetime(2026, 3, 28, 14, 0), 23),
        # The day after it: both days are summer time, 24 real hours.
        (datetime(2026, 3, 30, 14, 0), datetime(2026, 3, 29, 14, 0), 24),
        # The day the clocks go back: 25 real hours.
        (datetime(2026, 10, 25, 14, 0), datetime(2026, 10, 24, 14, 0), 25),
    ],
)
def test_g11_verify_the_day_before_by_the_wall_clock_across_daylight_saving(
    starts: datetime, verify_at: datetime, real_hours: int
) -> None:
    interview = make(PLANNED, CREATED, starts_at=starts.replace(tzinfo=PARIS), questions=A_PLAN)
    due = verify_at.replace(tzinfo=PARIS)
    assert utc(starts.replace(tzinfo=PARIS)) - utc(due) == timedelta(hours=real_hours)
    assert DueKind.VERIFY not in kinds(agenda_of(interview, now=later_by(due, -MINUTE)))
    item = only(agenda_of(interview, now=due), DueKind.VERIFY)
    assert item.due_at == due
    assert item.due_at.tzinfo is PARIS
    just_before_start = later_by(starts.replace(tzinfo=PARIS), -MINUTE)
    assert only(agenda_of(interview, now=just_before_start), DueKind.VERIFY).due_at == due
    assert DueKind.VERIFY not in kinds(agenda_of(interview, now=starts.replace(tzinfo=PARIS)))


def test_g11_a_day_before_that_falls_in_the_daylight_saving_gap_moves_forward() -> None:
    # 02:30 on 29 March does not exist in Paris: the verification is due at 03:30.
    interview = make(PLANNED, CREATED, starts_at=datetime(2026, 3, 30, 2, 30, tzinfo=PARIS))
    item = only(
        agenda_of(interview, now=datetime(2026, 3, 29, 12, 0, tzinfo=PARIS)), DueKind.VERIFY
    )
    assert item.due_at == datetime(2026, 3, 29, 3, 30, tzinfo=PARIS)
    assert utc(item.due_at) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert DueKind.VERIFY not in kinds(
        agenda_of(interview, now=datetime(2026, 3, 29, 3, 29, tzinfo=PARIS))
    )


def test_g11_policy_days_before_and_confirmed_interviews_need_no_verification() -> None:
    starts = datetime(2026, 5, 10, 9, 0, tzinfo=NEW_YORK)
    interview = make(PLANNED, CREATED, starts_at=starts, questions=A_PLAN)
    policy = Policy(verify_days_before=3)
    item = only(
        agenda_of(interview, now=starts - timedelta(days=2), policy=policy), DueKind.VERIFY
    )
    assert item.due_at == datetime(2026, 5, 7, 9, 0, tzinfo=NEW_YORK)
    confirmed = lifecycle.advance(interview, Status.CONFIRMED, starts - timedelta(days=2))
    assert agenda_of(confirmed, now=starts - timedelta(days=1), policy=policy) == []


def test_g19_thank_you_due_24_real_hours_after_the_night_the_clocks_go_back() -> None:
    # Held 01:30 summer time on 25 October; 24 real hours later the wall clock says 00:30.
    starts = datetime(2026, 10, 25, 1, 30, tzinfo=PARIS)
    interview = make(PLANNED, CREATED, starts_at=starts)
    interview = lifecycle.advance(
        interview, Status.HELD, datetime(2026, 10, 25, 2, 10, tzinfo=PARIS)
    )
    due = datetime(2026, 10, 26, 0, 30, tzinfo=PARIS)
    assert thank_you_due(interview, POLICY) == due
    assert utc(due) - utc(starts) == timedelta(hours=24)
    on_time = only(agenda_of(interview, now=due), DueKind.THANK_YOU)
    assert (on_time.due_at, on_time.late) == (due, False)
    assert on_time.title == "Send a thank-you note to Ada Lovelace"
    late = only(agenda_of(interview, now=later_by(due, MINUTE)), DueKind.THANK_YOU)
    assert late.late is True
    assert late.title == "Send a thank-you note to Ada Lovelace"
    assert late.late


def test_g12_today_is_the_seekers_date_not_the_interviews() -> None:
    # 20:00 in New York on 5 May is 02:00 on 6 May in Paris, where the seeker is.
    starts = datetime(2026, 5, 5, 20, 0, tzinfo=NEW_YORK)
    interview = make(PLANNED, CREATED, starts_at=starts, mode=Mode.VIDEO, questions=A_PLAN)
    evening_before = datetime(2026, 5, 5, 23, 0, tzinfo=PARIS)  # 17:00 on 5 May in New York
    assert DueKind.TODAY not in kinds(agenda_of(interview, now=evening_before))
    item = only(agenda_of(interview, now=datetime(2026, 5, 6, 0, 5, tzinfo=PARIS)), DueKind.TODAY)
    assert item.due_at == datetime(2026, 5, 5, 19, 50, tzinfo=NEW_YORK)
    assert (
        item.title == "Interview with Ada Lovelace today at 02:00 (20:00 EDT): be ready by 01:50"
    )
    assert item.command == "infoint prep i1aaaaaa"
    # A seeker in New York sees it on 5 May, and no zone in brackets.
    item = only(
        agenda_of(interview, now=datetime(2026, 5, 5, 8, 0, tzinfo=NEW_YORK)), DueKind.TODAY
    )
    assert item.title == "Interview with Ada Lovelace today at 20:00: be ready by 19:50"


def test_g12_today_until_the_agreed_time_is_over() -> None:
    starts = datetime(2026, 5, 6, 14, 0, tzinfo=PARIS)
    short = make(PLANNED, CREATED, starts_at=starts, agreed_minutes=20, questions=A_PLAN)
    unknown = attrs.evolve(short, agreed_minutes=None)
    at_19 = starts + timedelta(minutes=19)
    at_20 = starts + timedelta(minutes=20)
    assert DueKind.TODAY in kinds(agenda_of(short, now=at_19))
    assert DueKind.TODAY not in kinds(agenda_of(short, now=at_20))
    # No agreed length: the planner's default for the mode (20 minutes in person).
    assert DueKind.TODAY in kinds(agenda_of(unknown, now=at_19))
    assert DueKind.TODAY not in kinds(agenda_of(unknown, now=at_20))


def test_g12_leave_by_counts_real_minutes_across_the_daylight_saving_jump() -> None:
    # Starts 03:30 summer time (01:30 UTC); arrive 03:20; 45 minutes of travel before that
    # is 00:35 UTC, which the wall clock (still winter time) calls 01:35.
    starts = datetime(2026, 3, 29, 3, 30, tzinfo=PARIS)
    interview = make(PLANNED, CREATED, starts_at=starts, travel_minutes=45, questions=A_PLAN)
    item = only(
        agenda_of(interview, now=datetime(2026, 3, 29, 0, 30, tzinfo=PARIS)), DueKind.TODAY
    )
    assert item.due_at == datetime(2026, 3, 29, 1, 35, tzinfo=PARIS)
    assert utc(starts) - utc(item.due_at) == timedelta(minutes=55)
    assert item.title == "Interview with Ada Lovelace today at 03:30: leave by 01:35"
    # Travel time counts only in person; without it, be there by the arrival time.
    phone = attrs.evolve(interview, mode=Mode.PHONE)
    item = only(agenda_of(phone, now=datetime(2026, 3, 29, 0, 30, tzinfo=PARIS)), DueKind.TODAY)
    assert item.due_at == datetime(2026, 3, 29, 3, 20, tzinfo=PARIS)
    assert item.title.endswith(": be ready by 03:20")
    on_foot = attrs.evolve(interview, travel_minutes=None)
    item = only(agenda_of(on_foot, now=datetime(2026, 3, 29, 0, 30, tzinfo=PARIS)), DueKind.TODAY)
    assert item.title.endswith(": be there by 03:20")


def test_g15_apply_after_the_wait_from_the_thank_you_note_in_the_seekers_days() -> None:
    sent = datetime(2026, 5, 1, 23, 30, tzinfo=NEW_YORK)  # 7 days later: 8 May, New York
    opening = Opening(
        title="Junior analyst",
        organization="Acme",
        found_at=datetime(2026, 5, 1, 14, 0, tzinfo=NEW_YORK),
        earliest_apply_on=date(2026, 5, 3),
    )
    interview = make(
        [*PLANNED, Status.HELD, Status.THANKED],
        CREATED,
        thank_you=ThankYouNote(text="Thanks", drafted_at=sent, sent_at=sent),
        openings=[opening, attrs.evolve(opening, title="Intern", organization="")],
        notes=[Note(id="n1", text="Said much", at=sent)],
        assessment=Assessment(at=sent),
    )
    # 7 May 23:59 in Paris is still 7 May for the seeker: nothing yet.
    assert DueKind.APPLY not in kinds(
        agenda_of(interview, now=datetime(2026, 5, 7, 23, 59, tzinfo=PARIS))
    )
    items = agenda_of(interview, now=datetime(2026, 5, 8, 0, 0, tzinfo=PARIS))
    applies = [i for i in items if i.kind is DueKind.APPLY]
    assert [(i.title, i.command, i.opening) for i in applies] == [
        (
            "Apply for Junior analyst at Acme (heard from Ada Lovelace)",
            "infoint opening applied i1aaaaaa 1",
            1,
        ),
        ("Apply for Intern (heard from Ada Lovelace)", "infoint opening applied i1aaaaaa 2", 2),
    ]
    assert all(i.due_at == datetime(2026, 5, 8, 0, 0, tzinfo=PARIS) for i in applies)
    # A later earliest day wins; an opening applied for is done.
    later_opening = attrs.evolve(opening, earliest_apply_on=date(2026, 5, 20))
    applied = attrs.evolve(opening, applied_at=sent + timedelta(days=9))
    waiting = attrs.evolve(interview, openings=[later_opening, applied])
    assert DueKind.APPLY not in kinds(
        agenda_of(waiting, now=datetime(2026, 5, 19, 12, 0, tzinfo=PARIS))
    )
    item = only(agenda_of(waiting, now=datetime(2026, 5, 20, 12, 0, tzinfo=PARIS)), DueKind.APPLY)
    assert item.due_at == datetime(2026, 5, 20, 0, 0, tzinfo=PARIS)
    # No wait is over while the note is unsent.
    unsent = attrs.evolve(
        interview,
        thank_you=ThankYouNote(text="Thanks", drafted_at=sent),
        history=interview.history[:-1],
    )
    assert DueKind.APPLY not in kinds(agenda_of(unsent, now=datetime(2026, 6, 1, tzinfo=PARIS)))


def test_g15_an_apply_day_whose_midnight_does_not_exist_starts_when_the_day_does() -> None:
    # In Santiago the clocks jump from 24:00 on 5 September 2026 to 01:00 on the 6th.
    sent = datetime(2026, 8, 20, 12, 0, tzinfo=SANTIAGO)
    interview = make(
        [*PLANNED, Status.HELD, Status.THANKED],
        CREATED,
        thank_you=ThankYouNote(text="Thanks", drafted_at=sent, sent_at=sent),
        openings=[Opening(title="Analyst", found_at=sent, earliest_apply_on=date(2026, 9, 6))],
    )
    now = datetime(2026, 9, 6, 9, 0, tzinfo=SANTIAGO)
    item = only(agenda_of(interview, now=now), DueKind.APPLY)
    assert item.due_at == datetime(2026, 9, 6, 1, 0, tzinfo=SANTIAGO)


# ================================================================ examples: every kind, its words


NOW = datetime(2026, 5, 6, 9, 0, tzinfo=PARIS)


def test_g21_request_for_an_idea() -> None:
    idea = make([], CREATED)
    assert agenda_of(idea, now=NOW) == [
        AgendaItem(
            kind=DueKind.REQUEST,
            due_at=CREATED,
            title="Ask Ada Lovelace for an informational interview",
            command="infoint interview request i1aaaaaa --channel email",
            interview_id="i1aaaaaaaaaa",
            contact_id="c1aaaaaaaaaa",
        )
    ]
    requested = make([Status.REQUESTED], CREATED)
    assert agenda_of(requested, now=NOW) == []


def test_g11_g14_g12_verify_prepare_and_today() -> None:
    starts = datetime(2026, 5, 6, 15, 0, tzinfo=PARIS)
    interview = make(PLANNED, CREATED, starts_at=starts, travel_minutes=30)
    # A week ahead: only the question plan, due the day before.
    week_ahead = agenda_of(interview, now=starts - timedelta(days=7))
    assert [(i.kind, i.due_at, i.title, i.command) for i in week_ahead] == [
        (
            DueKind.PREPARE,
            datetime(2026, 5, 5, 15, 0, tzinfo=PARIS),
            "Prepare questions for the interview with Ada Lovelace",
            "infoint questions suggest i1aaaaaa --save",
        )
    ]
    # The morning of: verify (due yesterday), prepare (due yesterday), today (leave 14:20).
    morning = agenda_of(interview, now=NOW)
    assert [(i.kind, i.due_at, i.title, i.command) for i in morning] == [
        (
            DueKind.VERIFY,
            datetime(2026, 5, 5, 15, 0, tzinfo=PARIS),
            "Verify date, time and place with Ada Lovelace",
            "infoint interview confirm i1aaaaaa",
        ),
        (
            DueKind.PREPARE,
            datetime(2026, 5, 5, 15, 0, tzinfo=PARIS),
            "Prepare questions for the interview with Ada Lovelace",
            "infoint questions suggest i1aaaaaa --save",
        ),
        (
            DueKind.TODAY,
            datetime(2026, 5, 6, 14, 20, tzinfo=PARIS),
            "Interview with Ada Lovelace today at 15:00: leave by 14:20",
            "infoint prep i1aaaaaa",
        ),
    ]
    # Confirmed and prepared: only today remains.
    ready = attrs.evolve(
        lifecycle.advance(interview, Status.CONFIRMED, NOW - timedelta(days=1)), questions=A_PLAN
    )
    assert kinds(agenda_of(ready, now=NOW)) == [DueKind.TODAY]


def test_g16_g17_g19_notes_assessment_and_thank_you_after_the_interview() -> None:
    starts = datetime(2026, 5, 5, 15, 0, tzinfo=PARIS)
    held = make([*PLANNED, Status.HELD], CREATED, starts_at=starts)
    held = attrs.evolve(
        held,
        history=(
            *held.history[:-1],
            attrs.evolve(held.history[-1], at=starts + timedelta(minutes=40)),
        ),
    )
    items = agenda_of(held, now=NOW)
    assert [(i.kind, i.due_at, i.title, i.command, i.late) for i in items] == [
        (
            DueKind.NOTES,
            starts,
            "Write down what Ada Lovelace said",
            "infoint note add i1aaaaaa TEXT",
            False,
        ),
        (
            DueKind.ASSESS,
            starts,
            "Assess the interview with Ada Lovelace",
            "infoint assess i1aaaaaa",
            False,
        ),
        (
            DueKind.THANK_YOU,
            starts + timedelta(hours=24),
            "Send a thank-you note to Ada Lovelace",
            "infoint thank-you i1aaaaaa",
            False,
        ),
    ]
    # Assessed with notes: only the note remains; thanked: the assessment is due again if missing.
    assessed = lifecycle.advance(
        attrs.evolve(held, notes=[Note(id="n1", text="Good advice", at=starts)]),
        Status.ASSESSED,
        NOW,
    )
    assert kinds(agenda_of(assessed, now=NOW)) == [DueKind.THANK_YOU]
    sent = ThankYouNote(text="Thank you", drafted_at=NOW, sent_at=NOW)
    thanked_unassessed = lifecycle.advance(attrs.evolve(held, thank_you=sent), Status.THANKED, NOW)
    assert kinds(agenda_of(thanked_unassessed, now=NOW)) == [DueKind.NOTES, DueKind.ASSESS]
    # A drafted, unsent note is still due.
    drafted = attrs.evolve(held, thank_you=ThankYouNote(text="Thank you", drafted_at=NOW))
    assert DueKind.THANK_YOU in kinds(agenda_of(drafted, now=NOW))


def test_g8_an_unplanned_interview_gets_every_later_step() -> None:
    chat = make([], datetime(2026, 5, 5, 18, 0, tzinfo=PARIS), first=Status.HELD)
    assert kinds(agenda_of(chat, now=NOW)) == [DueKind.NOTES, DueKind.ASSESS, DueKind.THANK_YOU]


def test_g20_follow_up_once_per_contact_when_the_cadence_allows() -> None:
    sent_at = datetime(2026, 4, 1, 10, 0, tzinfo=PARIS)
    done: dict[str, Any] = {
        "notes": [Note(id="n1", text="Learned a lot", at=sent_at)],
        "assessment": Assessment(at=sent_at),
        "thank_you": ThankYouNote(text="Thank you", drafted_at=sent_at, sent_at=sent_at),
    }
    path = [*PLANNED, Status.HELD, Status.THANKED]
    first = make(path, sent_at - timedelta(days=2), **done)
    second = make(path, sent_at - timedelta(days=3), id_="i2aaaaaaaaaa", **done)
    other = make(path, sent_at - timedelta(days=1), id_="i3aaaaaaaaaa", contact=GRACE, **done)
    items = agenda_of(first, second, other, now=datetime(2026, 4, 15, 10, 0, tzinfo=PARIS))
    assert [(i.kind, i.due_at, i.title, i.command, i.contact_id) for i in items] == [
        (
            DueKind.FOLLOW_UP,
            datetime(2026, 4, 15, 10, 0, tzinfo=PARIS),
            "Follow up with Ada Lovelace",
            "infoint follow-up log c1aaaaaa --channel email",
            "c1aaaaaaaaaa",
        ),
        (
            DueKind.FOLLOW_UP,
            datetime(2026, 4, 15, 10, 0, tzinfo=PARIS),
            "Follow up with Grace Hopper",
            "infoint follow-up log c2bbbbbb --channel email",
            "c2bbbbbbbbbb",
        ),
    ]
    assert agenda_of(first, now=datetime(2026, 4, 15, 9, 59, tzinfo=PARIS)) == []
    closed = lifecycle.advance(first, Status.CLOSED, sent_at)
    assert agenda_of(closed, now=datetime(2026, 6, 1, tzinfo=PARIS)) == []
    unknown = build_agenda([first], [], [], POLICY, datetime(2026, 6, 1, tzinfo=PARIS))
    assert [i.title for i in unknown] == ["Follow up with ?"]


def test_g18_targets_with_fewer_than_two_voices_come_last() -> None:
    one = make(
        [*PLANNED, Status.HELD],
        CREATED,
        target_ids=[DATA.id],
        notes=[Note(id="n", text="x", at=CREATED)],
    )
    other = Target(id="t2", kind=TargetKind.COMPANY, name="Acme")
    cancelled = make([Status.CANCELLED], CREATED, id_="i2aaaaaaaaaa", target_ids=[other.id])
    items = agenda_of(one, cancelled, now=NOW, targets=[DATA, other])
    voices = [
        (i.due_at, i.title, i.command, i.target_id) for i in items if i.kind is DueKind.MORE_VOICES
    ]
    assert voices == [
        (
            None,
            "Talk to more people about Data engineer (1 of 2 interviews held)",
            "infoint interview plan --target t1aaaaaa --contact CONTACT --purpose PURPOSE",
            DATA.id,
        ),
        (
            None,
            "Talk to more people about Acme (0 of 2 interviews held)",
            "infoint interview plan --target t2 --contact CONTACT --purpose PURPOSE",
            "t2",
        ),
    ]
    assert items[-2:] == [i for i in items if i.kind is DueKind.MORE_VOICES]
    second = make(
        [*PLANNED, Status.HELD, Status.THANKED, Status.CLOSED],
        CREATED,
        id_="i3aaaaaaaaaa",
        target_ids=[DATA.id],
    )
    items = agenda_of(one, second, now=NOW, targets=[DATA])
    assert DueKind.MORE_VOICES not in kinds(items)


def test_cancelled_declined_and_closed_interviews_put_nothing_on_the_agenda() -> None:
    starts = NOW + timedelta(hours=2)
    for ending in (Status.CANCELLED, Status.DECLINED):
        interview = make([*PLANNED, ending], CREATED, starts_at=starts)
        assert agenda_of(interview, now=NOW) == []


def test_g21_sorted_by_real_due_time_then_kind_then_record_undated_last() -> None:
    # Two ideas created in the hour that repeats: 02:45 first time round is the earlier.
    early = make([], datetime(2026, 10, 25, 2, 45, tzinfo=PARIS), id_="i9")
    late = make([], datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=PARIS), id_="i1")
    # Held at once in New York at 08:00 (14:00 Paris): notes and assessment due then.
    held = make(
        [],
        datetime(2026, 10, 26, 8, 0, tzinfo=NEW_YORK),
        first=Status.HELD,
        id_="i5",
        contact=GRACE,
    )
    # An idea created at 13:00 Paris, before that.
    noon = make([], datetime(2026, 10, 26, 13, 0, tzinfo=PARIS), id_="i7")
    items = agenda_of(
        late, held, early, noon, now=datetime(2026, 11, 1, tzinfo=PARIS), targets=[DATA]
    )
    assert [(i.kind, i.interview_id or i.target_id) for i in items] == [
        (DueKind.REQUEST, "i9"),
        (DueKind.REQUEST, "i1"),
        (DueKind.REQUEST, "i7"),
        (DueKind.NOTES, "i5"),
        (DueKind.ASSESS, "i5"),
        (DueKind.THANK_YOU, "i5"),
        (DueKind.MORE_VOICES, DATA.id),
    ]
    assert items[5].late is True


def test_g21_now_without_a_zone_is_refused() -> None:
    with pytest.raises(ValidationError, match="now: .* no time zone"):
        build_agenda([], [], [], POLICY, datetime(2026, 5, 6, 9, 0))


def test_g21_an_empty_workspace_has_an_empty_agenda() -> None:
    assert build_agenda([], [], [], POLICY, NOW) == []


def test_g21_a_past_interview_not_marked_held_stays_on_the_agenda() -> None:
    starts = datetime(2026, 12, 10, 9, 30, tzinfo=PARIS)
    interview = Interview(
        id="past0000aaaa",
        contact_id="c1",
        history=(
            StatusChange(status=Status.IDEA, at=datetime(2026, 12, 1, tzinfo=UTC)),
            StatusChange(status=Status.SCHEDULED, at=datetime(2026, 12, 1, tzinfo=UTC)),
        ),
        starts_at=starts,
        agreed_minutes=20,
    )
    contacts = [Contact(id="c1", name="Marc")]
    during = build_agenda(
        [interview], contacts, [], Policy(), datetime(2026, 12, 10, 9, 45, tzinfo=PARIS)
    )
    assert DueKind.RECORD not in {i.kind for i in during}
    weeks_later = datetime(2026, 12, 31, 9, 0, tzinfo=PARIS)
    item = only(build_agenda([interview], contacts, [], Policy(), weeks_later), DueKind.RECORD)
    assert item.due_at == datetime(2026, 12, 10, 9, 50, tzinfo=PARIS)
    assert item.command == "infoint interview hold past0000 --at 2026-12-10T09:30+01:00"
    assert "Marc" in item.title
