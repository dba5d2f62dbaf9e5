"""infoint: plan, hold and follow up informational interviews.

The SDK's front door is :func:`open`, which returns a
:class:`~infoint.workspace.Workspace` for one owner::

    import infoint

    with infoint.open("sqlite:///interviews.db", owner="ada") as ws:
        contact = ws.add_contact(name="Grace Hopper", organization="Navy")

Plugin authors decorate their hook functions with :data:`hookimpl`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("infoint")
"""Marks a function as an implementation of an infoint hook (see :mod:`infoint.hookspecs`)."""

if TYPE_CHECKING:
    from infoint.workspace import Workspace


def open(url: str | None = None, owner: str | None = None, **options: Any) -> Workspace:
    """Open the store at ``url`` (default: the embedded database) for ``owner``.

    See :meth:`infoint.workspace.Workspace.open` for the options.
    """
    from infoint.workspace import Workspace

    return Workspace.open(url, owner=owner, **options)


__all__ = ["__version__", "hookimpl", "open"]
