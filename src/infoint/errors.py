"""The errors infoint raises for things a user (or a calling program) got wrong.

Every error here carries a message a person can act on. The CLI prints
``str(error)`` on one line and exits non-zero; SDK callers catch
:class:`InfointError` (or one of its subclasses) the same way.
"""

from __future__ import annotations


class InfointError(Exception):
    """Base class of every error that is the caller's to fix, not a bug."""

    exit_code = 1


class ValidationError(InfointError, ValueError):
    """A value breaks a rule of the domain model (a field, and what is wrong with it)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class NotFound(InfointError, LookupError):
    """No record of this kind with this ID (or prefix) belongs to the owner."""


class AmbiguousID(InfointError, LookupError):
    """An ID prefix matches more than one record."""


class Conflict(InfointError):
    """The record changed since it was read: a stale version cannot win."""


class IllegalTransition(InfointError):
    """The interview's state machine refuses this step from its current state."""


class SchemaTooNew(InfointError):
    """The database was written by a newer infoint; this one refuses to touch it."""


class StoreError(InfointError):
    """The store cannot be opened or used (bad URL, unreadable file, ...)."""


class PluginError(InfointError):
    """Plugins disagree (two provide the same name) or one misbehaves."""


class PluginWarning(UserWarning):
    """A plugin could not be loaded or failed in a hook; the rest go on.

    Defined here rather than in :mod:`infoint.plugins` (which re-exports it) so
    that the command line can show these warnings without importing pluggy.
    """
