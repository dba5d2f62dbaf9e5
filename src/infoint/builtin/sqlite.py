"""The embedded default store on the standard library's sqlite3.

``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db`` (the
SQLAlchemy convention), or a bare file path. The file (and its WAL
companions) are created readable by their owner only (0600).

- One table of records: the indexed columns of :class:`~infoint.storage.IndexEntry`
  plus the JSON document; a table of references for "who refers to whom";
  an FTS5 table over the searchable text, by the words search sees, in each
  owner's part of the index (a table of owners numbers the parts).
- WAL journal, ``synchronous=FULL`` (personal notes gathered over months must
  survive a power cut), a busy timeout for the second process.
- ``PRAGMA user_version`` is the schema version: an older file is migrated
  on open inside one transaction; a newer one is refused.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs

from infoint import hookimpl
from infoint.errors import Conflict, NotFound, SchemaTooNew, StoreError
from infoint.storage import (
    KIND_NAMES,
    KINDS_BY_NAME,
    A,
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

if TYPE_CHECKING:
    from pathlib import Path


def _migration_1(db: sqlite3.Connection) -> None:
    """Records, their indexed columns and references."""
    # Statement by statement: executescript() would commit the migration's transaction.
    script = """
        CREATE TABLE records (
            seq INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT,
            contact_id TEXT,
            at TEXT,
            label TEXT,
            updated_at TEXT NOT NULL,
            document TEXT NOT NULL,
            UNIQUE (owner, kind, id)
        );
        CREATE INDEX records_status ON records (owner, kind, status);
        CREATE INDEX records_contact ON records (owner, kind, contact_id);
        CREATE INDEX records_at ON records (owner, kind, at);
        CREATE INDEX records_label ON records (owner, kind, label);
        CREATE TABLE refs (
            seq INTEGER NOT NULL REFERENCES records (seq) ON DELETE CASCADE,
            ref TEXT NOT NULL,
            PRIMARY KEY (seq, ref)
        ) WITHOUT ROWID;
        CREATE INDEX refs_ref ON refs (ref);
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _migration_2(db: sqlite3.Connection) -> None:
    """Full-text search over notes, research and goals (FTS5), filled from the records."""
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    rows = db.execute("SELECT seq, kind, document FROM records").fetchall()
    for seq, kind, document in rows:
        entry = index_entry(from_document(KINDS_BY_NAME[kind], document))
        if entry.text:
            db.execute("INSERT INTO search (rowid, body) VALUES (?, ?)", (seq, entry.text))


def _migration_3(db: sqlite3.Connection) -> None:
    """Search by the words :func:`~infoint.storage.search_terms` sees, each owner's in
    their own part of the index (see :func:`_words`), filled from the previous index
    (which held each record's search text as written, in ``body``)."""
    db.execute("CREATE TABLE owners (number INTEGER PRIMARY KEY, owner TEXT NOT NULL UNIQUE)")
    db.execute("INSERT INTO owners (owner) SELECT DISTINCT owner FROM records ORDER BY owner")
    db.execute(
        "CREATE VIRTUAL TABLE search_3 USING fts5(words, body UNINDEXED,"
        " tokenize = \"ascii tokenchars '_'\")"
    )
    old = db.execute(
        "SELECT s.rowid, o.number, s.body FROM search s JOIN records r ON r.seq = s.rowid"
        " JOIN owners o ON o.owner = r.owner"
    )
    db.executemany(
        "INSERT INTO search_3 (rowid, words, body) VALUES (?, ?, ?)",
        ((seq, _words(number, body), body) for seq, number, body in old),
    )
    db.execute("DROP TABLE search")
    # A new name: a process still running an older infoint fails on "no such table:
    # search" (and its transaction rolls back) instead of writing rows nobody finds.
    db.execute("ALTER TABLE search_3 RENAME TO search_words")


