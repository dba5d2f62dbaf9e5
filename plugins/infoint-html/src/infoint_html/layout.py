"""A layered drawing of the referral network (G4, G16), as numbers for the SVG template.

Pure: it reads :class:`~infoint.network.NetworkNode` trees and returns boxes
and lines in pixels; the template writes them as SVG (and escapes every
label). Each tree is laid out top-down, one layer per generation: leaves
take consecutive slots and a parent sits centred above its children. Trees
are then packed side by side into bands of at most ``max_slots`` slots, so
that many people with no referrals yet do not make one endless row.

>>> from infoint.model import Contact
>>> from infoint.network import build_network
>>> ada = Contact(id="a", name="Ada")
>>> grace = Contact(id="g", name="Grace", referred_by_id="a")
>>> drawing = draw_network(build_network([ada, grace], []))
>>> [(b.name, b.row) for b in drawing.boxes]
[('Ada', 0), ('Grace', 1)]
>>> len(drawing.edges)
1
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import attrs

from infoint.network import NetworkNode

BOX_WIDTH = 176
BOX_HEIGHT = 44
H_GAP = 16
"""Between two boxes side by side."""
V_GAP = 40
"""Between a parent's box and its children's: room for the elbow and the edge label."""
BAND_GAP = 28
"""Between two bands of trees."""
MARGIN = 8
NAME_UNITS = 24
"""How many narrow characters of a name fit on a box's first line (wide ones count two)."""
DETAIL_UNITS = 30
"""Likewise for the second, smaller line (role, organization)."""


@attrs.frozen(kw_only=True)
class Box:
    """One contact's box: top-left corner, size, and what it says."""

    x: float
    y: float
    width: float
    height: float
    name: str
    """The name as shown: shortened with an ellipsis when it does not fit."""
    detail: str
    """Role and organization, shortened likewise; may be empty."""
    full: str
    """Everything, unshortened: the box's tooltip."""
    via: str
    contacted: bool
    row: int
    """The generation: 0 for someone the seeker knew first-hand."""

    @property
    def cx(self) -> float:
        """The centre, across."""
        return self.x + self.width / 2


@attrs.frozen(kw_only=True)
class Edge:
    """The line from a parent's box down to a child's, drawn as an elbow."""

    x1: float
    y1: float
    x2: float
    y2: float
    via: str
    """``referred`` or ``introduced``: written beside the line."""

    @property
    def mid_y(self) -> float:
        """Where the elbow turns."""
        return (self.y1 + self.y2) / 2

    @property
    def path(self) -> str:
        """The SVG path data: down, across, down."""
        return f"M{self.x1:g} {self.y1:g}V{self.mid_y:g}H{self.x2:g}V{self.y2:g}"


@attrs.frozen(kw_only=True)
class Drawing:
    """Everything the template draws, and the size of the picture."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]


def units(text: str) -> int:
    """Roughly how wide ``text`` is, in narrow characters (CJK and emoji count two;
    combining marks count nothing)."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` units with an ellipsis when longer.

    >>> shorten("Grace   Brewster Murray Hopper", 16)
    'Grace Brewster…'
    """
    text = " ".join(text.split())
    if units(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        width = units(ch)
        if used + width > limit - 1:
            break
        out += ch
        used += width
    return out.rstrip() + "…"


def _leaves(node: NetworkNode) -> int:
    return sum(_leaves(c) for c in node.children) if node.children else 1


def _depth(node: NetworkNode) -> int:
    return 1 + max((_depth(c) for c in node.children), default=0)


def _bands(roots: Sequence[NetworkNode], max_slots: int) -> list[list[NetworkNode]]:
    bands: list[list[NetworkNode]] = []
    used = max_slots
    for root in roots:
        width = _leaves(root)
        if used + width > max_slots:
            bands.append([])
            used = 0
        bands[-1].append(root)
        used += width
    return bands


def draw_network(roots: Sequence[NetworkNode], *, max_slots: int = 5) -> Drawing:
    """Boxes and lines for the forest ``roots`` (in its order), packed into bands."""
    boxes: list[Box] = []
    edges: list[Edge] = []
    slot = BOX_WIDTH + H_GAP
    layer = BOX_HEIGHT + V_GAP
    top = float(MARGIN)
    widest = 0
    for band in _bands(roots, max_slots):
        next_leaf = 0

        def place(node: NetworkNode, row: int, band_top: float) -> float:
            """Lay out ``node`` and its subtree; return the centre of its box."""
            nonlocal next_leaf
            centres = [place(child, row + 1, band_top) for child in node.children]
            if centres:
                cx = (centres[0] + centres[-1]) / 2
            else:
                cx = MARGIN + next_leaf * slot + BOX_WIDTH / 2
                next_leaf += 1
            y = band_top + row * layer
            contact = node.contact
            detail = ", ".join(x for x in (contact.role, contact.organization) if x)
            full = " ".join(contact.name.split()) + (f" ({detail})" if detail else "")
            boxes.append(
                Box(
                    x=cx - BOX_WIDTH / 2,
                    y=y,
                    width=BOX_WIDTH,
                    height=BOX_HEIGHT,
                    name=shorten(contact.name, NAME_UNITS),
                    detail=shorten(detail, DETAIL_UNITS),
                    full=full,
                    via=node.via,
                    contacted=node.contacted,
                    row=row,
                )
            )
            edges.extend(
                Edge(x1=cx, y1=y + BOX_HEIGHT, x2=child_cx, y2=y + layer, via=child.via)
                for child, child_cx in zip(node.children, centres, strict=True)
            )
            return cx

        for root in band:
            place(root, 0, top)
        widest = max(widest, next_leaf)
        top += max(_depth(r) for r in band) * layer - V_GAP + BAND_GAP
    width = 2 * MARGIN + max(widest, 1) * slot - H_GAP
    height = (top - BAND_GAP + MARGIN) if roots else 2 * MARGIN
    # Parents first, then children, in reading order: the order boxes are drawn and read.
    ordered = sorted(boxes, key=lambda b: (b.y, b.x))
    return Drawing(width=width, height=height, boxes=tuple(ordered), edges=tuple(edges))
