"""An infoint plugin: HTML pages to print or keep, each one self-contained file.

Two export formats:

``html-prep``
    The prep sheet (G5, G9-G14) on one printed page: whom you meet, when
    and where, what you want to learn, your pitch, the timed questions,
    what to wear and bring. ``infoint export --format html-prep --interview
    ID -o sheet.html``; several ``--interview`` give one page each.
``html-report``
    An overview: the agenda (G21), voices per target (G18), the funnel, the
    referral network drawn as an inline SVG (G16), the interviews and the
    advice received.

Each page is one file with inline CSS and nothing else: no script, font,
image or style sheet is loaded from anywhere, and a Content-Security-Policy
says so to the browser, so that even text that slipped past the escaping
could load nothing. Every piece of user text goes through Jinja's
autoescaping (including the SVG labels).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from infoint import hookimpl
from infoint.model import ChannelKind, Interview, NoteKind, Status, TargetKind
from infoint.stats import readable_duration

if TYPE_CHECKING:
    import jinja2

    from infoint.exchange import ExportData
    from infoint_html.layout import Drawing

__version__ = "0.1.0"

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The page's Content-Security-Policy (written as is in ``_base.html``): inline styles,
data: images, nothing else."""

UPCOMING: frozenset[Status] = frozenset(
    {Status.IDEA, Status.REQUESTED, Status.SCHEDULED, Status.CONFIRMED}
)
"""Interviews a prep sheet is still useful for."""

CONTACT_NOTES_LIMIT = 200
"""A contact's notes on the prep sheet are cut to this many characters (one page)."""


# ---------------------------------------------------------------- formatting


def when(at: datetime | None) -> str:
    """``Sun 29 Nov 2026, 09:00 (+01:00)`` in the datetime's own zone, or ``""``."""
    if at is None:
        return ""
    offset = at.strftime("%z")
    return f"{at:%a %d %b %Y, %H:%M} ({offset[:3]}:{offset[3:]})"


def day(at: datetime | None) -> str:
    """``Sun 29 Nov 2026``, or ``""``."""
    return "" if at is None else f"{at:%a %d %b %Y}"


def hour(at: datetime | None) -> str:
    """``09:00``, or ``""``."""
    return "" if at is None else f"{at:%H:%M}"


def zone(at: datetime | None) -> str:
    """``UTC+01:00``, or ``""``."""
    if at is None:
        return ""
    offset = at.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def minute_mark(seconds: int) -> str:
    """``m:ss`` from the start of the interview."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def target_parts(label: str) -> tuple[str, str]:
    """``("occupation", "Data engineer")`` from ``occupation:Data engineer``."""
    kind, sep, name = label.partition(":")
    if sep and kind in {k.value for k in TargetKind}:
        return kind, name
    return "", label


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


# ---------------------------------------------------------------- templates


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja environment: every template autoescaped, undefined names an error."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("infoint_html", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "svg"), default_for_string=True, default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        when=when, day=day, hour=hour, zone=zone, minute_mark=minute_mark, clip=clip
    )
    env.globals.update(target_parts=target_parts, version=__version__)
    return env


def render(template: str, **context: Any) -> str:
    """One template, rendered with ``context``."""
    return environment().get_template(template).render(**context)


# ---------------------------------------------------------------- html-prep


def sheet_interviews(data: ExportData) -> list[Interview]:
    """The interviews that get a page, in order.

    Those the user chose (``--interview``), in the order given. With no
    choice (every interview is in the data), the upcoming ones, soonest
    first (unscheduled ones last); if none is upcoming, the first one.
    """
    chosen = list(data.interviews)
    everything = len(chosen) > 1 and len(chosen) == data.stats.interviews
    if not everything:
        return chosen
    upcoming = [i for i in chosen if i.status in UPCOMING]
    upcoming.sort(
        key=lambda i: (i.starts_at is None, i.starts_at.timestamp() if i.starts_at else 0.0)
    )
    return upcoming or chosen[:1]


def _reach(data: ExportData, contact_id: str) -> list[tuple[str, str]]:
    contact = data.contact(contact_id)
    if contact is None:
        return []
    wanted = (ChannelKind.PHONE, ChannelKind.EMAIL, ChannelKind.IN_PERSON, ChannelKind.POSTAL)
    return [(str(c.kind), c.value) for c in contact.channels if c.kind in wanted]


class PrepSheetExporter:
    """``html-prep``: one printed page per interview (the prep sheet, G5, G9-G14)."""

    name = "html-prep"
    suffix = ".html"
    media_type = "text/html"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write the pages as one UTF-8 HTML document."""
        pages: list[dict[str, Any]] = []
        for interview in sheet_interviews(data):
            contact = data.contact(interview.contact_id)
            pages.append(
                {
                    "sheet": data.prep_sheet(interview.id),
                    "reach": _reach(data, interview.contact_id),
                    "contact_notes": clip(contact.notes, CONTACT_NOTES_LIMIT) if contact else "",
                }
            )
        if len(pages) == 1:
            title = f"Prep sheet: {pages[0]['sheet'].contact_name}"
        else:
            title = f"Prep sheets: {len(pages)} interviews"
        html = render(
            "prep.html",
            title=title,
            pages=pages,
            seeker=data.profile.name,
            owner=data.owner,
            generated_at=data.generated_at,
        )
        out.write(html.encode("utf-8"))


