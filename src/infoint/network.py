"""The seeker's network as a graph (G4, G16): who referred or introduced whom.

Pure functions over one owner's contacts and interviews. A contact's parent
is whoever referred them (G16), else whoever introduced them (G4); contacts
with neither are roots: people the seeker knew first-hand.

>>> from infoint.model import Contact
>>> ada = Contact(id="a", name="Ada")
>>> grace = Contact(id="g", name="Grace", referred_by_id="a")
>>> [c.name for c in chain([ada, grace], "g")]
['Ada', 'Grace']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from infoint.errors import NotFound
from infoint.model import Contact, Interview, Status


@attrs.frozen(kw_only=True)
class NetworkNode:
    """A contact in the tree, how they came in, and the people they led to."""

    contact: Contact
    via: str
    """``referred``, ``introduced`` or ``known`` (a root)."""
    contacted: bool
    """Whether the seeker has asked them for an interview (or held one)."""
    children: tuple[NetworkNode, ...] = ()


def parent_id(contact: Contact) -> str | None:
    """Who brought this contact in: the referrer, else the introducer."""
    return contact.referred_by_id or contact.introducer_id


def contacted_ids(interviews: Iterable[Interview]) -> frozenset[str]:
    """Contacts with an interview past the idea stage (asked, scheduled, held, ...)."""
    return frozenset(i.contact_id for i in interviews if i.status is not Status.IDEA)


def build_network(
    contacts: Sequence[Contact], interviews: Iterable[Interview]
) -> list[NetworkNode]:
    """The forest of contacts, roots first by name; each child list by name.

    A parent outside the list, or a cycle in bad data, makes a contact a root
    rather than losing it.
    """
    by_id = {c.id: c for c in contacts}
    reached = contacted_ids(interviews)
    children: dict[str, list[Contact]] = {}
    roots: list[Contact] = []
    for contact in contacts:
        parent = parent_id(contact)
        if parent is None or parent not in by_id or _cycles(contact, by_id):
            roots.append(contact)
        else:
            children.setdefault(parent, []).append(contact)

    root_ids = {r.id for r in roots}

    def node(contact: Contact, seen: frozenset[str]) -> NetworkNode:
        kids = sorted(children.get(contact.id, []), key=_order)
        if contact.id in root_ids:
            via = "known"
        elif contact.referred_by_id in by_id:
            via = "referred"
        else:
            via = "introduced"
        return NetworkNode(
            contact=contact,
            via=via,
            contacted=contact.id in reached,
            children=tuple(node(k, seen | {k.id}) for k in kids if k.id not in seen),
        )

    return [node(r, frozenset({r.id})) for r in sorted(roots, key=_order)]


def _order(contact: Contact) -> tuple[str, str]:
    return (contact.name.casefold(), contact.id)


def _cycles(contact: Contact, by_id: dict[str, Contact]) -> bool:
    seen = {contact.id}
    current = parent_id(contact)
    while current is not None and current in by_id:
        if current in seen:
            return True
        seen.add(current)
        current = parent_id(by_id[current])
    return False


def chain(contacts: Sequence[Contact], contact_id: str) -> list[Contact]:
    """The path from a root (someone the seeker knew) down to ``contact_id``."""
    by_id = {c.id: c for c in contacts}
    if contact_id not in by_id:
        raise NotFound(f"no contact with ID {contact_id}")
    path = [by_id[contact_id]]
    while (parent := parent_id(path[-1])) is not None and parent in by_id:
        if any(c.id == parent for c in path):
            break  # a cycle in bad data: stop rather than loop
        path.append(by_id[parent])
    return list(reversed(path))


def pending(contacts: Sequence[Contact], interviews: Iterable[Interview]) -> list[Contact]:
    """People the seeker was pointed to (referred or introduced) but has not asked yet."""
    reached = contacted_ids(interviews)
    return sorted(
        (c for c in contacts if parent_id(c) is not None and c.id not in reached), key=_order
    )


# ---------------------------------------------------------------- drawing


def tree_lines(roots: Sequence[NetworkNode]) -> list[str]:
    """The network as an indented tree, one contact a line.

    >>> from infoint.model import Contact
    >>> people = [Contact(id="a", name="Ada"), Contact(id="g", name="Grace", referred_by_id="a")]
    >>> print("\\n".join(tree_lines(build_network(people, []))))
    Ada
    └── Grace (referred, not contacted yet)
    """
    lines: list[str] = []

    def walk(node: NetworkNode, prefix: str, last: bool, top: bool) -> None:
        label = _label(node, top)
        lines.append(label if top else f"{prefix}{'└── ' if last else '├── '}{label}")
        inner = "" if top else prefix + ("    " if last else "│   ")
        for k, child in enumerate(node.children):
            walk(child, inner, k == len(node.children) - 1, False)

    for root in roots:
        walk(root, "", True, True)
    return lines


def _label(node: NetworkNode, top: bool) -> str:
    contact = node.contact
    name = " ".join(contact.name.split())
    details = ", ".join(x for x in (contact.role, contact.organization) if x)
    text = name + (f" [{details}]" if details else "")
    notes = [] if top else [node.via]
    if not node.contacted and not top:
        notes.append("not contacted yet")
    return text + (f" ({', '.join(notes)})" if notes else "")


def mermaid(roots: Sequence[NetworkNode]) -> str:
    """The network as a Mermaid flowchart (renders on GitHub in a ```mermaid block).

    Names are quoted and their quotes and angle brackets written as entities,
    so no contact's name can break the graph or inject markup.
    """
    lines = ["graph TD"]
    pending_nodes: list[str] = []

    def key(contact: Contact) -> str:
        return "c_" + "".join(ch for ch in contact.id if ch.isalnum())[:12]

    def walk(node: NetworkNode) -> None:
        contact = node.contact
        lines.append(f'    {key(contact)}["{_mermaid_text(contact.name)}"]')
        if not node.contacted:
            pending_nodes.append(key(contact))
        for child in node.children:
            walk(child)
            lines.append(f"    {key(contact)} -->|{child.via}| {key(child.contact)}")

    for root in roots:
        walk(root)
    if pending_nodes:
        lines.append("    classDef pending stroke-dasharray: 5 5")
        lines.append(f"    class {','.join(pending_nodes)} pending")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    replacements = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;"}
    return "".join(replacements.get(ch, ch) for ch in " ".join(text.split()))
