"""What every command shares: the lazily opened Workspace, parameter types, output."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

import click

from infoint.timezones import local_zone

if TYPE_CHECKING:
    from infoint.plugins import InfointPluginManager
    from infoint.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


class App:
    """The CLI's state for one invocation; the Workspace opens on first use."""

    def __init__(
        self, db: str | None = None, owner: str | None = None, as_json: bool = False
    ) -> None:
        self.db = db
        self.owner = owner
        self.as_json = as_json
        self._workspace: Workspace | None = None
        self._plugins: InfointPluginManager | None = None
        self.plugin_commands: dict[str, click.Command] | None = None

    @property
    def plugins(self) -> InfointPluginManager:
        """The plugin manager, made on first use."""
        if self._plugins is None:
            from infoint.plugins import make_plugin_manager

            self._plugins = make_plugin_manager()
        return self._plugins

    def workspace(self) -> Workspace:
        """The Workspace for ``--db`` and ``--owner``, opened once."""
        if self._workspace is None:
            from infoint.workspace import Workspace

            self._workspace = Workspace.open(self.db, owner=self.owner, plugins=self.plugins)
        return self._workspace

    def close(self) -> None:
        """Close the Workspace if one was opened."""
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def app() -> App:
    """The current invocation's :class:`App`."""
    return click.get_current_context().find_object(App)  # type: ignore[return-value]


def _set_json(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(App).as_json = True


def json_option(f: F) -> F:
    """``--json`` on a subcommand, the same as the global one."""
    return click.option(
        "--json",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_json,
        help="Print JSON instead of text.",
    )(f)


# ---------------------------------------------------------------- parameter types


if TYPE_CHECKING:
    _ParamType = click.ParamType[datetime]
else:  # click made ParamType generic only in 8.4; never subscript it at run time
    _ParamType = click.ParamType


class DateTimeType(_ParamType):
    """ISO 8601 date and time; without an offset, the machine's local time zone.

    Also ``today 14:00``, ``tomorrow 9:30`` and ``now``.
    """

    name = "datetime"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        try:
            parsed = parse_datetime(text)
            parsed.astimezone(UTC)  # a time too near year 1 or 9999 cannot be stored
        except TimeMissing as err:
            self.fail(str(err), param, ctx)
        except (ValueError, OverflowError, OSError):
            self.fail(
                f"{text!r} is not a date and time; use YYYY-MM-DD HH:MM (optionally with an"
                " offset such as +01:00 or a zone such as Europe/Paris),"
                " or today/tomorrow/yesterday HH:MM, or now",
                param,
                ctx,
            )
        return parsed


def parse_datetime(text: str, now: datetime | None = None) -> datetime:
    """An aware datetime from the command line (see :class:`DateTimeType`)."""
    if now is None:
        from infoint.timezones import local_now

        now = local_now()
    lowered = text.lower()
    if lowered == "now":
        return now
    for word, days in (("today", 0), ("tomorrow", 1), ("yesterday", -1)):
        if lowered.startswith(word):
            rest = lowered.removeprefix(word).strip() or "00:00"
            if rest[1:2] in ("", ":"):
                rest = "0" + rest  # "9:30" -> "09:30": fromisoformat wants two-digit hours
            day = now.date() + timedelta(days=days)
            clock = time.fromisoformat(rest if len(rest) > 2 else rest + ":00")
            return _local(datetime.combine(day, clock))
    zone = None
    named = re.fullmatch(r"(.+?)\s*(?:\[([\w/+-]+)\]|\s([A-Za-z]+/[\w/+-]+|UTC))", text)
    if named:  # "2026-12-01 14:00 Europe/Paris" or RFC 9557's "...+01:00[Europe/Paris]"
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        text, key = named[1], named[2] or named[3]
        try:
            zone = ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            raise TimeMissing(f"{key!r} is not a time zone name such as Europe/Paris") from None
    parsed = datetime.fromisoformat(text)
    if zone is not None:
        return parsed.astimezone(zone) if parsed.tzinfo else _local(parsed, zone)
    if re.fullmatch(r"\d{4}-?\d{2}-?\d{2}", text.strip()):
        raise TimeMissing(f"{text!r} has no time of day; give one too, as in {text} 14:00")
    if parsed.tzinfo is None:
        parsed = _local(parsed)
    return parsed


class TimeMissing(ValueError):
    """A date and time a person typed cannot stand as it is; the message says why."""


def _local(naive: datetime, zone: tzinfo | None = None) -> datetime:
    """``naive`` in ``zone`` (default: the machine's); a wall time skipped by a
    daylight-saving jump is refused rather than silently moved."""
    whose = "that" if zone is not None else "your"
    zone = zone or local_zone()
    aware = naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()
    real = aware.astimezone(UTC).astimezone(aware.tzinfo)
    if real.replace(tzinfo=None) != naive:
        raise TimeMissing(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {whose} time zone"
            " (the clocks skip it); give another time, or an offset such as +01:00"
        )
    return aware


DATETIME = DateTimeType()


def choice_of(values: Iterable[str]) -> click.Choice[str]:
    """A case-insensitive choice among enum values."""
    return click.Choice([str(v) for v in values], case_sensitive=False)


# ---------------------------------------------------------------- output

SHORT = 8


def short(id_: str | None) -> str:
    """The short form of an ID that the CLI shows."""
    return "" if id_ is None else id_[:SHORT]


def when(at: datetime | None) -> str:
    """A datetime in the machine's time zone, for people, with the zone's abbreviation."""
    if at is None:
        return "-"
    local = at.astimezone(local_zone() or at.astimezone().tzinfo)
    return local.strftime("%a %Y-%m-%d %H:%M %Z").strip()


_DETAILS = {
    "email": "e-mail address",
    "phone": "phone number",
    "linkedin": "LinkedIn profile",
    "postal": "postal address",
    "in-person": "place to meet",
}


def details(gained: Sequence[str]) -> str:
    """What a contact gained, in words: ``e-mail address, LinkedIn profile, role``."""
    return ", ".join(_DETAILS.get(name, name) for name in gained)


def report_saved(item_id: str, data: Callable[[], Any], text: str, *, quiet: bool = False) -> None:
    """What a command that saved something prints: the ID alone (``--quiet``), the
    record as JSON (``--json``), or one line for a person."""
    if quiet:
        click.echo(item_id)
    elif app().as_json:
        emit_json(data())
    else:
        click.echo(text)


def emit_json(data: Any) -> None:
    """Print ``data`` as indented JSON."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print rows in aligned columns (the last one unpadded)."""
    if not rows:
        return
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        cells = [str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=False)]
        click.echo("  ".join([*cells, clean(str(row[-1]))]).rstrip())


def clean(text: str) -> str:
    """``text`` without control characters that could rewrite the terminal."""
    return "".join(c if c.isprintable() or c == "\n" else "?" for c in text)


def field(label: str, value: Any) -> None:
    """Print one ``label: value`` line, skipping empty values."""
    if value in (None, "", (), []):
        return
    click.echo(f"{label + ':':<15} {clean(str(value))}")
