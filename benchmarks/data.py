"""Made-up but realistic data: a LinkedIn export, and a big workspace written fast.

Everything is drawn from a seeded generator, so two runs measure the same data.
"""

from __future__ import annotations

import csv
import random
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

FIRST = (
    "Ada Grace Linus Margaret Alan Barbara Dennis Frances Edsger Radia Ken Hedy Tim Katherine"
    " Guido Anita Donald Shafi Niklaus Sophie Zoë Élodie José Chloé Søren Ingrid Mateus Aiko"
).split()
LAST = (
    "Lovelace Hopper Torvalds Hamilton Turing Liskov Ritchie Allen Dijkstra Perlman Thompson"
    " Lamarr Berners-Lee Johnson van Rossum Borg Knuth Goldwasser Wirth Wilson Núñez Dupont"
    " García Müller Kowalski Nakamura O'Brien Fernández"
).split()
COMPANIES = [
    f"{w} {s}"
    for w in "Acme Globex Initech Umbrella Hooli Vandelay Stark Wayne".split()
    for s in ("Labs", "Systems", "Health", "Bank", "Logistics", "Media", "Energy")
]
POSITIONS = (
    "Data engineer|Software engineer|Product manager|UX researcher|Nurse|Teacher|Accountant"
    "|Site reliability engineer|Marketing lead|Architect|Physiotherapist|Data scientist"
).split("|")
WORDS = (
    "pipelines break on mondays mentoring matters learn sql first on-call rotations hiring"
    " freezes portfolio beats certificates ask about the team culture remote work budget"
    " planning stakeholders roadmap incidents postmortems migrations cloud costs onboarding"
    " night shifts patients classroom lesson plans audits deadlines"
).split()
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

NOW = datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
"""The moment the agenda is asked for (fixed, so every run sees the same agenda)."""

OWNER = "bench"


def linkedin_csv(path: Path, rows: int, seed: int = 1) -> Path:
    """LinkedIn's ``Connections.csv``: its notes, its header, then ``rows`` connections.

    Every connection has a profile URL, a third an e-mail address (people choose
    whether LinkedIn shares it); companies and positions repeat, as they do.
    """
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = _connections_writer(out)
        for k in range(rows):
            first, last = rng.choice(FIRST), _surname(k)  # one person each: none merge
            slug = f"{first}-{last}-{k:x}".lower().replace(" ", "-").replace("'", "")
            connected = date(2012, 1, 1) + timedelta(days=rng.randrange(5000))
            writer.writerow(
                [
                    first,
                    last,
                    f"https://www.linkedin.com/in/{slug}",
                    f"{slug}@example.org" if k % 3 == 0 else "",
                    rng.choice(COMPANIES),
                    rng.choice(POSITIONS),
                    f"{connected.day:02d} {MONTHS[connected.month - 1]} {connected.year}",
                ]
            )
    return path


NAMESAKE_FIRST = "Ada Grace Linus Margaret Alan Barbara Dennis Radia Zoë Élodie José Søren".split()
NAMESAKE_LAST = (
    "Lovelace|Hopper|Torvalds|Hamilton|Turing|Liskov|Núñez|Müller|O'Brien|van Rossum".split("|")
)
NAMESAKE_COMPANIES = (
    "Acme Labs",
    "Globex Bank",
    "Initech Health",
    "Umbrella Media",
    "Hooli",
    "Vandelay Industries",
)


def namesakes_csv(path: Path, rows: int, seed: int = 3) -> Path:
    """A ``Connections.csv`` of namesakes, shaped as :func:`linkedin_csv`'s: names drawn
    from 12 first and 10 last names (120 names), companies from 6, so each name and
    company is shared by about ``rows / 720`` people; a profile URL of its own on every
    row (so every row is a person of its own: none may merge) and an e-mail address of
    its own on 40 % of rows (two rows in five).
    """
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = _connections_writer(out)
        for k in range(rows):
            first, last = rng.choice(NAMESAKE_FIRST), rng.choice(NAMESAKE_LAST)
            slug = _ascii(f"{first}-{last}-{k:x}".lower().replace(" ", "-").replace("'", ""))
            connected = date(2012, 1, 1) + timedelta(days=rng.randrange(5000))
            writer.writerow(
                [
                    first,
                    last,
                    f"https://www.linkedin.com/in/{slug}",
                    f"{slug}@example.org" if k % 5 < 2 else "",
                    rng.choice(NAMESAKE_COMPANIES),
                    rng.choice(POSITIONS),
                    f"{connected.day:02d} {MONTHS[connected.month - 1]} {connected.year}",
                ]
            )
    return path


