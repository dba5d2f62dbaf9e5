"""Make ``schema1.db``: a database as the first schema (version 1) wrote it.

Run ``python tests/faults/data/make_schema1.py`` to make it again; the file is
committed, so that ``test_fault_schema.py`` keeps checking that a file written by
schema 1 opens (migrated) with every later infoint. Only ``MIGRATIONS[0]`` runs
here; the rows are written with raw INSERTs, the way schema 1's store wrote them:
the indexed columns by hand (times in UTC as ``%Y-%m-%dT%H:%M:%S.%fZ``, labels
case-folded) and the document from :func:`infoint.storage.to_document`.

:data:`RECORDS` (owner, aggregate at its stored version) is what the test expects
to read back.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from infoint.model import (
    Channel,
    ChannelKind,
    Contact,
    Interview,
    Note,
    NoteKind,
    Purpose,
    ResearchNote,
    ResearchSubject,
    Status,
    StatusChange,
    Target,
    TargetKind,
)

PATH = Path(__file__).with_name("schema1.db")
UPDATED_AT = "2026-01-15T10:00:00.000000Z"
PARIS = ZoneInfo("Europe/Paris")

GRACE = Contact(
    id="5f2c0a7e9b1d4c3e8a6f0b2d4e6f8a01",
    name="Grace Hopper",
    role="Rear admiral",
    organization="US Navy",
    channels=(Channel(kind=ChannelKind.EMAIL, value="grace@navy.example"),),
    notes="Met at the Café Lumière meetup",
    version=2,
)
NAVY = Target(
    id="7a1b2c3d4e5f60718293a4b5c6d7e8f9",
    kind=TargetKind.COMPANY,
    name="US Navy",
    notes="Compilers for everyone",
    goals=("Learn how teams adopt new languages",),
    version=1,
)
CHAT = Interview(
    id="c0ffee00c0ffee00c0ffee00c0ffee00",
    contact_id=GRACE.id,
    history=(
        StatusChange(status=Status.IDEA, at=datetime(2026, 1, 10, 9, 0, tzinfo=UTC)),
        StatusChange(status=Status.SCHEDULED, at=datetime(2026, 1, 11, 9, 0, tzinfo=UTC)),
        StatusChange(status=Status.HELD, at=datetime(2026, 1, 14, 15, 0, tzinfo=PARIS)),
    ),
    target_ids=(NAVY.id,),
    purposes=(Purpose.BREAK_IN,),
    goals=("Hear how a pilot project gets approved",),
    research=(ResearchNote(subject=ResearchSubject.ORGANIZATION, text="Fleet-wide rollout"),),
    agreed_minutes=20,
    starts_at=datetime(2026, 1, 14, 14, 30, tzinfo=PARIS),
    place="Café Lumière, Paris",
    notes=(
        Note(
            id="n1",
            text="Pipelines break on Mondays",
            at=datetime(2026, 1, 14, 14, 40, tzinfo=PARIS),
        ),
        Note(
            id="n2",
            text="Ask the naïve question first",
            kind=NoteKind.ADVICE,
            at=datetime(2026, 1, 14, 14, 45, tzinfo=PARIS),
        ),
    ),
    version=3,
)
BOBS = Contact(
    id="b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0",
    name="Ada Lovelace",
    notes="Pipelines of punched cards",
    version=1,
)

RECORDS: tuple[tuple[str, Contact | Target | Interview], ...] = (
    ("ada", GRACE),
    ("ada", NAVY),
    ("ada", CHAT),
    ("bob", BOBS),
)
"""What the file holds: (owner, record at its stored version)."""

# The indexed columns as schema 1 wrote them: (status, contact_id, at, label), and refs.
_COLUMNS = {
    GRACE.id: (None, None, None, "grace hopper"),
    NAVY.id: (None, None, None, "us navy"),
    CHAT.id: ("held", GRACE.id, "2026-01-14T13:30:00.000000Z", None),
    BOBS.id: (None, None, None, "ada lovelace"),
}
_REFS = {CHAT.id: (GRACE.id, NAVY.id)}


def make(path: Path = PATH) -> None:
    """Write the file (replacing it)."""
    from infoint.builtin.sqlite import migrate
    from infoint.storage import kind_name, to_document

    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        migrate(db, 1)
        db.execute("BEGIN")
        for owner, item in RECORDS:
            status, contact_id, at, label = _COLUMNS[item.id]
            seq = db.execute(
                "INSERT INTO records (owner, kind, id, version, status, contact_id, at, label,"
                " updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    owner,
                    kind_name(type(item)),
                    item.id,
                    item.version,
                    status,
                    contact_id,
                    at,
                    label,
                    UPDATED_AT,
                    to_document(item),
                ),
            ).lastrowid
            for ref in _REFS.get(item.id, ()):
                db.execute("INSERT INTO refs (seq, ref) VALUES (?, ?)", (seq, ref))
        db.execute("COMMIT")
        db.execute("VACUUM")
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        db.close()


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else PATH)
