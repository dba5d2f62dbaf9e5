"""A hypothesis state machine that checks any Store against a plain-Python model.

Each step runs random operations for one of several owners (add, update with the
current or a stale version, get, find with random Query fields, ids_with_prefix,
search, several operations in one session, a session that fails and must roll back)
and compares every result, exceptions (NotFound, Conflict) included, with what a dict
of the records says; after every step each owner's whole state is compared too.

The model is independent of the stores' code: which records a query matches, their
order (``at`` as an instant, records without one last, then label, then ID) and what
search must find are worked out here, not by :func:`infoint.storage.index_entry`.

Use :func:`run_store_machine` with a function that makes a store. A store with a
known bug says which in ``known_bugs`` (see :data:`KNOWN_BUGS`): the machine then
stays clear of the inputs that trigger it, which a regression test of its own covers.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from infoint.errors import Conflict, NotFound
from infoint.identity import fold_name
from infoint.model import Contact, Interview, Note, Profile, Status, StatusChange, Target
from infoint.storage import Query, Store, StoreSession, fold, kind_name, search_terms, unstructure
from infoint.testing import strategies

KNOWN_BUGS = {
    "prefix-max-code-point": "ids_with_prefix misses IDs with U+10FFFF right after the prefix",
    "search-casefold": "search cannot find words that case folding changes (ß is ss, ﬁ is fi)",
    "wall-clock-filter": "Query.at_from/at_to compare wall clocks within one named zone",
}
"""Bugs a store may declare; the machine then avoids the inputs that show them."""

OWNERS = ("ann", "bob", "zoë")
KINDS: tuple[type[Any], ...] = (Contact, Target, Interview, Profile)
ID_POOL = ("a", "ab", "abc", "aB", "a%b", "a_b", "b1", "é", "éa", "0f3a9c1e")
"""Few IDs, so adds collide and prefixes share: LIKE wildcards, case, non-ASCII."""
MAX_CODE_POINT_IDS = ("a\U0010ffff", "a\U0010ffffb")
CONTACT_POOL = ("a", "ab", "b1", "0f3a9c1e")
PREFIXES = ("", "a", "ab", "A", "é", "%", "_", "a%", "a_", "0", "z", "\U0010ffff")
VOCABULARY = ("quokka", "zephyr", "Café", "naïve", "ÉCOLE", "Straße")
"""Words put into records' notes, for search to find."""
STATUSES = tuple(str(s) for s in Status)
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

