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


NOW_ENV = "INFOINT_NOW"
"""A moment to take as now instead of the clock's (``2026-11-20 10:00``, in the machine's
zone unless an offset is given): to replay a story on its own dates, in a tutorial, a
demonstration or a test, since steps are refused in the future or out of order."""


def local_now() -> datetime:
    """Now (or :data:`NOW_ENV`'s moment), in the machine's named zone when it has one
    (else its current offset)."""
    zone = local_zone()
    fixed = os.environ.get(NOW_ENV, "").strip()
    if fixed:
        return _fixed_now(fixed, zone)
    return datetime.now(zone) if zone is not None else datetime.now().astimezone()


def _fixed_now(text: str, zone: tzinfo | None) -> datetime:
    from infoint.errors import ValidationError

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            NOW_ENV, f"{text!r} is not a date and time such as 2026-11-20 10:00"
        ) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()
    return moment.astimezone(zone) if zone is not None else moment
