"""The baseline of the PostgreSQL import benchmark: LinkedIn's CSV into PostgreSQL
with nothing but ``csv``, ``json`` and psycopg: ``python plain_postgres_import.py
CONNINFO CSV``.

It writes what the infoint-sql store writes, the plain way: the same tables
and indexes (a GIN index on the search vector), one JSON document per contact,
one transaction with ``executemany``.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import psycopg

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from plain_sqlite_import import connections, contact_document

SCHEMA = """
CREATE TABLE records (
    seq bigserial PRIMARY KEY, owner text NOT NULL, kind text NOT NULL,
    id text COLLATE "C" NOT NULL, version integer NOT NULL, status text, contact_id text,
    at timestamptz, label text COLLATE "C", updated_at timestamptz NOT NULL,
    document text NOT NULL, body text, search tsvector,
    CONSTRAINT records_owner_kind_id UNIQUE (owner, kind, id));
CREATE INDEX records_status ON records (owner, kind, status);
CREATE INDEX records_contact ON records (owner, kind, contact_id);
CREATE INDEX records_at ON records (owner, kind, at);
CREATE INDEX records_label ON records (owner, kind, label);
CREATE INDEX records_search ON records USING gin (search);
CREATE TABLE refs (seq bigint NOT NULL REFERENCES records (seq) ON DELETE CASCADE,
    ref text NOT NULL, PRIMARY KEY (seq, ref));
CREATE INDEX refs_ref ON refs (ref, seq)
"""


def main() -> None:
    conninfo, csv_path = sys.argv[1], sys.argv[2]
    now = datetime.now(UTC)
    rows = []
    for row in connections(csv_path):
        document, body = contact_document(row)
        rows.append(
            (
                "bench",
                "contact",
                document["id"],
                1,
                document["name"].casefold(),
                now,
                json.dumps(document, ensure_ascii=False, separators=(",", ":")),
                body,
                body,
            )
        )
    with psycopg.connect(conninfo) as connection:
        for statement in SCHEMA.split(";"):
            connection.execute(statement.encode())
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO records (owner, kind, id, version, label, updated_at, document,"
                " body, search) VALUES (%s, %s, %s, %s, %s, %s, %s, %s,"
                " to_tsvector('simple', %s))",
                rows,
            )
        connection.commit()


if __name__ == "__main__":
    main()