def _migration_4(db: sqlite3.Connection) -> None:
    """Labels that ignore accents and spacing as well as case (G25): every contact's and
    target's label made again from the name in its document, by
    :func:`~infoint.identity.fold_name` (schema 3 and before case-folded it only)."""
    last = 0
    while True:
        rows = db.execute(
            "SELECT seq, label, document FROM records WHERE kind IN ('contact', 'target')"
            " AND seq > ? ORDER BY seq LIMIT 1000",
            (last,),
        ).fetchall()
        if not rows:
            return
        changes = [(label, seq) for seq, label in refolded_labels(rows)]
        db.executemany("UPDATE records SET label = ? WHERE seq = ?", changes)
        last = rows[-1][0]


def _words(owner_number: int, text: str) -> str:
    """What the full-text index reads of one owner's record: the words of its search
    text as :func:`~infoint.storage.search_terms` cuts and folds them, each after the
    owner's number and an ``x`` (the owner's part of the index), one space between each.

    The words are cut here, not by SQLite: its ``ascii`` tokenizer, with ``_`` a letter,
    reads each back as one token and changes nothing but ASCII case (which folding took
    away already). Digits then ``x``: no owner's part begins another's.

    >>> _words(12, "Café on the Hauptstraße; foo_bar!")
    '12xcafe 12xon 12xthe 12xhauptstrasse 12xfoo_bar'
    """
    prefix = f"{owner_number}x"
    return " ".join([prefix + word for word in search_terms(text)])


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
)
"""Migration N (1-based) takes a database from schema N-1 to N."""

SCHEMA_VERSION = len(MIGRATIONS)


def path_from_url(url: str) -> str:
    """The file path in a ``sqlite://`` URL (or a bare path); ``:memory:`` stays as it is.

    >>> path_from_url("sqlite:////tmp/a.db"), path_from_url("sqlite:///a.db")
    ('/tmp/a.db', 'a.db')
    """
    if url.startswith("sqlite://"):
        rest = url.removeprefix("sqlite://")
        if rest in ("", "/"):
            return ":memory:"
        if not rest.startswith("/"):
            raise StoreError(f"{url}: a sqlite URL is sqlite:///relative.db or sqlite:////abs.db")
        path = rest[1:]
        return path or ":memory:"
    if "://" in url:
        raise StoreError(f"{url}: not a sqlite URL")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", url):
        raise StoreError(f"{url}: looks like a URL without '//' (sqlite:///path.db)")
    return url


def _fmt(at: datetime | None) -> str | None:
    # One fixed UTC format, so that text order is time order.
    return None if at is None else at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def create_private_file(
    path: str | Path, *, make_folders: bool = False, named: str | None = None
) -> bool:
    """Create ``path`` as an empty file readable by its owner only (0600); False when
    it exists already (then it is left as it is: :func:`check_private` judges it).

    Missing folders are created (0700) only with ``make_folders``: a mistyped ``--db``
    path is an error, not a new empty database somewhere unexpected (the message names
    ``named``, the file the caller means, if given).
    """
    parent = os.path.dirname(os.fspath(path)) or "."
    if not os.path.isdir(parent):
        from pathlib import Path

        folder = Path(parent)
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        if missing and not make_folders:
            raise StoreError(f"{named or path}: the folder {missing[-1]} does not exist")
        for made in reversed(missing):
            made.mkdir(mode=0o700)
            os.chmod(made, 0o700)  # exactly, whatever the umask
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, 0o600)  # the umask may have taken bits away, never added: make it exact
    return True


def check_private(path: str) -> None:
    """Refuse a database file, or its ``-wal``/``-shm`` companion, that another user owns
    or that others may read or write: the records in it would not be the caller's alone
    (and a file planted by someone else could be read by them)."""
    for file in (path, path + "-wal", path + "-shm"):
        try:
            found = os.stat(file) if file == path else os.lstat(file)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(found.st_mode):
            raise StoreError(f"{file}: not a regular file, so not a database infoint can use")
        if found.st_uid != os.geteuid():
            raise StoreError(
                f"{file}: belongs to another user (uid {found.st_uid}), so your records"
                " would not be yours alone; use --db to keep them in a file of your own"
            )
        mode = stat.S_IMODE(found.st_mode)
        if mode & 0o077:
            raise StoreError(
                f"{file}: others may read or change it (mode {mode:o}); make it yours"
                f" alone with: chmod 600 {file}"
            )


