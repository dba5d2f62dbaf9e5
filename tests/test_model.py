"""The domain model: validation with messages a person understands, and its small rules."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given

from infoint.errors import ValidationError
from infoint.model import (
    Channel,
    ChannelKind,
    Contact,
    DressCode,
    Interview,
    Mode,
    Note,
    NoteKind,
    Register,
    Relationship,
    Status,
    StatusChange,
    Target,
    TargetKind,
)
from infoint.testing import strategies

T0 = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def _interview(**kw: object) -> Interview:
    fields: dict[str, object] = {
        "id": "i1",
        "contact_id": "c1",
        "history": (StatusChange(status=Status.IDEA, at=T0),),
    }
    fields.update(kw)
    return Interview(**fields)  # type: ignore[arg-type]


def test_naive_datetimes_are_refused_with_the_field_named() -> None:
    with pytest.raises(ValidationError, match=r"^starts_at: .* has no time zone"):
        _interview(starts_at=datetime(2026, 5, 4, 10, 0))


def test_g1_target_needs_a_name_and_a_known_kind() -> None:
    with pytest.raises(ValidationError, match="^name: must not be empty$"):
        Target(id="t1", kind=TargetKind.COMPANY, name="   ")
    with pytest.raises(
        ValidationError,
        match="^target kind: 'planet' is not one of: occupation, company, industry$",
    ):
        Target(id="t1", kind="planet", name="Mars")  # type: ignore[arg-type]


def test_g4_contact_channels_are_checked() -> None:
    with pytest.raises(ValidationError, match="^email: 'grace-at-navy' is not an e-mail address"):
        Channel(kind=ChannelKind.EMAIL, value="grace-at-navy")
    contact = Contact(
        id="c1", name="Grace", channels=(Channel(kind=ChannelKind.PHONE, value="+1 555 0100"),)
    )
    assert contact.channel(ChannelKind.PHONE) == "+1 555 0100"
    assert contact.channel(ChannelKind.EMAIL) is None


def test_g4_a_contact_cannot_introduce_themselves() -> None:
    with pytest.raises(ValidationError, match="introducer"):
        Contact(id="c1", name="Grace", introducer_id="c1")
    with pytest.raises(ValidationError, match="referred by"):
        Contact(id="c1", name="Grace", referred_by_id="c1")


def test_g7_agreed_minutes_must_be_a_sensible_length() -> None:
    with pytest.raises(ValidationError, match="^agreed_minutes: is 0; must be between 1 and 480$"):
        _interview(agreed_minutes=0)
    assert _interview(agreed_minutes=4, mode=Mode.PHONE).agreed_minutes == 4


def test_g10_dress_one_step_above_the_code() -> None:
    assert DressCode.CASUAL.step_up() is DressCode.BUSINESS_CASUAL
    assert DressCode.BUSINESS_CASUAL.step_up() is DressCode.BUSINESS_PROFESSIONAL
    assert DressCode.BUSINESS_PROFESSIONAL.step_up() is DressCode.FORMAL
    assert DressCode.FORMAL.step_up() is DressCode.FORMAL


def test_g14_register_follows_the_relationship() -> None:
    assert Relationship.STRANGER.register is Register.FORMAL
    assert Relationship.FRIEND.register is Register.CASUAL
    assert {r.register for r in Relationship} == {Register.FORMAL, Register.CASUAL}


def test_g16_an_answer_names_its_question() -> None:
    with pytest.raises(ValidationError, match="^question: "):
        Note(id="n1", text="They said yes", at=T0, kind=NoteKind.ANSWER)
    with pytest.raises(ValidationError, match="^note: must not be empty"):
        Note(id="n1", text=" \n", at=T0)


def test_an_interview_has_a_history_and_its_status_is_the_last_step() -> None:
    with pytest.raises(ValidationError, match="^history: "):
        _interview(history=())
    later = datetime(2026, 5, 5, tzinfo=UTC)
    interview = _interview(
        history=(
            StatusChange(status=Status.IDEA, at=T0),
            StatusChange(status=Status.REQUESTED, at=later),
        )
    )
    assert interview.status is Status.REQUESTED
    assert (interview.created_at, interview.updated_at) == (T0, later)
    assert interview.stamp(Status.IDEA) == T0
    assert interview.stamp(Status.HELD) is None


def test_duplicates_are_refused_in_targets_and_purposes() -> None:
    with pytest.raises(ValidationError, match="^target_ids: lists the same entry twice"):
        _interview(target_ids=("t1", "t1"))
    with pytest.raises(ValidationError, match="^purposes: "):
        _interview(purposes=("skills", "skills"))


def test_overlong_text_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"^notes: is 20001 characters; at most 20000$"):
        Contact(id="c1", name="Grace", notes="x" * 20_001)


@given(strategies.aggregates)
def test_aggregates_are_frozen(item: object) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.version = 9  # type: ignore[attr-defined]


def test_unknown_enum_values_name_the_field_and_the_choices() -> None:
    with pytest.raises(ValidationError, match="^relationship: 'buddy' is not one of: stranger,"):
        Contact(id="c1", name="Grace", relationship="buddy")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="^mode: 'carrier pigeon' is not one of: phone"):
        _interview(mode="carrier pigeon")
    assert _interview(mode="In Person").mode is Mode.IN_PERSON


def test_a_time_in_a_daylight_saving_gap_becomes_the_real_time() -> None:
    paris = ZoneInfo("Europe/Paris")
    # On 2026-03-29 Paris clocks jump from 02:00 to 03:00: 02:30 never happens.
    gap = _interview(starts_at=datetime(2026, 3, 29, 2, 30, tzinfo=paris))
    assert gap.starts_at == datetime(2026, 3, 29, 3, 30, tzinfo=paris)
    normal = datetime(2026, 3, 29, 14, 0, tzinfo=paris)
    assert _interview(starts_at=normal).starts_at == normal


def test_bytes_that_are_not_text_are_refused() -> None:
    with pytest.raises(ValidationError, match="^notes: contains bytes that are not text"):
        Contact(id="c1", name="Grace", notes="bad \udcff byte")
    with pytest.raises(ValidationError, match="^name: contains bytes that are not text"):
        Contact(id="c1", name="Nul\x00l")


@pytest.mark.parametrize("year", [1, 9999])
def test_a_time_at_the_ends_of_the_calendar_is_out_of_range_not_a_crash(year: int) -> None:
    # Moving such a time between zones overflows; the range check must still speak.
    at = datetime(year, 1, 1, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    with pytest.raises(ValidationError, match=r"^at: .* is out of range \(years 1900 to 2199\)"):
        StatusChange(status=Status.IDEA, at=at)
