"""``Workspace.agenda`` reads only what the agenda needs, yet makes the agenda that
``build_agenda`` makes from every record (it must not depend on the owner's history)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoint.agenda import AgendaItem, DueKind, build_agenda
from infoint.builtin.memory import MemoryStore
from infoint.builtin.sqlite import SQLiteStore
from infoint.model import (
    ChannelKind,
    Contact,
    FollowUp,
    Interview,
    Opening,
    Question,
    QuestionKind,
    Status,
    StatusChange,
    Target,
    TargetKind,
    ThankYouNote,
)
from infoint.rules import Policy
from infoint.storage import Query, Store, StoreSession
from infoint.testing import strategies
from infoint.workspace import Workspace

# "t1" is a target's ID and a contact's: an interview with contact t1 refers to t1
# without being about target t1.
CONTACT_IDS = ["c1", "c2", "c3", "t1"]
TARGET_IDS = ["t1", "t2", "t3"]


class _LastFirstStore(MemoryStore):
    """A memory store that uses the freedom an unordered find gives: it returns the
    matches that come last in the store's order (the agenda must not depend on which)."""

    @contextmanager
    def session(self, owner: str, *, write: bool = False) -> Iterator[StoreSession]:
        with super().session(owner, write=write) as session:
            yield _LastFirst(session)


class _LastFirst:
    def __init__(self, session: StoreSession) -> None:
        self._session = session
        self.owner = session.owner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def find(self, kind: type[Any], query: Query | None = None) -> list[Any]:
        if query is None or query.ordered:
            return self._session.find(kind, query)
        every = self._session.find(kind, attrs.evolve(query, limit=None, ordered=True))
        return every[::-1][: query.limit]


STORES: dict[str, Callable[[], Store]] = {
    "memory": MemoryStore,
    "memory-last-first": _LastFirstStore,
    "sqlite": lambda: SQLiteStore("sqlite://"),
}


T0 = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))

_PATHS = {  # a plausible history for each status
    Status.IDEA: [Status.IDEA],
    Status.REQUESTED: [Status.IDEA, Status.REQUESTED],
    Status.SCHEDULED: [Status.IDEA, Status.SCHEDULED],
    Status.CONFIRMED: [Status.IDEA, Status.SCHEDULED, Status.CONFIRMED],
    Status.HELD: [Status.IDEA, Status.SCHEDULED, Status.HELD],
    Status.ASSESSED: [Status.IDEA, Status.SCHEDULED, Status.HELD, Status.ASSESSED],
    Status.THANKED: [Status.IDEA, Status.SCHEDULED, Status.HELD, Status.THANKED],
    Status.CLOSED: [Status.IDEA, Status.SCHEDULED, Status.HELD, Status.THANKED, Status.CLOSED],
    Status.DECLINED: [Status.IDEA, Status.REQUESTED, Status.DECLINED],
    Status.CANCELLED: [Status.IDEA, Status.SCHEDULED, Status.CANCELLED],
}


@st.composite
def _interview(draw: st.DrawFn, id_: str) -> Interview:
    days = st.integers(0, 40).map(lambda d: T0 + timedelta(days=d))
    status = draw(st.sampled_from(Status))
    stamps = sorted(draw(st.lists(days, min_size=5, max_size=5)))
    history = tuple(
        StatusChange(status=step, at=at) for step, at in zip(_PATHS[status], stamps, strict=False)
    )
    # Follow-ups at the same few instants: their order decides how many went unanswered.
    follow_ups = draw(
        st.lists(
            st.builds(
                FollowUp,
                at=st.sampled_from([T0 + timedelta(days=50), T0 + timedelta(days=60)]),
                channel=st.just(ChannelKind.EMAIL),
                answered_at=st.none() | st.just(T0 + timedelta(days=61)),
            ),
            max_size=2,
        )
    )
    sent = st.none() | days
    return Interview(
        id=id_,
        contact_id=draw(st.sampled_from(CONTACT_IDS)),
        history=history,
        target_ids=draw(st.lists(st.sampled_from(TARGET_IDS), unique=True, max_size=2)),
        starts_at=draw(st.none() | days),
        questions=draw(
            st.sampled_from(
                [(), (Question(id="q", kind=QuestionKind.ADVICE, text="How?", seconds=30),)]
            )
        ),
        thank_you=draw(
            st.none()
            | st.builds(ThankYouNote, text=st.just("Thanks"), drafted_at=days, sent_at=sent)
        ),
        follow_ups=tuple(follow_ups),
        openings=draw(
            st.sampled_from(
                [(), (Opening(title="Analyst", found_at=T0, earliest_apply_on=T0.date()),)]
            )
        ),
    )


