"""Making the plugin manager: built-ins first, then the ``infoint`` entry-point group.

There is no module-level manager: :func:`make_plugin_manager` makes a fresh
one each time, so a test builds exactly the plugins it needs and a program
embedding infoint can run two differently configured Workspaces.

>>> pm = make_plugin_manager(entry_points=False)
>>> sorted(pm.provided("infoint_storage_backends"))
['memory', 'sqlite']
"""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import Any

import attrs
import pluggy

from infoint import __version__, hookspecs
from infoint.builtin import BUILTIN_PLUGINS
from infoint.errors import PluginError
from infoint.errors import PluginWarning as PluginWarning  # its old home; still imported from here

ENTRY_POINT_GROUP = "infoint"
DISABLE_ENV = "INFOINT_DISABLE_PLUGINS"


@attrs.frozen
class PluginFailure:
    """A plugin that could not be loaded, and why."""

    name: str
    distribution: str
    error: str


@attrs.frozen
class PluginInfo:
    """What ``infoint plugins`` shows about one plugin."""

    name: str
    distribution: str
    version: str
    hooks: tuple[str, ...]
    builtin: bool
    module: str


class InfointPluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from and what failed."""

    def __init__(self) -> None:
        super().__init__(ENTRY_POINT_GROUP)
        self.add_hookspecs(hookspecs)
        self.failures: list[PluginFailure] = []
        self._origins: dict[str, tuple[str, str, bool]] = {}

    def register_plugin(
        self, plugin: object, name: str, distribution: str, version: str, *, builtin: bool
    ) -> None:
        """Register ``plugin`` as ``name``; a taken name is recorded as a failure naming both."""
        if self.is_blocked(name):
            return
        if self.has_plugin(name):
            other = self._origins[name][0]
            self._fail(name, distribution, f"the name {name!r} is already used by {other}")
            return
        try:
            self.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as err:
            self._fail(name, distribution, str(err))
            return
        self._origins[name] = (distribution, version, builtin)

    def _fail(self, name: str, distribution: str, error: str) -> None:
        failure = PluginFailure(name, distribution, error)
        self.failures.append(failure)
        warnings.warn(
            f"plugin {name} ({distribution}) is not loaded: {error}", PluginWarning, stacklevel=3
        )

    def plugin_infos(self) -> list[PluginInfo]:
        """Every registered plugin, built-ins first, then by name."""
        infos = []
        for name, plugin in self.list_name_plugin():
            if plugin is None or name not in self._origins:
                continue
            dist, version, builtin = self._origins[name]
            hooks = tuple(sorted(h.name for h in self.get_hookcallers(plugin) or ()))
            module = getattr(plugin, "__name__", type(plugin).__module__)
            infos.append(PluginInfo(name, dist, version, hooks, builtin, module))
        return sorted(infos, key=lambda i: (not i.builtin, i.name))

    def provided(self, hook_name: str, **kwargs: Any) -> dict[str, Any]:
        """Everything plugins return from a list- or dict-returning hook, by name.

        Each plugin is called on its own, so one that raises is reported as a
        warning and skipped. Two plugins providing the same name raise
        :class:`PluginError` naming both.
        """
        caller = getattr(self.hook, hook_name)
        found: dict[str, tuple[str, Any]] = {}
        for impl in caller.get_hookimpls():  # registration order: built-ins first
            try:
                result = impl.function(**{a: kwargs[a] for a in impl.argnames})
            except Exception as err:
                warnings.warn(
                    f"plugin {impl.plugin_name} failed in {hook_name}: {err}",
                    PluginWarning,
                    stacklevel=2,
                )
                continue
            for key, value in _named(result):
                if key in found:
                    raise PluginError(
                        f"{hook_name}: {key!r} is provided by both plugin {found[key][0]!r}"
                        f" and plugin {impl.plugin_name!r}; disable one with {DISABLE_ENV}"
                    )
                found[key] = (impl.plugin_name, value)
        return {key: value for key, (_, value) in found.items()}

    def notify(self, hook_name: str, **kwargs: Any) -> None:
        """Call a notification hook; a plugin that raises is reported, not fatal."""
        caller = getattr(self.hook, hook_name)
        for impl in caller.get_hookimpls():
            try:
                impl.function(**{a: kwargs[a] for a in impl.argnames})
            except Exception as err:
                warnings.warn(
                    f"plugin {impl.plugin_name} failed in {hook_name}: {err}",
                    PluginWarning,
                    stacklevel=2,
                )


def _named(result: Any) -> Iterable[tuple[str, Any]]:
    if result is None:
        return []
    if isinstance(result, dict):
        return list(result.items())
    return [(str(getattr(item, "name", item)), item) for item in result]


def disabled_from_env() -> list[str]:
    """Plugin names listed in ``INFOINT_DISABLE_PLUGINS`` (comma-separated)."""
    return [n.strip() for n in os.environ.get(DISABLE_ENV, "").split(",") if n.strip()]


def make_plugin_manager(
    *,
    builtins: bool = True,
    entry_points: bool = True,
    disabled: Sequence[str] | None = None,
    plugins: Sequence[tuple[str, object]] = (),
) -> InfointPluginManager:
    """A fresh plugin manager.

    Args:
        builtins: register infoint's own plugins (stores, ...).
        entry_points: load third-party plugins from the ``infoint`` entry-point group.
        disabled: plugin names not to load; default from ``INFOINT_DISABLE_PLUGINS``.
        plugins: extra ``(name, plugin)`` pairs to register, e.g. in tests.
    """
    pm = InfointPluginManager()
    for name in disabled_from_env() if disabled is None else disabled:
        pm.set_blocked(name)
    if builtins:
        for name, module_name in BUILTIN_PLUGINS.items():
            if not pm.is_blocked(name):
                module = importlib.import_module(module_name)
                pm.register_plugin(module, name, "infoint", __version__, builtin=True)
    for name, plugin in plugins:
        pm.register_plugin(plugin, name, "code", "", builtin=False)
    if entry_points:
        _load_entry_points(pm)
    _drop_pending(pm)
    return pm


def _drop_pending(pm: InfointPluginManager) -> None:
    """Unregister (and report) plugins with a hook infoint does not have, e.g. misspelled."""
    while True:
        try:
            pm.check_pending()
        except pluggy.PluginValidationError as err:
            name = pm.get_name(err.plugin) or "?"
            dist = pm._origins.pop(name, ("?", "", False))[0]
            pm.unregister(err.plugin)
            pm._fail(name, dist, str(err))
        else:
            return


def _load_entry_points(pm: InfointPluginManager) -> None:
    import importlib.metadata  # here, not at the top: it costs more than pluggy itself

    # Selecting the group reads only entry_points.txt files, not every package's metadata.
    seen: set[tuple[str, str]] = set()
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        dist_name = (dist.metadata["Name"] if dist is not None else None) or "?"
        if (dist_name, ep.name) in seen or pm.is_blocked(ep.name):
            continue  # the same distribution on sys.path twice, or disabled
        seen.add((dist_name, ep.name))
        try:
            plugin: ModuleType | object = ep.load()
        except Exception as err:
            pm._fail(ep.name, dist_name, f"{type(err).__name__}: {err}")
            continue
        version = dist.version if dist is not None else ""
        pm.register_plugin(plugin, ep.name, dist_name, version, builtin=False)


class GuardedLintRule:
    """A plugin's lint rule whose failure is a warning naming it, never a crash.

    A rule that raises, or returns something other than
    :class:`~infoint.rules.LintFinding`, finds nothing (and says so).
    """

    def __init__(self, rule: Any) -> None:
        self.rule = rule
        self.name = str(getattr(rule, "name", rule))

    def check(self, text: str, context: Any) -> list[Any]:
        """The rule's findings, or none when it misbehaves."""
        from infoint.rules import LintFinding

        try:
            found = list(self.rule.check(text, context))
        except Exception as err:
            warnings.warn(f"lint rule {self.name} failed: {err}", PluginWarning, stacklevel=2)
            return []
        wrong = [f for f in found if not isinstance(f, LintFinding)]
        if wrong:
            warnings.warn(
                f"lint rule {self.name} returned {type(wrong[0]).__name__}, not a LintFinding;"
                " its findings are left out",
                PluginWarning,
                stacklevel=2,
            )
            return []
        return found
