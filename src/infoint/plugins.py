"""Making the plugin manager: built-ins first, then the ``infoint`` entry-point group.

There is no module-level manager: :func:`make_plugin_manager` makes a fresh
one each time, so a test builds exactly the plugins it needs and a program
embedding infoint can run two differently configured Workspaces.

>>> pm = make_plugin_manager(entry_points=False)
>>> sorted(pm.provided("infoint_storage_backends"))
['memory', 'sqlite']
"""

from __future__ import annotations

import contextlib
import importlib
import os
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import FunctionType, MethodType, ModuleType
from typing import Any, cast

import attrs
import pluggy

from infoint import __version__, hookspecs
from infoint.builtin import BUILTIN_PLUGINS, ON_FIRST_CALL
from infoint.errors import PluginError
from infoint.errors import PluginWarning as PluginWarning  # its old home; still imported from here

ENTRY_POINT_GROUP = "infoint"
DISABLE_ENV = "INFOINT_DISABLE_PLUGINS"

_HOOKABLE = (FunctionType, MethodType, staticmethod, classmethod)
"""What pluggy takes a hook implementation from (see ``pluggy._manager._static_hook_attr``)."""


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
        self._marker = f"{self.project_name}_impl"  # the attribute @hookimpl sets
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

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        """pluggy's own answer, found faster for a module's many names that are no hook.

        pluggy looks at each name of a plugin with :func:`inspect.getattr_static`; in a
        module, most are imports, classes, constants and functions without its marker,
        which it would skip too.
        """
        if isinstance(plugin, ModuleType):
            value = plugin.__dict__.get(name)
            if value is not None and not isinstance(value, _HOOKABLE):
                return None
            if (
                type(value) is FunctionType
                and getattr(value, self._marker, None) is None
                and getattr(value, "__func__", None) is None  # where pluggy looks next
            ):
                return None
        return super().parse_hookimpl_opts(plugin, name)

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
        found: dict[str, tuple[str, Any]] = {}
        for plugin_name, result in self._each(hook_name, kwargs):
            for key, value in _named(result):
                if key in found:
                    raise PluginError(
                        f"{hook_name}: {key!r} is provided by both plugin {found[key][0]!r}"
                        f" and plugin {plugin_name!r}; disable one with {DISABLE_ENV}"
                    )
                found[key] = (plugin_name, value)
        return {key: value for key, (_, value) in found.items()}

    def provided_by_plugin(self, hook_name: str, **kwargs: Any) -> dict[str, tuple[str, ...]]:
        """The names each plugin provides through a list- or dict-returning hook
        (``infoint plugins`` shows them): plugin name -> names, in its order.

        A plugin that raises is a warning and is left out, as in :meth:`provided`;
        a name two plugins provide is listed for both (:meth:`provided` refuses it).
        """
        found: dict[str, list[str]] = {}
        for plugin_name, result in self._each(hook_name, kwargs):
            try:
                names = [str(key) for key, _ in _named(result)]
            except Exception as err:  # not a list or dict of named things
                warnings.warn(
                    f"plugin {plugin_name} failed in {hook_name}: {err}",
                    PluginWarning,
                    stacklevel=2,
                )
                continue
            # A plugin may implement a hook more than once (@hookimpl(specname=...)).
            found.setdefault(plugin_name, []).extend(names)
        return {plugin_name: tuple(names) for plugin_name, names in found.items()}

    def _each(self, hook_name: str, kwargs: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        """Each plugin's own result of a hook, in registration order (built-ins first);
        one that raises is a :class:`PluginWarning` and yields nothing."""
        caller = getattr(self.hook, hook_name)
        for impl in caller.get_hookimpls():
            try:
                result = impl.function(**{a: kwargs[a] for a in impl.argnames})
            except Exception as err:
                warnings.warn(
                    f"plugin {impl.plugin_name} failed in {hook_name}: {err}",
                    PluginWarning,
                    stacklevel=3,
                )
                continue
            yield impl.plugin_name, result

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
        entry_points: load third-party plugins from the ``infoint`` entry-point group
            (the list is kept in a cache file until a distribution changes).
        disabled: plugin names not to load; default from ``INFOINT_DISABLE_PLUGINS``.
        plugins: extra ``(name, plugin)`` pairs to register, e.g. in tests.
    """
    pm = InfointPluginManager()
    for name in disabled_from_env() if disabled is None else disabled:
        pm.set_blocked(name)
    if builtins:
        for name, module_name in BUILTIN_PLUGINS.items():
            if pm.is_blocked(name):
                continue
            if name in ON_FIRST_CALL:
                module = _on_first_call(module_name, ON_FIRST_CALL[name])
            else:
                module = importlib.import_module(module_name)
            pm.register_plugin(module, name, "infoint", __version__, builtin=True)
    for name, plugin in plugins:
        pm.register_plugin(plugin, name, "code", "", builtin=False)
    if entry_points:
        _load_entry_points(pm)
    _drop_pending(pm)
    return pm


def _on_first_call(module_name: str, hooks: Sequence[str]) -> ModuleType:
    """A stand-in for the module ``module_name``, with its name and its ``hooks`` (which
    take no argument): each imports the module when called, and returns what the
    module's own returns.

    What a built-in of :data:`~infoint.builtin.ON_FIRST_CALL` is registered as: most
    commands call none of its hooks, and would import it (and what it imports) for
    nothing. ``infoint plugins`` shows it as it shows the module itself.
    """
    from infoint import hookimpl

    stand_in = ModuleType(module_name)
    for hook_name in hooks:
        setattr(stand_in, hook_name, hookimpl(_calling(module_name, hook_name)))
    return stand_in


def _calling(module_name: str, hook_name: str) -> Callable[[], Any]:
    def hook() -> Any:
        return getattr(importlib.import_module(module_name), hook_name)()

    hook.__name__ = hook.__qualname__ = hook_name
    return hook


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
    seen: set[tuple[str, str]] = set()
    for name, value, dist_name, version in _entry_points():
        if (dist_name, name) in seen or pm.is_blocked(name):
            continue  # the same distribution on sys.path twice, or disabled
        seen.add((dist_name, name))
        try:
            plugin: ModuleType | object = _load_object(value)
        except Exception as err:
            pm._fail(name, dist_name, f"{type(err).__name__}: {err}")
            continue
        pm.register_plugin(plugin, name, dist_name, version, builtin=False)


# ---------------------------------------------------------------- entry points, cached
#
# Reading the entry points through importlib.metadata costs more than the rest of the
# plugin manager: importing it (with email, zipfile, csv...), reading every
# distribution's entry_points.txt, then the METADATA of those in the group. The
# answer depends only on the distributions on sys.path, so it is kept in a small
# file, one per Python environment (on Linux ~/.cache/infoint/entry-points-*.json;
# deleting it is always safe), with what it was read from: the .dist-info and
# .egg-info folders of each sys.path folder that has any, in the order the folder
# lists them, with the size and time of change of each one's entry_points.txt and
# METADATA (PKG-INFO for an egg), and the size and time of any zip file on sys.path.
# Installing, removing, upgrading or editing a distribution changes that, and the
# entry points are read again.

_CACHE_FORMAT = 2  # 2: stamps carry the change time and inode too
_CACHE_MAX_BYTES = 4_000_000

EntryPointRow = tuple[str, str, str, str]
"""An entry point of the ``infoint`` group: its name, its ``module:attribute`` value,
and its distribution's name and version."""


def _entry_points() -> list[EntryPointRow]:
    """The ``infoint`` entry points, as :func:`importlib.metadata.entry_points` finds them.

    From the cache file when nothing on ``sys.path`` changed since it was written.
    When :mod:`importlib.metadata` is imported already (as under pytest, where a test
    may replace its functions) or a finder other than Python's own discovers
    distributions, it is asked every time.
    """
    if "importlib.metadata" in sys.modules:
        return _read_entry_points()
    path = _cache_file()
    sources = _sources() if path is not None else None
    if path is None or sources is None:
        return _read_entry_points()
    cached = _read_cache(path, sources)
    if cached is not None:
        return cached
    rows = _read_entry_points()
    _write_cache(path, sources, rows)
    return rows


def _read_entry_points() -> list[EntryPointRow]:
    import importlib.metadata  # here, not at the top: it costs more than pluggy itself

    rows = []
    # Selecting the group reads only entry_points.txt files, not every package's metadata.
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        metadata = dist.metadata if dist is not None else None
        dist_name = (metadata["Name"] if metadata is not None else None) or "?"
        version = (metadata["Version"] if metadata is not None else None) or ""
        rows.append((ep.name, ep.value, dist_name, version))
    return rows


def _load_object(value: str) -> object:
    """What an entry point's ``value`` names, found as
    :meth:`importlib.metadata.EntryPoint.load` finds it (the same pattern, the same
    errors): ``module``, ``module:attribute`` or ``module:attribute.attribute``."""
    import re

    pattern = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"
    match = cast("re.Match[str]", re.match(pattern, value))  # None fails as there
    found: object = importlib.import_module(match.group("module"))
    for attribute in filter(None, (match.group("attr") or "").split(".")):
        found = getattr(found, attribute)
    return found


def _sources() -> list[Any] | None:
    """What the entry points are read from (see above), or None when it cannot be told."""
    from importlib.machinery import PathFinder

    finders = [f for f in sys.meta_path if getattr(f, "find_distributions", None) is not None]
    if finders != [PathFinder]:
        return None
    sources: list[Any] = [sys.version]
    for entry in sys.path:
        if not isinstance(entry, str):
            return None
        root = entry or "."
        try:
            children = os.listdir(root)
        except (OSError, ValueError):  # a zip file, or nothing there
            stamp = _stamp(root)
            if stamp is not None:
                sources.append([os.path.abspath(root), stamp])
            continue
        infos = []
        for child in children:
            if child.lower().endswith(("dist-info", "egg-info")):  # and an egg's EGG-INFO
                folder = os.path.join(root, child)
                metadata = _stamp(os.path.join(folder, "METADATA")) or _stamp(
                    os.path.join(folder, "PKG-INFO")
                )
                infos.append([child, _stamp(os.path.join(folder, "entry_points.txt")), metadata])
        if infos:  # a folder without distributions adds nothing, whichever it is: the
            # script's or the current one, which differ from command to command
            sources.append([os.path.abspath(root), infos])
    return sources


def _stamp(path: str) -> list[int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    # The change time and inode too: tools that copy or restore files (cp -p, rsync,
    # tar) set the modification time back, never these.
    return [found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_size]


def _cache_file() -> str | None:
    """This Python environment's cache file, in the user's cache folder (where
    platformdirs puts it; not imported here, it takes longer than the cache saves)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA", "")
        folder = os.path.join(base, "infoint", "Cache")
    elif sys.platform == "darwin":
        folder = os.path.expanduser("~/Library/Caches/infoint")
    else:
        base = os.environ.get("XDG_CACHE_HOME", "")
        base = base if base.strip() else os.path.expanduser("~/.cache")
        folder = os.path.join(base, "infoint")
    if not os.path.isabs(folder):
        return None
    tag = 0x811C9DC5  # FNV-1a: a stable name for this interpreter and environment
    for byte in f"{sys.prefix}\0{sys.executable}".encode("utf-8", "surrogateescape"):
        tag = ((tag ^ byte) * 0x01000193) & 0xFFFFFFFF
    return os.path.join(folder, f"entry-points-{tag:08x}.json")


def _read_cache(path: str, sources: list[Any]) -> list[EntryPointRow] | None:
    """The cached entry points, if the file holds them for exactly these ``sources``."""
    import json

    try:
        # Non-blocking, a regular file, of a sane size: a FIFO or a device put there
        # must not hang or flood every command.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, encoding="utf-8") as file:
            found = os.fstat(file.fileno())
            if not stat.S_ISREG(found.st_mode) or found.st_size > _CACHE_MAX_BYTES:
                return None
            data = json.load(file)
        if data["format"] != _CACHE_FORMAT or data["sources"] != sources:
            return None
        rows = [(name, value, dist, ver) for name, value, dist, ver in data["entry_points"]]
    except (OSError, ValueError, TypeError, KeyError, RecursionError):  # damaged, not ours
        return None
    if not all(isinstance(v, str) for row in rows for v in row):
        return None
    return rows


def _write_cache(path: str, sources: list[Any], rows: list[EntryPointRow]) -> None:
    import json
    import tempfile

    data = {"format": _CACHE_FORMAT, "sources": sources, "entry_points": rows}
    scratch = None
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        # A new file of its own (0600, like every file infoint makes, whatever the umask).
        fd, scratch = tempfile.mkstemp(dir=folder, prefix=".entry-points-", suffix=".tmp")
        with open(fd, "w", encoding="utf-8") as file:
            json.dump(data, file)
        os.replace(scratch, path)  # readers see the old file or the new one, never half
    except (OSError, ValueError, TypeError):
        if scratch is not None:
            with contextlib.suppress(OSError):
                os.remove(scratch)


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
