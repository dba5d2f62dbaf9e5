"""Prep sheets as text for a terminal and as Markdown (pure functions, no I/O).

Times show in the interview's own zone with its offset, so a sheet printed
in Paris for an interview in New York says New York's time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoint.planning import PrepSheet

# Inline markup and HTML; "#", "+" and "-" matter only at a line's start, where every
# item here has "- " already.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def clock(at: datetime | None) -> str:
    """``Tue 2026-12-01 14:00 (+01:00)``, or ``-``."""
    if at is None:
        return "-"
    offset = at.strftime("%z")
    return f"{at:%a %Y-%m-%d %H:%M} ({offset[:3]}:{offset[3:]})"


def minute_mark(seconds: int) -> str:
    """``m:ss`` from the start of the interview."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def _sections(sheet: PrepSheet) -> Iterator[tuple[str, list[str]]]:
    who = sheet.contact_name
    details = ", ".join(x for x in (sheet.contact_role, sheet.contact_organization) if x)
    person = [f"{who}" + (f" ({details})" if details else "")]
    person.append(f"How you know them: {sheet.relationship} ({sheet.register} wording)")
    if sheet.introducer:
        person.append(f"Introduced by: {sheet.introducer}")
    if sheet.common_ground:
        person.append(f"Common ground: {sheet.common_ground}")
    yield "Who", person

    when = [f"Mode: {sheet.mode}, {sheet.minutes} minutes"]
    when.append(f"Starts: {clock(sheet.starts_at)}")
    if sheet.ends_at:
        when.append(f"Ends: {clock(sheet.ends_at)} (keep to the agreed time)")
    if sheet.place:
        when.append(f"Place: {sheet.place}")
    if sheet.arrive_at:
        verb = "Be ready" if sheet.mode != "in-person" else "Arrive"
        when.append(f"{verb}: {clock(sheet.arrive_at)} (10 minutes early)")
    if sheet.leave_by:
        when.append(
            f"Leave by: {clock(sheet.leave_by)} ({sheet.travel_minutes} minutes of travel)"
        )
    yield "When and where", when

    yield "Learning about", [*sheet.targets, *(f"Purpose: {p}" for p in sheet.purposes)]
    if sheet.goals:
        yield "Your learning goals", list(sheet.goals)
    if sheet.research:
        yield "Your research", list(sheet.research)
    if sheet.pitch:
        yield f"Your pitch (about {sheet.pitch_seconds} seconds)", [sheet.pitch]
    if not sheet.short:
        yield "Dress", [sheet.dress_advice]
    bring = list(sheet.bring)
    if sheet.leave_behind:
        bring.append(sheet.leave_behind)
    yield "Bring", bring
    yield "Manners", list(sheet.manners)
    questions = [f"[{minute_mark(q.at_second)}] ({q.kind}) {q.text}" for q in sheet.questions] or [
        "(no questions planned)"
    ]
    yield "Questions", questions
    if sheet.warnings:
        yield "Warnings", list(sheet.warnings)


def sheet_text(sheet: PrepSheet) -> str:
    """The prep sheet for a terminal."""
    lines = [f"Prep sheet for interview {sheet.interview_id[:8]} ({sheet.status})"]
    for title, items in _sections(sheet):
        lines += ["", title + ":"]
        lines += [f"  - {_one_line(item)}" for item in items]
    return "\n".join(lines) + "\n"


def sheet_markdown(sheet: PrepSheet) -> str:
    """The prep sheet as Markdown: user text is escaped so it cannot add markup or links."""
    lines = [f"# Prep sheet: {escape_markdown(sheet.contact_name)}"]
    for title, items in _sections(sheet):
        lines += ["", f"## {escape_markdown(title)}", ""]
        lines += [f"- {escape_markdown(_one_line(item))}" for item in items]
    return "\n".join(lines) + "\n"


def escape_markdown(text: str) -> str:
    """``text`` with Markdown's special characters backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _one_line(text: str) -> str:
    return " ".join(text.split())
