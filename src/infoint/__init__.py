"""infoint: plan, hold and follow up informational interviews.

The SDK's front door is :func:`open`, which returns a
:class:`~infoint.workspace.Workspace` for one owner::

    import infoint

    with infoint.open("sqlite:///interviews.db", owner="ada") as ws:
        contact = ws.add_contact(name="Grace Hopper", organization="Navy")

A platform serving many seekers opens the store once with :func:`open_store`
and makes a ``Workspace(store, owner=...)`` per seeker.

Plugin authors decorate their hook functions with :data:`hookimpl`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pluggy

    from infoint.plugins import InfointPluginManager
    from infoint.storage import Store
    from infoint.workspace import Workspace

    hookimpl = pluggy.HookimplMarker("infoint")
    """Marks a function as an implementation of an infoint hook (see :mod:`infoint.hookspecs`)."""

else:

    def __getattr__(name: str) -> Any:
        # hookimpl is made on first use (by a plugin's module), so ``import infoint``
        # and ``infoint --help`` do not import pluggy.
        if name == "hookimpl":
            import pluggy

            marker = globals()["hookimpl"] = pluggy.HookimplMarker("infoint")
            return marker
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), "hookimpl"})


def open(url: str | None = None, owner: str | None = None, **options: Any) -> Workspace:
    """Open the store at ``url`` (default: the embedded database) for ``owner``.

    See :meth:`infoint.workspace.Workspace.open` for the options.
    """
    from infoint.workspace import Workspace

    return Workspace.open(url, owner=owner, **options)


def open_store(url: str | None = None, *, plugins: InfointPluginManager | None = None) -> Store:
    """Open the store at ``url`` for many owners (a platform): give it to a
    :class:`~infoint.workspace.Workspace` per owner, and close it at the end.

    See :func:`infoint.workspace.open_store`.
    """
    from infoint.workspace import open_store

    return open_store(url, plugins=plugins)


__all__ = ["__version__", "hookimpl", "open", "open_store"]
