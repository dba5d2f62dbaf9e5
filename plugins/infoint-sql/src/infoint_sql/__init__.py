"""An infoint plugin: keep infoint's records in PostgreSQL.

It provides one storage backend for ``postgresql://`` and
``postgresql+psycopg://`` URLs::

    infoint --db postgresql://ann@db.example/infoint contact list
    INFOINT_DB=postgresql://... infoint agenda

    import infoint
    with infoint.open("postgresql://ann@db.example/infoint", owner="ann") as ws: ...

This module imports only infoint and the standard library, so ``infoint
plugins`` and every command on another database stay fast; SQLAlchemy and
psycopg are imported when a PostgreSQL store is opened
(:mod:`infoint_sql.store`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoint import hookimpl

if TYPE_CHECKING:
    from infoint.hookspecs import StoreFactory
    from infoint_sql.store import PostgresStore

__version__ = "0.1.0"

SCHEMES = ("postgresql", "postgresql+psycopg")
"""The URL schemes this plugin opens."""


def open_store(url: str) -> PostgresStore:
    """The store at ``url`` (the factory ``Workspace.open`` calls)."""
    from infoint_sql.store import PostgresStore

    return PostgresStore(url)


@hookimpl
def infoint_storage_backends() -> dict[str, StoreFactory]:
    """infoint calls this to learn which URL schemes this plugin opens."""
    return dict.fromkeys(SCHEMES, open_store)
