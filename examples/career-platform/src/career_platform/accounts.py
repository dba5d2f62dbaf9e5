"""Seekers' accounts: a user name, a password hash and a time zone, in the platform's database.

infoint keeps interviews, not people who sign in, so the platform keeps its
own small table, ``career_platform_accounts``, in the same database as
infoint's records (the one URL of ``CAREER_PLATFORM_DB``): on PostgreSQL it
borrows the infoint-sql store's engine and pool; on SQLite it opens the same
file through SQLAlchemy. An account's random ``id`` is the ``owner`` of the
seeker's :class:`~infoint.workspace.Workspace`: never the user name, so a
name freed and taken again cannot inherit anyone's records.

Passwords are hashed with :func:`werkzeug.security.generate_password_hash`
(scrypt, salted). A sign-in with an unknown name still checks a password
against a hash, so the answer takes as long as for a known name.
"""

from __future__ import annotations

import functools
import re
import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import sqlalchemy as sa
from infoint.errors import ValidationError
from sqlalchemy import exc as sa_exc
from werkzeug.security import check_password_hash, generate_password_hash

USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,31}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
"""Longer passwords are refused before hashing: scrypt on a megabyte is a cheap attack."""

metadata = sa.MetaData()
accounts_table = sa.Table(
    "career_platform_accounts",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("username", sa.String(32), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("time_zone", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


class TakenError(ValidationError):
    """The user name belongs to someone else."""


@attrs.frozen(kw_only=True)
class Account:
    """A seeker who can sign in; ``id`` is the owner of their records in infoint."""

    id: str
    username: str
    time_zone: str

    @property
    def zone(self) -> ZoneInfo:
        """The seeker's time zone: times are typed and shown in it."""
        return ZoneInfo(self.time_zone)


def check_time_zone(name: str) -> str:
    """``name`` if it is a time zone of the IANA database (``Europe/Berlin``), else an error."""
    name = name.strip()
    try:
        if name and ("/" in name or name == "UTC"):
            ZoneInfo(name)
            return name
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise ValidationError("time zone", f"{name!r} is not a time zone such as Europe/Berlin or UTC")


@functools.cache
def _decoy_hash() -> str:
    return generate_password_hash(uuid.uuid4().hex)


class Accounts:
    """The accounts table, on a SQLAlchemy engine the caller owns."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)  # checks first: a second start leaves the table alone

    def sign_up(self, username: str, password: str, *, time_zone: str) -> Account:
        """A new account; the name is folded to lower case."""
        name = username.strip().lower()
        if not USERNAME.match(name):
            raise ValidationError(
                "user name",
                "2 to 32 letters a-z, digits, '.', '_' or '-', starting with a letter or digit",
            )
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise ValidationError("password", f"use {MIN_PASSWORD} to {MAX_PASSWORD} characters")
        account = Account(id=uuid.uuid4().hex, username=name, time_zone=check_time_zone(time_zone))
        row: dict[str, Any] = {
            "id": account.id,
            "username": account.username,
            "password_hash": generate_password_hash(password),
            "time_zone": account.time_zone,
            "created_at": datetime.now(UTC),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(accounts_table.insert().values(**row))
        except sa_exc.IntegrityError:
            raise TakenError("user name", f"{name!r} is taken; choose another") from None
        return account

    def sign_in(self, username: str, password: str) -> Account | None:
        """The account if the password is right, else None (whether or not the name exists)."""
        name = username.strip().lower()
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(accounts_table).where(accounts_table.c.username == name)
            ).first()
        if row is None or len(password) > MAX_PASSWORD:
            check_password_hash(_decoy_hash(), password[:MAX_PASSWORD])  # same time either way
            return None
        if not check_password_hash(row.password_hash, password):
            return None
        return Account(id=row.id, username=row.username, time_zone=row.time_zone)

    def get(self, account_id: str) -> Account | None:
        """The account with this ID, or None (deleted since the cookie was made, say)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(accounts_table).where(accounts_table.c.id == account_id)
            ).first()
        if row is None:
            return None
        return Account(id=row.id, username=row.username, time_zone=row.time_zone)
