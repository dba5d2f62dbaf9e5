"""The storage contract: the :class:`Store` protocol, queries, and documents.

A store keeps *aggregates* (:data:`infoint.model.AGGREGATES`) for many
owners. Each aggregate is one JSON document (written by the cattrs converter
here, never by hand) plus the few indexed values queries need
(:func:`index_entry`). All work happens in a :class:`StoreSession`, which is
bound to one owner and is one transaction: everything in it commits
together, or nothing does.

>>> from infoint.model import Target, TargetKind
>>> target = Target(id="t1", kind=TargetKind.COMPANY, name="Acme")
>>> from_document(Target, to_document(target)) == target
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

import attrs

from infoint.errors import StoreError, ValidationError
from infoint.identity import fold_name, without_accents
from infoint.model import AGGREGATES, Contact, Interview, Profile, Target

if TYPE_CHECKING:
    import cattrs

A = TypeVar("A", Contact, Target, Interview, Profile)

KIND_NAMES: dict[type[Any], str] = {
    Contact: "contact",
    Target: "target",
    Interview: "interview",
    Profile: "profile",
}
"""The name each aggregate class is stored under."""

KINDS_BY_NAME: dict[str, type[Any]] = {name: cls for cls, name in KIND_NAMES.items()}

assert set(KIND_NAMES) == set(AGGREGATES)


def kind_name(kind: type[Any]) -> str:
    """The stored name of an aggregate class (``Contact`` -> ``"contact"``)."""
    try:
        return KIND_NAMES[kind]
    except KeyError:
        raise StoreError(f"{kind.__name__} is not a stored aggregate") from None


# ---------------------------------------------------------------- queries


def _optional_set(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


def _optional_name(value: str | None) -> str | None:
    return None if value is None else fold_name(value)


def check_limit(value: int | None) -> None:
    """Refuse a limit that is not a whole number of at least 1 (None: no limit)."""
    # bool is an int to Python (True would be a limit of 1): refused as the mistake it is.
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValidationError(
            "limit", f"must be a whole number of at least 1 (or None for no limit), not {value!r}"
        )


def _check_limit(_: Any, __: attrs.Attribute[Any], value: int | None) -> None:
    check_limit(value)


def _check_ordered(_: Any, __: attrs.Attribute[Any], value: bool) -> None:
    if not isinstance(value, bool):
        raise ValidationError("ordered", f"must be True or False, not {value!r}")


@attrs.frozen(kw_only=True)
class Query:
    """What to find among one owner's records of one kind; all given parts must hold.

    Results come sorted by ``at`` (earliest first, records without one last),
    then by ``label``, then by ID; with ``ordered=False``, in any order.

    >>> any_two = Query(ref="t1", status={"held"}, limit=2, ordered=False)
    >>> any_two.limit, any_two.ordered
    (2, False)
    >>> Query(label="  Zoë   Ñúñez ").label
    'zoe nunez'
    """

    status: frozenset[str] | None = attrs.field(default=None, converter=_optional_set)
    """Interviews whose status is one of these."""
    contact_id: str | None = None
    """Interviews with this contact."""
    ref: str | None = None
    """Records that refer to this ID (a target, an introducer, a referrer...)."""
    at_from: datetime | None = None
    """Records whose ``at`` (an interview's start) is at or after this."""
    at_to: datetime | None = None
    """Records whose ``at`` is before this."""
    label: str | None = attrs.field(default=None, converter=_optional_name)
    """Records whose label (a contact's or target's name) equals this, ignoring case,
    accents and spacing (G25). Kept folded (:func:`~infoint.identity.fold_name`), as
    :func:`index_entry` keeps labels: a store compares the two as they are."""
    limit: int | None = attrs.field(default=None, validator=_check_limit)
    """At most this many records (at least 1); None: every match."""
    ordered: bool = attrs.field(default=True, validator=_check_ordered)
    """False: the store may return the matches in any order, so a limit can stop early
    (at the first ``limit`` matches it meets, without sorting them all). Which matches
    those are is the store's choice; how many is not: ``min(limit, matches)``. For a
    question such as "are there at least two?", which any two answer."""


@attrs.frozen(kw_only=True)
class IndexEntry:
    """The values of an aggregate that a store keeps in indexed columns."""

    status: str | None = None
    contact_id: str | None = None
    at: datetime | None = None
    label: str | None = None
    """A contact's or target's name as :func:`~infoint.identity.fold_name` folds it."""
    refs: frozenset[str] = frozenset()
    text: str = ""
    """What full-text search sees: notes, research, goals, a contact's notes."""


@attrs.frozen(kw_only=True)
class SearchHit:
    """One record that full-text search found."""

    kind: str
    id: str
    snippet: str
    rank: float


def index_entry(item: Contact | Target | Interview | Profile) -> IndexEntry:
    """The indexed values of an aggregate; every store indexes the same ones."""
    match item:
        case Interview():
            refs = {item.contact_id, *item.target_ids, *(r.contact_id for r in item.referrals)}
            parts = [
                *item.goals,
                *(r.text for r in item.research),
                *(n.text for n in item.notes),
                *(r.note for r in item.referrals),
                item.common_ground,
            ]
            if item.assessment is not None:
                a = item.assessment
                parts += [a.went_well, a.went_badly, a.wish_said, a.wish_not_said]
                parts += [a.follow_up_strategy, *(f.text for f in a.feedback)]
            parts += [o.title for o in item.openings]
            return IndexEntry(
                status=str(item.status),
                contact_id=item.contact_id,
                at=item.starts_at,
                refs=frozenset(refs),
                text=_join(parts),
            )
        case Contact():
            refs = {r for r in (item.introducer_id, item.referred_by_id) if r is not None}
            return IndexEntry(
                label=fold_name(item.name),
                refs=frozenset(refs),
                text=_join([item.name, item.role, item.organization, item.notes]),
            )
        case Target():
            return IndexEntry(
                label=fold_name(item.name), text=_join([item.name, item.notes, *item.goals])
            )
        case Profile():
            return IndexEntry()
    raise StoreError(f"{type(item).__name__} is not a stored aggregate")  # pragma: no cover


def _join(parts: Sequence[str]) -> str:
    return "\n".join(p for p in parts if p.strip())


def refolded_labels(rows: Iterable[tuple[int, str | None, str]]) -> list[tuple[int, str]]:
    """For a store's migration to folded labels (G25): of ``(seq, label, document)`` rows
    of contacts and targets, each ``(seq, label)`` whose stored label is not
    :func:`~infoint.identity.fold_name` of the document's name. A damaged document is
    passed over: the record says so when it is read, and the rest still migrates."""
    changes = []
    for seq, label, document in rows:
        try:
            name = json.loads(document)["name"]
        except (ValueError, TypeError, KeyError):
            continue
        if isinstance(name, str) and fold_name(name) != label:
            changes.append((seq, fold_name(name)))
    return changes


# ---------------------------------------------------------------- search text

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without diacritics, the way search compares words."""
    if text.isascii():  # most text: the same result, without normalizing
        return text.lower()
    return without_accents(unicodedata.normalize("NFKD", text.casefold()))


def search_terms(text: str) -> list[str]:
    """The words of a search: every word must match the start of a word in the record."""
    return _WORD.findall(fold(text))


def snippet(text: str, terms: Sequence[str], width: int = 80) -> str:
    """A one-line excerpt of ``text`` around the first matching word."""
    flat = " · ".join(" ".join(part.split()) for part in text.splitlines() if part.strip())
    folded = fold(flat)
    start = 0
    # Offsets agree only when folding kept the length.
    if len(flat) > width and len(folded) == len(flat):
        hits = [
            m.start() for m in _WORD.finditer(folded) if any(m[0].startswith(t) for t in terms)
        ]
        if hits:
            start = max(0, hits[0] - width // 3)
    excerpt = flat[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(flat) else ""
    return prefix + excerpt + suffix


# ---------------------------------------------------------------- documents


def format_datetime(value: datetime) -> str:
    """ISO 8601 with the offset, and the zone's name when it has one (as RFC 9557 writes it).

    Keeping the name keeps daylight-saving rules: "the day before" a
    Paris interview stays 24 wall-clock hours in Paris across a change.

    >>> from zoneinfo import ZoneInfo
    >>> format_datetime(datetime(2026, 3, 29, 14, 0, tzinfo=ZoneInfo("Europe/Paris")))
    '2026-03-29T14:00:00+02:00[Europe/Paris]'
    """
    key = getattr(value.tzinfo, "key", None)
    return value.isoformat() + (f"[{key}]" if key else "")


def parse_datetime(text: str) -> datetime:
    """The inverse of :func:`format_datetime`; refuses a time without an offset."""
    stamp, _, zone = text.partition("[")
    parsed = datetime.fromisoformat(stamp)
    if parsed.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    if zone:
        parsed = parsed.astimezone(_zone(zone.rstrip("]")))
    return parsed


@cache
def _zone(key: str) -> tzinfo:
    """``ZoneInfo(key)``, looked up once per name (every stored time names its zone)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(key)


@cache
def converter(*, zone_names: bool = True, detailed: bool = True) -> cattrs.Converter:
    """The cattrs converter that turns aggregates into JSON-ready data and back.

    Stored documents keep zone names (``...+02:00[Europe/Paris]``); data for
    other programs (``--json``) has plain ISO 8601 offsets, which every JSON
    consumer reads. Both structure back. ``detailed=False`` structures without
    cattrs's detailed validation, which names every field that does not fit: a
    quarter faster, for documents a store wrote (see :func:`from_document`).
    """
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=False, detailed_validation=detailed)

    conv.register_unstructure_hook(
        datetime, format_datetime if zone_names else lambda d: d.isoformat()
    )
    conv.register_structure_hook(datetime, lambda v, _: parse_datetime(v))
    conv.register_unstructure_hook(date, lambda d: d.isoformat())
    conv.register_structure_hook(date, lambda v, _: date.fromisoformat(v))
    conv.register_unstructure_hook(frozenset, sorted)
    return conv