def _agendas(
    store_name: str,
    items: Sequence[Contact | Target | Interview],
    policy: Policy,
    now: datetime,
) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """The Workspace's agenda, and build_agenda's from every record of the store."""
    store = STORES[store_name]()
    with store.session("ann", write=True) as s:
        for item in items:
            s.add(item)
        everything = (s.find(Interview), s.find(Contact), s.find(Target))
    ws = Workspace(store, "ann", policy=policy)
    try:
        return ws.agenda(at=now), build_agenda(*everything, policy, now)
    finally:
        ws.close()


@pytest.mark.parametrize("store_name", sorted(STORES))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_agenda_is_the_one_made_from_every_record(
    store_name: str, data: st.DataObject
) -> None:
    count = data.draw(st.integers(0, 14))
    interviews = [data.draw(_interview(f"i{k:02d}")) for k in range(count)]
    contacts = data.draw(
        st.lists(strategies.contacts(st.sampled_from(CONTACT_IDS)), unique_by=lambda c: c.id)
    )
    targets = data.draw(
        st.lists(strategies.targets(st.sampled_from(TARGET_IDS)), unique_by=lambda t: t.id)
    )
    policy = Policy(min_voices_per_target=data.draw(st.integers(1, 4)))
    now = data.draw(st.integers(0, 24 * 90).map(lambda h: T0 + timedelta(hours=h)))
    mine, everyones = _agendas(store_name, [*contacts, *targets, *interviews], policy, now)
    assert mine == everyones


# ---------------------------------------------------------------- the cases that count


def _held(id_: str, contact_id: str, status: Status, day: int, **kw: Any) -> Interview:
    history = [(Status.IDEA, 0), (Status.SCHEDULED, 1), (Status.HELD, day)]
    if status in (Status.THANKED, Status.CLOSED):
        history.append((Status.THANKED, day + 1))
    if status is Status.CLOSED:
        history.append((Status.CLOSED, day + 2))
    return Interview(
        id=id_,
        contact_id=contact_id,
        history=tuple(StatusChange(status=s, at=T0 + timedelta(days=d)) for s, d in history),
        starts_at=T0 + timedelta(days=day),
        **kw,
    )


@pytest.mark.parametrize("store_name", sorted(STORES))
def test_a_closed_interview_still_counts_in_the_follow_up_cadence(store_name: str) -> None:
    items = [
        Contact(id="c1", name="Ada"),
        _held("i1", "c1", Status.THANKED, day=1),
        _held("i2", "c1", Status.CLOSED, day=10),  # the last contact: the gap runs from it
    ]
    now = T0 + timedelta(days=20)
    mine, everyones = _agendas(store_name, items, Policy(), now)
    assert mine == everyones
    assert [i.kind for i in mine if i.kind is DueKind.FOLLOW_UP] == []  # 10 days, not 14


@pytest.mark.parametrize("store_name", sorted(STORES))
def test_follow_ups_at_one_instant_count_in_the_stores_order(store_name: str) -> None:
    at = T0 + timedelta(days=30)
    answered = FollowUp(at=at, channel=ChannelKind.EMAIL, answered_at=at + timedelta(hours=1))
    unanswered = FollowUp(at=at, channel=ChannelKind.EMAIL)
    items = [
        Contact(id="c1", name="Ada"),
        # i2 is held before i1: the store gives it first, its follow-up counts first.
        _held("i2", "c1", Status.CLOSED, day=2, follow_ups=(answered,)),
        _held("i1", "c1", Status.THANKED, day=3, follow_ups=(unanswered,)),
    ]
    policy = Policy(follow_up_max_unanswered=1)
    mine, everyones = _agendas(store_name, items, policy, T0 + timedelta(days=60))
    assert mine == everyones
    assert [i.kind for i in mine if i.kind is DueKind.FOLLOW_UP] == []  # one unanswered


@pytest.mark.parametrize("store_name", sorted(STORES))
def test_more_voices_counts_only_interviews_about_the_target(store_name: str) -> None:
    items = [
        Target(id="t1", kind=TargetKind.COMPANY, name="Acme"),
        # Held with a contact whose ID is t1's: they refer to t1, and come first.
        _held("i1", "t1", Status.CLOSED, day=1),
        _held("i2", "t1", Status.CLOSED, day=2),
        _held("i3", "c1", Status.CLOSED, day=3, target_ids=("t1",)),
        _held("i4", "c2", Status.CLOSED, day=4, target_ids=("t1",)),
    ]
    for wanted, due in ((2, []), (3, [DueKind.MORE_VOICES])):
        policy = Policy(min_voices_per_target=wanted)
        mine, everyones = _agendas(store_name, items, policy, T0 + timedelta(days=9))
        assert mine == everyones
        assert [i.kind for i in mine if i.kind is DueKind.MORE_VOICES] == due