# ---------------------------------------------------------------- html-report


def _percent(part: float, whole: float) -> float:
    return 0.0 if whole <= 0 else round(min(part / whole, 1.0) * 100, 1)


def _advice(data: ExportData) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for interview in data.interviews:
        contact = data.contact(interview.contact_id)
        for note in interview.notes:
            if note.kind is NoteKind.ADVICE:
                rows.append(
                    {"at": note.at, "who": contact.name if contact else "", "text": note.text}
                )
    rows.sort(key=lambda r: r["at"].timestamp(), reverse=True)
    return rows


def _interview_rows(data: ExportData) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for interview in data.interviews:
        contact = data.contact(interview.contact_id)
        targets = [t.label for t in (data.target(x) for x in interview.target_ids) if t]
        at = interview.starts_at or interview.stamp(Status.HELD)
        rows.append(
            {
                "who": contact.name if contact else "(unknown contact)",
                "organization": contact.organization if contact else "",
                "status": str(interview.status),
                "at": at,
                "mode": str(interview.mode),
                "targets": targets,
                "notes": len(interview.notes),
                "referrals": len(interview.referrals),
                "thanked": interview.thank_you is not None
                and interview.thank_you.sent_at is not None,
            }
        )
    rows.sort(key=lambda r: (r["at"] is None, -(r["at"].timestamp() if r["at"] else 0.0)))
    return rows


def _count_nodes(nodes: Iterable[Any]) -> tuple[int, int]:
    """(all contacts in the network, those referred or introduced but not contacted)."""
    total = waiting = 0
    for node in nodes:
        total += 1
        waiting += node.via != "known" and not node.contacted
        t, w = _count_nodes(node.children)
        total, waiting = total + t, waiting + w
    return total, waiting


class ReportExporter:
    """``html-report``: the agenda, voices per target, the funnel and the network."""

    name = "html-report"
    suffix = ".html"
    media_type = "text/html"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write the report as one UTF-8 HTML document."""
        stats = data.stats
        top = max(stats.funnel.values(), default=0)
        funnel = [
            {"stage": stage, "count": count, "percent": _percent(count, top)}
            for stage, count in stats.funnel.items()
        ]
        coverage = [
            {
                "label": v.label,
                "completed": v.completed,
                "wanted": v.wanted,
                "percent": _percent(v.completed, v.wanted),
                "enough": v.completed >= v.wanted,
            }
            for v in stats.targets
        ]
        people, waiting = _count_nodes(data.network)
        median = stats.median_days_to_thank_you
        html = render(
            "report.html",
            title=f"Informational interviews: {data.profile.name or data.owner}",
            owner=data.owner,
            seeker=data.profile.name,
            generated_at=data.generated_at,
            agenda=data.agenda,
            coverage=coverage,
            funnel=funnel,
            thank_you_delay=None if median is None else readable_duration(median),
            stats=stats,
            people=people,
            waiting=waiting,
            drawing=_drawing(data),
            interviews=_interview_rows(data),
            advice=_advice(data),
        )
        out.write(html.encode("utf-8"))


@hookimpl
def infoint_exporters() -> list[PrepSheetExporter | ReportExporter]:
    """infoint calls this to collect export formats from every plugin."""
    return [PrepSheetExporter(), ReportExporter()]


def _drawing(data: ExportData) -> Drawing:
    """The network's drawing (its layout module is loaded here, not at every start-up)."""
    from infoint_html.layout import draw_network

    return draw_network(data.network)
