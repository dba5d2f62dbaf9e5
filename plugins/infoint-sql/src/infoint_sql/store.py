"""The PostgreSQL store, on SQLAlchemy 2 Core and psycopg 3.

``postgresql://user:password@host:5432/dbname`` (or ``postgresql+psycopg://``).
Anything libpq understands may follow in the query string (``sslmode``,
``options=-csearch_path%3Dtenant_a``, ``connect_timeout`` ...), plus four
pool settings that this store takes out before connecting: ``pool_size``,
``max_overflow``, ``pool_timeout`` and ``pool_recycle``.

- A table of records: the indexed columns of :class:`~infoint.storage.IndexEntry`,
  the JSON document (as ``text``: ``jsonb`` refuses the ``\\u0000`` that free
  text may hold, and no query looks inside a document), the searchable text
  and its ``tsvector`` with a GIN index. A table of references for
  "who refers to whom".
- Full-text search is PostgreSQL's own (``@@``, ``ts_rank``), but the words
  are cut and folded by infoint (:func:`infoint.storage.search_terms`), the
  same way for the records and for the search, and written as ``tsvector`` /
  ``tsquery`` literals: no text-search configuration, locale or ``unaccent``
  extension decides what a word is, and nothing a user types is ever read as
  query syntax.
- A bulk add (:meth:`_PostgresSession.add_all`, what ``infoint import`` uses)
  sends its rows with ``COPY`` in a savepoint, and falls back to adding one by
  one when an ID is taken, so that the error is the same.
- ``infoint_schema`` holds the schema version. An older schema is migrated
  on open, in one transaction, under an advisory lock (two processes opening
  a fresh database at once migrate it once); a newer one is refused.
- Every statement names the session's owner. A read session is one
  ``REPEATABLE READ`` snapshot; a write session is ``READ COMMITTED``, where
  ``UPDATE ... WHERE version = :v`` waits for a concurrent writer's row lock
  and then sees its new version: a stale update is a :class:`Conflict`,
  never a lost update.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import attrs
import psycopg
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql as pg
from sqlalchemy.engine import URL, Connection, Engine, make_url

from infoint.errors import Conflict, InfointError, NotFound, SchemaTooNew, StoreError
from infoint.storage import (
    KIND_NAMES,
    KINDS_BY_NAME,
    A,
    IndexEntry,
    Query,
    SearchHit,
    StoreSession,
    at_version,
    check_owner,
    from_document,
    index_entry,
    kind_name,
    refolded_labels,
    search_terms,
    snippet,
    to_document,
    utcnow,
)

DRIVER = "postgresql+psycopg"
"""The SQLAlchemy dialect and driver this store uses."""

POOL_DEFAULTS: dict[str, int] = {
    "pool_size": 5,
    "max_overflow": 10,
    "pool_timeout": 30,
    "pool_recycle": 1800,
}
"""Connection pool settings; each can be given in the URL's query or to the constructor."""

# ---------------------------------------------------------------- tables (for statements)

_metadata = sa.MetaData()