def unstructure(item: Any) -> Any:
    """An aggregate (or any model object) as plain JSON-ready data for other programs:
    times are ISO 8601 with an offset."""
    return converter(zone_names=False).unstructure(item)


def structure(data: Any, kind: type[A]) -> A:
    """Plain data back into a model object (the inverse of :func:`unstructure`)."""
    return converter().structure(data, kind)


def at_version(item: A, version: int) -> A:
    """``attrs.evolve(item, version=version)``, without running the validators of
    every other field again (they passed when ``item`` was made): what a store's
    bulk add gives back for many records at once."""
    kind = type(item)
    stored = object.__new__(kind)
    for name in _FIELD_NAMES[kind]:  # object.__setattr__: how attrs sets a frozen field
        object.__setattr__(stored, name, getattr(item, name))
    object.__setattr__(stored, "version", version)
    return stored


_FIELD_NAMES = {kind: tuple(field.name for field in attrs.fields(kind)) for kind in KIND_NAMES}


def to_document(item: Any) -> str:
    """An aggregate as the JSON document a store keeps."""
    data = converter(zone_names=True).unstructure(item)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def from_document(kind: type[A], document: str, version: int | None = None) -> A:
    """A stored document back into its aggregate; ``version`` is the store's, if given.

    The model's validators run as for any new object; a document that does not fit
    is damage, not a user's typing (it was written by :func:`to_document`), so the
    first error met is enough (which makes reading a quarter faster): it raises
    :class:`~infoint.errors.StoreError` naming the record.
    """
    data: Any = None
    try:
        data = json.loads(document)
        if version is not None:
            data["version"] = version
        return converter(detailed=False).structure(data, kind)
    except Exception as err:  # whatever the damage, one clear line
        ident = data.get("id") if isinstance(data, dict) else None
        which = kind.__name__.lower() + (f" {ident}" if isinstance(ident, str) else "")
        what = str(err) if isinstance(err, ValidationError) else f"{type(err).__name__}: {err}"
        raise StoreError(
            f"the stored {which} is damaged and cannot be read ({what});"
            " restore the database from a backup"
        ) from None


