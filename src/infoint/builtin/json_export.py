"""The ``json`` export: every record of one owner, as plain JSON other programs read."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from infoint import hookimpl

if TYPE_CHECKING:
    from infoint.exchange import ExportData


class JSONExporter:
    """One JSON document: profile, contacts, targets, interviews, agenda and stats."""

    name = "json"
    suffix = ".json"
    media_type = "application/json"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write ``data`` as indented UTF-8 JSON (times in ISO 8601 with offsets)."""
        from infoint.storage import unstructure

        document = {
            "owner": data.owner,
            "generated_at": data.generated_at.isoformat(),
            "profile": unstructure(data.profile),
            "contacts": [unstructure(c) for c in data.contacts],
            "targets": [unstructure(t) for t in data.targets],
            "interviews": [{"status": str(i.status), **unstructure(i)} for i in data.interviews],
            "agenda": [unstructure(a) for a in data.agenda],
            "stats": unstructure(data.stats),
        }
        out.write(json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8"))
        out.write(b"\n")


@hookimpl
def infoint_exporters() -> list[JSONExporter]:
    """The built-in JSON export."""
    return [JSONExporter()]
