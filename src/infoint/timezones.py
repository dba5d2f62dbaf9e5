"""The machine's time zone, by name, so that times typed or stamped here keep their rules."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo


def local_zone() -> tzinfo | None:
    """The machine's named time zone (``TZ``, else ``/etc/localtime``), or None if unknown.

    A named zone keeps daylight-saving rules with the stored time; a bare
    offset would not ("the day before" a stamp would drift by an hour).
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for key in candidates:
        if key and ("/" in key or key == "UTC"):
            try:
                return ZoneInfo(key)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def local_now() -> datetime:
    """Now, in the machine's named zone when it has one (else its current offset)."""
    zone = local_zone()
    return datetime.now(zone) if zone is not None else datetime.now().astimezone()