records = sa.Table(
    "records",
    _metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True),
    sa.Column("owner", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("id", sa.Text(collation="C"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("status", sa.Text),
    sa.Column("contact_id", sa.Text),
    sa.Column("at", sa.DateTime(timezone=True)),
    sa.Column("label", sa.Text(collation="C")),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("body", sa.Text),
    sa.Column("search", pg.TSVECTOR),
)
"""The records table as statements see it (the schema itself is made by :data:`MIGRATIONS`)."""

refs = sa.Table(
    "refs",
    _metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True),
    sa.Column("ref", sa.Text, primary_key=True),
)

# ---------------------------------------------------------------- migrations
# Each migration is frozen SQL (never derived from the tables above, which
# describe only the newest schema), run in the one transaction of migrate().


def _run_script(conn: Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.exec_driver_sql(statement)


def _migration_1(conn: Connection) -> None:
    """Records, their indexed columns and references."""
    _run_script(
        conn,
        """
        CREATE TABLE records (
            seq bigserial PRIMARY KEY,
            owner text NOT NULL,
            kind text NOT NULL,
            id text COLLATE "C" NOT NULL,
            version integer NOT NULL,
            status text,
            contact_id text,
            at timestamptz,
            label text COLLATE "C",
            updated_at timestamptz NOT NULL,
            document text NOT NULL,
            CONSTRAINT records_owner_kind_id UNIQUE (owner, kind, id)
        );
        CREATE INDEX records_status ON records (owner, kind, status);
        CREATE INDEX records_contact ON records (owner, kind, contact_id);
        CREATE INDEX records_at ON records (owner, kind, at);
        CREATE INDEX records_label ON records (owner, kind, label);
        CREATE TABLE refs (
            seq bigint NOT NULL REFERENCES records (seq) ON DELETE CASCADE,
            ref text NOT NULL,
            PRIMARY KEY (seq, ref)
        );
        CREATE INDEX refs_ref ON refs (ref, seq);
        """,
    )


def _migration_2(conn: Connection) -> None:
    """Full-text search: the searchable text, its tsvector and a GIN index, filled in."""
    _run_script(
        conn,
        """
        ALTER TABLE records ADD COLUMN body text, ADD COLUMN search tsvector;
        CREATE INDEX records_search ON records USING gin (search);
        """,
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT seq, kind, document FROM records WHERE seq > :last ORDER BY seq LIMIT 500"
            ),
            {"last": last},
        ).all()
        if not rows:
            return
        changes = []
        for seq, kind, document in rows:
            text = index_entry(from_document(KINDS_BY_NAME[kind], document)).text
            changes.append({"seq": seq, "body": body_text(text), "search": tsvector_literal(text)})
        conn.execute(
            sa.text(
                "UPDATE records SET body = :body, search = CAST(:search AS tsvector)"
                " WHERE seq = :seq"
            ),
            changes,
        )
        last = rows[-1][0]


def _migration_3(conn: Connection) -> None:
    """Labels that ignore accents and spacing as well as case (G25): every contact's and
    target's label made again from the name in its document, by
    :func:`~infoint.identity.fold_name` (versions 1 and 2 case-folded it only)."""
    last = 0
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT seq, label, document FROM records WHERE kind IN ('contact', 'target')"
                " AND seq > :last ORDER BY seq LIMIT 500"
            ),
            {"last": last},
        ).all()
        if not rows:
            return
        changes = [{"seq": seq, "label": label} for seq, label in refolded_labels(rows)]
        if changes:
            conn.execute(sa.text("UPDATE records SET label = :label WHERE seq = :seq"), changes)
        last = rows[-1][0]


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_migration_1, _migration_2, _migration_3)
"""Migration N (1-based) takes a schema from version N-1 to N."""

SCHEMA_VERSION = len(MIGRATIONS)

_MIGRATION_LOCK = int.from_bytes(hashlib.sha256(b"infoint-sql").digest()[:8], "big") >> 1
"""The advisory lock key that serializes migrations (one per database)."""


def read_schema_version(conn: Connection) -> int:
    """The schema version in the connection's search path; 0 where there is no schema yet."""
    if conn.execute(sa.text("SELECT to_regclass('infoint_schema')")).scalar() is None:
        return 0
    found = conn.execute(sa.text("SELECT version FROM infoint_schema")).scalar()
    return 0 if found is None else int(found)


def migrate(conn: Connection, to: int = SCHEMA_VERSION) -> int:
    """Run the migrations from the stored version up to ``to``; returns the version found.

    Runs in the caller's transaction (all of it commits, or none of it);
    takes the migration lock first, so a second process waits and then finds
    the work done. Refuses a schema newer than ``to``.
    """
    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    conn.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS infoint_schema ("
        " singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
        " version integer NOT NULL,"
        " migrated_at timestamptz NOT NULL DEFAULT now())"
    )
    found = read_schema_version(conn)
    if found > to:
        raise SchemaTooNew(f"database schema is version {found}, newer than {to}")
    for number in range(found + 1, to + 1):
        MIGRATIONS[number - 1](conn)
    if to != found:
        conn.execute(
            sa.text(
                "INSERT INTO infoint_schema (version) VALUES (:v) ON CONFLICT (singleton)"
                " DO UPDATE SET version = excluded.version, migrated_at = now()"
            ),
            {"v": to},
        )
    return found


