"""``infoint export`` and ``infoint import`` (G4): formats come from plugins."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import click

from infoint.cli._common import DATETIME, app, clean, emit_json, json_option, short


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
    help="A file to write (created readable by you only), a folder, or '-' for standard output.",
)
@click.option("--interview", "interviews", multiple=True, help="Only this interview. Repeatable.")
@click.option("--at", type=DATETIME, help="Export as of this moment (default: now).")
def export(fmt: str, output: str, interviews: tuple[str, ...], at: datetime | None) -> None:
    """Write your records in another format (json, csv, markdown... or a plugin's)."""
    ws = app().workspace()
    exporter = ws.exporter(fmt)
    if output == "-":
        stream = sys.stdout.buffer
        ws.export(fmt, stream, interviews=interviews, at=at)
        stream.flush()
        return
    target = Path(output).expanduser()
    if target.is_dir():
        from infoint.exchange import safe_file_name

        target = target / safe_file_name(f"infoint-{ws.owner}", exporter.suffix)
    _write_atomically(target, lambda out: ws.export(fmt, out, interviews=interviews, at=at))
    click.echo(f"Wrote {target}", err=True)


def _write_atomically(target: Path, write: Any) -> None:
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

    Existing contacts (same e-mail or LinkedIn URL, else same name and
    organization) are merged, not duplicated. A malformed file imports
    nothing and the error names the file, the line and the field.
    """
    from infoint.storage import unstructure

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
        emit_json(
            {
                "source": report.source,
                "dry_run": report.dry_run,
                "added": [unstructure(c) for c in report.added],
                "merged": [unstructure(c) for c in report.merged],
                "skipped": list(report.skipped),
            }
        )
        return
    would = "would be " if dry_run else ""
    click.echo(
        f"{source}: {len(report.added)} {would}added, {len(report.merged)} {would}merged,"
        f" {len(report.skipped)} unchanged."
    )
    for contact in report.merged[:10]:
        click.echo(f"  merged: {clean(contact.name)} ({short(contact.id)})")
    if len(report.merged) > 10:
        click.echo(f"  ... and {len(report.merged) - 10} more merged")
