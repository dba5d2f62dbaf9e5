"""VTODOs: thank-you notes not sent yet (G19) and the follow-ups the cadence allows (G20)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from infoint.agenda import thank_you_due
from infoint.workspace import Workspace

PARIS = ZoneInfo("Europe/Paris")
Export = Callable[..., Any]
Scenario = Any


def test_g19_a_todo_per_thank_you_note_not_sent(
    ws: Workspace, scenario: Scenario, export: Export
) -> None:
    parsed = export()
    thank_yous = {u for u in parsed.todos if u.endswith("-thank-you@infoint")}
    # Held ones wait for their note; the thanked one sent it; the others were not held.
    assert thank_yous == {
        f"{scenario.held}-thank-you@infoint",
        f"{scenario.unplanned}-thank-you@infoint",
    }
    todo = parsed.todos[f"{scenario.held}-thank-you@infoint"]
    assert str(todo["SUMMARY"]) == "Send a thank-you note to Linus Pauling"
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    assert str(todo["RELATED-TO"]) == f"{scenario.held}@infoint"
    # 24 hours after the interview, in its own zone.
    assert todo["DUE"].params["TZID"] == "Europe/Paris"
    assert todo.decoded("DUE") == datetime(2026, 4, 29, 10, 0, tzinfo=PARIS)
    assert todo.decoded("DUE") == thank_you_due(ws.interview(scenario.held), ws.policy)
    assert b"DUE;TZID=Europe/Paris:20260429T100000\r\n" in parsed.raw
    assert f"infoint thank-you {scenario.held[:8]}" in str(todo["DESCRIPTION"])


def test_g19_an_unplanned_interview_logged_with_an_offset_is_due_in_utc(
    scenario: Scenario, export: Export
) -> None:
    todo = export().todos[f"{scenario.unplanned}-thank-you@infoint"]
    assert todo.decoded("DUE") == datetime(2026, 5, 1, 16, 0, tzinfo=UTC)


def test_g19_the_todo_goes_once_the_note_is_sent(
    ws: Workspace, scenario: Scenario, export: Export
) -> None:
    review = ws.draft_thank_you(scenario.held, text="Thank you for your time.")
    assert "A draft is saved" in str(
        export().todos[f"{scenario.held}-thank-you@infoint"]["DESCRIPTION"]
    )
    assert review.note is not None
    ws.send_thank_you(scenario.held)
    assert f"{scenario.held}-thank-you@infoint" not in export().todos


def test_g20_a_follow_up_when_the_cadence_allows(
    ws: Workspace, scenario: Scenario, export: Export
) -> None:
    parsed = export()
    follow_ups = {u for u in parsed.todos if u.endswith("-follow-up@infoint")}
    assert follow_ups == {f"{scenario.margaret}-follow-up@infoint"}  # only she was thanked
    todo = parsed.todos[f"{scenario.margaret}-follow-up@infoint"]
    assert str(todo["SUMMARY"]) == "Follow up with Margaret Hamilton"
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    # 14 days after the last contact: the thank-you note sent on 21 April at 09:00.
    allowed = ws.cadence(scenario.margaret).next_allowed_at
    assert allowed == datetime(2026, 5, 5, 9, 0, tzinfo=PARIS)
    assert todo.decoded("DUE") == allowed
    assert b"DUE;TZID=Europe/Paris:20260505T090000\r\n" in parsed.raw
    assert int(todo["SEQUENCE"]) == 0


def test_g20_the_follow_up_moves_with_each_one_logged_and_stops_at_the_most(
    ws: Workspace, scenario: Scenario, export: Export, clock: Any
) -> None:
    key = f"{scenario.margaret}-follow-up@infoint"
    first = datetime(2026, 5, 6, 10, 0, tzinfo=PARIS)
    clock.now = first
    ws.log_follow_up(scenario.margaret, channel="email", at=first)
    todo = export().todos[key]  # the same UID, a newer version, a later due time
    assert todo.decoded("DUE") == first + timedelta(days=14)
    assert int(todo["SEQUENCE"]) == 1
    second = datetime(2026, 5, 21, 10, 0, tzinfo=PARIS)
    clock.now = second
    ws.log_follow_up(scenario.margaret, channel="email", at=second)
    # Two unanswered follow-ups in a row: nothing more until she answers.
    assert key not in export().todos
    clock.now = second + timedelta(days=1)
    ws.follow_up_answered(scenario.margaret, at=second + timedelta(days=1))
    assert export().todos[key].decoded("DUE") == second + timedelta(days=14)


def test_todos_come_sorted_by_due_time(scenario: Scenario, export: Export) -> None:
    todos = export().calendar.walk("VTODO")
    dues = [t.decoded("DUE").astimezone(UTC) for t in todos]
    assert dues == sorted(dues)
    assert len(todos) == 3