# ---------------------------------------------------------------- search text

_MAX_LEXEME_BYTES = 2046  # PostgreSQL refuses longer words
_MAX_POSITION = 16383  # larger positions are stored as this one
_MAX_POSITIONS = 256  # PostgreSQL keeps at most this many positions of one word
_MAX_VECTOR_BYTES = 900_000  # a tsvector holds at most 1 MB


def _quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def body_text(text: str) -> str | None:
    """The searchable text as stored for snippets (PostgreSQL text cannot hold NUL)."""
    return text.replace("\x00", "") or None


def tsvector_literal(text: str) -> str | None:
    """The ``tsvector`` of ``text``: its words as :func:`search_terms` cuts them, with positions.

    >>> tsvector_literal("The Café, the CAFE-bar")
    "'the':1,3 'cafe':2,4 'bar':5"
    """
    words = search_terms(text)
    if not words:
        return None
    if (
        len(words) > _MAX_POSITIONS
        or 4 * max(map(len, words)) > _MAX_LEXEME_BYTES
        or 4 * sum(map(len, words)) + 10 * len(words) > _MAX_VECTOR_BYTES
    ):
        return _clipped_tsvector(words)
    # Far from every limit (most texts): each word with all its places, in one pass.
    positions: dict[str, str] = {}
    for number, word in enumerate(words, start=1):
        spots = positions.get(word)
        positions[word] = str(number) if spots is None else f"{spots},{number}"
    return " ".join([f"{_quote(w)}:{p}" for w, p in positions.items()])


def _clipped_tsvector(words: Sequence[str]) -> str | None:
    """The ``tsvector`` of ``words`` within PostgreSQL's limits: words too long, or past
    the size a vector may have, are left out; places past the last one a position can
    hold share it; a word keeps its first 256 places."""
    positions: dict[str, list[int]] = {}
    size = 0
    for number, word in enumerate(words, start=1):
        spots = positions.get(word)
        if spots is None:
            cost = len(word.encode())
            if cost > _MAX_LEXEME_BYTES or size + cost > _MAX_VECTOR_BYTES:
                continue
            size += cost + 8
            positions[word] = spots = []
        place = min(number, _MAX_POSITION)
        if len(spots) < _MAX_POSITIONS and (not spots or spots[-1] != place):
            spots.append(place)
            size += 2
    if not positions:
        return None
    return " ".join(f"{_quote(w)}:{','.join(map(str, p))}" for w, p in positions.items())


def tsquery_literal(terms: Sequence[str]) -> str:
    """A ``tsquery`` where every term must match the start of a word.

    >>> tsquery_literal(["data", "pipe"])
    "'data':* & 'pipe':*"
    """
    return " & ".join(f"{_quote(_clip(t))}:*" for t in terms)


def _clip(word: str) -> str:
    data = word.encode()[:_MAX_LEXEME_BYTES]
    return data.decode(errors="ignore")


# ---------------------------------------------------------------- URLs


def mask_url(url: str) -> str:
    """``url`` fit for messages: its password (in the authority or the query) as ``***``.

    >>> mask_url("postgresql://ann:s3cret@db.example/infoint?sslmode=require")
    'postgresql://ann:***@db.example/infoint?sslmode=require'
    >>> mask_url("postgresql://db/x?password=s3cret")
    'postgresql://db/x?password=***'
    """
    # The password as SQLAlchemy's make_url() reads it: after the user name's ':', up to '@'.
    masked = re.sub(r"^([\w+]+://[^:/]*:)[^@]*@", r"\1***@", url)
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", masked, flags=re.IGNORECASE)


