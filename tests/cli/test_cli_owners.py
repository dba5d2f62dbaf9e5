"""Owner isolation through the CLI, and the INFOINT_DB / INFOINT_OWNER variables."""

from __future__ import annotations

from pathlib import Path

START = "2026-12-01 14:00+01:00"


def alice_with_a_held_interview(infoint):
    alice = infoint.as_owner("alice")
    contact = alice.new_id("contact", "add", "Grace Hopper", "--email", "grace@navy.example")
    target = alice.new_id("target", "add", "company", "US Navy")
    interview = alice.plan(contact, target=target)
    alice.ok("interview", "schedule", interview, "--at", START)
    alice.now = "2026-12-01 15:00+01:00"
    alice.ok("interview", "hold", interview, "--at", START)
    alice.ok("note", "add", interview, "Quokkas guard the mainframe")
    return alice, contact, target, interview


def test_records_of_one_owner_are_invisible_to_another(infoint):
    alice, contact, target, interview = alice_with_a_held_interview(infoint)
    bob = infoint.as_owner("bob")

    assert bob.json("contact", "list") == []
    assert bob.json("target", "list") == []
    assert bob.json("interview", "list") == []
    assert bob.ok("contact", "list").startswith("No contacts yet")
    assert bob.ok("interview", "list").startswith("No interviews yet")

    for ref in (contact, contact[:6], "Grace Hopper"):
        assert "no contact matches" in bob.fail("contact", "show", ref)
    for ref in (interview, interview[:6]):
        assert "no interview matches" in bob.fail("interview", "show", ref)
    assert "no contact matches" in bob.fail(
        "interview", "plan", "--contact", contact, "--target", target, "--purpose", "skills"
    )

    # Alice can still see everything.
    assert [c["id"] for c in alice.json("contact", "list")] == [contact]
    assert alice.interview(interview[:6])["status"] == "held"


def test_g16_search_finds_nothing_of_another_owner(infoint):
    alice, _, _, interview = alice_with_a_held_interview(infoint)
    bob = infoint.as_owner("bob")
    assert [h["id"] for h in alice.json("search", "quokka")] == [interview]
    assert bob.json("search", "quokka") == []
    assert bob.ok("search", "quokkas", "mainframe") == "Nothing found.\n"
    assert bob.json("search", "grace") == []


def test_another_owner_cannot_change_records_they_cannot_see(infoint):
    alice = infoint.as_owner("alice")
    contact = alice.new_id("contact", "add", "Grace Hopper")
    interview = alice.plan(contact)
    bob = infoint.as_owner("bob")
    before = infoint.records()
    assert "no interview matches" in bob.fail("interview", "cancel", interview)
    assert "no interview matches" in bob.fail("interview", "schedule", interview, "--at", START)
    assert "no contact matches" in bob.fail("contact", "edit", contact, "--role", "Spy")
    assert infoint.records() == before
    assert alice.interview(interview)["status"] == "idea"


def test_owners_may_use_the_same_names(infoint):
    alice_target = infoint.as_owner("alice").new_id("target", "add", "occupation", "Pilot")
    bob_target = infoint.as_owner("bob").new_id("target", "add", "occupation", "Pilot")
    assert alice_target != bob_target
    bob_contact = infoint.as_owner("bob").new_id("contact", "add", "Grace Hopper")
    assert infoint.as_owner("bob").contact("Grace Hopper")["id"] == bob_contact


def test_infoint_db_and_infoint_owner_variables(infoint, db_path: Path):
    env = {"INFOINT_DB": "sqlite:///" + str(db_path), "INFOINT_OWNER": "carol"}
    bare = infoint.bare()
    contact = bare.new_id("contact", "add", "Grace Hopper", env=env)
    assert db_path.is_file()
    assert [c["id"] for c in bare.json("contact", "list", env=env)] == [contact]
    # The same records through the options, for carol only.
    assert infoint.as_owner("carol").contact(contact[:6])["name"] == "Grace Hopper"
    assert infoint.as_owner("dave").json("contact", "list") == []
    # Another owner through the variable sees nothing.
    assert bare.json("contact", "list", env={**env, "INFOINT_OWNER": "dave"}) == []


def test_options_win_over_variables(infoint, db_path: Path, tmp_path: Path):
    other_db = tmp_path / "other.db"
    env = {"INFOINT_DB": "sqlite:///" + str(other_db), "INFOINT_OWNER": "carol"}
    contact = infoint.new_id("contact", "add", "Grace Hopper", env=env)  # --db and --owner ada
    assert not other_db.exists()
    assert infoint.json("contact", "list", env=env)[0]["id"] == contact
    assert infoint.bare().json("contact", "list", env=env) == []  # carol, other.db


def test_a_bare_path_in_infoint_db_means_sqlite(infoint, tmp_path: Path):
    path = tmp_path / "plain.db"
    env = {"INFOINT_DB": str(path), "INFOINT_OWNER": "carol"}
    infoint.bare().ok("contact", "add", "Grace Hopper", env=env)
    assert path.is_file()
    assert infoint.bare().json(
        "contact", "list", env={**env, "INFOINT_DB": "sqlite:///" + str(path)}
    )


def test_memory_db_keeps_nothing_between_runs(infoint):
    memory = infoint.bare()
    memory.ok("--db", "memory://", "contact", "add", "Grace Hopper")
    assert memory.json("--db", "memory://", "contact", "list") == []
