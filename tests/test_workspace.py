"""The Workspace use cases: the SDK's front door."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infoint
from infoint import hookimpl
from infoint.builtin.memory import MemoryStore
from infoint.errors import (
    AmbiguousID,
    Conflict,
    IllegalTransition,
    NotFound,
    StoreError,
    ValidationError,
)
from infoint.model import Channel, ChannelKind, Interview, NoteKind, Purpose, Status, TargetKind
from infoint.plugins import PluginWarning, make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.workspace import InterviewChanged, Workspace, default_url

START = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


@pytest.fixture
def ws(infoint_workspace: Workspace) -> Workspace:
    return infoint_workspace


def _planned(ws: Workspace, name: str = "Grace Hopper") -> Interview:
    ws.add_contact(name, organization="US Navy")
    return ws.plan_interview(name, targets=["occupation:Programmer"], purposes=[Purpose.BREAK_IN])


def test_plan_schedule_confirm_hold_note_search(ws: Workspace, infoint_clock: FakeClock) -> None:
    interview = _planned(ws)
    assert interview.status is Status.IDEA
    assert interview.created_at == infoint_clock.now
    ws.request_interview(interview.id, channel="email")
    ws.schedule_interview(interview.id, starts_at=START, minutes=20, place="Pier 4")
    infoint_clock.advance(days=1)
    ws.confirm_interview(interview.id)
    confirmed_at = infoint_clock.now
    infoint_clock.now = START + timedelta(minutes=30)
    ws.hold_interview(interview.id, at=START)
    done = ws.add_note(interview.id, "Document before you code", kind=NoteKind.ADVICE, at=START)
    assert [c.status for c in done.history] == [
        Status.IDEA,
        Status.REQUESTED,
        Status.SCHEDULED,
        Status.CONFIRMED,
        Status.HELD,
    ]
    assert done.history[3].at == confirmed_at
    assert done.request is not None and done.request.channel == "email"
    assert (done.agreed_minutes, done.place, done.starts_at) == (20, "Pier 4", START)
    assert done.notes[0].kind is NoteKind.ADVICE
    assert [(h.kind, h.id) for h in ws.search("document code")] == [("interview", done.id)]
    assert ws.interviews(status=["held"]) == [done]


def test_g1_target_given_as_kind_and_name_is_created_once(ws: Workspace) -> None:
    first = _planned(ws)
    second = ws.plan_interview(
        "Grace Hopper", targets=["Occupation:programmer"], purposes=["skills"]
    )
    assert first.target_ids == second.target_ids
    assert [t.label for t in ws.targets()] == ["occupation:Programmer"]
    with pytest.raises(NotFound, match="KIND:NAME"):
        ws.plan_interview("Grace Hopper", targets=["deadbeef"], purposes=["skills"])


def test_g1_g2_an_interview_has_a_target_and_a_purpose(ws: Workspace) -> None:
    ws.add_contact("Grace")
    with pytest.raises(ValidationError, match="at least one target"):
        ws.plan_interview("Grace", targets=[], purposes=["skills"])
    with pytest.raises(ValidationError, match="at least one purpose"):
        ws.plan_interview("Grace", targets=["company:Acme"], purposes=[])
    with pytest.raises(ValidationError, match="^purpose: 'fun' is not one of: choose-path"):
        ws.plan_interview("Grace", targets=["company:Acme"], purposes=["fun"])
    assert ws.interviews() == []
    assert ws.targets() == []  # the refused plan created no target either


def test_g8_log_an_unplanned_interview(ws: Workspace, infoint_clock: FakeClock) -> None:
    ws.add_contact("Stranger at the meetup")
    met = infoint_clock.now - timedelta(hours=20)
    logged = ws.log_interview(
        "Stranger at the meetup", at=met, learned="Hiring freezes end in spring"
    )
    assert logged.status is Status.HELD
    assert logged.unplanned
    assert logged.notes[0].text == "Hiring freezes end in spring"
    assert logged.starts_at == met
    with pytest.raises(ValidationError, match="is in the future; record the conversation once"):
        ws.log_interview("Stranger at the meetup", at=START, learned="a prophecy")
    # Every later step still applies: notes now, the thank-you note next.
    assert ws.add_note(logged.id, "She offered to introduce me").status is Status.HELD


def test_g16_notes_need_a_scheduled_or_held_interview(ws: Workspace) -> None:
    interview = _planned(ws)
    with pytest.raises(ValidationError, match="schedule or hold it first"):
        ws.add_note(interview.id, "too early")


def test_ids_resolve_by_unique_prefix_and_names(ws: Workspace) -> None:
    grace = ws.add_contact("Grace Hopper")
    assert ws.contact(grace.id[:4]) == grace
    assert ws.contact("grace hopper") == grace
    assert ws.contact(grace.id.upper()[:8]) == grace
    with pytest.raises(NotFound, match="no contact matches 'zzz'"):
        ws.contact("zzz")
    with pytest.raises(ValidationError):
        ws.contact("  ")
    assert ws.add_contact("Grace Hopper") == grace  # the same person (G25)
    ws.add_contact("Grace Hopper", new=True)
    with pytest.raises(AmbiguousID, match="2 contacts are named 'Grace Hopper'"):
        ws.contact("Grace Hopper")


def test_an_ambiguous_prefix_is_refused_with_candidates(ws: Workspace) -> None:
    contacts = [ws.add_contact(f"Person {k}") for k in range(40)]
    first_chars = [c.id[0] for c in contacts]
    shared = next(ch for ch in first_chars if first_chars.count(ch) > 1)
    with pytest.raises(AmbiguousID, match=f"ID '{shared}' matches more than one contact"):
        ws.contact(shared)


def test_edit_contact_replaces_channels_by_kind(ws: Workspace) -> None:
    grace = ws.add_contact(
        "Grace",
        channels=[
            Channel(kind=ChannelKind.EMAIL, value="old@navy.mil"),
            Channel(kind=ChannelKind.PHONE, value="555"),
        ],
    )
    edited = ws.edit_contact(
        grace.id, role="Admiral", set_channels={"email": "new@navy.mil", "phone": ""}
    )
    assert edited.channels == (Channel(kind=ChannelKind.EMAIL, value="new@navy.mil"),)
    assert edited.role == "Admiral"
    assert edited.version == grace.version + 1


def test_g4_introducer_and_referral_links(ws: Workspace) -> None:
    ada = ws.add_contact("Ada")
    grace = ws.add_contact("Grace", introducer="Ada", referred_by=ada.id[:6])
    assert (grace.introducer_id, grace.referred_by_id) == (ada.id, ada.id)
    assert ws.contacts(referred_by="Ada") == [grace]
    with pytest.raises(NotFound):
        ws.add_contact("Linus", referred_by="nobody")
    assert [c.name for c in ws.contacts()] == ["Ada", "Grace"]


def test_g13_profile_keeps_the_pitch(ws: Workspace) -> None:
    assert ws.profile().pitch == ""
    ws.set_profile(name="Sam", pitch="I turn data into decisions.")
    ws.set_profile(pitch="I turn messy data into decisions.")
    profile = ws.profile()
    assert (profile.name, profile.pitch, profile.version) == (
        "Sam",
        "I turn messy data into decisions.",
        2,
    )


def test_a_refused_step_changes_nothing(ws: Workspace) -> None:
    interview = _planned(ws)
    with pytest.raises(IllegalTransition):
        ws.hold_interview(interview.id)
    assert ws.interview(interview.id) == interview


def test_plugins_hear_of_committed_changes_only(infoint_clock: FakeClock) -> None:
    events: list[InterviewChanged] = []

    class Listener:
        @hookimpl
        def infoint_interview_changed(self, event: InterviewChanged) -> None:
            events.append(event)

    class Broken:
        @hookimpl
        def infoint_interview_changed(self, event: InterviewChanged) -> None:
            raise RuntimeError("webhook down")

    pm = make_plugin_manager(
        entry_points=False, plugins=[("listener", Listener()), ("broken", Broken())]
    )
    ws = Workspace.open("memory://", owner="ann", plugins=pm, clock=infoint_clock)
    with pytest.warns(PluginWarning, match="plugin broken failed in infoint_interview_changed"):
        interview = _planned(ws)
        ws.schedule_interview(interview.id, starts_at=START)
    with pytest.raises(IllegalTransition):  # a refused step is not a change
        ws.request_interview(interview.id, channel="email")
    assert [(e.owner, e.action, e.interview.status) for e in events] == [
        ("ann", "planned", Status.IDEA),
        ("ann", "scheduled", Status.SCHEDULED),
    ]


# ---------------------------------------------------------------- owners


def test_one_owner_cannot_see_or_touch_anothers_records(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/shared.db"
    with infoint.open(url, owner="alice") as alice, infoint.open(url, owner="bob") as bob:
        interview = _planned(alice)
        alice.schedule_interview(interview.id, starts_at=START)
        alice.hold_interview(interview.id)
        alice.add_note(interview.id, "confidential reorg")
        assert bob.interviews() == [] and bob.contacts() == [] and bob.targets() == []
        assert bob.search("confidential") == []
        for attempt in (
            lambda: bob.interview(interview.id),
            lambda: bob.add_note(interview.id, "sneaky"),
            lambda: bob.hold_interview(interview),
            lambda: bob.contact("Grace Hopper"),
        ):
            with pytest.raises(NotFound):
                attempt()
        assert len(alice.interview(interview.id).notes) == 1


# ---------------------------------------------------------------- conflicts

CHANGES: dict[str, Callable[[Workspace, Any], Interview]] = {
    "note": lambda ws, ref: ws.add_note(ref, "from " + ws.owner),
    "reschedule": lambda ws, ref: ws.schedule_interview(ref, starts_at=START + timedelta(days=1)),
    "confirm": lambda ws, ref: ws.confirm_interview(ref),
    "hold": lambda ws, ref: ws.hold_interview(ref),
    "cancel": lambda ws, ref: ws.cancel_interview(ref, reason="clash"),
}


@pytest.fixture
def two_workspaces(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    url = f"sqlite:///{tmp_path}/race.db"
    pm = make_plugin_manager(entry_points=False)
    with (
        Workspace.open(url, owner="ann", plugins=pm) as one,
        Workspace.open(url, owner="ann", plugins=pm) as two,
    ):
        yield one, two


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.sampled_from(sorted(CHANGES)), second=st.sampled_from(sorted(CHANGES)))
def test_two_workspaces_cannot_both_win(
    two_workspaces: tuple[Workspace, Workspace], first: str, second: str
) -> None:
    one, two = two_workspaces
    contact = one.add_contact("Grace")
    interview = one.plan_interview(contact.id, targets=["company:Acme"], purposes=["skills"])
    interview = one.schedule_interview(interview.id, starts_at=START)
    seen_by_one, seen_by_two = one.interview(interview.id), two.interview(interview.id)
    winner = CHANGES[first](one, seen_by_one)
    with pytest.raises(Conflict, match="changed elsewhere"):
        CHANGES[second](two, seen_by_two)
    assert two.interview(interview.id) == winner


def test_racing_threads_one_wins_one_conflicts(
    two_workspaces: tuple[Workspace, Workspace],
) -> None:
    one, two = two_workspaces
    one.add_contact("Grace")
    interview = one.plan_interview("Grace", targets=["company:Acme"], purposes=["skills"])
    stale = interview
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def race(ws: Workspace, text: str) -> None:
        barrier.wait()
        try:
            ws.schedule_interview(stale, starts_at=START, place=text)
            outcomes.append("won")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=race, args=(w, t)) for w, t in ((one, "A"), (two, "B"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "won"]
    assert one.interview(interview.id).version == interview.version + 1


# ---------------------------------------------------------------- opening


def test_default_url_is_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("INFOINT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_url() == f"sqlite:///{tmp_path}/data/infoint/infoint.db"
    with infoint.open(owner="me") as ws:
        ws.add_contact("Grace")
    assert (tmp_path / "data" / "infoint" / "infoint.db").stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("INFOINT_DB", "memory://")
    assert default_url() == "memory://"


def test_a_bare_path_means_sqlite(tmp_path: Path) -> None:
    with infoint.open(str(tmp_path / "plain.db"), owner="me") as ws:
        assert ws.store.name == "sqlite"
    assert (tmp_path / "plain.db").exists()


def test_an_unknown_scheme_names_the_installed_backends() -> None:
    with pytest.raises(
        StoreError, match=r"no storage backend for nosuch:// URLs \(installed: memory, sqlite\)"
    ):
        infoint.open("nosuch://x", owner="me", plugins=make_plugin_manager(entry_points=False))


def test_a_workspace_can_share_a_store_object() -> None:
    store = MemoryStore()
    one, two = Workspace(store, "ann"), Workspace(store, "ann")
    one.add_target(TargetKind.INDUSTRY, "Aviation")
    assert [t.name for t in two.targets()] == ["Aviation"]
    with pytest.raises(Conflict, match="exists already"):
        two.add_target("industry", "aviation")


def test_the_clock_must_be_aware() -> None:
    ws = Workspace(MemoryStore(), "ann", clock=lambda: datetime(2026, 1, 1))
    ws.add_contact("Grace")
    with pytest.raises(ValidationError, match="aware"):
        ws.plan_interview("Grace", targets=["company:Acme"], purposes=["skills"])


def test_a_purpose_or_target_given_twice_counts_once(ws: Workspace) -> None:
    ws.add_contact("Grace")
    interview = ws.plan_interview(
        "Grace",
        targets=["company:Acme", "company : acme"],
        purposes=["skills", "Skills"],
    )
    assert interview.purposes == (Purpose.SKILLS,)
    assert len(interview.target_ids) == 1


def test_a_time_beyond_the_calendar_is_a_validation_error(ws: Workspace) -> None:
    interview = _planned(ws)
    edge = datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-1)))
    with pytest.raises(ValidationError, match="out of range"):
        ws.schedule_interview(interview.id, starts_at=edge)


def test_wrong_types_from_sdk_callers_are_validation_errors(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="^name: must be text, not int$"):
        ws.add_contact(42)  # type: ignore[arg-type]
    interview = _planned(ws)
    with pytest.raises(ValidationError, match="^starts_at: must be a datetime, not str$"):
        ws.schedule_interview(interview.id, starts_at="2026-12-01 14:00")  # type: ignore[arg-type]


def test_a_lone_string_where_a_list_belongs_is_a_list_of_one(ws: Workspace) -> None:
    ws.add_contact("Grace")
    interview = ws.plan_interview("Grace", targets="company:Acme", purposes="break-in")  # type: ignore[arg-type]
    assert interview.purposes == (Purpose.BREAK_IN,)
    assert [ws.target(t).label for t in interview.target_ids] == ["company:Acme"]


def test_g6_a_request_records_its_channel_date_and_arranging_contact(
    ws: Workspace, infoint_clock: FakeClock
) -> None:
    interview = _planned(ws)
    ws.add_contact("Ada Lovelace")
    asked = infoint_clock.advance(days=2) - timedelta(days=1)
    requested = ws.request_interview(
        interview.id, channel="networking-contact", at=asked, via="Ada Lovelace"
    )
    assert requested.status is Status.REQUESTED
    assert requested.request is not None
    assert requested.request.channel == "networking-contact"
    assert requested.request.asked_at == asked
    assert requested.request.via == ws.contact("Ada Lovelace").id
    with pytest.raises(ValidationError, match="^request channel: 'pigeon' is not one of: phone"):
        ws.request_interview(interview.id, channel="pigeon")


def test_g3_goals_of_the_interview_and_its_targets_reach_the_prep_sheet_and_the_plan(
    ws: Workspace,
) -> None:
    ws.add_contact("Grace")
    ws.add_target("company", "Acme", goals=["Find out how Acme trains juniors"])
    interview = ws.plan_interview(
        "Grace",
        targets=["company:Acme"],
        purposes=["break-in"],
        goals=["What does a typical week look like?"],
        minutes=30,
    )
    sheet = ws.prep_sheet(interview.id)
    assert sheet.goals == (
        "What does a typical week look like?",
        "Find out how Acme trains juniors",
    )
    asked = {q.text for q in sheet.questions}
    assert "What does a typical week look like?" in asked
    assert "Could you tell me how Acme trains juniors?" in asked


@pytest.mark.parametrize("limit", [0, -1, True])
def test_search_refuses_a_limit_below_one(ws: Workspace, limit: int) -> None:
    # SQLite reads a negative LIMIT as none at all: the Workspace refuses it first.
    with pytest.raises(ValidationError, match=r"^limit: must be a whole number of at least 1"):
        ws.search("anything", limit=limit)


def test_a_platform_opens_one_store_and_workspaces_borrow_it(tmp_path: Path) -> None:
    store = infoint.open_store(f"sqlite:///{tmp_path / 'platform.db'}")
    with Workspace(store, "ann") as ann:
        ann.add_contact("Grace Hopper")
    # Closing ann's Workspace left the shared store open for bob, and ann's records in it.
    with Workspace(store, "bob") as bob:
        assert bob.contacts() == []
    assert [c.name for c in Workspace(store, "ann").contacts()] == ["Grace Hopper"]
    store.close()


def test_a_workspace_that_opened_its_store_closes_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'own.db'}"
    with infoint.open(url, owner="ann") as ws:
        ws.add_contact("Grace Hopper")
    with pytest.raises(StoreError, match="the store is closed"):
        ws.contacts()


def test_open_store_names_the_schemes_it_knows() -> None:
    with pytest.raises(StoreError, match=r"^no storage backend for nosuch:// URLs \(installed: "):
        infoint.open_store("nosuch://x")
