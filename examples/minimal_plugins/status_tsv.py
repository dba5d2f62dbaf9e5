"""An exporter plugin: one line per interview, tab-separated: ID, status, start, contact,
and the next thing to do (``infoint export --format status-tsv``)."""

from __future__ import annotations

from typing import IO

from infoint import hookimpl
from infoint.exchange import ExportData


class StatusTSV:
    name = "status-tsv"
    suffix = ".tsv"
    media_type = "text/tab-separated-values"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        next_step: dict[str, str] = {}
        for item in data.agenda:  # soonest first: keep the first one of each interview
            if item.interview_id:
                next_step.setdefault(item.interview_id, item.command)
        for interview in data.interviews:
            contact = data.contact(interview.contact_id)
            row = [
                interview.id,
                str(interview.status),
                interview.starts_at.isoformat() if interview.starts_at else "",
                contact.name if contact else "",
                next_step.get(interview.id, ""),
            ]
            # No cell holds a tab or a line break: names are one line, without control characters.
            out.write(("\t".join(row) + "\n").encode("utf-8"))


@hookimpl
def infoint_exporters() -> list[StatusTSV]:
    return [StatusTSV()]