def engine_url(url: str) -> tuple[URL, dict[str, int]]:
    """The SQLAlchemy URL to connect to, and the pool settings taken out of its query."""
    try:
        parsed = make_url(url)
    except (sa_exc.ArgumentError, ValueError):
        raise StoreError(
            f"{mask_url(url)}: not a PostgreSQL URL (postgresql://user@host:5432/dbname)"
        ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername=DRIVER)
    if parsed.drivername != DRIVER:
        raise StoreError(
            f"{mask_url(url)}: infoint-sql connects through psycopg 3; write the URL as"
            f" postgresql:// or {DRIVER}://"
        )
    pool: dict[str, int] = {}
    for key in POOL_DEFAULTS:
        if key in parsed.query:
            value = parsed.query[key]
            try:
                pool[key] = int(value if isinstance(value, str) else value[-1])
            except ValueError:
                raise StoreError(f"{mask_url(url)}: {key} must be a whole number") from None
    return parsed.difference_update_query(list(POOL_DEFAULTS)), pool


# ---------------------------------------------------------------- errors


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def explain(err: sa_exc.SQLAlchemyError, where: str) -> InfointError:
    """The infoint error for a database error, in words a person can act on."""
    if isinstance(err, sa_exc.TimeoutError):
        return StoreError(f"{where}: every database connection is busy; try again")
    if not isinstance(err, sa_exc.DBAPIError):
        return StoreError(f"{where}: {_first_line(err)}")
    orig = err.orig
    state = getattr(orig, "sqlstate", None)
    message = _first_line(orig) if orig is not None else _first_line(err)
    if state in ("40001", "40P01"):
        return Conflict(
            f"{where}: another program changed the same records at the same time"
            f" ({message}); nothing was saved, try again"
        )
    if state == "25006":
        return StoreError(f"{where}: the database is read-only here; nothing was saved")
    if state == "42501":
        return StoreError(f"{where}: the database user may not do this ({message})")
    if state == "42P07":
        return StoreError(
            f"{where}: {message}: the schema already holds tables infoint did not make;"
            " give infoint its own schema (options=-csearch_path%3Dinfoint in the URL)"
        )
    if state is None and isinstance(err, sa_exc.OperationalError):
        return StoreError(f"{where}: cannot reach the database server: {message}")
    return StoreError(f"{where}: {message}")


# ---------------------------------------------------------------- the store


