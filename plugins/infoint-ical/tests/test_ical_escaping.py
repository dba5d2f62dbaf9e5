"""RFC 5545 text and lines: commas, semicolons, backslashes and line breaks escaped,
UTF-8 kept, lines folded at 75 octets, CRLF everywhere (3.1, 3.3.11).

The ``icalendar`` library does the escaping and folding; these tests read the raw
bytes to prove it does, and read them back to prove nothing is lost.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import infoint_ical
import pytest

from infoint.errors import ValidationError
from infoint.model import Channel, Contact, Target

PARIS = ZoneInfo("Europe/Paris")
NAME = 'Dupont, Jean; "JJ" Élodie 🎉'
PLACE = "Salle 3, bâtiment B; 12, rue de la Paix, 75002 Paris"
LONG_GOAL = (
    "Comprendre, pas à pas, comment l'équipe « données » recrute; ce qui compte vraiment"
    " (et ce qui ne compte pas) 🎯 — quels projets, quelles compétences, quels pièges. "
) * 3


@pytest.fixture
def raw(make_data: Callable[..., Any], scheduled_at: Callable[..., Any]) -> bytes:
    contact = Contact(
        id="c1",
        name=NAME,
        role="Data, AI; R&D",
        organization="Société Générale; Paris",
        channels=[Channel(kind="email", value="jean@example.org")],
    )
    target = Target(id="t1", kind="occupation", name="Ingénieur, données; IA", goals=[LONG_GOAL])
    interview = scheduled_at(
        datetime(2026, 5, 12, 14, 0, tzinfo=PARIS),
        place=PLACE,
        travel_minutes=25,
        target_ids=["t1"],
        goals=["First line\nsecond line, with a comma; and a semicolon", "C:\\New\\notes \\n"],
    )
    out = io.BytesIO()
    infoint_ical.ICalExporter().export(make_data([interview], [contact], [target]), out)
    return out.getvalue()


def lines(raw: bytes) -> list[bytes]:
    assert raw.endswith(b"\r\n")
    return raw[:-2].split(b"\r\n")


def test_every_line_ends_with_crlf(raw: bytes) -> None:
    for line in lines(raw):
        assert b"\n" not in line
        assert b"\r" not in line


def test_every_line_is_at_most_75_octets(raw: bytes) -> None:
    assert max(len(line) for line in lines(raw)) <= 75
    assert any(line.startswith(b" ") for line in lines(raw))  # long lines were folded


def test_folding_never_splits_a_utf8_character(raw: bytes) -> None:
    for line in lines(raw):
        line.decode("utf-8")  # each physical line is valid UTF-8 on its own


def test_text_is_escaped_in_the_raw_bytes(raw: bytes) -> None:
    unfolded = re.sub(rb"\r\n[ \t]", b"", raw)
    summary = 'SUMMARY:Informational interview with Dupont\\, Jean\\; "JJ" Élodie 🎉\r\n'
    assert summary.encode() in unfolded
    place = "LOCATION:Salle 3\\, bâtiment B\\; 12\\, rue de la Paix\\, 75002 Paris\r\n"
    assert place.encode() in unfolded
    assert b"- First line\\nsecond line\\, with a comma\\; and a semicolon\\n" in unfolded
    assert b"C:\\\\" in unfolded  # a backslash is doubled
    assert "Élodie".encode() in unfolded  # UTF-8, not an escape


def test_text_reads_back_unchanged(raw: bytes, parse: Callable[..., Any]) -> None:
    event = parse(raw).events["i1@infoint"]
    assert str(event["SUMMARY"]) == f"Informational interview with {NAME}"
    assert str(event["LOCATION"]) == PLACE
    description = str(event["DESCRIPTION"])
    assert description.startswith(f"{NAME}: Data, AI; R&D, Société Générale; Paris\n")
    assert "- First line\nsecond line, with a comma; and a semicolon\n" in description
    assert f"- {LONG_GOAL}\n" in description
    assert "About: occupation:Ingénieur, données; IA\n" in description
    for alarm in event.walk("VALARM"):
        assert NAME in str(alarm["DESCRIPTION"])


def test_a_backslash_before_n_stays_a_backslash(raw: bytes) -> None:
    # icalendar turns "\\N" in the text it is given into a line break before escaping;
    # the export keeps it visible with a word joiner (U+2060) after the backslash.
    unfolded = re.sub(rb"\r\n[ \t]", b"", raw)
    assert "- C:\\\\\u2060New\\\\notes \\\\n\\n".encode() in unfolded


@pytest.mark.skipif(
    int(icalendar.__version__.split(".")[0]) < 7,
    reason="icalendar < 7 reads an escaped backslash before n back as a line break",
)
def test_a_backslash_reads_back_as_a_backslash(raw: bytes, parse: Callable[..., Any]) -> None:
    description = str(parse(raw).events["i1@infoint"]["DESCRIPTION"])
    assert "- C:\\\u2060New\\notes \\n\n" in description
    assert "- C:\\New\\notes \\n\n" in description.replace("\u2060", "")


@pytest.mark.parametrize(
    ("given", "read_back"),
    [
        ("bell\x07 and escape\x1b gone", "bell and escape gone"),
        ("tab\tkept", "tab\tkept"),
        ("a\r\nb\rc\u2028d\u2029e\x85f", "a\nb\nc\nd\ne\nf"),
        ("C1 control\x9b gone", "C1 control gone"),
    ],
)
def test_control_characters_never_reach_the_file(
    given: str,
    read_back: str,
    make_data: Callable[..., Any],
    scheduled_at: Callable[..., Any],
    parse: Callable[..., Any],
) -> None:
    interview = scheduled_at(datetime(2026, 5, 12, 14, 0, tzinfo=PARIS), goals=[given])
    out = io.BytesIO()
    infoint_ical.ICalExporter().export(make_data([interview], [Contact(id="c1", name="A")]), out)
    raw = out.getvalue()
    for line in lines(raw):
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line)
    description = str(parse(raw).events["i1@infoint"]["DESCRIPTION"])
    assert f"- {read_back}\n" in description


def test_a_lone_surrogate_never_reaches_the_export(
    make_data: Callable[..., Any], scheduled_at: Callable[..., Any]
) -> None:
    # The model refuses bytes that are not text, so no export ever sees them.
    with pytest.raises(ValidationError, match="not text"):
        scheduled_at(datetime(2026, 5, 12, 14, 0, tzinfo=PARIS), goals=["x\ud800y"])


def test_a_phone_interview_lasts_its_default_and_has_no_leave_alarm(
    make_data: Callable[..., Any], scheduled_at: Callable[..., Any], parse: Callable[..., Any]
) -> None:
    interview = scheduled_at(datetime(2026, 5, 12, 14, 0, tzinfo=PARIS), mode="phone")
    out = io.BytesIO()
    infoint_ical.ICalExporter().export(make_data([interview], [Contact(id="c1", name="A")]), out)
    event = parse(out.getvalue()).events["i1@infoint"]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=4)  # G7
    assert [str(a["DESCRIPTION"]) for a in event.walk("VALARM")] == [
        "Verify date, time and place with A"
    ]
    assert "LOCATION" not in event
