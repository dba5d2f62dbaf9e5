"""The referral network (G4, G16): tree, chain, pending people, Mermaid."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint.errors import NotFound
from infoint.model import Contact, Interview, Status, StatusChange
from infoint.network import build_network, chain, mermaid, pending, tree_lines

T0 = datetime(2026, 5, 1, tzinfo=UTC)

ADA = Contact(id="a1", name="Ada Lovelace", organization="Engines")
GRACE = Contact(id="g1", name="Grace Hopper", referred_by_id="a1")
LINUS = Contact(id="l1", name="Linus", introducer_id="a1")
ZED = Contact(id="z1", name='Zed "Z" <b>Bold</b> & Co', referred_by_id="g1")
PEOPLE = [ZED, LINUS, GRACE, ADA]


def _asked(contact_id: str, status: Status = Status.REQUESTED) -> Interview:
    return Interview(
        id=f"i-{contact_id}",
        contact_id=contact_id,
        history=(StatusChange(status=Status.IDEA, at=T0), StatusChange(status=status, at=T0)),
    )


def test_g16_the_network_is_a_tree_of_referrals_and_introductions() -> None:
    lines = tree_lines(build_network(PEOPLE, [_asked("g1")]))
    assert lines == [
        "Ada Lovelace [Engines]",
        "├── Grace Hopper (referred)",
        '│   └── Zed "Z" <b>Bold</b> & Co (referred, not contacted yet)',
        "└── Linus (introduced, not contacted yet)",
    ]


def test_g16_chain_from_the_seeker_to_any_contact() -> None:
    assert [c.id for c in chain(PEOPLE, "z1")] == ["a1", "g1", "z1"]
    assert [c.id for c in chain(PEOPLE, "a1")] == ["a1"]
    with pytest.raises(NotFound):
        chain(PEOPLE, "nobody")


def test_g16_pending_people_were_pointed_to_but_not_asked() -> None:
    assert [c.id for c in pending(PEOPLE, [_asked("g1")])] == ["l1", "z1"]
    idea_only = _asked("l1", Status.IDEA)
    assert [c.id for c in pending(PEOPLE, [idea_only])] == ["g1", "l1", "z1"]


def test_mermaid_escapes_names_and_marks_pending_people() -> None:
    graph = mermaid(build_network(PEOPLE, [_asked("g1")]))
    assert graph.startswith("graph TD\n")
    assert 'c_z1["Zed #quot;Z#quot; #lt;b#gt;Bold#lt;/b#gt; #amp; Co"]' in graph
    assert "c_a1 -->|referred| c_g1" in graph
    assert "c_a1 -->|introduced| c_l1" in graph
    assert graph.splitlines()[-1] == "    class c_a1,c_z1,c_l1 pending"
    assert "c_g1" not in graph.splitlines()[-1]  # Grace was asked: drawn solid


def test_a_cycle_in_bad_data_loses_nobody() -> None:
    one = Contact(id="x", name="X", referred_by_id="y")
    two = Contact(id="y", name="Y", referred_by_id="x")
    roots = build_network([one, two], [])
    names = set()

    def walk(nodes):  # type: ignore[no-untyped-def]
        for n in nodes:
            names.add(n.contact.name)
            walk(n.children)

    walk(roots)
    assert names == {"X", "Y"}
    assert [c.id for c in chain([one, two], "x")] in (["y", "x"], ["x"])


@given(st.lists(st.tuples(st.integers(0, 9), st.none() | st.integers(0, 9)), max_size=10))
def test_every_contact_appears_exactly_once(pairs: list[tuple[int, int | None]]) -> None:
    contacts = {}
    for me, parent in pairs:
        contacts[f"c{me}"] = Contact(
            id=f"c{me}",
            name=f"P{me}",
            referred_by_id=None if parent is None or parent == me else f"c{parent}",
        )
    seen: list[str] = []

    def walk(nodes):  # type: ignore[no-untyped-def]
        for n in nodes:
            seen.append(n.contact.id)
            walk(n.children)

    walk(build_network(list(contacts.values()), []))
    assert sorted(seen) == sorted(contacts)
