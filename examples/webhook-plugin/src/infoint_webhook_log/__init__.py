"""An infoint plugin that logs every interview change as one JSON line.

Set ``INFOINT_WEBHOOK_LOG`` to a file name; each committed change to an
interview appends a line such as::

    {"at": "2026-12-01T13:05:00+00:00", "owner": "ada", "action": "scheduled",
     "interview": "5b0492b0...", "status": "scheduled", "version": 2}

A log shipper (or a small cron job) then posts the lines to a webhook, so a
slow or unreachable endpoint never slows infoint down. Without the variable
the plugin does nothing.

The file holds who meets whom, so it is created readable by its owner only
(0600). Each event is written with a single ``write`` to a file opened for
appending, so lines from two processes do not interleave.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from infoint import hookimpl

if TYPE_CHECKING:
    from infoint.workspace import InterviewChanged

__version__ = "0.1.0"

ENV = "INFOINT_WEBHOOK_LOG"


@hookimpl
def infoint_interview_changed(event: InterviewChanged) -> None:
    """Append one JSON line describing ``event`` to the file named by ``INFOINT_WEBHOOK_LOG``."""
    path = os.environ.get(ENV, "").strip()
    if not path:
        return
    record = {
        "at": datetime.now(UTC).isoformat(),
        "owner": event.owner,
        "action": event.action,
        "interview": event.interview.id,
        "status": str(event.interview.status),
        "version": event.interview.version,
    }
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    fd = _open_for_append(path)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def _open_for_append(path: str) -> int:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return os.open(path, os.O_WRONLY | os.O_APPEND)
    os.fchmod(fd, 0o600)  # the umask can only take bits away; make the mode exact
    return fd
