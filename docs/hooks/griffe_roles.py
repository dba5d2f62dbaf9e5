"""A griffe extension: infoint's docstrings, written for reading in code, rendered as Markdown.

The docstrings use a few reStructuredText habits (Sphinx roles such as
``:class:`~infoint.storage.Query```, ``:param x:`` fields, ``.. versionadded::``,
a ``::`` before a code block, and bare ``>>>`` doctests). This turns them into
what mkdocstrings renders well, without touching the source:

- a role becomes a link when its target is in the package (resolved from
  the object's own scope for a short name such as ``:func:`text_lines```),
  else code; links are *optional*, so a role naming something the site does
  not document renders as code instead of failing the build;
- ``:param name:`` and ``:return:`` become Google-style ``Args:`` and
  ``Returns:`` sections, ``.. versionadded:: X`` a line "Added in X";
- a doctest becomes a ``pycon`` code block (Markdown would read ``>>>`` as
  nested quotes);
- a definition list (a line that is only a ````term````, then its definition
  indented) becomes a Markdown one (``def_list``), not a code block.
"""

from __future__ import annotations

import html
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|data|mod|attr|exc|obj|const):`(~?)([^`]+)`")
_FIELD = re.compile(r"^(\s*):(param\s+(\w+)|returns?):\s?(.*)$")
_VERSION = re.compile(r"^(\s*)\.\. versionadded:: (.+)$")
_TERM = re.compile(r"(\s*)``([^`]+)``\s*")


class SphinxRoles(griffe.Extension):
    """Rewrite every docstring of the package once it is loaded."""

    def on_package(
        self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any
    ) -> None:
        for obj in _walk(pkg):
            if obj.docstring is not None:
                obj.docstring.value = rewrite(obj.docstring.value, obj, pkg)


def _walk(obj: griffe.Object) -> list[griffe.Object]:
    found = [obj]
    for member in obj.members.values():
        if member.is_alias:
            continue
        found += _walk(member)  # type: ignore[arg-type]
    return found


def rewrite(text: str, obj: griffe.Object, pkg: griffe.Module) -> str:
    """The docstring ``text`` of ``obj`` in Markdown (see the module's docstring)."""
    text = _fields(text)
    text = _doctests(text)
    text = _definitions(text)
    text = re.sub(r"(?m)(\S)::$", r"\1:", text)  # "for one owner::" + indented code
    return _ROLE.sub(lambda m: _link(m[2], bool(m[1]), obj, pkg), text)


def _link(target: str, short: bool, obj: griffe.Object, pkg: griffe.Module) -> str:
    target = target.strip().removesuffix("()")
    path = _resolve(target, obj, pkg)
    title = target.rsplit(".", 1)[-1] if short else target
    code = f"<code>{html.escape(title)}</code>"
    if path is None:
        return code
    return f'<autoref identifier="{html.escape(path)}" optional>{code}</autoref>'


def _resolve(target: str, obj: griffe.Object, pkg: griffe.Module) -> str | None:
    """The full path of ``target`` seen from ``obj``: the object itself, then its parents."""
    parts = target.split(".")
    if parts[0] == pkg.name:
        return _find(pkg, parts[1:])
    scope: griffe.Object | None = obj
    while scope is not None:
        path = _find(scope, parts)
        if path is not None:
            return path
        scope = scope.parent
    return None


def _find(scope: griffe.Object, parts: list[str]) -> str | None:
    """The path of ``scope.a.b`` for ``parts == ["a", "b"]``, following imports within the
    package; None when it is not there, or is outside the package (``attrs.evolve``)."""
    current: Any = scope
    for part in parts:
        if current.is_alias:
            return None
        member = current.members.get(part)
        if member is None:
            return None
        if member.is_alias:
            root = scope.package.name
            if not member.target_path.startswith(root + "."):
                return None
            try:
                member = member.final_target
            except (griffe.AliasResolutionError, griffe.CyclicAliasError):
                return None
        current = member
    return str(current.path)


def _fields(text: str) -> str:
    """``:param x: ...`` / ``:return: ...`` fields as Google-style sections."""
    lines = text.splitlines()
    out: list[str] = []
    params: list[str] = []
    returns: list[str] = []
    current: list[str] | None = None
    for line in lines:
        field = _FIELD.match(line)
        version = _VERSION.match(line)
        if field:
            if field[3]:
                params.append(f"    {field[3]}: {field[4]}")
                current = params
            else:
                returns.append(f"    {field[4]}")
                current = returns
        elif version:
            current = None
            out.append(f"*Added in version {version[2].strip()}.*")
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            current.append(f"        {line.strip()}")
        else:
            current = None
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    sections: list[str] = []
    if params:
        sections += ["", "Args:", *params]
    if returns:
        sections += ["", "Returns:", *returns]
    if not sections:
        return "\n".join(out)
    # The sections go before a trailing "Added in" line, if any.
    tail = [out.pop()] if out and out[-1].startswith("*Added in") else []
    while out and not out[-1].strip():
        out.pop()
    return "\n".join([*out, *sections, *(["", *tail] if tail else [])])


def _doctests(text: str) -> str:
    """Wrap each run of ``>>>`` lines (and their output) in a ``pycon`` fence."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if not stripped.startswith(">>>"):
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(stripped)]
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        if out and out[-1].strip():
            out.append("")
        out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
    return "\n".join(out)


def _definitions(text: str) -> str:
    """A reStructuredText definition list (````term```` then an indented text) as
    Markdown's: the term in code, its text after ``:   ``."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        term = _TERM.fullmatch(lines[i])
        indent = term[1] if term else ""
        body = indent + "    "  # where the definition's lines start
        if not (term and i + 1 < len(lines) and lines[i + 1].startswith(body)):
            out.append(lines[i])
            i += 1
            continue
        if out and out[-1].strip():
            out.append("")
        out.append(f"{indent}`{term[2]}`")
        i += 1
        lead = ":   "
        while i < len(lines):
            if lines[i].startswith(body):
                out.append(f"{indent}{lead}{lines[i][len(body) :]}")
                lead = "    "
            elif not lines[i].strip() and i + 1 < len(lines) and lines[i + 1].startswith(body):
                out.append("")
            else:
                break
            i += 1
        if i < len(lines) and lines[i].strip() and not _TERM.fullmatch(lines[i]):
            out.append("")  # the text after the list is not part of its last definition
    return "\n".join(out)