def _ascii(text: str) -> str:
    """``text`` without accents (``é`` → ``e``, ``ø`` → ``o``), as profile slugs are."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _connections_writer(out: TextIO) -> Any:
    """LinkedIn's notes and header written to ``out``; a CSV writer for the rows."""
    out.write(
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email'
        " addresses are missing. You will only see email addresses for connections who"
        ' have allowed their connections to see or download their email address."\n\n'
    )
    writer = csv.writer(out)
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    return writer


_SYLLABLES = "ka ro mi sen to lu va nor pe dri an sol bel tor qui ma".split()


def _surname(k: int) -> str:
    """A surname of its own for each ``k`` (syllables as the digits of ``k``)."""
    parts = []
    for _ in range(5):
        k, digit = divmod(k, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(parts).capitalize()


# ---------------------------------------------------------------- a big workspace


@dataclass(frozen=True)
class Shape:
    """How many of each record, and how many interviews are still in flight."""

    contacts: int
    interviews: int
    targets: int
    open_interviews: int
    """Interviews not closed, declined or cancelled: what the agenda is about."""


def build_workspace(path: Path, shape: Shape, seed: int = 2) -> dict[str, int]:
    """A SQLite workspace for :data:`OWNER`, written with plain ``executemany``.

    Every row holds a real document (:func:`infoint.storage.to_document` of a
    validated model object) and the index values, references and search text
    the store itself would write; the schema is made by opening the store.
    """
    from infoint.builtin.sqlite import SQLiteStore, _fmt, _words
    from infoint.storage import index_entry, kind_name, to_document

    SQLiteStore(str(path)).close()  # the schema, by the store's own migrations
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("BEGIN")
    seq = 0
    counts: dict[str, int] = {}
    stamp = _fmt(datetime.now(UTC))
    (number,) = db.execute(  # the owner's part of the full-text index, as the store makes it
        "INSERT INTO owners (owner) VALUES (?) RETURNING number", (OWNER,)
    ).fetchone()
    batch: list[Any] = []

    def flush() -> None:
        nonlocal seq
        records, refs, texts = [], [], []
        for item in batch:
            seq += 1
            entry = index_entry(item)
            records.append(
                (
                    seq,
                    OWNER,
                    kind_name(type(item)),
                    item.id,
                    item.version,
                    entry.status,
                    entry.contact_id,
                    _fmt(entry.at),
                    entry.label,
                    stamp,
                    to_document(item),
                )
            )
            refs += [(seq, ref) for ref in entry.refs]
            if entry.text:
                texts.append((seq, _words(number, entry.text), entry.text))
        db.executemany(
            "INSERT INTO records (seq, owner, kind, id, version, status, contact_id, at, label,"
            " updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            records,
        )
        db.executemany("INSERT INTO refs (seq, ref) VALUES (?, ?)", refs)
        db.executemany("INSERT INTO search_words (rowid, words, body) VALUES (?, ?, ?)", texts)
        batch.clear()

    for item in _records(shape, random.Random(seed)):
        batch.append(item)
        counts[kind_name(type(item))] = counts.get(kind_name(type(item)), 0) + 1
        if len(batch) >= 2000:
            flush()
    flush()
    db.execute("COMMIT")
    db.execute("ANALYZE")  # what a long-lived database has had (PRAGMA optimize)
    db.close()
    return counts


def _records(shape: Shape, rng: random.Random) -> Iterator[Any]:
    from infoint.model import (
        Assessment,
        Channel,
        ChannelKind,
        Contact,
        FollowUp,
        Interview,
        Mode,
        Note,
        Purpose,
        Status,
        StatusChange,
        Target,
        TargetKind,
        ThankYouNote,
    )

    paris = NOW.tzinfo
    targets = [
        Target(
            id=f"{k:08x}" + "t" * 24,
            kind=rng.choice(list(TargetKind)),
            name=f"{rng.choice(POSITIONS)} {k}",
            goals=("How do people start?", "What does a week look like?"),
        )
        for k in range(shape.targets)
    ]
    yield from targets
    contact_ids = [f"{k:08x}" + "c" * 24 for k in range(shape.contacts)]
    for k, contact_id in enumerate(contact_ids):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        yield Contact(
            id=contact_id,
            name=f"{first} {last} {k}",
            role=rng.choice(POSITIONS),
            organization=rng.choice(COMPANIES),
            channels=(Channel(kind=ChannelKind.EMAIL, value=f"p{k}@example.org"),),
            notes=" ".join(rng.choices(WORDS, k=6)),
        )

    def text(n: int) -> str:
        return " ".join(rng.choices(WORDS, k=n)).capitalize() + "."

    # In flight: ideas, requests, upcoming and recent interviews at every stage.
    flight = [
        Status.IDEA,
        Status.REQUESTED,
        Status.SCHEDULED,
        Status.CONFIRMED,
        Status.HELD,
        Status.ASSESSED,
        Status.THANKED,
    ]
    for k in range(shape.interviews):
        open_ = k % max(1, shape.interviews // max(1, shape.open_interviews)) == 0
        status = (
            rng.choice(flight)
            if open_
            else rng.choice([Status.CLOSED] * 8 + [Status.DECLINED, Status.CANCELLED])
        )
        if open_ and status in (Status.SCHEDULED, Status.CONFIRMED):
            starts = NOW + timedelta(hours=rng.randrange(-48, 24 * 30))
        elif open_:
            starts = NOW - timedelta(hours=rng.randrange(2, 24 * 20))
        else:
            starts = NOW - timedelta(days=rng.randrange(20, 3 * 365), hours=rng.randrange(24))
        starts = starts.astimezone(paris).replace(minute=0, second=0, microsecond=0)
        created = starts - timedelta(days=14)
        history = [StatusChange(status=Status.IDEA, at=created)]
        held = status in (Status.HELD, Status.ASSESSED, Status.THANKED, Status.CLOSED)
        if status is not Status.IDEA and status is not Status.DECLINED:
            history.append(StatusChange(status=Status.SCHEDULED, at=created + timedelta(days=2)))
        if held:
            history.append(StatusChange(status=Status.HELD, at=starts + timedelta(hours=1)))
        if status in (Status.ASSESSED, Status.CLOSED):
            history.append(StatusChange(status=Status.ASSESSED, at=starts + timedelta(hours=3)))
        if status in (Status.THANKED, Status.CLOSED):
            history.append(StatusChange(status=Status.THANKED, at=starts + timedelta(hours=20)))
        if status not in (
            Status.IDEA,
            Status.SCHEDULED,
            Status.HELD,
            Status.ASSESSED,
            Status.THANKED,
        ):
            history.append(StatusChange(status=status, at=starts + timedelta(days=3)))
        later = starts + timedelta(hours=20)
        yield Interview(
            id=f"{k:08x}" + "i" * 24,
            contact_id=rng.choice(contact_ids),
            history=tuple(history),
            target_ids=(rng.choice(targets).id,) if targets else (),
            purposes=(rng.choice(list(Purpose)),),
            goals=(text(5),),
            mode=rng.choice(list(Mode)),
            agreed_minutes=rng.choice((20, 30, 45)),
            starts_at=None
            if status in (Status.IDEA, Status.REQUESTED, Status.DECLINED)
            else starts,
            notes=tuple(
                Note(id=f"n{j}", text=text(12), at=starts + timedelta(minutes=10 * j))
                for j in range(rng.randrange(1, 4))
            )
            if held and rng.random() < 0.9
            else (),
            assessment=Assessment(at=starts + timedelta(hours=3), went_well=text(6))
            if status in (Status.ASSESSED, Status.CLOSED)
            else None,
            thank_you=ThankYouNote(text=text(20), drafted_at=later, sent_at=later)
            if status in (Status.THANKED, Status.CLOSED)
            else None,
            follow_ups=(
                FollowUp(
                    at=starts + timedelta(days=30),
                    channel=ChannelKind.EMAIL,
                    answered_at=starts + timedelta(days=31),
                ),
            )
            if status is Status.CLOSED and rng.random() < 0.3
            else (),
        )
