"""A griffe extension: classes documented by their fields, as a reader expects them.

griffe reads the source, and knows dataclasses but not attrs: an
``@attrs.frozen`` class has no ``__init__`` it can see, so the reference
would show no signature, and the ``Args:`` of a class docstring no types or
defaults (every field "required"). This

- gives each attrs class the ``__init__`` attrs makes (its fields in order,
  keyword-only where attrs makes them so, with their annotations and
  defaults), and shows each field with its default instead of the
  ``attrs.field(...)`` call that declares it, labelled an instance attribute;
- labels an enum's members class attributes only;
- hides the value of an attribute set in ``__init__`` (``self.url = url``
  says nothing a reader needs), keeping its annotation.

With ``show_if_no_docstring`` (mkdocs.yml) every field is then listed,
documented or not.
"""

from __future__ import annotations

from typing import Any

import griffe

_DECORATORS = {
    "attrs.define",
    "attrs.frozen",
    "attrs.mutable",
    "attr.s",
    "attr.attrs",
    "attr.define",
    "attr.frozen",
    "attr.mutable",
}
_FIELDS = {"attrs.field", "attr.ib", "attr.attrib", "attr.field"}
_FACTORIES = {"attrs.Factory", "attr.Factory"}
_ENUMS = {"enum.Enum", "enum.StrEnum", "enum.IntEnum", "enum.Flag", "enum.IntFlag"}


class Fields(griffe.Extension):
    """Rewrite every class of the package once it is loaded."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        for cls in _classes(pkg):
            if _attrs_options(cls) is not None:
                if "__init__" not in cls.members:
                    _add_init(cls)
            elif _is_enum(cls):
                for member in _attributes(cls):
                    member.labels.discard("instance-attribute")
            else:
                for member in _attributes(cls):
                    if member.labels == {"instance-attribute"}:
                        member.value = None  # ``self.x = ...`` in a method


def _classes(obj: griffe.Object) -> list[griffe.Class]:
    found: list[griffe.Class] = []
    for member in obj.members.values():
        if member.is_alias:
            continue
        if member.is_class:
            found.append(member)  # type: ignore[arg-type]
        if member.is_class or member.is_module:
            found += _classes(member)  # type: ignore[arg-type]
    return found


def _attributes(cls: griffe.Class) -> list[griffe.Attribute]:
    return [
        m  # type: ignore[misc]
        for m in cls.members.values()
        if not m.is_alias and m.is_attribute and "property" not in m.labels
    ]


def _is_enum(cls: griffe.Class) -> bool:
    for base in cls.bases:
        path = base.canonical_path if isinstance(base, griffe.Expr) else str(base)
        if path in _ENUMS:
            return True
    try:
        return any(isinstance(b, griffe.Class) and _is_enum(b) for b in cls.resolved_bases)
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return False


def _attrs_options(cls: griffe.Class) -> dict[str, Any] | None:
    """The keywords of the class's attrs decorator (``{}`` for a bare one), else None."""
    for decorator in cls.decorators:
        if decorator.callable_path in _DECORATORS:
            value = decorator.value
            return _keywords(value) if isinstance(value, griffe.ExprCall) else {}
    return None


def _keywords(call: griffe.ExprCall) -> dict[str, Any]:
    return {arg.name: arg.value for arg in call.arguments if isinstance(arg, griffe.ExprKeyword)}


def _fields(cls: griffe.Class) -> list[griffe.Parameter]:
    """The class's own fields as ``__init__`` parameters; each field shows its default."""
    kw_only = str((_attrs_options(cls) or {}).get("kw_only")) == "True"
    parameters = []
    for member in _attributes(cls):
        if member.annotation is None or "instance-attribute" not in member.labels:
            continue  # not a field (a ClassVar, a constant)
        value = member.value
        field: dict[str, Any] = {}
        if isinstance(value, griffe.ExprCall) and value.canonical_path in _FIELDS:
            field = _keywords(value)
            default = _default(field)
        else:
            default = value
        if str(field.get("init")) == "False":
            continue
        member.value = default  # what the reference shows after the field's name
        member.labels.discard("class-attribute")  # a field is set on each instance
        name = str(field["alias"]).strip("'\"") if "alias" in field else member.name.lstrip("_")
        kind = (
            griffe.ParameterKind.keyword_only
            if kw_only or str(field.get("kw_only")) == "True"
            else griffe.ParameterKind.positional_or_keyword
        )
        parameters.append(
            griffe.Parameter(
                name,
                annotation=member.annotation,
                kind=kind,
                default=default,
                docstring=member.docstring,
            )
        )
    return parameters


def _default(field: dict[str, Any]) -> Any:
    """``attrs.field(default=x)`` is ``x``; a factory ``f`` is ``f()``; none is None."""
    if "factory" in field:
        return griffe.ExprCall(function=field["factory"], arguments=[])
    default = field.get("default")
    if isinstance(default, griffe.ExprCall) and default.canonical_path in _FACTORIES:
        return griffe.ExprCall(function=default.arguments[0], arguments=[])
    return default


def _add_init(cls: griffe.Class) -> None:
    parameters: dict[str, griffe.Parameter] = {}
    try:
        mro = cls.mro()
    except ValueError:
        mro = []
    for parent in reversed(mro):  # attrs takes the fields of attrs base classes first
        if _attrs_options(parent) is not None:
            parameters.update((p.name, p) for p in _fields(parent))
    parameters.update((p.name, p) for p in _fields(cls))
    keyword = griffe.ParameterKind.keyword_only
    init = griffe.Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=griffe.Parameters(
            griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword),
            *(p for p in parameters.values() if p.kind is not keyword),
            *(p for p in parameters.values() if p.kind is keyword),
        ),
        returns="None",
    )
    cls.set_member("__init__", init)