def utcnow() -> datetime:
    """Storage's own time, for bookkeeping columns only (never domain times)."""
    return datetime.now(UTC)


# ---------------------------------------------------------------- the protocol


@runtime_checkable
class StoreSession(Protocol):
    """One owner's unit of work: everything in it commits together or not at all.

    Reads see this session's own writes. Every call is scoped to the owner
    the session was opened for; another owner's records do not exist here.
    """

    owner: str

    def get(self, kind: type[A], id: str) -> A:
        """The record, with its current version; raises NotFound.

        In a write session, the record got is held for the session: no other session
        changes it before this one ends (so an update of what was read here is never a
        :class:`~infoint.errors.Conflict`). SQLite and the memory store run one write
        session at a time; PostgreSQL locks the row."""
        ...

    def find(self, kind: type[A], query: Query | None = None) -> list[A]:
        """The records that match ``query``, sorted as :class:`Query` says (or in any
        order when ``query.ordered`` is False: a store may sort them all the same)."""
        ...

    def ids_with_prefix(self, kind: type[Any], prefix: str, limit: int = 2) -> list[str]:
        """Up to ``limit`` IDs of this kind that start with ``prefix``, sorted."""
        ...

    def add(self, item: A) -> A:
        """Store a new record (its version must be 0); returns it at version 1.

        Raises Conflict when the ID is taken.
        """
        ...

    def add_all(self, items: Sequence[A]) -> list[A]:
        """:meth:`add` for many new records (an import): the same results and errors,
        all or none of them added; a store may write them in a few statements."""
        ...

    def update(self, item: A) -> A:
        """Replace a record; ``item.version`` must be the stored one, else Conflict.

        Returns the item with its version increased by one.
        """
        ...

    def remove(self, kind: type[A], id: str, version: int) -> None:
        """Remove one of the owner's records, with its references and search text.

        Raises NotFound when the owner has no such record, and Conflict when its
        stored version is not ``version`` (it was changed since it was read).
        """
        ...

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Records whose text (notes, research, ...) contains every word of ``text``.

        A word matches the start of a word in the record, ignoring case and
        accents. Best matches first; a store may rank only a window of the
        matches when there are very many (the SQLite store ranks the owner's
        5,000 most recently added ones), so that a common word answers fast.
        """
        ...


@runtime_checkable
class Store(Protocol):
    """A storage backend (see :func:`infoint.hookspecs.infoint_storage_backends`)."""

    name: str
    """The backend's name, as ``infoint plugins`` shows it."""
    url: str
    """Where the data lives, for messages (no passwords)."""

    def session(self, owner: str, *, write: bool = False) -> AbstractContextManager[StoreSession]:
        """A transaction for ``owner``; ``write=True`` takes the write lock up front."""
        ...

    def schema_version(self) -> int:
        """The schema version of the data as stored now."""
        ...

    def close(self) -> None:
        """Release connections and files. The store is unusable afterwards."""
        ...


def check_owner(owner: str) -> str:
    """An owner must be a non-empty name without control characters."""
    bad = any(unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs") or c == "\x85" for c in owner)
    if not owner or not owner.strip() or bad or len(owner) > 200:
        raise StoreError(f"owner {owner!r} is not a valid owner name")
    return owner