_PARIS, _NEW_YORK, _LORD_HOWE = (
    ZoneInfo("Europe/Paris"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Australia/Lord_Howe"),
)
TRICKY_TIMES = (
    # The hour that happens twice when clocks go back: the same wall time, two instants.
    datetime(2026, 10, 25, 2, 30, tzinfo=_PARIS),
    datetime(2026, 10, 25, 2, 30, tzinfo=_PARIS, fold=1),
    datetime(2026, 10, 25, 2, 45, tzinfo=_PARIS),
    datetime(2026, 10, 25, 2, 45, tzinfo=_PARIS, fold=1),
    datetime(2026, 11, 1, 1, 30, tzinfo=_NEW_YORK),
    datetime(2026, 11, 1, 1, 30, tzinfo=_NEW_YORK, fold=1),
    datetime(2026, 4, 5, 1, 45, tzinfo=_LORD_HOWE),
    datetime(2026, 4, 5, 1, 45, tzinfo=_LORD_HOWE, fold=1),
    datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
    datetime(2026, 10, 25, 1, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
)

Key = tuple[str, str]
Records = dict[Key, Any]
"""One owner's records: (kind name, ID) -> the record at its stored version."""


class _Abort(Exception):
    """Raised inside a session that must roll back."""


# ---------------------------------------------------------------- the model


def _at(item: Any) -> datetime | None:
    return item.starts_at if isinstance(item, Interview) else None


def _label(item: Any) -> str | None:
    return fold_name(item.name) if isinstance(item, Contact | Target) else None


def _refs(item: Any) -> set[str]:
    if isinstance(item, Interview):
        return {item.contact_id, *item.target_ids, *(r.contact_id for r in item.referrals)}
    if isinstance(item, Contact):
        return {r for r in (item.introducer_id, item.referred_by_id) if r is not None}
    return set()


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC)


def _matches(item: Any, query: Query) -> bool:
    at, label = _at(item), _label(item)
    status = str(item.status) if isinstance(item, Interview) else None
    contact_id = item.contact_id if isinstance(item, Interview) else None
    return (
        (query.status is None or status in query.status)
        and (query.contact_id is None or contact_id == query.contact_id)
        and (query.ref is None or query.ref in _refs(item))
        and (query.at_from is None or (at is not None and _utc(at) >= _utc(query.at_from)))
        and (query.at_to is None or (at is not None and _utc(at) < _utc(query.at_to)))
        and (query.label is None or label == query.label)
    )


def _order(item: Any) -> tuple[Any, ...]:
    at = _at(item)
    return (at is None, _utc(at) if at else T0, _label(item) or "", item.id)


def model_find(records: Records, kind: type[Any], query: Query) -> list[Any]:
    """What ``find`` returns; with ``ordered=False``, every match (``limit`` not applied:
    the store returns any ``limit`` of them, see :func:`_check_any_order`)."""
    found = [i for (k, _), i in records.items() if k == kind_name(kind) and _matches(i, query)]
    found.sort(key=_order)
    return found if query.limit is None or not query.ordered else found[: query.limit]


def model_prefix(records: Records, kind: type[Any], prefix: str, limit: int) -> list[str]:
    return sorted(i for k, i in records if k == kind_name(kind) and i.startswith(prefix))[:limit]


def model_add(records: Records, item: Any) -> Any:
    key = (kind_name(type(item)), item.id)
    if item.version != 0 or key in records:
        raise Conflict(f"add {key}")
    records[key] = attrs.evolve(item, version=1)
    return records[key]


def model_update(records: Records, item: Any) -> Any:
    key = (kind_name(type(item)), item.id)
    if key not in records:
        raise NotFound(f"update {key}")
    if records[key].version != item.version:
        raise Conflict(f"update {key} at {item.version}, stored {records[key].version}")
    records[key] = attrs.evolve(item, version=item.version + 1)
    return records[key]


def model_get(records: Records, kind: type[Any], id_: str) -> Any:
    try:
        return records[(kind_name(kind), id_)]
    except KeyError:
        raise NotFound(f"get {kind_name(kind)} {id_}") from None


def _plain(word: str) -> bool:
    """Whether every tokenizer reads ``word`` as one word, folded the same way: ASCII
    letters, and Latin-1 letters whose accent folding drops (é, Ï, ñ; not ß, æ or ø)."""
    return bool(word) and all(
        ("a" <= ch.casefold() <= "z" and ch.isascii())
        or ("\u00c0" <= ch <= "\u00ff" and len(f := fold(ch)) == 1 and "a" <= f <= "z")
        for ch in word
    )


def _searchable_words(item: Any) -> set[str]:
    """Folded words of the fields search is documented to see, of the kind that every
    tokenizer agrees on: separated by white space, and plain (see :func:`_plain`)."""
    if isinstance(item, Contact):
        texts = [item.name, item.role, item.organization, item.notes]
    elif isinstance(item, Target):
        texts = [item.name, item.notes, *item.goals]
    elif isinstance(item, Interview):
        texts = [*item.goals, *(r.text for r in item.research), *(n.text for n in item.notes)]
    else:
        texts = []
    return {fold(word) for text in texts for word in text.split() if _plain(word)}


def model_search(records: Records, text: str) -> tuple[set[Key], set[Key]]:
    """What search must find, and what it may find (a word that tokenizers may cut
    differently, such as ``x_quokka``): anything else it must not find."""
    terms = search_terms(text)
    must: set[Key] = set()
    may: set[Key] = set()
    if not terms:
        return must, may
    for key, item in records.items():
        everything = fold(json.dumps(unstructure(item), ensure_ascii=False))
        if any(term not in everything for term in terms):
            continue
        words = _searchable_words(item)
        if all(any(w.startswith(t) for w in words) for t in terms):
            must.add(key)
        else:
            may.add(key)
    return must, may


# ---------------------------------------------------------------- operations


@attrs.frozen
class Op:
    """One call on a session: ``name`` and its arguments."""

    name: str
    args: tuple[Any, ...]

    def __repr__(self) -> str:
        return f"{self.name}{self.args!r}"


def perform(session: StoreSession, records: Records, op: Op) -> None:
    """Run ``op`` on the session and on the model; the outcomes must agree.

    Successful writes change ``records``.
    """
    expected: Any = None
    expected_error: type[Exception] | None = None
    scratch = dict(records)
    try:
        expected = _MODEL[op.name](scratch, *op.args)
    except (Conflict, NotFound) as err:
        expected_error = type(err)
    error: Exception | None = None
    try:
        got = _STORE[op.name](session, *op.args)
    except (Conflict, NotFound) as err:
        error = err
    if error is not None:
        assert type(error) is expected_error, f"{op}: raised {error!r}; model: {expected!r}"
        return
    assert expected_error is None, f"{op}: returned {got!r}, the model raises {expected_error}"
    if op.name == "search":
        _check_search(op, got, *expected)
    elif op.name == "find" and not op.args[1].ordered:
        _check_any_order(op, got, expected)
    else:
        assert got == expected, f"{op}: the store and the model disagree"
    records.clear()
    records.update(scratch)


def _check_search(op: Op, hits: list[Any], must: set[Key], may: set[Key]) -> None:
    limit = op.args[1]
    found = [(h.kind, h.id) for h in hits]
    assert len(set(found)) == len(found), f"{op}: a record found twice: {found}"
    assert len(found) <= limit, f"{op}: more hits than the limit"
    assert set(found) <= must | may, f"{op}: found {set(found) - must - may}, which do not match"
    if limit >= len(must | may):
        assert must <= set(found), f"{op}: missed {must - set(found)}"
    else:
        assert len(found) >= min(limit, len(must)), f"{op}: {len(found)} hits, too few"


def _check_any_order(op: Op, got: list[Any], matches: list[Any]) -> None:
    """An unordered find: some of the matches, each once, as many as the limit allows."""
    ids = [item.id for item in got]
    assert len(set(ids)) == len(ids), f"{op}: a record found twice: {ids}"
    assert all(item in matches for item in got), f"{op}: found records that do not match"
    limit = op.args[1].limit
    wanted = len(matches) if limit is None else min(limit, len(matches))
    assert len(got) == wanted, f"{op}: {len(got)} records, not {wanted}"


_MODEL: dict[str, Callable[..., Any]] = {
    "add": model_add,
    "update": model_update,
    "get": model_get,
    "find": model_find,
    "ids_with_prefix": model_prefix,
    "search": lambda records, text, limit: model_search(records, text),
}
_STORE: dict[str, Callable[..., Any]] = {
    "add": lambda s, item: s.add(item),
    "update": lambda s, item: s.update(item),
    "get": lambda s, kind, id_: s.get(kind, id_),
    "find": lambda s, kind, query: s.find(kind, query),
    "ids_with_prefix": lambda s, kind, prefix, limit: s.ids_with_prefix(kind, prefix, limit),
    "search": lambda s, text, limit: s.search(text, limit),
}

# ---------------------------------------------------------------- drawing operations


@functools.cache
def _aggregates(kind: type[Any], ids: tuple[str, ...]) -> st.SearchStrategy[Any]:
    """Records of ``kind`` with IDs from ``ids`` or random ones (made once: building
    hypothesis strategies costs more than drawing from them)."""
    id_ = st.sampled_from(ids) | strategies.ids
    if kind is Contact:
        return strategies.contacts(id_=id_)
    if kind is Target:
        return strategies.targets(id_=id_)
    if kind is Interview:
        contact_ids = st.sampled_from(CONTACT_POOL) | strategies.ids
        return strategies.interviews(id_=id_, contact_id=contact_ids)
    return strategies.profiles


class Draw:
    """Draws operations that fit one owner's current records."""

    def __init__(self, data: st.DataObject, known_bugs: frozenset[str]) -> None:
        self.data = data
        self.bugs = known_bugs
        self.ids = ID_POOL
        if "prefix-max-code-point" not in self.bugs:
            self.ids += MAX_CODE_POINT_IDS
        self.words = tuple(
            w for w in VOCABULARY if "search-casefold" not in self.bugs or len(fold(w)) == len(w)
        )

    def __call__(self, strategy: st.SearchStrategy[Any], label: str) -> Any:
        return self.data.draw(strategy, label=label)

    def item(self, kind: type[Any], id_: str | None = None) -> Any:
        """A record of ``kind``: with ``id_``, or an ID from the pool (or a random one)."""
        item = self(_aggregates(kind, self.ids), kind_name(kind))
        if kind is Profile:
            return item  # not searchable, and always "profile"
        if id_ is not None:
            item = attrs.evolve(item, id=id_)
        if isinstance(item, Interview):
            starts_at = self(st.none() | st.sampled_from(TRICKY_TIMES), "tricky start")
            if starts_at is not None:
                item = attrs.evolve(item, starts_at=starts_at)
        count = self(st.sampled_from([0, 1, 1, 2, 3]), "how many words")
        words = self(
            st.lists(st.sampled_from(self.words), min_size=count, max_size=count), "words"
        )
        if not words:
            return item
        if isinstance(item, Interview):
            note = Note(id="words", text=" ".join(words), at=T0)
            return attrs.evolve(item, notes=(*item.notes, note))
        return attrs.evolve(item, notes=f"{item.notes}\n{' '.join(words)}")

    def kind(self, records: Records | None = None) -> type[Any]:
        """A kind; one the owner has records of, more often than not."""
        kinds = (Contact, Target, Interview, Interview, Profile)
        present = sorted({k for k, _ in records or {}})
        if present and self(st.integers(0, 4), "a kind the owner has?") > 0:
            by_name = {kind_name(k): k for k in KINDS}
            kinds = tuple(by_name[k] for k in present)
        return self(st.sampled_from(kinds), "kind")

    def add(self, records: Records) -> Op:
        kind = self.kind()
        item = self.item(kind)
        version = self(st.sampled_from([0, 0, 0, 0, 0, 1, 2]), "version")
        return Op("add", (attrs.evolve(item, version=version),))

    def update(self, records: Records) -> Op:
        keys = sorted(records)
        if keys and self(st.integers(0, 9), "existing?") > 0:
            kind_id = self(st.sampled_from(keys), "record")
            kind = next(k for k in KINDS if kind_name(k) == kind_id[0])
            stored = records[kind_id].version
            version = self(
                st.sampled_from([stored, stored, stored, stored - 1, stored + 1, 0]), "version"
            )
            id_ = kind_id[1]
        else:
            kind, id_, version = self.kind(), self(st.sampled_from(self.ids), "id"), 1
        item = self.item(kind, id_)
        return Op("update", (attrs.evolve(item, version=max(version, 0)),))

    def get(self, records: Records) -> Op:
        keys = sorted(records)
        if keys and self(st.integers(0, 2), "existing?") > 0:
            kind_id = self(st.sampled_from(keys), "record")
            kind = next(k for k in KINDS if kind_name(k) == kind_id[0])
            return Op("get", (kind, kind_id[1]))
        return Op("get", (self.kind(), self(st.sampled_from([*self.ids, "profile"]), "id")))

    def find(self, records: Records) -> Op:
        kind = self.kind(records)
        items = list(records.values())
        names = ["status", "contact_id", "ref", "at_from", "at_to", "label"]
        if self(st.integers(0, 4), "fields that fit the kind?") > 0:
            fitting = {Interview: names[:5], Contact: ["ref", "label"], Target: ["label"]}
            names = fitting.get(kind, names)
        size = min(self(st.sampled_from([0, 1, 1, 1, 2]), "how many query fields"), len(names))
        fields = self(st.sets(st.sampled_from(names), min_size=size, max_size=size), "fields")
        values: dict[str, Any] = {}
        if "status" in fields:
            values["status"] = self(st.frozensets(st.sampled_from(STATUSES), max_size=3), "status")
        if "contact_id" in fields:
            ids = [i.contact_id for i in items if isinstance(i, Interview)] + list(CONTACT_POOL)
            values["contact_id"] = self(st.sampled_from(ids), "contact_id")
        if "ref" in fields:
            refs = sorted({r for i in items for r in _refs(i)}) + list(self.ids)
            values["ref"] = self(st.sampled_from(refs), "ref")
        for edge in ("at_from", "at_to"):
            if edge in fields:
                values[edge] = self.time(items)
        if "label" in fields:
            names = [i.name for i in items if isinstance(i, Contact | Target)]
            variants = [v for n in names for v in (n, n.upper(), n.casefold(), n.swapcase())]
            named = st.sampled_from(variants) if variants else st.nothing()
            values["label"] = self(named | named | strategies.names, "label")
        limit = self(st.sampled_from([None, None, None, 1, 2, 3]), "limit")
        ordered = self(st.sampled_from([True, True, False]), "ordered")
        return Op("find", (kind, Query(**values, limit=limit, ordered=ordered)))

    def time(self, items: Iterable[Any]) -> datetime:
        ats = [at for i in items if (at := _at(i)) is not None]
        near = st.nothing()
        if ats:
            near = st.builds(
                lambda at, shift, zone: (at + timedelta(microseconds=shift)).astimezone(zone),
                st.sampled_from(ats),
                st.sampled_from([0, 0, -1, 1]),
                st.sampled_from([UTC, _PARIS, ZoneInfo("Asia/Tokyo")]),
            )
        when = self(near | near | st.sampled_from(TRICKY_TIMES) | strategies.datetimes, "time")
        if "wall-clock-filter" in self.bugs:
            when = when.astimezone(UTC)
        return when

    def ids_with_prefix(self, records: Records) -> Op:
        kind = self.kind(records)
        ids = [i for k, i in records if k == kind_name(kind)]
        prefixes = sorted({i[:n] for i in ids for n in range(len(i) + 1)} | set(PREFIXES))
        if "prefix-max-code-point" in self.bugs:
            prefixes = [p for p in prefixes if "\U0010ffff" not in p]
        prefix = self(st.sampled_from(prefixes), "prefix")
        return Op("ids_with_prefix", (kind, prefix, self(st.integers(0, 4), "limit")))

    def search(self, records: Records) -> Op:
        folded = {fold(w): w for w in self.words}
        present = sorted(
            {folded[w] for i in records.values() for w in _searchable_words(i) if w in folded}
        )
        words = st.sampled_from(self.words)
        term = st.builds(
            lambda word, length, case: case(word[:length]),
            (st.sampled_from(present) | words) if present else words,
            st.integers(2, 8),
            st.sampled_from([str, str.upper, str.lower, fold]),
        )
        terms = st.lists(term, min_size=1, max_size=2).map(" ".join)
        text = self(
            terms
            | terms
            | terms
            | st.sampled_from(["", '"*) OR NEAR(', "quokka*", "-zephyr", "note"])
            | strategies.lines,
            "search",
        )
        return Op("search", (text, self(st.sampled_from([1, 2, 50]), "limit")))

    def any(self, records: Records, *, writes: bool = True) -> Op:
        names = ["get", "find", "ids_with_prefix", "search"]
        if writes:
            names += ["add", "add", "update", "update"]
        operation: Callable[[Records], Op] = getattr(
            self, self(st.sampled_from(names), "operation")
        )
        return operation(records)


# ---------------------------------------------------------------- the machine


class StoreMachine(RuleBasedStateMachine):
    """Random operations on a store, each checked against the model."""

    make_store: Callable[[], Store]
    """Makes the store of one run (a fresh one, or a shared one: owners are new each run)."""
    close_store = True
    known_bugs: frozenset[str] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        self.store = type(self).make_store()
        run = uuid.uuid4().hex[:8]
        self.owners = {name: f"{run}-{name}" for name in OWNERS}
        self.model: dict[str, Records] = {name: {} for name in OWNERS}

    def teardown(self) -> None:
        if type(self).close_store:
            self.store.close()

    def _owner(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from((OWNERS[0], *OWNERS)), label="owner")

    def _draw(self, data: st.DataObject) -> Draw:
        return Draw(data, type(self).known_bugs)

    def _one(self, data: st.DataObject, operation: str, *, write: bool) -> None:
        owner = self._owner(data)
        op = getattr(self._draw(data), operation)(self.model[owner])
        with self.store.session(self.owners[owner], write=write) as s:
            perform(s, self.model[owner], op)

    @initialize(data=st.data())
    def a_few_records_each(self, data: st.DataObject) -> None:
        """Every owner starts with a few records (added, and checked, as any add)."""
        draw = self._draw(data)
        for name in OWNERS:
            with self.store.session(self.owners[name], write=True) as s:
                most = 6 if name == OWNERS[0] else 3
                for _ in range(data.draw(st.integers(0, most), label=f"{name}'s records")):
                    perform(s, self.model[name], draw.add(self.model[name]))

    @rule(data=st.data())
    def add(self, data: st.DataObject) -> None:
        self._one(data, "add", write=True)

    @rule(data=st.data())
    def update(self, data: st.DataObject) -> None:
        self._one(data, "update", write=True)

    @rule(data=st.data())
    def get(self, data: st.DataObject) -> None:
        self._one(data, "get", write=False)

    @rule(data=st.data())
    def find(self, data: st.DataObject) -> None:
        self._one(data, "find", write=False)

    @rule(data=st.data())
    def ids_with_prefix(self, data: st.DataObject) -> None:
        self._one(data, "ids_with_prefix", write=False)

    @rule(data=st.data())
    def search(self, data: st.DataObject) -> None:
        self._one(data, "search", write=False)

    @rule(data=st.data())
    def several_in_one_session(self, data: st.DataObject) -> None:
        """A session of several operations, some refused: it reads its own writes and
        commits the ones that succeeded."""
        owner, draw = self._owner(data), self._draw(data)
        working = dict(self.model[owner])
        with self.store.session(self.owners[owner], write=True) as s:
            for _ in range(data.draw(st.integers(2, 5), label="operations")):
                perform(s, working, draw.any(working))
        self.model[owner] = working

    @rule(data=st.data())
    def a_failing_session_rolls_back(self, data: st.DataObject) -> None:
        """A session that raises after writing: none of its writes remain."""
        owner, draw = self._owner(data), self._draw(data)
        working = dict(self.model[owner])
        try:
            with self.store.session(self.owners[owner], write=True) as s:
                for _ in range(data.draw(st.integers(1, 4), label="operations")):
                    perform(s, working, draw.any(working))
                raise _Abort
        except _Abort:
            pass
        else:  # pragma: no cover - the session swallowed the exception
            raise AssertionError("the session did not re-raise")

    @invariant()
    def every_owner_holds_what_the_model_holds(self) -> None:
        for name, owner in self.owners.items():
            with self.store.session(owner) as s:
                for kind in KINDS:
                    assert s.find(kind) == model_find(self.model[name], kind, Query()), (
                        f"{name}'s {kind_name(kind)} records differ from the model"
                    )


def run_store_machine(
    make_store: Callable[[], Store],
    *,
    close_store: bool = True,
    known_bugs: Iterable[str] = (),
    max_examples: int = 30,
    steps: int = 20,
) -> None:
    """Run the machine on stores made by ``make_store``."""
    bugs = frozenset(known_bugs)
    assert bugs <= set(KNOWN_BUGS), bugs - set(KNOWN_BUGS)
    machine = type(
        "Machine",
        (StoreMachine,),
        {"make_store": staticmethod(make_store), "close_store": close_store, "known_bugs": bugs},
    )
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=max_examples,
            stateful_step_count=steps,
            deadline=None,
            suppress_health_check=[
                HealthCheck.too_slow,
                HealthCheck.data_too_large,
                HealthCheck.filter_too_much,
            ],
        ),
    )