class PostgresStore:
    """A store in a PostgreSQL database; thread-safe, with a pool of connections.

    Made from a URL (``Workspace.open("postgresql://...")``) or directly, with
    pool settings: ``PostgresStore(url, pool_size=20)``. Opening checks the
    schema: it is created or migrated if older, refused if newer.
    """

    name = "postgresql"

    def __init__(
        self,
        url: str,
        *,
        pool_size: int | None = None,
        max_overflow: int | None = None,
        pool_timeout: int | None = None,
        pool_recycle: int | None = None,
    ) -> None:
        self.url = mask_url(url)
        target, pool = engine_url(url)
        given = {
            "pool_size": pool_size,
            "max_overflow": max_overflow,
            "pool_timeout": pool_timeout,
            "pool_recycle": pool_recycle,
        }
        settings = POOL_DEFAULTS | pool | {k: v for k, v in given.items() if v is not None}
        connect_args: dict[str, Any] = {}
        if "application_name" not in target.query:
            connect_args["application_name"] = "infoint"
        if "connect_timeout" not in target.query:
            connect_args["connect_timeout"] = 10
        self.pool_settings = settings
        self._engine: Engine = sa.create_engine(
            target,
            poolclass=sa.pool.QueuePool,
            pool_pre_ping=True,
            hide_parameters=True,  # personal data stays out of logs and tracebacks
            connect_args=connect_args,
            **settings,
        )
        self._closed = False
        self._lock = threading.Lock()
        try:
            self._prepare()
        except BaseException:
            self._engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({self.url!r})"

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (and its pool), for a program that embeds the store."""
        return self._engine

    def _prepare(self) -> None:
        try:
            with self._engine.connect() as conn:
                found = read_schema_version(conn)
            if found > SCHEMA_VERSION:
                raise self._too_new(found)
            if found < SCHEMA_VERSION:
                with self._engine.begin() as conn:
                    try:
                        migrate(conn, SCHEMA_VERSION)
                    except SchemaTooNew:  # another program upgraded it meanwhile
                        raise self._too_new(read_schema_version(conn)) from None
        except sa_exc.SQLAlchemyError as err:
            raise explain(err, self.url) from None

    def _too_new(self, found: int) -> SchemaTooNew:
        return SchemaTooNew(
            f"{self.url}: database schema is version {found}, but this infoint-sql knows up"
            f" to {SCHEMA_VERSION}; upgrade infoint-sql to open it"
        )

    def schema_version(self) -> int:
        """The version in ``infoint_schema``."""
        try:
            with self._engine.connect() as conn:
                return read_schema_version(conn)
        except sa_exc.SQLAlchemyError as err:
            raise explain(err, self.url) from None

    @contextmanager
    def session(self, owner: str, *, write: bool = False) -> Iterator[StoreSession]:
        """One transaction for ``owner`` on a pooled connection; rolled back if the block raises.

        A read session sees one snapshot of the data (``REPEATABLE READ``); a
        write session is ``READ COMMITTED``, where row locks and version
        checks keep concurrent writers apart: a record it gets is locked until
        it ends, so a change made from what it read cannot meet a newer version.
        """
        check_owner(owner)
        if self._closed:
            raise StoreError(f"{self.url}: the store is closed")
        level = "READ COMMITTED" if write else "REPEATABLE READ"
        try:
            with self._engine.connect() as conn:
                conn.execution_options(isolation_level=level)
                with conn.begin():
                    yield _PostgresSession(conn, owner, write=write)
        except sa_exc.SQLAlchemyError as err:
            raise explain(err, self.url) from None

    def close(self) -> None:
        """Close every pooled connection. The store is unusable afterwards."""
        with self._lock:
            self._closed = True
            self._engine.dispose()


def _columns(stored: Any, entry: IndexEntry) -> dict[str, Any]:
    """A record's row as :meth:`_PostgresSession.add` and ``update`` write it (all but
    its owner, kind and ID)."""
    return {
        "version": stored.version,
        "status": entry.status,
        "contact_id": entry.contact_id,
        "at": None if entry.at is None else _utc(entry.at),
        "label": entry.label,
        "updated_at": utcnow(),
        "document": to_document(stored),
        "body": body_text(entry.text),
        "search": sa.cast(tsvector_literal(entry.text), pg.TSVECTOR),
    }


_COPY_RECORDS = (
    "COPY records (seq, owner, kind, id, version, status, contact_id, at, label,"
    " updated_at, document, body, search) FROM STDIN"
)
_COPY_REFS = "COPY refs (seq, ref) FROM STDIN"


@contextmanager
def _driver_errors(conn: Connection, statement: str) -> Iterator[None]:
    """psycopg's errors where the store talks to psycopg itself (``COPY``), raised as
    SQLAlchemy raises them from statements: a taken ID is an ``IntegrityError``,
    and every error reaches :func:`explain`."""
    try:
        yield
    except psycopg.Error as err:
        raise sa_exc.DBAPIError.instance(
            statement, None, err, psycopg.Error, hide_parameters=True, dialect=conn.dialect
        ) from err


def _utc(value: datetime) -> datetime:
    # Naive times are read as local, as the SQLite store reads them.
    return value.astimezone(UTC)


class _PostgresSession:
    def __init__(self, conn: Connection, owner: str, *, write: bool = False) -> None:
        self._conn = conn
        self.owner = owner
        self._write = write

    def _mine(self, kind: str) -> list[sa.ColumnElement[bool]]:
        return [records.c.owner == self.owner, records.c.kind == kind]

    def get(self, kind: type[A], id: str) -> A:
        """The record; in a write session, locked until the session ends (``FOR UPDATE``),
        so that what is read to be changed is not changed by another session meanwhile."""
        select = sa.select(records.c.version, records.c.document).where(
            *self._mine(kind_name(kind)), records.c.id == id
        )
        row = self._conn.execute(select.with_for_update() if self._write else select).first()
        if row is None:
            raise NotFound(f"no {kind_name(kind)} with ID {id}")
        return from_document(kind, row.document, row.version)

    def find(self, kind: type[A], query: Query | None = None) -> list[A]:
        query = query or Query()
        where = self._mine(kind_name(kind))
        if query.status is not None:
            where.append(records.c.status.in_(sorted(query.status)))
        if query.contact_id is not None:
            where.append(records.c.contact_id == query.contact_id)
        if query.ref is not None:
            where.append(sa.exists().where(refs.c.seq == records.c.seq, refs.c.ref == query.ref))
        if query.at_from is not None:
            where.append(records.c.at >= _utc(query.at_from))
        if query.at_to is not None:
            where.append(records.c.at < _utc(query.at_to))
        if query.label is not None:
            where.append(records.c.label == query.label)
        statement = (
            sa.select(records.c.version, records.c.document)
            .where(*where)
            .order_by(
                records.c.at.asc().nulls_last(),
                sa.func.coalesce(records.c.label, "").collate("C"),
                records.c.id,
            )
        )
        if query.limit is not None:
            statement = statement.limit(query.limit)
        return [
            from_document(kind, row.document, row.version) for row in self._conn.execute(statement)
        ]

    def ids_with_prefix(self, kind: type[Any], prefix: str, limit: int = 2) -> list[str]:
        # A range scan on the unique index (byte order: the column's collation is "C"),
        # and starts_with() rather than LIKE: IDs may contain % or _.
        rows = self._conn.execute(
            sa.select(records.c.id)
            .where(
                *self._mine(kind_name(kind)),
                records.c.id >= prefix,
                sa.func.starts_with(records.c.id, prefix),
            )
            .order_by(records.c.id)
            .limit(limit)
        )
        return list(rows.scalars())

    def add(self, item: A) -> A:
        kind = kind_name(type(item))
        if item.version != 0:
            raise Conflict(f"{kind} {item.id} is new, so its version must be 0")
        stored = attrs.evolve(item, version=1)
        entry = index_entry(stored)
        # ON CONFLICT DO NOTHING, not a caught IntegrityError: a failed statement
        # would end the whole transaction, and the caller may carry on after Conflict.
        seq = self._conn.execute(
            pg.insert(records)
            .values(
                owner=self.owner,
                kind=kind,
                id=item.id,
                **_columns(stored, entry),
            )
            .on_conflict_do_nothing(index_elements=["owner", "kind", "id"])
            .returning(records.c.seq)
        ).scalar()
        if seq is None:
            raise Conflict(f"a {kind} with ID {item.id} already exists")
        self._add_refs(seq, entry.refs)
        return stored

    def add_all(self, items: Sequence[A]) -> list[A]:
        """:meth:`add` for many new records: the same rows, results and errors, sent
        with ``COPY`` rather than a statement and a round trip per record (``infoint
        import`` of 100,000 contacts; see docs/performance.md).

        Each record comes back at version 1 without its validators running again:
        they ran when it was made, and a version of 1 always passes them.
        """
        if not items:
            return []
        if any(item.version != 0 or type(item) not in KIND_NAMES for item in items):
            return [self.add(item) for item in items]  # the same error, at the same record
        stored = [at_version(item, 1) for item in items]
        try:
            with self._conn.begin_nested():  # a savepoint: a taken ID undoes only this
                self._copy(stored)
        except sa_exc.IntegrityError:
            # An ID is taken (or given twice): adding one by one says which, and adds
            # the records before it, as it would have without add_all.
            return [self.add(item) for item in items]
        return stored

    def _copy(self, items: Sequence[A]) -> None:
        # The sequence's next numbers, in order (as adding one by one takes them), so
        # that the references can name their records.
        seqs = sorted(
            self._conn.exec_driver_sql(
                "SELECT nextval(pg_get_serial_sequence('records', 'seq'))"
                " FROM generate_series(1, %s)",
                (len(items),),
            ).scalars()
        )
        now = utcnow()  # one write, one time
        links: list[tuple[int, str]] = []
        # The session's own connection, so the rows are in its transaction. COPY streams:
        # the server writes rows while the next ones are made here.
        driver = self._conn.connection.driver_connection
        if not isinstance(driver, psycopg.Connection):  # pragma: no cover
            raise StoreError(f"COPY needs a psycopg 3 connection, not {driver!r}")
        with driver.cursor() as cursor:
            with _driver_errors(self._conn, _COPY_RECORDS), cursor.copy(_COPY_RECORDS) as copy:
                for seq, item in zip(seqs, items, strict=True):
                    entry = index_entry(item)
                    copy.write_row(
                        (
                            seq,
                            self.owner,
                            kind_name(type(item)),
                            item.id,
                            item.version,
                            entry.status,
                            entry.contact_id,
                            None if entry.at is None else _utc(entry.at),
                            entry.label,
                            now,
                            to_document(item),
                            body_text(entry.text),
                            tsvector_literal(entry.text),
                        )
                    )
                    links += [(seq, ref) for ref in sorted(entry.refs)]
            if links:
                with _driver_errors(self._conn, _COPY_REFS), cursor.copy(_COPY_REFS) as copy:
                    for link in links:
                        copy.write_row(link)

    def update(self, item: A) -> A:
        kind = kind_name(type(item))
        stored = attrs.evolve(item, version=item.version + 1)
        entry = index_entry(stored)
        seq = self._conn.execute(
            sa.update(records)
            .where(*self._mine(kind), records.c.id == item.id, records.c.version == item.version)
            .values(**_columns(stored, entry))
            .returning(records.c.seq)
        ).scalar()
        if seq is None:
            raise self._stale(kind, item.id, item.version)
        self._conn.execute(sa.delete(refs).where(refs.c.seq == seq))
        self._add_refs(seq, entry.refs)
        return stored

    def remove(self, kind: type[A], id: str, version: int) -> None:
        name = kind_name(kind)
        # The search text is in the row itself; its refs go with it (ON DELETE CASCADE).
        seq = self._conn.execute(
            sa.delete(records)
            .where(*self._mine(name), records.c.id == id, records.c.version == version)
            .returning(records.c.seq)
        ).scalar()
        if seq is None:
            raise self._stale(name, id, version)

    def _stale(self, kind: str, id: str, version: int) -> NotFound | Conflict:
        """Why a change to the owner's record ``kind``/``id`` at ``version`` matched no
        row: the owner has no such record, or its stored version is another."""
        current = self._conn.execute(
            sa.select(records.c.version).where(*self._mine(kind), records.c.id == id)
        ).scalar()
        if current is None:
            return NotFound(f"no {kind} with ID {id}")
        return Conflict(
            f"{kind} {id[:8]} was changed elsewhere (now version {current},"
            f" yours is {version}); reload it and try again"
        )

    def _add_refs(self, seq: int, found: Iterable[str]) -> None:
        rows = [{"seq": seq, "ref": ref} for ref in sorted(found)]
        if rows:
            self._conn.execute(sa.insert(refs), rows)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        terms = search_terms(text)
        if not terms:
            return []
        match = sa.cast(tsquery_literal(terms), pg.TSQUERY)
        rank = sa.func.ts_rank(records.c.search, match, 1).label("rank")
        rows = self._conn.execute(
            sa.select(records.c.kind, records.c.id, records.c.body, rank)
            .where(records.c.owner == self.owner, records.c.search.bool_op("@@")(match))
            .order_by(rank.desc(), records.c.kind, records.c.id)
            .limit(limit)
        )
        return [
            SearchHit(
                kind=row.kind,
                id=row.id,
                snippet=snippet(row.body or "", terms),
                rank=float(row.rank),
            )
            for row in rows
        ]
