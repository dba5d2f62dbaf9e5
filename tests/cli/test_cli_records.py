"""Records you can trust, from the command line (G25, G26): merging two contacts,
undoing a step, and refusals that name the step and its time."""

from __future__ import annotations

START = "2026-12-01 14:00+01:00"


def test_g25_contact_merge_says_what_would_move_then_moves_it(infoint) -> None:
    keep = infoint.new_id("contact", "add", "Zoë Ñúñez", "--org", "Mercy Health")
    other = infoint.new_id("contact", "add", "Zoe Nunez", "--email", "zoe@mercy.example", "--new")
    interview = infoint.plan(other)
    before = infoint.records()
    preview = infoint.ok("contact", "merge", keep[:8], other[:8], "--dry-run")
    assert preview.splitlines() == [
        f"Would merge Zoe Nunez ({other[:8]}) into Zoë Ñúñez ({keep[:8]}): 1 interview would"
        " move; Zoë Ñúñez would gain e-mail address.",
        "Nothing was changed: run it again without --dry-run to merge.",
    ]
    assert infoint.records() == before
    done = infoint.ok("contact", "merge", keep[:8], other[:8])
    assert done.splitlines()[-1] == f"Contact {other[:8]} is removed."
    assert infoint.interview(interview)["contact_id"] == keep
    assert [c["id"] for c in infoint.json("contact", "list")] == [keep]
    error = infoint.fail("contact", "merge", keep, keep)
    assert error == "infoint: error: contact: a contact cannot be merged with itself"


def test_g26_a_wrong_step_is_refused_or_undone(infoint, contact_id: str) -> None:
    interview = infoint.plan(contact_id)
    infoint.ok("interview", "schedule", interview, "--at", START)
    before = infoint.records()
    error = infoint.fail("interview", "hold", interview)
    assert error.startswith(
        f"infoint: error: at: interview {interview[:8]} is scheduled for Tue 2026-12-01"
    )
    assert error.endswith(
        "so it cannot be held yet; if it took place earlier, give the time it really did"
        " and the schedule moves with it"
    )
    assert infoint.records() == before
    infoint.now = "2026-12-01 15:00+01:00"
    infoint.ok("interview", "hold", interview, "--at", START)
    assert infoint.ok("interview", "undo", interview).startswith(
        "Undid marking it held (recorded Tue 2026-12-01 14:00 UTC) on interview"
    )
    assert infoint.interview(interview)["status"] == "scheduled"
    assert infoint.ok("interview", "undo", interview).endswith("it is an idea again.\n")
    assert infoint.fail("interview", "undo", interview) == (
        f"infoint: error: interview {interview[:8]} has no step left to undo"
    )