# ---------------------------------------------------------------- the bugs, one by one


def check_prefix_max_code_point(store: Store) -> None:
    """ids_with_prefix lists IDs whose next character is U+10FFFF (the model's answer)."""
    with store.session("prefix", write=True) as s:
        for id_ in ("ab", *MAX_CODE_POINT_IDS):
            s.add(Contact(id=id_, name=f"Holder of {id_!r}"))
    with store.session("prefix") as s:
        assert s.ids_with_prefix(Contact, "a", 5) == sorted(("ab", *MAX_CODE_POINT_IDS))


def check_search_casefold(store: Store) -> None:
    """Search finds a word whose case folding changes it (ß is ss, ﬁ is fi), as typed."""
    with store.session("words", write=True) as s:
        s.add(Contact(id="c1", name="Anna Schmidt", notes="Office on the Hauptstraße"))
        s.add(Contact(id="c2", name="Filip Nowak", notes="Works in ﬁnance"))
    with store.session("words") as s:
        for text, found in [("Hauptstraße", "c1"), ("hauptstrasse", "c1"), ("finance", "c2")]:
            assert [h.id for h in s.search(text)] == [found], text


def check_wall_clock_filter(store: Store) -> None:
    """Query.at_from and at_to compare instants, also within the hour that repeats when
    clocks go back: 02:30 the second time (01:30 UTC) comes after 02:45 the first time
    (00:45 UTC)."""
    second_0230 = datetime(2026, 10, 25, 2, 30, tzinfo=_PARIS, fold=1)
    first_0245 = datetime(2026, 10, 25, 2, 45, tzinfo=_PARIS)
    with store.session("clocks", write=True) as s:
        s.add(
            Interview(
                id="i1",
                contact_id="c1",
                history=(StatusChange(status=Status.SCHEDULED, at=T0),),
                starts_at=second_0230,
            )
        )
    with store.session("clocks") as s:
        assert [i.id for i in s.find(Interview, Query(at_from=first_0245))] == ["i1"]
        assert s.find(Interview, Query(at_to=first_0245)) == []


def check_underscore_joins_a_word(store: Store) -> None:
    """A word of search (``\\w+``, as :func:`infoint.storage.search_terms` cuts words) may
    hold an underscore: "bar" is not the start of a word in "foo_bar"."""
    with store.session("underscore", write=True) as s:
        s.add(Contact(id="c1", name="Bo", notes="see foo_bar"))
    with store.session("underscore") as s:
        assert [h.id for h in s.search("foo_bar")] == ["c1"]
        assert s.search("bar") == []


BUG_CHECKS: dict[str, Callable[[Store], None]] = {
    "prefix-max-code-point": check_prefix_max_code_point,
    "search-casefold": check_search_casefold,
    "wall-clock-filter": check_wall_clock_filter,
    "underscore-joins-a-word": check_underscore_joins_a_word,
}
"""A check for each bug the machine knows of (and one more that search has)."""
