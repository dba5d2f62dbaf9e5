"""Fixtures for the iCalendar export's tests: a Workspace with the plugin, one owner's
interviews in every state, and the calendar parsed back with ``icalendar``.

The plugin is registered in code (``make_plugin_manager(plugins=[...])``), so these
tests do not depend on what else is installed; ``test_ical_cli.py`` checks the
installed entry point.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import infoint_ical
import pytest
from icalendar import Calendar, Component

from infoint.exchange import ExportData
from infoint.model import Channel, Contact, Interview, Profile, StatusChange, Target
from infoint.plugins import make_plugin_manager
from infoint.rules import Policy
from infoint.stats import compute_stats
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
"""The clock of every test: 10:00 in Paris."""

TRICKY_NAME = 'Dupont, Jean; "JJ" Élodie 🎉'
"""A contact name with everything RFC 5545 TEXT escapes, and non-ASCII. (A name
cannot hold a line break: the model keeps names to one line. Multi-line text comes
from goals and descriptions instead.)"""

TRICKY_PLACE = "Salle 3, bâtiment B; 12, rue de la Paix, 75002 Paris"


@attrs.frozen
class Parsed:
    """One export: its bytes, and the calendar ``icalendar`` reads back from them."""

    raw: bytes
    calendar: Calendar

    def components(self, name: str) -> dict[str, Component]:
        return {str(c["UID"]): c for c in self.calendar.walk(name)}

    @property
    def events(self) -> dict[str, Component]:
        return self.components("VEVENT")

    @property
    def todos(self) -> dict[str, Component]:
        return self.components("VTODO")


def parse(raw: bytes) -> Parsed:
    return Parsed(raw, Calendar.from_ical(raw))


@pytest.fixture(name="parse")
def parse_fixture() -> Callable[[bytes], Parsed]:
    """``parse(raw)``: the bytes, and the calendar ``icalendar`` reads back from them."""
    return parse


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ws(clock: FakeClock) -> Iterator[Workspace]:
    pm = make_plugin_manager(entry_points=False, disabled=[], plugins=[("ical", infoint_ical)])
    with Workspace.open("memory://", owner="tester", plugins=pm, clock=clock) as workspace:
        yield workspace


@pytest.fixture
def export(ws: Workspace) -> Callable[..., Parsed]:
    """``export(at=None, interviews=())``: the workspace as an .ics file, parsed back."""

    def run(at: datetime | None = None, interviews: tuple[str, ...] = ()) -> Parsed:
        out = io.BytesIO()
        ws.export("ics", out, at=at, interviews=interviews)
        return parse(out.getvalue())

    return run


@attrs.frozen
class Scenario:
    """Interview IDs by state, the contacts they are with, and the text that needs escaping."""

    scheduled: str
    confirmed: str
    held: str
    thanked: str
    cancelled: str
    idea: str
    unplanned: str
    jean: str
    grace: str
    linus: str
    margaret: str
    tricky_name: str = TRICKY_NAME
    tricky_place: str = TRICKY_PLACE


@pytest.fixture
def scenario(ws: Workspace, clock: FakeClock) -> Scenario:
    """One owner's interviews in every state, all times in Paris but one.

    The interviews that took place were planned a month before (infoint records
    only what has happened, in order); the clock is back at :data:`NOW` after.
    """
    planning = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    clock.now = planning
    jean = ws.add_contact(
        TRICKY_NAME,
        role="Ingénieure, R&D",
        organization="Acme; Inc.",
        channels=[Channel(kind="email", value="jean@example.org")],
    )
    grace = ws.add_contact("Grace Hopper", organization="Navy")
    linus = ws.add_contact("Linus Pauling")
    margaret = ws.add_contact("Margaret Hamilton")

    scheduled = ws.plan_interview(
        jean.id,
        targets=["occupation:Data engineer"],
        purposes=["break-in"],
        goals=["How do teams hire juniors?\nAnd what matters; most, to them"],
        place=TRICKY_PLACE,
        travel_minutes=30,
    )
    ws.schedule_interview(scheduled.id, starts_at=datetime(2026, 5, 12, 14, 0, tzinfo=PARIS))

    confirmed = ws.plan_interview(
        grace.id, targets=["company:Navy"], purposes=["skills"], mode="video", minutes=25
    )
    ws.schedule_interview(confirmed.id, starts_at=datetime(2026, 5, 14, 9, 30, tzinfo=PARIS))
    ws.suggest_questions(confirmed.id, save=True)
    ws.confirm_interview(confirmed.id)

    held = ws.plan_interview(linus.id, targets=["industry:Chemistry"], purposes=["choose-path"])
    ws.schedule_interview(held.id, starts_at=datetime(2026, 4, 28, 10, 0, tzinfo=PARIS))
    clock.now = NOW
    ws.hold_interview(held.id)

    clock.now = planning
    thanked = ws.plan_interview(margaret.id, targets=["industry:Space"], purposes=["skills"])
    ws.schedule_interview(thanked.id, starts_at=datetime(2026, 4, 20, 15, 0, tzinfo=PARIS))
    clock.now = NOW
    ws.hold_interview(thanked.id, at=datetime(2026, 4, 20, 15, 30, tzinfo=PARIS))
    ws.draft_thank_you(thanked.id, text="Thank you for your time and advice.")
    ws.send_thank_you(thanked.id, at=datetime(2026, 4, 21, 9, 0, tzinfo=PARIS))

    cancelled = ws.plan_interview(grace.id, targets=["company:Navy"], purposes=["skills"])
    ws.schedule_interview(cancelled.id, starts_at=datetime(2026, 5, 20, 11, 0, tzinfo=PARIS))
    ws.cancel_interview(cancelled.id, reason="moved abroad")

    idea = ws.plan_interview(jean.id, targets=["occupation:Data engineer"], purposes=["skills"])

    unplanned = ws.log_interview(
        linus.id,
        at=datetime(2026, 4, 30, 18, 0, tzinfo=timezone(timedelta(hours=2))),
        learned="Chemists, at a conference.",
    )
    return Scenario(
        scheduled=scheduled.id,
        confirmed=confirmed.id,
        held=held.id,
        thanked=thanked.id,
        cancelled=cancelled.id,
        idea=idea.id,
        unplanned=unplanned.id,
        jean=jean.id,
        grace=grace.id,
        linus=linus.id,
        margaret=margaret.id,
    )


def export_data(
    interviews: Sequence[Interview],
    contacts: Sequence[Contact],
    targets: Sequence[Target] = (),
    *,
    generated_at: datetime = NOW,
    policy: Policy | None = None,
) -> ExportData:
    """An ExportData made by hand, as a platform embedding infoint could pass one."""

    def no_prep_sheet(interview_id: str) -> object:
        raise AssertionError("the iCalendar export does not need prep sheets")

    return ExportData(
        owner="tester",
        generated_at=generated_at,
        policy=policy or Policy(),
        profile=Profile(),
        contacts=tuple(contacts),
        targets=tuple(targets),
        interviews=tuple(interviews),
        agenda=(),
        stats=compute_stats(interviews, targets),
        network=(),
        prep_sheet=no_prep_sheet,  # type: ignore[arg-type]
    )


@pytest.fixture
def make_data() -> Callable[..., ExportData]:
    return export_data


@pytest.fixture
def scheduled_at() -> Callable[..., Interview]:
    """``scheduled_at(starts, **fields)``: a scheduled interview with contact ``c1``."""

    def make(starts: datetime, **fields: object) -> Interview:
        history = [
            StatusChange(status="idea", at=NOW - timedelta(days=30)),
            StatusChange(status="scheduled", at=NOW - timedelta(days=29)),
        ]
        return Interview(
            id=str(fields.pop("id", "i1")),
            contact_id="c1",
            history=history,
            starts_at=starts,
            **fields,  # type: ignore[arg-type]
        )

    return make
