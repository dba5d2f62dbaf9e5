"""Documents: every aggregate survives JSON unchanged, time zones included."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint.errors import ValidationError
from infoint.model import Interview, Status, StatusChange
from infoint.storage import (
    Query,
    fold,
    format_datetime,
    from_document,
    parse_datetime,
    to_document,
)
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


@pytest.mark.parametrize("limit", [0, -1, -20, True, False, 2.0, "3"])
def test_a_query_limit_must_be_a_whole_number_of_at_least_one(limit: object) -> None:
    # SQLite reads LIMIT -1 as no limit at all, and True as 1: neither may reach a store.
    with pytest.raises(ValidationError, match=r"^limit: must be a whole number of at least 1"):
        Query(limit=limit)  # type: ignore[arg-type]


def test_a_query_limit_may_be_none_or_positive() -> None:
    assert Query().limit is None
    assert Query(limit=1).limit == 1
    assert Query(limit=10**6).limit == 10**6


def test_a_query_is_ordered_unless_told_otherwise() -> None:
    assert Query().ordered is True
    assert Query(ordered=False).ordered is False
    with pytest.raises(ValidationError, match=r"^ordered: must be True or False, not 0$"):
        Query(ordered=0)  # type: ignore[arg-type]


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_of_ascii_text_is_its_lower_case_as_unicode_folding_gives(text: str) -> None:
    # fold() takes a short cut for ASCII text; it must agree with the whole treatment.
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.mark.parametrize(
    ("document", "says"),
    [
        (
            '{"id": "abc"}',
            r"^the stored contact abc is damaged and cannot be read \(KeyError: 'name'\)",
        ),
        ("not json", r"^the stored contact is damaged and cannot be read \(JSONDecodeError: "),
        (
            '{"id": "x1", "name": ""}',
            r"^the stored contact x1 is damaged .*\(name: must not be empty\)",
        ),
        ("[]", r"^the stored contact is damaged and cannot be read \(TypeError: "),
    ],
)
def test_a_damaged_stored_document_is_one_store_error_naming_the_record(
    document: str, says: str
) -> None:
    # Damage on disk is not the user's typing: a StoreError (one line, no traceback).
    from infoint.errors import StoreError
    from infoint.model import Contact

    with pytest.raises(StoreError, match=says):
        from_document(Contact, document, 1)