def _create_database(file: str, make_folders: bool) -> None:
    """A new database at ``file``, made whole beside it (0600, schema and all) and then
    linked into place: no other process ever finds it half made (an empty file is
    refused, as a database truncated to nothing would be)."""
    import secrets

    temp = f"{file}.{secrets.token_hex(8)}.new"
    if not create_private_file(temp, make_folders=make_folders, named=file):
        raise StoreError(f"{temp}: is in the way of a new database; remove it")
    try:
        db = sqlite3.connect(temp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            migrate(db, SCHEMA_VERSION)
        except sqlite3.Error as err:
            raise StoreError(f"{file}: cannot create the database: {_explain(err)}") from None
        finally:
            db.close()  # the last connection: the log is folded in and removed
        try:
            os.link(temp, file)
        except FileExistsError:
            pass  # another process made it first: that one is used
        except OSError:  # a file system without hard links
            if not os.path.lexists(file):
                os.replace(temp, file)
    finally:
        for leftover in (temp, temp + "-wal", temp + "-shm"):
            with suppress(FileNotFoundError):
                os.unlink(leftover)


def _check_header(file: str) -> None:
    """Refuse a file with data in it that is not an SQLite database at all (before
    saying anything about its permissions: it is the wrong file, not a misconfigured
    one)."""
    with open(file, "rb") as found:
        head = found.read(16)
    if head and head != b"SQLite format 3\x00":
        raise StoreError(f"{file}: not a usable infoint database (it is not an SQLite file)")


class SQLiteStore:
    """The embedded default store. Thread-safe.

    Readers never wait for a writer: each read session runs on a connection of its
    own from a small pool (WAL lets readers and one writer work at once). Writes go
    through one connection, one write session at a time in this process; while
    another program holds the database's write lock, a write session waits for it
    without blocking this process's readers. ``sqlite://`` (a database in memory) is
    one connection that every session takes in turn.
    """

    name = "sqlite"

    busy_timeout = 30.0
    """Seconds a write session waits for another program's write to end."""

    def __init__(self, url: str, *, make_folders: bool = False) -> None:
        self.url = url
        self.path = path_from_url(url)
        self.read_only = False
        self._writing = threading.RLock()
        self._pool_lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._readers = threading.BoundedSemaphore(_READERS)
        self._closed = False
        if self.path != ":memory:":
            self.path = self._open_file(os.path.expanduser(self.path), make_folders)
        try:
            self._writer = self._connect()
            self._prepare()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: {_explain(err, self._why_read_only())}") from None

    def _open_file(self, file: str, make_folders: bool) -> str:
        try:
            if os.path.isdir(file):
                raise StoreError(f"{file}: is a folder, not a database file")
            if not os.path.lexists(file):
                _create_database(file, make_folders)
            # What the file is, before what its permissions are: the wrong file, or
            # someone else's, is no matter of chmod.
            found = os.stat(file)
            if not stat.S_ISREG(found.st_mode):
                raise StoreError(f"{file}: not a regular file, so not a database infoint can use")
            if found.st_uid != os.geteuid():
                check_private(file)  # says whose it is
            _check_header(file)
            if found.st_size == 0:
                raise StoreError(
                    f"{file}: the file is empty (0 bytes), so it holds no infoint database;"
                    " if it held your records, restore it from a backup; to start a new"
                    " database there, remove it first"
                )
            check_private(file)
        except OSError as err:
            why = err.strerror or str(err)
            raise StoreError(f"{file[:120]}: cannot open the database: {why}") from None
        except ValueError as err:
            raise StoreError(f"{file[:120]}: cannot open the database: {err}") from None
        folder = os.path.dirname(file) or "."
        self.read_only = not os.access(file, os.W_OK) or not os.access(folder, os.W_OK)
        return file

    def _why_read_only(self) -> str | None:
        """Why nothing can be written here, in words; None when it can."""
        if self.path == ":memory:":
            return None
        if not os.access(self.path, os.W_OK):
            return "the database file is read-only"
        folder = os.path.dirname(self.path) or "."
        if not os.access(folder, os.W_OK):
            return f"its folder {folder} is read-only"
        return None

    def _connect(self) -> sqlite3.Connection:
        """A connection to the file as it is (``mode=rw``: a database removed meanwhile
        is an error, never a new empty file); read-only when it cannot be written here."""
        if self.path == ":memory:":
            target = ":memory:"
        elif self.read_only:
            # Nothing may be written here: with no write-ahead log beside it, all the data
            # is in the file, read as it is (SQLite would otherwise make a log and a
            # shared-memory file, which it cannot in a read-only folder, and which would
            # be left read-only for the writer that comes once the file is writable).
            frozen = "" if os.path.exists(self.path + "-wal") else "&immutable=1"
            target = f"file:{_uri_path(self.path)}?mode=ro{frozen}"
        else:
            target = f"file:{_uri_path(self.path)}?mode=rw"
        try:
            db = sqlite3.connect(
                target, isolation_level=None, check_same_thread=False, timeout=5, uri=True
            )
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: {_explain(err)}") from None
        return db

    def _prepare(self) -> None:
        db = self._writer
        # Read the version before anything that writes (WAL mode rewrites the header):
        # a file from a newer infoint is refused and left byte for byte as it was.
        found = int(db.execute("PRAGMA user_version").fetchone()[0])
        if found == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            db.close()
            raise StoreError(
                f"{self.path}: not a usable infoint database (another program's SQLite"
                " database: it holds tables infoint did not make); use --db elsewhere"
            )
        if found > SCHEMA_VERSION:
            db.close()
            raise SchemaTooNew(
                f"{self.path}: database schema is version {found}, but this infoint knows up"
                f" to {SCHEMA_VERSION}; upgrade infoint to open it"
            )
        if found < SCHEMA_VERSION and self.read_only:
            db.close()
            raise StoreError(
                f"{self.path}: the database file is read-only and was written by an older"
                " infoint; open it once where it can be written, to bring it up to date"
            )
        if self.path != ":memory:" and not self.read_only:
            db.execute("PRAGMA journal_mode = WAL")
        if found < SCHEMA_VERSION:
            db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            migrate(db, SCHEMA_VERSION)
        db.execute("PRAGMA busy_timeout = 0")  # write sessions wait in _begin_write

    def schema_version(self) -> int:
        """The file's ``PRAGMA user_version``."""
        with self._reader() as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def session(self, owner: str, *, write: bool = False) -> Iterator[StoreSession]:
        """One transaction for ``owner``; rolled back if the block raises."""
        check_owner(owner)
        with self._write_transaction() if write else self._reader() as db:
            try:
                if not write:
                    db.execute("BEGIN")
                try:
                    yield _SQLiteSession(db, owner)
                except BaseException:
                    _roll_back(db)
                    raise
                db.execute("COMMIT")
            except sqlite3.DatabaseError as err:
                _roll_back(db)
                why = self._why_read_only() if write else None
                raise StoreError(f"{self.path}: {_explain(err, why)}") from None

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        """A connection of the read pool (the one connection of a database in memory)."""
        if self.path == ":memory:":
            with self._writing:
                self._check_open()
                yield self._writer
            return
        with self._readers:
            with self._pool_lock:
                self._check_open()
                db = self._idle.pop() if self._idle else None
            if db is None:
                db = self._connect()
            try:
                yield db
            finally:
                with self._pool_lock:
                    keep = not self._closed and not db.in_transaction and len(self._idle) < _IDLE
                    if keep:
                        self._idle.append(db)
                if not keep:
                    db.close()

    @contextmanager
    def _write_transaction(self) -> Iterator[sqlite3.Connection]:
        """The write connection in a write transaction (``BEGIN IMMEDIATE`` done), ended
        when the block leaves. This process's writers take turns; another program's write
        is waited for with no lock held, so nothing in this process waits behind a lock
        while SQLite is busy elsewhere."""
        db = self._writer
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.001
        while True:
            self._writing.acquire()
            try:
                self._check_open()
                db.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as err:
                self._writing.release()
                if not _is_busy(err) or time.monotonic() >= deadline:
                    why = _explain(err, self._why_read_only())
                    raise StoreError(f"{self.path}: {why}") from None
            except BaseException:
                self._writing.release()
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        try:
            yield db
        finally:
            _roll_back(db)
            self._writing.release()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")

    def close(self) -> None:
        """Close the connections (a WAL checkpoint happens as SQLite closes the last)."""
        with self._pool_lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for db in idle:
            db.close()
        with self._writing:
            self._writer.close()


_IDLE = 8
"""Read connections a store keeps open between sessions (more are opened when needed)."""
_READERS = 32
"""Read sessions at once on one store: more wait for one to end (each holds a connection,
and a process has only so many files it may open)."""


def _uri_path(path: str) -> str:
    """``path`` as the file name of an SQLite URI: the three characters SQLite reads
    specially there (``%``, ``?``, ``#``) escaped, everything else as it is.

    >>> _uri_path("/tmp/50% off?#1.db")
    '/tmp/50%25 off%3f%231.db'
    """
    return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def _is_busy(err: sqlite3.Error) -> bool:
    text = str(err)
    return "locked" in text or "busy" in text


def _roll_back(db: sqlite3.Connection) -> None:
    """End the transaction, if one is still open (SQLite ends it itself after some errors,
    such as a full disk): the error that ended it is the one to report."""
    if db.in_transaction:
        with suppress(sqlite3.DatabaseError):
            db.execute("ROLLBACK")


def _explain(err: sqlite3.Error, read_only: str | None = None) -> str:
    """What went wrong, in the words a person can act on; ``read_only`` says why nothing
    could be written, when that is so."""
    text = str(err)
    if "readonly" in text or "read-only" in text:
        return f"cannot save here: {read_only or 'the database is read-only'}; nothing was saved"
    if "full" in text:
        return "the disk is full; nothing was saved"
    if "disk I/O" in text:
        return f"the disk failed to read or write ({text}); nothing was saved"
    if "unable to open" in text:
        return "cannot open the database file (check the file's and folder's permissions)"
    if _is_busy(err):
        return "the database is busy in another program; try again"
    if "not a database" in text or "malformed" in text:
        return f"not a usable infoint database ({text})"
    return text


def migrate(db: sqlite3.Connection, to: int) -> None:
    """Run the migrations from the file's schema version up to ``to``, in one transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        found = int(db.execute("PRAGMA user_version").fetchone()[0])
        for number in range(found + 1, to + 1):
            MIGRATIONS[number - 1](db)
        db.execute(f"PRAGMA user_version = {int(to)}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class _SQLiteSession:
    def __init__(self, db: sqlite3.Connection, owner: str) -> None:
        self._db = db
        self.owner = owner

    def get(self, kind: type[A], id: str) -> A:
        row = self._db.execute(
            "SELECT version, document FROM records WHERE owner = ? AND kind = ? AND id = ?",
            (self.owner, kind_name(kind), id),
        ).fetchone()
        if row is None:
            raise NotFound(f"no {kind_name(kind)} with ID {id}")
        return from_document(kind, row[1], row[0])

    def find(self, kind: type[A], query: Query | None = None) -> list[A]:
        query = query or Query()
        where = ["r.owner = ?", "r.kind = ?"]
        params: list[Any] = [self.owner, kind_name(kind)]
        if query.status is not None:
            where.append(f"r.status IN ({', '.join('?' * len(query.status))})")
            params += sorted(query.status)
        if query.contact_id is not None:
            where.append("r.contact_id = ?")
            params.append(query.contact_id)
        if query.at_from is not None:
            where.append("r.at >= ?")
            params.append(_fmt(query.at_from))
        if query.at_to is not None:
            where.append("r.at < ?")
            params.append(_fmt(query.at_to))
        if query.label is not None:
            where.append("r.label = ?")
            params.append(query.label)
        if not query.ordered:
            rows = self._any(where, params, query)
        else:
            rows = self._sorted(where, params, query)
        return [from_document(kind, doc, version) for version, doc in rows]

    def _sorted(self, where: list[str], params: list[Any], query: Query) -> sqlite3.Cursor:
        if query.ref is not None:
            # IN, not a correlated EXISTS: SQLite then starts from the refs_ref index
            # (the records that refer to it) instead of testing every record.
            where = [*where, "r.seq IN (SELECT seq FROM refs WHERE ref = ?)"]
            params = [*params, query.ref]
        order = " ORDER BY r.at IS NULL, r.at, coalesce(r.label, ''), r.id"
        sql = "SELECT r.version, r.document FROM records r WHERE " + " AND ".join(where) + order
        if query.limit is not None:
            # The first few of many: sort the keys of all, then read the documents of
            # the few (sorting whole documents costs more than finding them).
            sql = (
                "SELECT r.version, r.document FROM records r WHERE r.seq IN"
                f" (SELECT r.seq FROM records r WHERE {' AND '.join(where)}{order} LIMIT ?)"
                + order
            )
            params = [*params, query.limit]
        return self._db.execute(sql, params)

    def _any(self, where: list[str], params: list[Any], query: Query) -> sqlite3.Cursor:
        # No ORDER BY, so LIMIT stops at the first matches met: "any two held interviews
        # about this target" reads two rows, not the thousands that refer to it.
        sql = "SELECT r.version, r.document FROM records r WHERE " + " AND ".join(where)
        if query.ref is not None:
            # CROSS JOIN keeps refs outside: walk the records that refer to the ID (the
            # refs_ref index) and test each, rather than list them all first.
            sql = (
                "SELECT r.version, r.document FROM refs f CROSS JOIN records r"
                " ON r.seq = f.seq WHERE f.ref = ? AND " + " AND ".join(where)
            )
            params = [query.ref, *params]
        if query.limit is not None:
            sql += " LIMIT ?"
            params = [*params, query.limit]
        return self._db.execute(sql, params)

    def ids_with_prefix(self, kind: type[Any], prefix: str, limit: int = 2) -> list[str]:
        # A range scan on the unique index, not LIKE: IDs may contain % or _.
        sql = "SELECT id FROM records WHERE owner = ? AND kind = ? AND id >= ?"
        params: list[Any] = [self.owner, kind_name(kind), prefix]
        end = _after_prefix(prefix)
        if end is not None:
            sql += " AND id < ?"
            params.append(end)
        rows = self._db.execute(sql + " ORDER BY id LIMIT ?", [*params, limit])
        return [row[0] for row in rows]

    def add(self, item: A) -> A:
        kind = kind_name(type(item))
        if item.version != 0:
            raise Conflict(f"{kind} {item.id} is new, so its version must be 0")
        stored = attrs.evolve(item, version=1)
        entry = index_entry(stored)
        try:
            cursor = self._db.execute(
                "INSERT INTO records (owner, kind, id, version, status, contact_id, at, label,"
                " updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.owner,
                    kind,
                    item.id,
                    1,
                    entry.status,
                    entry.contact_id,
                    _fmt(entry.at),
                    entry.label,
                    _fmt(utcnow()),
                    to_document(stored),
                ),
            )
        except sqlite3.IntegrityError:
            raise Conflict(f"a {kind} with ID {item.id} already exists") from None
        seq = cursor.lastrowid
        self._index(seq, entry.refs, entry.text, new=True)
        return stored

    def add_all(self, items: Sequence[A]) -> list[A]:
        """:meth:`add` for many new records: the same rows, results and errors, in a
        few statements per thousand records rather than a few per record (``infoint
        import`` of 100,000 contacts; see docs/performance.md).

        Each record comes back at version 1 without its validators running again:
        they ran when it was made, and a version of 1 always passes them.
        """
        db = self._db
        if not items:
            return []
        (last,) = db.execute("SELECT coalesce(max(seq), 0) FROM records").fetchone()
        if (
            any(item.version != 0 or type(item) not in KIND_NAMES for item in items)
            or last + len(items) >= 2**63 - 1
        ):
            return [self.add(item) for item in items]  # the error, or SQLite's own rowids
        stored = [at_version(item, 1) for item in items]
        now = _fmt(utcnow())  # one write, one time
        db.execute("SAVEPOINT add_all")
        try:
            for start in range(0, len(stored), _BATCH):
                self._insert(stored[start : start + _BATCH], last + 1 + start, now)
        except BaseException as err:
            if not db.in_transaction:  # SQLite ended it (a full disk): report why
                raise
            db.execute("ROLLBACK TO add_all")
            db.execute("RELEASE add_all")
            if isinstance(err, sqlite3.IntegrityError):  # an ID is taken: say which
                return [self.add(item) for item in items]
            raise
        db.execute("RELEASE add_all")
        return stored

    def _insert(self, items: Sequence[A], first_seq: int, now: str | None) -> None:
        # The rowids SQLite would choose (one more than the largest), made explicit so
        # the references and the search text can point at them.
        records, refs, texts = [], [], []
        number = self._owner_number()
        for seq, item in enumerate(items, start=first_seq):
            entry = index_entry(item)
            kind = kind_name(type(item))
            document = to_document(item)
            at = _fmt(entry.at)
            records.append(
                (
                    seq,
                    self.owner,
                    kind,
                    item.id,
                    1,
                    entry.status,
                    entry.contact_id,
                    at,
                    entry.label,
                    now,
                    document,
                )
            )
            refs += [(seq, ref) for ref in entry.refs]
            if entry.text:
                texts.append((seq, _words(number, entry.text), entry.text))
        db = self._db
        db.executemany(
            "INSERT INTO records (seq, owner, kind, id, version, status, contact_id, at,"
            " label, updated_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            records,
        )
        db.executemany("INSERT INTO refs (seq, ref) VALUES (?, ?)", refs)
        db.executemany("INSERT INTO search_words (rowid, words, body) VALUES (?, ?, ?)", texts)

    def update(self, item: A) -> A:
        kind = kind_name(type(item))
        stored = attrs.evolve(item, version=item.version + 1)
        entry = index_entry(stored)
        row = self._db.execute(
            "UPDATE records SET version = ?, status = ?, contact_id = ?, at = ?, label = ?,"
            " updated_at = ?, document = ? WHERE owner = ? AND kind = ? AND id = ? AND version = ?"
            " RETURNING seq",
            (
                stored.version,
                entry.status,
                entry.contact_id,
                _fmt(entry.at),
                entry.label,
                _fmt(utcnow()),
                to_document(stored),
                self.owner,
                kind,
                item.id,
                item.version,
            ),
        ).fetchone()
        if row is None:
            raise self._stale(kind, item.id, item.version)
        self._index(row[0], entry.refs, entry.text, new=False)
        return stored

    def remove(self, kind: type[A], id: str, version: int) -> None:
        name = kind_name(kind)
        row = self._db.execute(
            "DELETE FROM records WHERE owner = ? AND kind = ? AND id = ? AND version = ?"
            " RETURNING seq",
            (self.owner, name, id, version),
        ).fetchone()
        if row is None:
            raise self._stale(name, id, version)
        # Both by hand: the search table has no foreign key to cascade from, and a row
        # left behind would belong to the next record given this seq (SQLite reuses the
        # largest). refs would cascade, but only on a connection with foreign keys on.
        self._db.execute("DELETE FROM refs WHERE seq = ?", (row[0],))
        self._db.execute("DELETE FROM search_words WHERE rowid = ?", (row[0],))

    def _stale(self, kind: str, id: str, version: int) -> NotFound | Conflict:
        """Why a change to the owner's record ``kind``/``id`` at ``version`` matched no
        row: the owner has no such record, or its stored version is another."""
        current = self._db.execute(
            "SELECT version FROM records WHERE owner = ? AND kind = ? AND id = ?",
            (self.owner, kind, id),
        ).fetchone()
        if current is None:
            return NotFound(f"no {kind} with ID {id}")
        return Conflict(
            f"{kind} {id[:8]} was changed elsewhere (now version {current[0]},"
            f" yours is {version}); reload it and try again"
        )

    def _index(self, seq: int | None, refs: frozenset[str], text: str, *, new: bool) -> None:
        db = self._db
        if not new:
            db.execute("DELETE FROM refs WHERE seq = ?", (seq,))
            db.execute("DELETE FROM search_words WHERE rowid = ?", (seq,))
        db.executemany("INSERT INTO refs (seq, ref) VALUES (?, ?)", [(seq, r) for r in refs])
        if text:
            db.execute(
                "INSERT INTO search_words (rowid, words, body) VALUES (?, ?, ?)",
                (seq, _words(self._owner_number(), text), text),
            )

    def _owner_number(self) -> int:
        """The owner's number in the full-text index (see :func:`_words`), given to them
        with their first searchable record."""
        number = self._known_owner_number()
        if number is None:
            number = int(
                self._db.execute(
                    "INSERT INTO owners (owner) VALUES (?) RETURNING number", (self.owner,)
                ).fetchone()[0]
            )
        return number

    def _known_owner_number(self) -> int | None:
        row = self._db.execute("SELECT number FROM owners WHERE owner = ?", (self.owner,))
        found = row.fetchone()
        return None if found is None else int(found[0])

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Best matches first: by bm25 (more of the words, in a shorter text, rank higher),
        then by kind and ID; among the owner's :data:`RANKED` most recently added matches
        (or ``limit`` if more), so that a word found in half of all notes costs no more
        to rank than one found in a few thousand."""
        terms = search_terms(text)
        number = self._known_owner_number()
        if not terms or number is None:
            return []
        # Each word quoted (so nothing in it is FTS syntax) and matched as a prefix, in the
        # owner's part of the index: other owners' records are not even looked at.
        match = " AND ".join(f'"{number}x{term}"*' for term in terms)
        rows = self._db.execute(
            "SELECT best.kind, best.id, best.score, s.body FROM ("
            " SELECT r.kind, r.id, found.seq, found.score FROM ("
            "  SELECT rowid AS seq, bm25(search_words) AS score FROM search_words"
            "  WHERE search_words MATCH ? ORDER BY rowid DESC LIMIT ?"
            " ) found JOIN records r ON r.seq = found.seq AND r.owner = ?"
            " ORDER BY found.score, r.kind, r.id LIMIT ?"
            ") best JOIN search_words s ON s.rowid = best.seq"
            " ORDER BY best.score, best.kind, best.id",
            (match, max(RANKED, limit), self.owner, limit),
        )
        return [
            SearchHit(kind=kind, id=id_, snippet=snippet(body, terms), rank=-score)
            for kind, id_, score, body in rows
        ]


RANKED = 5_000
"""How many of an owner's matches :meth:`_SQLiteSession.search` ranks at most: the most
recently added ones. Every match of a search this many or fewer (so, in practice, any
search of any seeker's notes) is ranked. bm25 costs a few microseconds per match (it
reads each one's length and counts the words in it): ranking the 148,000 records that
share a common word would take about half a second, to show the best 20 of them."""


def _after_prefix(prefix: str) -> str | None:
    """The least text after every text that starts with ``prefix`` (None: there is none).

    Texts compare by code point (SQLite's BINARY collation compares UTF-8 bytes, which
    sort the same way), so that is ``prefix`` with its last character moved up by one;
    trailing U+10FFFF, which cannot move up, are dropped first. (``prefix + U+10FFFF``
    would leave out the IDs that continue with U+10FFFF.)

    >>> _after_prefix("ab"), _after_prefix("a\U0010ffff"), _after_prefix("\U0010ffff")
    ('ac', 'b', None)
    """
    stem = prefix.rstrip("\U0010ffff")
    if not stem:
        return None
    following = ord(stem[-1]) + 1
    if following == 0xD800:  # surrogates are not text: U+D7FF is followed by U+E000
        following = 0xE000
    return stem[:-1] + chr(following)


_BATCH = 1000
"""Records per statement in :meth:`_SQLiteSession.add_all` (bounds the memory it needs)."""


@hookimpl
def infoint_storage_backends() -> dict[str, Any]:
    """``sqlite://`` URLs and bare file paths: the embedded default."""
    return {"sqlite": SQLiteStore}
