"""An infoint plugin: ``infoint export --format ics`` writes an iCalendar file (RFC 5545).

What the calendar holds, for the interviews exported:

- one VEVENT per interview with a start time (scheduled, confirmed, or one that
  took place; cancelled and declined ones stay, marked ``STATUS:CANCELLED``),
  with the prep essentials in its description, an alarm the day before to
  verify date, time and place (G11) and one at the time to leave (G12);
- one VTODO per thank-you note not sent yet (G19), due when the policy says;
- one VTODO per contact whose next follow-up the cadence allows (G20), due from
  the moment it is allowed.

UIDs come from infoint's IDs, so exporting again gives the same UIDs and a
calendar application updates its copy instead of adding a second one.

This module imports only infoint and the standard library: ``icalendar`` is
imported when a calendar is written, so ``infoint plugins`` and every other
command stay fast.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from infoint import hookimpl

if TYPE_CHECKING:
    from infoint.exchange import ExportData

__version__ = "0.1.0"


class ICalExporter:
    """The ``ics`` export format: an iCalendar file other calendar programs import."""

    name = "ics"
    suffix = ".ics"
    media_type = "text/calendar"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write ``data`` as one VCALENDAR (UTF-8, CRLF line ends, lines folded at 75
        octets, text escaped: the ``icalendar`` library does all of that), one event
        or to-do at a time, so memory stays flat however many interviews there are."""
        from infoint_ical.ics import write_calendar

        write_calendar(data, out)


@hookimpl
def infoint_exporters() -> list[ICalExporter]:
    """infoint calls this to collect export formats from every plugin."""
    return [ICalExporter()]


__all__ = ["ICalExporter", "__version__", "infoint_exporters"]
