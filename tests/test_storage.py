"""Documents: every aggregate survives JSON unchanged, time zones included."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from infoint.model import Interview, Status, StatusChange
from infoint.storage import format_datetime, from_document, parse_datetime, to_document
from infoint.testing import strategies


@given(strategies.aggregates)
def test_every_aggregate_survives_a_json_round_trip(item: Any) -> None:
    document = to_document(item)
    json.loads(document)  # plain JSON, readable by anything
    assert from_document(type(item), document) == item


def test_named_zones_are_kept_so_daylight_saving_rules_survive() -> None:
    paris = ZoneInfo("Europe/Paris")
    start = datetime(2026, 3, 29, 14, 0, tzinfo=paris)  # clocks moved forward at 02:00
    text = format_datetime(start)
    assert text == "2026-03-29T14:00:00+02:00[Europe/Paris]"
    back = parse_datetime(text)
    assert back.tzinfo == paris
    # "The day before" in Paris is still 14:00 local, though 23 hours earlier.
    day_before = back - timedelta(days=1)
    assert day_before.hour == 14
    assert day_before.utcoffset() == timedelta(hours=1)


def test_fixed_offsets_and_utc_stay_plain_iso() -> None:
    assert format_datetime(datetime(2026, 1, 2, 3, 4, tzinfo=UTC)) == "2026-01-02T03:04:00+00:00"
    assert parse_datetime("2026-01-02T03:04:00+05:30").utcoffset() == timedelta(
        hours=5, minutes=30
    )


def test_a_stored_time_without_offset_is_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        parse_datetime("2026-01-02T03:04:00")


def test_an_ambiguous_autumn_time_keeps_its_fold() -> None:
    new_york = ZoneInfo("America/New_York")
    second = datetime(2026, 11, 1, 1, 30, tzinfo=new_york, fold=1)  # 01:30 EST, the second one
    interview = Interview(
        id="i1", contact_id="c1", history=(StatusChange(status=Status.IDEA, at=second),)
    )
    back = from_document(Interview, to_document(interview)).history[0].at
    assert back.utcoffset() == timedelta(hours=-5)
    assert back.astimezone(UTC) == second.astimezone(UTC)
