"""``infoint export`` and ``infoint import`` (G4): formats come from plugins."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from infoint.cli._common import DATETIME, app, clean, details, emit_json, json_option, short

if TYPE_CHECKING:
    from infoint.exchange import ImportReport


def _output_given(ctx: click.Context, param: click.Parameter, value: str) -> str:
    # Path("") is the current folder: an empty -o (an unset shell variable) would
    # quietly write ./infoint-OWNER.SUFFIX.
    if not value:
        raise click.UsageError("--output is empty: give a file, a folder or '-'", ctx)
    return value


@click.command("export")
@click.option(
    "--format",
    "fmt",
    required=True,
    help="An export format: json, jsonl, csv, markdown, thank-you-email, and what plugins"
    " add ('infoint plugins' lists them all).",
)
@click.option(
    "--output",
    "-o",
    default="-",
    show_default=True,
    callback=_output_given,
    help="A file to write (created readable by you only), a folder, or '-' for standard"
    " output. A FIFO, a device or a symbolic link is written to, never replaced.",
)
@click.option("--interview", "interviews", multiple=True, help="Only this interview. Repeatable.")
@click.option("--at", type=DATETIME, help="Export as of this moment (default: now).")
def export(fmt: str, output: str, interviews: tuple[str, ...], at: datetime | None) -> None:
    """Write your records in another format (json, csv, markdown... or a plugin's)."""
    ws = app().workspace()
    exporter = ws.exporter(fmt)

    def write(out: IO[bytes]) -> None:
        ws.export(fmt, out, interviews=interviews, at=at)

    if output == "-" or output in _STANDARD_OUTPUT:
        if sys.stdout is None:
            raise click.ClickException("standard output is closed: give a file with -o")
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    target = Path(output).expanduser()
    if target.is_dir():
        from infoint.exchange import safe_file_name

        target = target / safe_file_name(f"infoint-{ws.owner}", exporter.suffix)
    if _is_replaceable(target):
        _write_atomically(target, write)
    else:
        _write_in_place(target, write)
    click.echo(f"Wrote {target}", err=True)


_STANDARD_OUTPUT = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})
"""Names of standard output itself: written as '-' is, so that ``>> log`` appends (opening
them again would truncate the file the shell opened for appending)."""


def _is_replaceable(target: Path) -> bool:
    """Whether ``target`` is a regular file or nothing yet: what an export may replace.

    A FIFO or a device (``/dev/null``, ``/dev/stdout`` on a terminal) must stay what it
    is. A symbolic link is written through, as the shell's ``>`` does: the link stays,
    and the kernel's checks on following links (``fs.protected_symlinks``, which
    resolving the link here and replacing its target would bypass) still apply.
    """
    try:
        return stat.S_ISREG(target.lstat().st_mode)
    except OSError:  # nothing there yet, or a folder missing: the atomic path says which
        return True


