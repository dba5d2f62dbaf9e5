"""Dates and times as people type them: local zones, daylight-saving gaps, missing times."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from infoint.cli._common import TimeMissing, parse_datetime


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_wall_time_skipped_by_daylight_saving_is_refused(new_york: None) -> None:
    # On 2026-03-08 New York clocks jump from 02:00 to 03:00.
    with pytest.raises(TimeMissing, match="2026-03-08 02:30 does not exist in your time zone"):
        parse_datetime("2026-03-08 02:30")
    before, after = parse_datetime("2026-03-08 01:30"), parse_datetime("2026-03-08 03:30")
    assert (after.astimezone(UTC) - before.astimezone(UTC)).total_seconds() == 3600  # real time
    assert parse_datetime("2026-03-08 03:30").utcoffset().total_seconds() == -4 * 3600  # type: ignore[union-attr]


def test_a_date_without_a_time_is_refused() -> None:
    with pytest.raises(TimeMissing, match="has no time of day"):
        parse_datetime("2026-12-01")


def test_relative_days_and_offsets(new_york: None) -> None:
    now = datetime(2026, 11, 26, 9, 0).astimezone()
    assert parse_datetime("tomorrow 9:30", now=now).isoformat() == "2026-11-27T09:30:00-05:00"
    assert parse_datetime("2026-12-01 14:00+01:00").isoformat() == "2026-12-01T14:00:00+01:00"


def test_the_cli_says_why_a_time_cannot_be(infoint, new_york: None) -> None:
    infoint.new_id("contact", "add", "Grace")
    interview = infoint.new_id(
        "interview",
        "plan",
        "--contact",
        "Grace",
        "--target",
        "company:Acme",
        "--purpose",
        "skills",
    )
    error = infoint.fail("interview", "schedule", interview, "--at", "2026-03-08 02:30")
    assert "does not exist in your time zone" in error
    error = infoint.fail("interview", "schedule", interview, "--at", "2026-12-01")
    assert "has no time of day" in error
    assert infoint.interview(interview)["status"] == "idea"


def test_edit_keeps_every_repeated_email(infoint) -> None:
    ref = infoint.new_id("contact", "add", "Two", "--email", "a@b.co")
    infoint.ok("contact", "edit", ref, "--email", "e@f.co", "--email", "g@h.co")
    emails = [c["value"] for c in infoint.contact(ref)["channels"] if c["kind"] == "email"]
    assert emails == ["e@f.co", "g@h.co"]
    assert "nothing to change" in infoint.fail("contact", "edit", ref)


def test_an_empty_db_option_is_an_error(infoint) -> None:
    assert "the database URL is empty" in infoint.bare().fail("--db", "", "contact", "list")
