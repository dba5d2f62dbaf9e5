"""The Store contract: what every storage backend must do, as a test suite.

Subclass :class:`StoreContract` in your plugin's tests and provide a
``store`` fixture that returns a fresh, empty store::

    import pytest
    from infoint.testing.contract import StoreContract

    class TestMyStore(StoreContract):
        @pytest.fixture
        def store(self, tmp_path):
            s = MyStore(f"my://{tmp_path}/db")
            yield s
            s.close()

Both built-in stores pass it; so must any third party's. Needs pytest and
hypothesis (``pip install infoint[testing]``).
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoint.errors import Conflict, NotFound
from infoint.model import (
    Contact,
    Interview,
    Note,
    Profile,
    ResearchNote,
    ResearchSubject,
    Status,
    StatusChange,
    Target,
    TargetKind,
)
from infoint.storage import Query, Store
from infoint.testing import strategies

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

_reuse_store = settings(
    max_examples=40,
    deadline=None,
    # The suite runs once per store subclass: the same test on differing executors is by design.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.differing_executors,
    ],
)


def _owner() -> str:
    # A fresh owner per example: the store fixture is shared by hypothesis's examples.
    return "owner-" + uuid.uuid4().hex


def _contact(id_: str = "c1", name: str = "Grace Hopper", **kw: Any) -> Contact:
    return Contact(id=id_, name=name, **kw)


def _interview(
    id_: str = "i1",
    contact_id: str = "c1",
    status: Status = Status.IDEA,
    starts_at: datetime | None = None,
    notes: tuple[str, ...] = (),
    **kw: Any,
) -> Interview:
    return Interview(
        id=id_,
        contact_id=contact_id,
        history=(StatusChange(status=status, at=T0),),
        starts_at=starts_at,
        notes=tuple(Note(id=f"{id_}-n{k}", text=t, at=T0) for k, t in enumerate(notes)),
        **kw,
    )


class StoreContract:
    """The suite. Subclasses provide the ``store`` fixture (a fresh, empty store)."""

    @pytest.fixture
    def store(self) -> Store:
        raise NotImplementedError("a StoreContract subclass provides the 'store' fixture")

    # ------------------------------------------------------------ round trips

    @_reuse_store
    @given(item=strategies.aggregates)
    def test_every_aggregate_survives_a_round_trip(self, store: Store, item: Any) -> None:
        owner = _owner()
        with store.session(owner, write=True) as s:
            added = s.add(item)
        assert added == attrs.evolve(item, version=1)
        with store.session(owner) as s:
            assert s.get(type(item), item.id) == added

    @_reuse_store
    @given(
        first=strategies.interviews(id_=st.just("i1")),
        second=strategies.interviews(id_=st.just("i1")),
    )
    def test_an_update_replaces_the_whole_document(
        self, store: Store, first: Interview, second: Interview
    ) -> None:
        owner = _owner()
        with store.session(owner, write=True) as s:
            s.add(first)
        with store.session(owner, write=True) as s:
            updated = s.update(attrs.evolve(second, version=1))
        assert updated.version == 2
        with store.session(owner) as s:
            assert s.get(Interview, "i1") == attrs.evolve(second, version=2)

    # ------------------------------------------------------------ versions

    def test_versions_start_at_one_and_grow(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            first = s.add(_contact())
            second = s.update(attrs.evolve(first, role="Admiral"))
        assert (first.version, second.version) == (1, 2)

    def test_a_stale_update_is_a_conflict(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            stored = s.add(_contact())
        with store.session("ann", write=True) as s:
            s.update(attrs.evolve(stored, role="first writer"))
        with pytest.raises(Conflict), store.session("ann", write=True) as s:
            s.update(attrs.evolve(stored, role="second writer"))
        with store.session("ann") as s:
            assert s.get(Contact, "c1").role == "first writer"

    def test_adding_a_taken_id_is_a_conflict(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_contact())
        with pytest.raises(Conflict), store.session("ann", write=True) as s:
            s.add(_contact(name="Someone Else"))

    def test_adding_with_a_version_is_a_conflict(self, store: Store) -> None:
        with pytest.raises(Conflict), store.session("ann", write=True) as s:
            s.add(attrs.evolve(_contact(), version=3))

    def test_updating_a_missing_record_is_not_found(self, store: Store) -> None:
        with pytest.raises(NotFound), store.session("ann", write=True) as s:
            s.update(attrs.evolve(_contact(), version=1))

    def test_getting_a_missing_record_is_not_found(self, store: Store) -> None:
        with pytest.raises(NotFound), store.session("ann") as s:
            s.get(Contact, "nobody")

    def test_remove_deletes_a_record_and_its_search_words(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_contact("c1", notes="compilers"))
            s.add(_contact("c2", "Ada Lovelace", notes="engines", introducer_id="c1"))
            stored = s.add(_contact("c3", "Ada Byron", notes="sailing", introducer_id="c1"))
            s.add(Target(id="c3", kind=TargetKind.COMPANY, name="Acme", notes="sailing"))
        with store.session("ann", write=True) as s:
            s.remove(Contact, "c3", stored.version)
            assert s.ids_with_prefix(Contact, "c", limit=5) == ["c1", "c2"]  # its own writes
        with store.session("ann") as s:
            with pytest.raises(NotFound):
                s.get(Contact, "c3")
            assert [c.id for c in s.find(Contact)] == ["c2", "c1"]
            assert [c.id for c in s.find(Contact, Query(ref="c1"))] == ["c2"]
            assert s.find(Contact, Query(label="Ada Byron")) == []
            assert [(h.kind, h.id) for h in s.search("sailing")] == [("target", "c3")]
            assert s.ids_with_prefix(Contact, "c3") == []
            assert s.get(Target, "c3").name == "Acme"  # the same ID of another kind stays
        with store.session("ann", write=True) as s:
            # The ID is free again, and the new record does not inherit the old one's words.
            s.add(_contact("c4", "Cy", notes="gardening"))
            again = s.add(_contact("c3", "Ada Byron", notes="rowing"))
        assert again.version == 1
        with store.session("ann") as s:
            assert [(h.kind, h.id) for h in s.search("sailing")] == [("target", "c3")]
            assert [h.id for h in s.search("rowing")] == ["c3"]
            assert [h.id for h in s.search("gardening")] == ["c4"]
            assert [c.id for c in s.find(Contact, Query(label="ada byron"))] == ["c3"]

    def test_a_record_added_and_removed_in_one_session_is_gone(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            added = s.add(_contact(notes="compilers"))
            s.remove(Contact, "c1", added.version)
            assert s.find(Contact) == []
            assert s.search("compilers") == []
            with pytest.raises(NotFound):
                s.remove(Contact, "c1", added.version)
        with store.session("ann") as s:
            assert s.find(Contact) == []
            assert s.search("compilers") == []

    def test_remove_with_a_stale_version_is_a_conflict(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            stored = s.add(_contact(notes="compilers"))
        with store.session("ann", write=True) as s:
            s.update(attrs.evolve(stored, role="Admiral"))
        with pytest.raises(Conflict), store.session("ann", write=True) as s:
            s.remove(Contact, "c1", stored.version)
        with store.session("ann") as s:
            assert s.get(Contact, "c1").role == "Admiral"
            assert [h.id for h in s.search("compilers")] == ["c1"]

    def test_removing_a_missing_record_is_not_found(self, store: Store) -> None:
        with pytest.raises(NotFound), store.session("ann", write=True) as s:
            s.remove(Contact, "nobody", 1)

    def test_removing_another_owners_record_is_not_found(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            stored = s.add(_contact(notes="compilers"))
        with pytest.raises(NotFound), store.session("bob", write=True) as s:
            s.remove(Contact, "c1", stored.version)
        with store.session("bob", write=True) as s:
            bobs = s.add(_contact(name="Bob's own Grace", notes="compilers"))
        with store.session("bob", write=True) as s:
            s.remove(Contact, "c1", bobs.version)
        with store.session("ann") as s:
            assert s.get(Contact, "c1") == stored
            assert [h.id for h in s.search("compilers")] == ["c1"]
            assert s.ids_with_prefix(Contact, "c") == ["c1"]
        with store.session("bob") as s:
            assert s.find(Contact) == []
            assert s.search("compilers") == []

    def test_a_removal_in_a_failed_session_is_undone(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            stored = s.add(_contact(notes="compilers", introducer_id="c9"))
        with pytest.raises(RuntimeError), store.session("ann", write=True) as s:
            s.remove(Contact, "c1", stored.version)
            raise RuntimeError("boom")
        with store.session("ann") as s:
            assert s.get(Contact, "c1") == stored
            assert s.find(Contact, Query(ref="c9")) == [stored]
            assert [h.id for h in s.search("compilers")] == ["c1"]
            assert s.ids_with_prefix(Contact, "c") == ["c1"]

    def test_same_id_in_two_kinds_are_two_records(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_contact(id_="x1"))
            s.add(Target(id="x1", kind=TargetKind.COMPANY, name="Acme"))
        with store.session("ann") as s:
            assert s.get(Contact, "x1").name == "Grace Hopper"
            assert s.get(Target, "x1").name == "Acme"

    # ------------------------------------------------------------ transactions

    def test_a_failed_session_writes_nothing(self, store: Store) -> None:
        with pytest.raises(RuntimeError), store.session("ann", write=True) as s:
            s.add(_contact(id_="c1"))
            s.add(_contact(id_="c2", name="Ada"))
            raise RuntimeError("boom")
        with store.session("ann") as s:
            assert s.find(Contact) == []
            assert s.search("Grace") == []

    def test_a_bulk_add_with_one_bad_record_adds_none(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_contact(id_="c0"))
        batch = [_contact(id_=f"c{k}", name=f"Person {k}") for k in range(1, 50)]
        batch.append(_contact(id_="c0", name="Duplicate"))
        with pytest.raises(Conflict), store.session("ann", write=True) as s:
            for contact in batch:
                s.add(contact)
        with store.session("ann") as s:
            assert [c.id for c in s.find(Contact)] == ["c0"]

    def test_add_all_adds_every_record_or_none(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            added = s.add_all([_contact(id_=f"c{k}", name=f"Person {k}") for k in range(30)])
        assert [c.version for c in added] == [1] * 30
        batch = [_contact(id_=f"d{k}", name=f"Other {k}") for k in range(20)]
        batch.append(_contact(id_="c3", name="Taken"))
        with pytest.raises(Conflict), store.session("ann", write=True) as s:
            s.add_all(batch)
        with store.session("ann") as s:
            assert sorted(c.id for c in s.find(Contact)) == sorted(f"c{k}" for k in range(30))

    def test_a_record_got_in_a_write_session_is_held_until_it_ends(self, store: Store) -> None:
        """Another write session cannot change it in between: the update of what was
        read is never a Conflict (writes by ID rely on it)."""
        with store.session("ann", write=True) as s:
            s.add(_contact())
        got = threading.Event()
        other_began = threading.Event()
        errors: list[BaseException] = []

        def other() -> None:
            try:
                assert got.wait(30)
                other_began.set()
                with store.session("ann", write=True) as s:
                    current = s.get(Contact, "c1")
                    s.update(attrs.evolve(current, role="second"))
            except BaseException as err:  # pragma: no cover - reported below
                errors.append(err)

        thread = threading.Thread(target=other)
        thread.start()
        with store.session("ann", write=True) as s:
            current = s.get(Contact, "c1")
            got.set()
            assert other_began.wait(30)
            time.sleep(0.2)  # the other session is trying now, if it can
            s.update(attrs.evolve(current, role="first"))
        thread.join(30)
        assert errors == []
        with store.session("ann") as s:
            final = s.get(Contact, "c1")
        assert (final.role, final.version) == ("second", 3)

    def test_a_session_reads_its_own_writes(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            added = s.add(_contact())
            assert s.get(Contact, "c1") == added
            assert s.find(Contact) == [added]
            assert s.ids_with_prefix(Contact, "c") == ["c1"]
            s.update(attrs.evolve(added, notes="likes compilers"))
            assert [h.id for h in s.search("compilers")] == ["c1"]

    def test_sessions_from_many_threads_lose_nothing(self, store: Store) -> None:
        errors: list[BaseException] = []

        def work(owner: str) -> None:
            try:
                for k in range(10):
                    with store.session(owner, write=True) as s:
                        s.add(_contact(id_=f"c{k}", name=f"{owner} {k}"))
            except BaseException as err:  # pragma: no cover - reported below
                errors.append(err)

        threads = [threading.Thread(target=work, args=(f"t{n}",)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        for n in range(4):
            with store.session(f"t{n}") as s:
                names = {c.name for c in s.find(Contact)}
            assert names == {f"t{n} {k}" for k in range(10)}

    # ------------------------------------------------------------ owners

    def test_one_owner_never_sees_another_owners_records(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_contact(notes="secret pipeline plans"))
            s.add(_interview(notes=("secret salary talk",)))
            s.add(Profile(name="Ann", pitch="I build bridges"))
        with store.session("bob") as s:
            kinds: list[tuple[type[Any], str]] = [
                (Contact, "c1"),
                (Interview, "i1"),
                (Profile, "profile"),
            ]
            for kind, id_ in kinds:
                with pytest.raises(NotFound):
                    s.get(kind, id_)
                assert s.find(kind) == []
                assert s.ids_with_prefix(kind, "") == []
            assert s.search("secret") == []

    def test_one_owner_cannot_change_another_owners_records(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            stored = s.add(_contact())
        with pytest.raises(NotFound), store.session("bob", write=True) as s:
            s.update(attrs.evolve(stored, name="Hijacked"))
        with store.session("bob", write=True) as s:
            s.add(_contact(name="Bob's own Grace"))  # the same ID is free for another owner
        with store.session("ann") as s:
            assert s.get(Contact, "c1").name == "Grace Hopper"

    # ------------------------------------------------------------ queries

    def test_find_filters_by_status_contact_ref_and_time(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_interview("i1", "c1", Status.IDEA, target_ids=("t1",)))
            s.add(_interview("i2", "c1", Status.SCHEDULED, starts_at=T0 + timedelta(days=2)))
            s.add(
                _interview(
                    "i3", "c2", Status.HELD, starts_at=T0 + timedelta(days=1), target_ids=("t1",)
                )
            )
        with store.session("ann") as s:

            def ids(query: Query) -> list[str]:
                return [i.id for i in s.find(Interview, query)]

            assert ids(Query()) == ["i3", "i2", "i1"]  # by start time, unscheduled last
            assert ids(Query(status={"idea", "held"})) == ["i3", "i1"]
            assert ids(Query(contact_id="c1")) == ["i2", "i1"]
            assert ids(Query(ref="t1")) == ["i3", "i1"]
            assert ids(Query(ref="c2")) == ["i3"]
            assert ids(Query(at_from=T0 + timedelta(days=1, hours=1))) == ["i2"]
            assert ids(Query(at_to=T0 + timedelta(days=2))) == ["i3"]
            assert ids(Query(limit=2)) == ["i3", "i2"]

    @_reuse_store
    @given(
        statuses=st.lists(st.sampled_from([Status.HELD, Status.CLOSED, Status.IDEA]), max_size=7),
        limit=st.none() | st.integers(1, 8),
    )
    def test_an_unordered_find_returns_any_of_the_matches_up_to_the_limit(
        self, store: Store, statuses: list[Status], limit: int | None
    ) -> None:
        owner = _owner()
        with store.session(owner, write=True) as s:
            for k, status in enumerate(statuses):
                # Every other one about t1; the others only refer to it (their contact).
                target_ids = ("t1",) if k % 2 else ()
                contact_id = "c1" if k % 2 else "t1"
                s.add(_interview(f"i{k}", contact_id, status, target_ids=target_ids))
        with store.session(_owner(), write=True) as s:  # another owner's never count
            s.add(_interview("x1", "t1", Status.HELD, target_ids=("t1",)))
        query = Query(ref="t1", status={"held", "closed"}, limit=limit, ordered=False)
        with store.session(owner) as s:
            matches = s.find(Interview, attrs.evolve(query, limit=None, ordered=True))
            found = s.find(Interview, query)
        ids = [i.id for i in found]
        assert len(set(ids)) == len(ids), f"a record found twice: {ids}"
        assert all(i in matches for i in found), "found records that do not match"
        assert len(found) == (len(matches) if limit is None else min(limit, len(matches)))

    def test_times_in_different_zones_sort_by_instant(self, store: Store) -> None:
        tokyo = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
        new_york = datetime(2026, 3, 1, 19, 0, tzinfo=ZoneInfo("America/New_York"))
        # 08:00 in Tokyo is 23:00 UTC the day before; 19:00 in New York is 00:00 UTC.
        with store.session("ann", write=True) as s:
            s.add(_interview("ny", starts_at=new_york))
            s.add(_interview("tokyo", starts_at=tokyo))
        with store.session("ann") as s:
            assert [i.id for i in s.find(Interview)] == ["tokyo", "ny"]
            found = s.get(Interview, "tokyo").starts_at
            assert found == tokyo
            assert found is not None and found.utcoffset() == timedelta(hours=9)

    def test_find_by_label_ignores_case_and_sorts_by_name(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_contact("c1", "Zoë Adams"))
            s.add(_contact("c2", "ada lovelace"))
            s.add(_contact("c3", "Ada Lovelace"))
        with store.session("ann") as s:
            assert [c.id for c in s.find(Contact)] == ["c2", "c3", "c1"]
            assert [c.id for c in s.find(Contact, Query(label="ADA LOVELACE"))] == ["c2", "c3"]
            assert [c.id for c in s.find(Contact, Query(label="zoë adams"))] == ["c1"]

    def test_g25_find_by_label_ignores_accents_case_and_spacing(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_contact("c1", "Zoë  Ñúñez"))
            s.add(_contact("c2", "Zoe Nunez-Diaz"))
            s.add(Target(id="t1", kind=TargetKind.COMPANY, name="Société  Générale"))
        with store.session("ann") as s:
            for typed in ("zoe nunez", "ZOË ÑÚÑEZ", "  Zoe\tNuñez ", "Zoë  Ñúñez"):
                assert [c.id for c in s.find(Contact, Query(label=typed))] == ["c1"], typed
            assert [t.id for t in s.find(Target, Query(label="societe generale"))] == ["t1"]
            assert s.find(Contact, Query(label="zoe")) == []  # the whole name, not a part
            assert s.find(Contact, Query(label="zoenunez")) == []  # spacing, not spaces

    def test_ids_with_prefix(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            for id_ in ("abc1", "abc2", "abd3", "b%_x"):
                s.add(_contact(id_))
        with store.session("ann") as s:
            assert s.ids_with_prefix(Contact, "ab", limit=5) == ["abc1", "abc2", "abd3"]
            assert s.ids_with_prefix(Contact, "abc", limit=1) == ["abc1"]
            assert s.ids_with_prefix(Contact, "abd") == ["abd3"]
            assert s.ids_with_prefix(Contact, "b%") == ["b%_x"]
            assert s.ids_with_prefix(Contact, "%") == []
            assert s.ids_with_prefix(Interview, "ab") == []

    # ------------------------------------------------------------ search

    def test_search_finds_words_by_prefix_ignoring_case_and_accents(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            s.add(_interview("i1", notes=("The Café team ships DATA pipelines weekly",)))
            s.add(_interview("i2", notes=("Nothing to see here",)))
            s.add(
                _interview(
                    "i3",
                    research=(
                        ResearchNote(
                            subject=ResearchSubject.ORGANIZATION, text="pipeline of hires"
                        ),
                    ),
                )
            )
        with store.session("ann") as s:
            assert {h.id for h in s.search("cafe")} == {"i1"}
            assert {h.id for h in s.search("pipeline")} == {"i1", "i3"}
            assert {h.id for h in s.search("data pipe")} == {"i1"}
            assert {h.id for h in s.search("data hires")} == set()
            assert s.search("") == []
            assert s.search('"*) OR NEAR(') == []  # search syntax is never passed through
            hit = s.search("weekly")[0]
            assert hit.kind == "interview"
            assert "weekly" in hit.snippet

    def test_search_follows_updates(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            stored = s.add(_interview("i1", notes=("old words",)))
        with store.session("ann", write=True) as s:
            note = Note(id="n-new", text="fresh insight", at=T0)
            s.update(attrs.evolve(stored, notes=(note,)))
        with store.session("ann") as s:
            assert s.search("old") == []
            assert [h.id for h in s.search("fresh insight")] == ["i1"]

    def test_search_respects_the_limit(self, store: Store) -> None:
        with store.session("ann", write=True) as s:
            for k in range(5):
                s.add(_interview(f"i{k}", notes=("mentor said hello",)))
        with store.session("ann") as s:
            assert len(s.search("mentor", limit=3)) == 3

    # ------------------------------------------------------------ G25: joining two contacts

    def test_g25_contact_merge_moves_every_reference(self, store: Store) -> None:
        """``Workspace.merge_contacts`` on this store: channels united; interviews,
        referrals, requests arranged through them, introductions and follow-ups moved;
        the other contact removed, all in one transaction."""
        from infoint.model import Channel
        from infoint.plugins import make_plugin_manager
        from infoint.workspace import Workspace

        now = {"at": T0}
        ws = Workspace(
            store,
            _owner(),
            plugins=make_plugin_manager(entry_points=False, disabled=[]),
            clock=lambda: now["at"],
        )
        keep = ws.add_contact("Zoë Ñúñez", organization="Mercy Health")
        other = ws.add_contact(
            "Zoe Nunez", channels=[Channel(kind="email", value="zoe@mercy.example")], new=True
        )
        friend = ws.add_contact("Ada Lovelace", introducer=other.id)
        with_other = ws.plan_interview(other, targets=["company:Mercy"], purposes=["skills"])
        ws.request_interview(with_other.id, channel="networking-contact", via=friend.id)
        ws.schedule_interview(with_other.id, starts_at=T0 + timedelta(hours=1))
        with_friend = ws.plan_interview(friend, targets=["company:Mercy"], purposes=["skills"])
        ws.request_interview(with_friend.id, channel="networking-contact", via=other.id)
        ws.schedule_interview(with_friend.id, starts_at=T0 + timedelta(hours=1))
        now["at"] = T0 + timedelta(hours=2)
        ws.hold_interview(with_other.id)
        ws.hold_interview(with_friend.id)
        ws.add_referral(with_friend.id, contact=other.id)
        now["at"] = T0 + timedelta(days=20)
        ws.log_follow_up(other.id, channel="email")

        other = ws.contact(other.id)
        preview = ws.merge_contacts(keep.id, other.id, dry_run=True)
        assert ws.contact(other.id) == other  # a dry run changes nothing
        done = ws.merge_contacts(keep.id, other.id)
        assert (preview.interviews, preview.referrals, preview.requests, preview.contacts) == (
            done.interviews,
            done.referrals,
            done.requests,
            done.contacts,
        )
        assert (done.interviews, done.referrals, done.requests, done.contacts) == (
            (with_other.id,),
            (with_friend.id,),
            (with_friend.id,),
            (friend.id,),
        )
        assert (done.follow_ups, done.gained) == (1, ("email",))
        with pytest.raises(NotFound):
            ws.contact(other.id)
        kept = ws.contact(keep.id)
        assert kept.channel("email") == "zoe@mercy.example"
        moved = ws.interview(with_other.id)
        assert (moved.contact_id, len(moved.follow_ups)) == (keep.id, 1)
        referred = ws.interview(with_friend.id)
        assert [r.contact_id for r in referred.referrals] == [keep.id]
        assert referred.request is not None and referred.request.via == keep.id
        assert ws.contact(friend.id).introducer_id == keep.id
        assert [c.id for c in ws.interviews(contact=keep.id)] == [with_other.id]
        names = {c.name for c in ws.contacts()}
        assert names == {"Zoë Ñúñez", "Ada Lovelace"}
        assert all(hit.id != other.id for hit in ws.search("nunez"))