def _write_in_place(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Open ``target`` as it is (a FIFO waits for its reader) and write to it."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as err:
        raise click.ClickException(f"{target}: cannot write: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
    except OSError as err:
        raise click.ClickException(f"{target}: cannot write: {err.strerror}") from None


def _write_atomically(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write to a private temporary file beside ``target``, then rename it into place:
    a failure leaves no half-written file behind."""
    if not target.parent.is_dir():
        raise click.ClickException(f"{target}: the folder {target.parent} does not exist")
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".infoint-", suffix=".part")
    except OSError as err:
        raise click.ClickException(f"{target}: cannot write: {err.strerror}") from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(temporary, target)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise click.ClickException(f"{target}: cannot write: {err.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class _Counted:
    """A byte stream that reports how far it has been read (for the progress bar)."""

    def __init__(self, raw: IO[bytes], report: Any) -> None:
        self._raw = raw
        self._report = report

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._report(len(data))
        return data

    def read1(self, size: int = -1) -> bytes:
        data = self._raw.read1(size)  # type: ignore[attr-defined]
        self._report(len(data))
        return data  # type: ignore[no-any-return]

    def readinto(self, buffer: Any) -> int:
        count: int = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self._report(count or 0)
        return count

    def readline(self, size: int = -1) -> bytes:
        data = self._raw.readline(size)
        self._report(len(data))
        return data

    def readable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def __iter__(self) -> Any:
        return iter(self.readline, b"")


@click.command("import")
@click.argument("fmt", metavar="FORMAT")
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@json_option
def import_(fmt: str, file: str, dry_run: bool) -> None:
    """Import contacts from FILE in FORMAT (linkedin, google, vcard...).

    A record is merged into the contact who is the same person: one with the
    same e-mail address, LinkedIn profile or phone number, or else the same
    name and organization with nothing telling them apart. People of the same
    name with different e-mail addresses or profiles stay apart, reported as
    possible duplicates. Every record is accounted for. A malformed file
    imports nothing and the error names the file, the line and the field.
    """
    ws = app().workspace()
    ws.importer(fmt)
    source = "<stdin>" if file == "-" else file
    try:
        raw: IO[bytes] = (
            sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115
        )
    except OSError as err:
        raise click.ClickException(f"{file}: cannot read: {err.strerror}") from None
    with raw:
        size = os.fstat(raw.fileno()).st_size if file != "-" else 0
        if size and sys.stderr.isatty():
            with click.progressbar(length=size, label=f"Reading {source}", file=sys.stderr) as bar:
                counted: Any = _Counted(raw, bar.update)
                report = ws.import_contacts(fmt, counted, source=source, dry_run=dry_run)
        else:
            report = ws.import_contacts(fmt, raw, source=source, dry_run=dry_run)
    if app().as_json:
        emit_json(_report_data(report))
        return
    _print_report(report)


_SHOWN = 10
"""How many merged lines and possible duplicates the text report lists of each."""


def _report_data(report: ImportReport) -> dict[str, Any]:
    from infoint.exchange import Outcome
    from infoint.storage import unstructure

    return {
        "source": report.source,
        "dry_run": report.dry_run,
        "counts": {str(outcome): report.count(outcome) for outcome in Outcome},
        "lines": [
            {
                "line": line.line,
                "name": line.name,
                "outcome": str(line.outcome),
                "contact": line.contact_id,
                "gained": list(line.gained),
                "namesakes": [
                    {"contact": other, "line": report.line_of(other)} for other in line.namesakes
                ],
                "why": line.why,
            }
            for line in report.lines
        ],
        "added": [unstructure(c) for c in report.added],
        "merged": [unstructure(c) for c in report.merged],
    }


def _print_report(report: ImportReport) -> None:
    from infoint.exchange import Outcome

    would = "would be " if report.dry_run else ""
    duplicates = report.count(Outcome.POSSIBLE_DUPLICATE)
    click.echo(
        f"{report.source}: {len(report.lines)} record{'' if len(report.lines) == 1 else 's'}:"
        f" {report.count(Outcome.ADDED)} {would}added,"
        f" {report.count(Outcome.MERGED)} {would}merged,"
        f" {report.count(Outcome.UNCHANGED)} unchanged,"
        f" {duplicates} {would}kept apart as possible duplicate{'' if duplicates == 1 else 's'}."
    )
    merged = report.of(Outcome.MERGED)
    for line in merged[:_SHOWN]:
        gained = details(line.gained)
        into = _contact(report, line.contact_id)
        click.echo(
            f"  merged: line {line.line}, {clean(line.name)}, into {into}"
            + (f", gaining {gained}" if gained else "")
        )
    if len(merged) > _SHOWN:
        click.echo(f"  ... and {len(merged) - _SHOWN} more merged (--json lists every line)")
    kept_apart = report.of(Outcome.POSSIBLE_DUPLICATE)
    for line in kept_apart[:_SHOWN]:
        others = ", ".join(_contact(report, other) for other in line.namesakes[:3])
        if len(line.namesakes) > 3:
            others += f" and {len(line.namesakes) - 3} more"
        click.echo(
            f"  possible duplicate: line {line.line}, {clean(line.name)}"
            f" ({short(line.contact_id)}), kept apart from {others}: {line.why}"
        )
    if len(kept_apart) > _SHOWN:
        click.echo(
            f"  ... and {len(kept_apart) - _SHOWN} more possible duplicates (--json lists them)"
        )
    if kept_apart and not report.dry_run:
        click.echo("  If two are one person: infoint contact merge KEEP OTHER")


def _contact(report: ImportReport, contact_id: str) -> str:
    line = report.line_of(contact_id)
    if line is None:
        return short(contact_id)
    if report.dry_run:  # its ID is made when the import is done for real
        return f"the new contact of line {line}"
    return f"{short(contact_id)} (line {line})"
