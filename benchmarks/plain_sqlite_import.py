"""The baseline of the import benchmark: LinkedIn's CSV into SQLite with nothing but
``csv``, ``json`` and ``sqlite3``: ``python plain_sqlite_import.py DB CSV [--bare]``.

It writes what infoint writes, the plain way: the same tables, indexes and
full-text index, one JSON document per contact, one transaction with
``executemany``, the same pragmas (WAL, ``synchronous=FULL``). ``--bare``
writes one plain table instead (no document, no index): the floor.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
import unicodedata
import uuid
from datetime import UTC, datetime
from typing import Any

SCHEMA = """
CREATE TABLE records (
    seq INTEGER PRIMARY KEY, owner TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
    version INTEGER NOT NULL, status TEXT, contact_id TEXT, at TEXT, label TEXT,
    updated_at TEXT NOT NULL, document TEXT NOT NULL, UNIQUE (owner, kind, id));
CREATE INDEX records_status ON records (owner, kind, status);
CREATE INDEX records_contact ON records (owner, kind, contact_id);
CREATE INDEX records_at ON records (owner, kind, at);
CREATE INDEX records_label ON records (owner, kind, label);
CREATE TABLE refs (seq INTEGER NOT NULL REFERENCES records (seq) ON DELETE CASCADE,
    ref TEXT NOT NULL, PRIMARY KEY (seq, ref)) WITHOUT ROWID;
CREATE INDEX refs_ref ON refs (ref);
CREATE TABLE owners (number INTEGER PRIMARY KEY, owner TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE search_words
    USING fts5(words, body UNINDEXED, tokenize = "ascii tokenchars '_'")
"""
WORD = re.compile(r"\w+")
MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def connections(path: str) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file)
        for row in reader:
            if row[:2] == ["First Name", "Last Name"]:
                break
        return [row for row in reader if any(row)]


def contact_document(row: list[str]) -> tuple[dict[str, Any], str]:
    """One connection as infoint stores a contact: its JSON document, and its search
    text (name, position, company, notes)."""
    first, last, url, email, company, position, since = row
    name = " ".join(f"{first} {last}".split())
    day, month, year = since.split()
    channels = [{"kind": "linkedin", "value": url, "label": ""}]
    if email:
        channels.append({"kind": "email", "value": email, "label": ""})
    notes = f"Connected on LinkedIn on {year}-{MONTHS[month.lower()]:02d}-{day}"
    document = {
        "id": uuid.uuid4().hex,
        "name": name,
        "role": position,
        "organization": company,
        "channels": channels,
        "relationship": "stranger",
        "introducer_id": None,
        "referred_by_id": None,
        "owns_business": False,
        "notes": notes,
        "version": 1,
    }
    return document, "\n".join(p for p in (name, position, company, notes) if p)


def words(owner_number: int, text: str) -> str:
    """The folded words of ``text`` in the owner's part of the index, as infoint writes
    them (schema 3): lower case without diacritics, each after ``<number>x``."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    prefix = f"{owner_number}x"
    return " ".join(prefix + word for word in WORD.findall(text.lower()))


def main() -> None:
    db_path, csv_path = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    rows = connections(csv_path)
    if "--bare" in sys.argv:
        db.execute("CREATE TABLE connections (first, last, url, email, company, position, since)")
        db.execute("BEGIN")
        db.executemany("INSERT INTO connections VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("COMMIT")
        return
    for statement in SCHEMA.split(";"):
        db.execute(statement)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    records, texts = [], []
    for seq, row in enumerate(rows, start=1):
        document, text = contact_document(row)
        records.append(
            (
                seq,
                "bench",
                "contact",
                document["id"],
                1,
                document["name"].casefold(),
                now,
                json.dumps(document, ensure_ascii=False, separators=(",", ":")),
            )
        )
        texts.append((seq, words(1, text), text))
    db.execute("BEGIN")
    db.execute("INSERT INTO owners (number, owner) VALUES (1, 'bench')")
    db.executemany(
        "INSERT INTO records (seq, owner, kind, id, version, label, updated_at, document)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        records,
    )
    db.executemany("INSERT INTO search_words (rowid, words, body) VALUES (?, ?, ?)", texts)
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main()
