"""The referral network's layered layout (G16): generations in rows, parents centred above
their children, no two boxes overlapping, forests packed into bands."""

from __future__ import annotations

import itertools

import pytest
from infoint_html.layout import BOX_HEIGHT, Box, Drawing, draw_network

from infoint.model import Contact
from infoint.network import build_network


def people(links: dict[str, str | None]) -> list[Contact]:
    """Contacts by name, each referred by the one named (or nobody)."""
    return [Contact(id=name, name=name, referred_by_id=parent) for name, parent in links.items()]


def drawing_of(links: dict[str, str | None], **kwargs: int) -> Drawing:
    return draw_network(build_network(people(links), []), **kwargs)


def overlap(a: Box, b: Box) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


FAMILY = {
    "Ada": None,
    "Grace": "Ada",
    "Hedy": "Ada",
    "Joan": "Grace",
    "Karen": "Grace",
    "Lise": "Hedy",
    "Mary": "Joan",
    "Zed": None,
}


def test_generations_are_rows_and_parents_sit_above_their_children() -> None:
    drawing = drawing_of(FAMILY)
    boxes = {b.name: b for b in drawing.boxes}
    assert {name: b.row for name, b in boxes.items()} == {
        "Ada": 0, "Zed": 0, "Grace": 1, "Hedy": 1, "Joan": 2, "Karen": 2, "Lise": 2, "Mary": 3,
    }  # fmt: skip
    for parent, kids in (("Ada", ["Grace", "Hedy"]), ("Grace", ["Joan", "Karen"])):
        centre = (boxes[kids[0]].cx + boxes[kids[-1]].cx) / 2
        assert boxes[parent].cx == pytest.approx(centre)
    # Rows are evenly spaced; a child is always below its parent.
    assert len({b.y for b in drawing.boxes}) == 4
    for edge in drawing.edges:
        assert edge.y2 > edge.y1
        assert edge.path.startswith("M")
        assert "V" in edge.path
        assert "H" in edge.path


def test_no_boxes_overlap_and_all_fit_in_the_picture() -> None:
    drawing = drawing_of(FAMILY)
    for a, b in itertools.combinations(drawing.boxes, 2):
        assert not overlap(a, b), (a.name, b.name)
    for b in drawing.boxes:
        assert b.x >= 0
        assert b.x + b.width <= drawing.width
        assert b.y >= 0
        assert b.y + b.height <= drawing.height


def test_every_edge_joins_a_parent_box_to_a_child_box() -> None:
    drawing = drawing_of(FAMILY)
    assert len(drawing.edges) == len(FAMILY) - 2  # all but the two roots
    tops = {(b.cx, b.y) for b in drawing.boxes}
    bottoms = {(b.cx, b.y + BOX_HEIGHT) for b in drawing.boxes}
    for edge in drawing.edges:
        assert (edge.x1, edge.y1) in bottoms
        assert (edge.x2, edge.y2) in tops
        assert edge.via == "referred"


def test_many_roots_wrap_into_bands() -> None:
    loners = {f"P{n:02d}": None for n in range(12)}
    drawing = drawing_of(loners, max_slots=5)
    assert len({b.y for b in drawing.boxes}) == 3  # 5 + 5 + 2
    assert drawing.width < 5 * 200
    assert drawing.height > 2 * BOX_HEIGHT
    for a, b in itertools.combinations(drawing.boxes, 2):
        assert not overlap(a, b)


def test_a_tree_wider_than_a_band_gets_its_own() -> None:
    wide = {"Root": None, **{f"K{n}": "Root" for n in range(8)}, "Other": None}
    drawing = drawing_of(wide, max_slots=5)
    boxes = {b.name: b for b in drawing.boxes}
    # "Other" comes first (roots go by name), so the wide tree starts a band below it.
    assert boxes["Root"].y > boxes["Other"].y + boxes["Other"].height
    assert drawing.width >= 8 * boxes["K0"].width
    for a, b in itertools.combinations(drawing.boxes, 2):
        assert not overlap(a, b)


def test_contacted_and_via_are_kept_for_the_drawing() -> None:
    ada = Contact(id="a", name="Ada")
    bob = Contact(id="b", name="Bob", introducer_id="a")
    drawing = draw_network(build_network([ada, bob], []))
    vias = {b.name: (b.via, b.contacted) for b in drawing.boxes}
    assert vias == {"Ada": ("known", False), "Bob": ("introduced", False)}
    assert drawing.edges[0].via == "introduced"


def test_long_names_are_cut_but_kept_whole_in_the_tooltip() -> None:
    name = "Maria Salomea Skłodowska-Curie of the Sorbonne and the Radium Institute"
    drawing = draw_network(build_network([Contact(id="m", name=name, role="Physicist")], []))
    (box,) = drawing.boxes
    assert box.name.endswith("…")
    assert len(box.name) <= 24
    assert box.full == f"{name} (Physicist)"


def test_nobody_draws_an_empty_picture() -> None:
    drawing = draw_network([])
    assert drawing.boxes == ()
    assert drawing.edges == ()
    assert drawing.width > 0
    assert drawing.height > 0
