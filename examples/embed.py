"""Embedding infoint: a career platform serving two seekers from one store.

The platform keeps one store for everyone and opens a Workspace per seeker.
Each Workspace is bound to its owner, so one seeker's contacts, interviews
and notes do not exist for the other, even though they share the database.

Run it: ``python examples/embed.py``. For a real platform, swap the memory
store for a database: ``infoint.open_store("sqlite:///platform.db", plugins=plugins)``
(or a ``postgresql+psycopg://`` URL with the infoint-sql plugin). Closing a
Workspace leaves a store it was given open; the platform closes it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from infoint.builtin.memory import MemoryStore
from infoint.errors import NotFound
from infoint.plugins import make_plugin_manager
from infoint.workspace import Workspace

BERLIN = timezone(timedelta(hours=1))


def found(ws: Workspace, words: str) -> str:
    """What a seeker's search for ``words`` finds, on one line."""
    return ", ".join(f"{hit.kind} {hit.id[:8]}" for hit in ws.search(words)) or "nothing"


def main() -> None:
    store = MemoryStore()  # one store for the whole platform
    plugins = make_plugin_manager()  # one manager, so installed plugins hear every change
    # The story's clock (a platform leaves the default, the real one): infoint records only
    # what has happened, in order, so the clock moves on before the meeting is held.
    story = {"now": datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN)}
    ada = Workspace(store, owner="ada", plugins=plugins, clock=lambda: story["now"])
    bo = Workspace(store, owner="bo", plugins=plugins, clock=lambda: story["now"])

    # Ada: plan -> schedule -> hold -> note.
    grace = ada.add_contact("Grace Hopper", role="Data engineer", organization="Acme")
    planned = ada.plan_interview(
        grace,
        targets=["occupation:Data engineer"],
        purposes=["break-in", "skills"],
        goals=["What does a typical week look like?"],
    )
    starts = datetime(2026, 12, 1, 14, 0, tzinfo=BERLIN)
    ada.schedule_interview(planned.id, starts_at=starts, minutes=20, place="Acme, 3rd floor")
    story["now"] = starts + timedelta(minutes=30)
    ada.hold_interview(planned.id, at=starts)
    ada.add_note(planned.id, "Pipelines break on Mondays; learn Airflow first.", at=starts)
    interview = ada.interview(planned.id[:8])  # the short ID the CLI shows works too

    # Bo: a different seeker on the same platform.
    linus = bo.add_contact("Linus Torvalds", organization="Linux Foundation")
    bo.plan_interview(linus, targets=["industry:Open source"], purposes=["choose-path"])

    print("ada:")
    print(f"  interview {interview.id[:8]} with {grace.name}: {interview.status}")
    print(f"  notes: {len(interview.notes)}")
    print(f"  search 'pipeline': {found(ada, 'pipeline')}")
    print("bo:")
    print(f"  contacts: {', '.join(c.name for c in bo.contacts())}")
    print(f"  interviews: {len(bo.interviews())}")
    print(f"  search 'pipeline': {found(bo, 'pipeline')}")
    try:
        bo.interview(interview.id)
    except NotFound as err:
        print(f"  ada's interview: not found ({err})")
    else:
        raise SystemExit("bo can see ada's interview")

    store.close()  # the platform owns the store; the Workspaces only borrow it


if __name__ == "__main__":
    main()
