"""IDs print short and are accepted by any unique prefix; an ambiguous one is a
one-line error."""

from __future__ import annotations

import pytest

START = "2026-12-01 14:00+01:00"


def test_ids_are_accepted_by_a_unique_prefix(infoint, contact_id):
    prefix = contact_id[:6]
    assert infoint.contact(prefix)["id"] == contact_id
    assert infoint.contact(prefix.upper())["id"] == contact_id  # hex is case-insensitive
    infoint.ok("contact", "edit", prefix, "--notes", "Met at the conference")
    assert infoint.contact(contact_id)["notes"] == "Met at the conference"

    interview = infoint.plan(prefix)
    short = interview[:6]
    infoint.ok("interview", "schedule", short, "--at", START)
    infoint.now = "2026-12-01 15:00+01:00"
    infoint.ok("interview", "hold", short, "--at", START)
    infoint.ok("note", "add", short, "Ask about on-call")
    data = infoint.interview(short)
    assert data["id"] == interview
    assert data["contact_id"] == contact_id
    assert data["status"] == "held"

    target = infoint.interview(interview)["target_ids"][0]
    other = infoint.plan(contact_id, target=target[:6])
    assert infoint.interview(other)["target_ids"] == [target]
    listed = infoint.json("interview", "list", "--contact", prefix, "--target", target[:6])
    assert {i["id"] for i in listed} == {interview, other}


def test_ambiguous_prefix_is_a_one_line_error(infoint):
    # 17 IDs cannot all start with different hex digits: stop at the first clash.
    first_chars: dict[str, str] = {}
    for n in range(17):
        new = infoint.new_id("contact", "add", f"Person {n}")
        if new[0] in first_chars:
            clash = (first_chars[new[0]], new)
            break
        first_chars[new[0]] = new
    else:
        pytest.fail("17 hex IDs with 16 different first digits")
    char = clash[0][0]

    error = infoint.fail("contact", "show", char)
    assert "more than one contact" in error
    assert repr(char) in error
    for ref in clash:
        assert ref[:5] in error  # it names the candidates, a little longer than asked

    for ref in clash:  # a longer prefix settles it
        assert infoint.contact(ref[:8])["id"] == ref


def test_ambiguous_interview_prefix_is_a_one_line_error(infoint, contact_id):
    first_chars: dict[str, str] = {}
    for _ in range(17):
        new = infoint.plan(contact_id)
        if new[0] in first_chars:
            break
        first_chars[new[0]] = new
    else:
        pytest.fail("17 hex IDs with 16 different first digits")
    before = infoint.records()
    error = infoint.fail("interview", "cancel", new[0])
    assert "more than one interview" in error
    assert infoint.records() == before


def test_prefix_matching_nothing_is_not_found(infoint, contact_id):
    # 'z' is not a hex digit, so no ID can start with it.
    assert "no contact matches 'zz1234'" in infoint.fail("contact", "show", "zz1234")
    assert "no interview matches 'zz1234'" in infoint.fail("interview", "show", "zz1234")


def test_g25_the_same_name_again_is_the_same_person_unless_told_otherwise(infoint):
    a = infoint.new_id("contact", "add", "Sam Lee")
    again = infoint.invoke("contact", "add", "SAM  LÉE", "--email", "sam@example.org", "-q")
    assert (again.exit_code, again.stdout.strip()) == (0, a)
    assert again.stderr == (
        f"infoint: Sam Lee ({a[:8]}) is already a contact, the same person: your details"
        " were added to it (use --new for another person of that name)\n"
    )
    assert [c["value"] for c in infoint.contact(a)["channels"]] == ["sam@example.org"]
    other = infoint.invoke("contact", "add", "Sam Lee", "--email", "sam@elsewhere.example", "-q")
    assert other.exit_code == 0 and other.stdout.strip() != a
    assert other.stderr.startswith(
        f"infoint: note: Sam Lee was kept apart from the contact(s) of the same name ({a[:8]}):"
        " a different e-mail address."
    )
    error = infoint.fail("contact", "add", "Sam Lee")
    assert "2 contacts could be 'Sam Lee'" in error and "--new" in error


def test_same_name_twice_needs_an_id(infoint):
    a = infoint.new_id("contact", "add", "Sam Lee")
    second = infoint.invoke("contact", "add", "Sam Lee", "--new", "-q")
    assert second.exit_code == 0
    b = second.stdout.strip()
    assert second.stderr == ""
    error = infoint.fail("contact", "show", "Sam Lee")
    assert "2 contacts are named 'Sam Lee'" in error
    assert a[:8] in error
    assert b[:8] in error
