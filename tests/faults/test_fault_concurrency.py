"""Two processes updating the same interviews through their own Workspaces lose nothing.

Each process, 500 times, reads one of four shared interviews and adds a note to the
Interview object it read; when the other process changed that interview in between,
the stale version is refused with Conflict. At the end every applied note (and only
those) is stored, once, in the order its process applied it, and each interview's
version counts exactly the updates applied to it.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fault_support import Child

import infoint

ITERATIONS = 500
PROCESSES = 2
INTERVIEWS = 4
"""Shared interviews: enough to keep documents small, few enough to collide often."""
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_fault_two_processes_updating_the_same_interviews_lose_no_applied_update(
    tmp_path: Path, children: list[Child]
) -> None:
    db = str(tmp_path / "shared.db")
    clock = {"now": T0}
    with infoint.open(db, owner="ann", clock=lambda: clock["now"]) as ws:
        grace = ws.add_contact("Grace Hopper")
        ids = []
        for _ in range(INTERVIEWS):
            clock["now"] = T0
            planned = ws.plan_interview(grace, targets=["company:Navy"], purposes=["break-in"])
            ws.schedule_interview(planned, starts_at=T0 + timedelta(days=1), minutes=20)
            clock["now"] = T0 + timedelta(days=1, hours=1)  # it has taken place
            held = ws.hold_interview(planned.id, at=T0 + timedelta(days=1))
            ids.append(held.id)
        start_version = held.version
        assert start_version == 3 and held.notes == ()

    names = [f"p{n}" for n in range(PROCESSES)]
    started = [
        Child("notes", db, "ann", name, ",".join(ids), ITERATIONS, n)
        for n, name in enumerate(names)
    ]
    children.extend(started)
    for child in started:  # both have opened the file; now both start at once
        child.go()
    results = dict(zip(names, (child.result(timeout=300) for child in started), strict=True))

    applied = {name: r["applied"] for name, r in results.items()}
    conflicts = {name: r["conflicts"] for name, r in results.items()}
    for name in names:
        assert len(applied[name]) + conflicts[name] == ITERATIONS, name
    total_applied = sum(len(a) for a in applied.values())
    assert total_applied + sum(conflicts.values()) == PROCESSES * ITERATIONS
    # Both processes really ran at once, and really got in each other's way.
    windows = [(r["started"], r["finished"]) for r in results.values()]
    assert max(w[0] for w in windows) < min(w[1] for w in windows), "the runs did not overlap"
    assert sum(conflicts.values()) > 0, "no update ever met a stale version"

    with infoint.open(db, owner="ann") as ws:
        stored = {i: ws.interview(i) for i in ids}
    for interview_id, interview in stored.items():
        texts = [note.text for note in interview.notes]
        wanted = [text for a in applied.values() for i, text, _ in a if i == interview_id]
        # Nothing lost, nothing twice, nothing that was refused.
        assert Counter(texts) == Counter(wanted), interview_id
        assert interview.version == start_version + len(wanted), interview_id
        for name in names:  # each process's notes in the order it added them
            mine = [t for t in texts if t.startswith(f"{name} ")]
            assert mine == [text for i, text, _ in applied[name] if i == interview_id]
        # The version each applied update got is the note's place in the interview.
        for a in applied.values():
            for i, text, version in a:
                if i == interview_id:
                    assert texts[version - start_version - 1] == text
    print(
        f"applied {total_applied}, conflicts {sum(conflicts.values())},"
        f" in {max(w[1] for w in windows) - min(w[0] for w in windows):.1f}s"
    )
