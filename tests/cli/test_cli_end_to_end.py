"""The CLI end to end on a SQLite file: contacts, targets, the interview's life,
notes, search, profile, and unplanned interviews."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, time, timedelta, timezone

import pytest

START = "2026-12-01 14:00+01:00"
START_AT = datetime(2026, 12, 1, 14, 0, tzinfo=timezone(timedelta(hours=1)))
AFTER_START = "2026-12-01 15:00+01:00"
"""The tests' clock once the interview has taken place."""
LIFE = ["idea", "requested", "scheduled", "confirmed", "held"]


def at(value: str) -> datetime:
    """A datetime from the JSON output."""
    return datetime.fromisoformat(value)


def emails(contact: dict) -> list[str]:
    return [c["value"] for c in contact["channels"] if c["kind"] == "email"]


def move_to(infoint, interview_id: str, status: str) -> None:
    """Walk a planned interview (an idea) up to ``status`` along the main path."""
    steps = {
        "requested": ["interview", "request", interview_id, "--channel", "email"],
        "scheduled": ["interview", "schedule", interview_id, "--at", START],
        "confirmed": ["interview", "confirm", interview_id],
        "held": ["interview", "hold", interview_id, "--at", START],
    }
    for name in LIFE[1 : LIFE.index(status) + 1]:
        if name == "held":
            infoint.now = AFTER_START
        out = infoint.ok(*steps[name])
        assert out == f"Interview {interview_id[:8]} is {name}.\n"


# ---------------------------------------------------------------- contacts (G4)


def test_g4_contact_add_prints_full_id_and_list_and_show_it(infoint, contact_id):
    listed = infoint.ok("contact", "list")
    header, row = listed.splitlines()
    assert header.split() == ["ID", "NAME", "ROLE", "ORGANIZATION", "RELATIONSHIP"]
    assert row.startswith(contact_id[:8] + "  ")
    assert contact_id not in row  # the list shows short IDs
    for text in ("Grace Hopper", "Rear admiral", "US Navy", "stranger"):
        assert text in row

    [data] = infoint.json("contact", "list")
    assert data["id"] == contact_id
    assert data["name"] == "Grace Hopper"
    assert data["role"] == "Rear admiral"
    assert data["organization"] == "US Navy"
    assert emails(data) == ["grace@navy.example"]

    shown = infoint.ok("contact", "show", contact_id)
    assert re.search(r"^Contact:\s+Grace Hopper \(" + contact_id[:8] + r"\)$", shown, re.M)
    assert re.search(r"^Email:\s+grace@navy\.example$", shown, re.M)
    assert re.search(r"^Organization:\s+US Navy$", shown, re.M)
    assert infoint.contact(contact_id) == data


def test_g4_contact_add_without_q_prints_short_id_and_json(infoint):
    out = infoint.ok("contact", "add", "Alan Turing")
    assert re.fullmatch(r"Contact [0-9a-f]{8}: Alan Turing\n", out)
    data = infoint.json("contact", "add", "Katherine Johnson", "--relationship", "Friend")
    assert data["name"] == "Katherine Johnson"
    assert data["relationship"] == "friend"
    assert data["version"] == 1


def test_g4_contact_show_by_exact_name(infoint, contact_id):
    assert infoint.contact("Grace Hopper")["id"] == contact_id


def test_g4_contact_edit_replaces_email_and_keeps_other_channels(infoint):
    ref = infoint.new_id(
        "contact", "add", "Ada", "--email", "old@example.org", "--phone", "+44 20 7946 0000"
    )
    out = infoint.ok("contact", "edit", ref[:6], "--email", "new@example.org", "--role", "Analyst")
    assert out == f"Contact {ref[:8]}: Ada\n"
    data = infoint.contact(ref)
    assert emails(data) == ["new@example.org"]
    assert [c["value"] for c in data["channels"] if c["kind"] == "phone"] == ["+44 20 7946 0000"]
    assert data["role"] == "Analyst"
    assert data["version"] == 2


def test_g4_contact_edit_with_empty_value_removes_the_channel(infoint):
    ref = infoint.new_id("contact", "add", "Ada", "--email", "a@example.org", "--phone", "123")
    edited = infoint.json("contact", "edit", ref, "--phone", "")
    assert [c["kind"] for c in edited["channels"]] == ["email"]


def test_g4_contact_list_is_friendly_when_empty(infoint):
    assert infoint.ok("contact", "list").startswith("No contacts yet")
    assert infoint.json("contact", "list") == []


def test_g4_g16_introducer_and_referred_by_link_contacts(infoint, contact_id):
    alan = infoint.new_id(
        "contact",
        "add",
        "Alan Turing",
        "--referred-by",
        "Grace Hopper",
        "--introducer",
        contact_id[:6],
        "--owns-business",
    )
    data = infoint.contact(alan)
    assert data["referred_by_id"] == contact_id
    assert data["introducer_id"] == contact_id
    assert data["owns_business"] is True
    assert [c["id"] for c in infoint.json("contact", "list", "--referred-by", contact_id)] == [
        alan
    ]
    assert infoint.json("contact", "list", "--referred-by", alan) == []
    shown = infoint.ok("contact", "show", alan)
    assert re.search(rf"^Referred by:\s+Grace Hopper \({contact_id[:8]}\)$", shown, re.M)
    assert re.search(r"^Business:", shown, re.M)
    error = infoint.fail("contact", "edit", contact_id, "--introducer", contact_id)
    assert "cannot be their own introducer" in error


def test_text_output_cannot_rewrite_the_terminal(infoint):
    infoint.fail("contact", "add", "Eve\x1b[2J\x07")  # names are one plain line
    ref = infoint.new_id("contact", "add", "Eve", "--notes", "line one\n\x1b[2Jgone\x07")
    out = infoint.ok("contact", "show", ref)
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "?[2Jgone?" in out
    assert infoint.contact(ref)["notes"] == "line one\n\x1b[2Jgone\x07"  # JSON keeps the data


# ---------------------------------------------------------------- targets (G1, G3)


def test_g1_target_add_and_list(infoint):
    ref = infoint.new_id(
        "target", "add", "occupation", "Data engineer", "--goal", "How do pipelines fail?"
    )
    infoint.ok("target", "add", "COMPANY", "Acme")  # kinds are case-insensitive
    listed = infoint.ok("target", "list").splitlines()
    assert listed[0].split() == ["ID", "KIND", "NAME", "GOALS"]
    assert any(line.startswith(ref[:8]) and "How do pipelines fail?" in line for line in listed)

    data = {t["name"]: t for t in infoint.json("target", "list")}
    assert data["Data engineer"]["id"] == ref
    assert data["Data engineer"]["kind"] == "occupation"
    assert data["Data engineer"]["goals"] == ["How do pipelines fail?"]
    assert data["Acme"]["kind"] == "company"


def test_g1_target_list_is_friendly_when_empty(infoint):
    assert infoint.ok("target", "list").startswith("No targets yet")


# ---------------------------------------------------------------- planning (G1, G2)


def test_g1_g2_plan_prints_full_id_creates_target_and_keeps_purposes(infoint, contact_id):
    ref = infoint.new_id(
        "interview",
        "plan",
        "--contact",
        contact_id[:6],
        "--target",
        "occupation:Data engineer",
        "--purpose",
        "break-in",
        "--purpose",
        "skills",
        "--goal",
        "What does a typical day look like?",
    )
    [target] = infoint.json("target", "list")
    assert (target["kind"], target["name"]) == ("occupation", "Data engineer")

    data = infoint.interview(ref)
    assert data["id"] == ref
    assert data["status"] == "idea"
    assert data["contact_id"] == contact_id
    assert data["target_ids"] == [target["id"]]
    assert data["purposes"] == ["break-in", "skills"]
    assert data["goals"] == ["What does a typical day look like?"]
    assert [h["status"] for h in data["history"]] == ["idea"]


def test_g1_plan_reuses_an_existing_target_by_label_or_id(infoint, contact_id):
    target = infoint.new_id("target", "add", "industry", "Aviation")
    first = infoint.plan(contact_id, target="industry:Aviation")
    second = infoint.plan(contact_id, target=target[:6])
    assert [t["id"] for t in infoint.json("target", "list")] == [target]
    assert infoint.interview(first)["target_ids"] == [target]
    assert infoint.interview(second)["target_ids"] == [target]


def test_g1_plan_with_several_targets(infoint, contact_id):
    ref = infoint.new_id(
        "interview",
        "plan",
        "--contact",
        "Grace Hopper",
        "--target",
        "occupation:Programmer",
        "--target",
        "company:US Navy",
        "--purpose",
        "choose-path",
    )
    assert len(infoint.interview(ref)["target_ids"]) == 2
    assert len(infoint.json("target", "list")) == 2


def test_plan_without_q_prints_short_id_and_status(infoint, contact_id):
    out = infoint.ok(
        "interview",
        "plan",
        "--contact",
        contact_id,
        "--target",
        "occupation:X",
        "--purpose",
        "skills",
    )
    assert re.fullmatch(r"Interview [0-9a-f]{8} is an idea\.\n", out)


# ---------------------------------------------------------------- the interview's life


def test_full_life_from_idea_to_held_with_note(infoint, interview_id):
    infoint.now = "2026-11-20 09:30+01:00"
    infoint.ok(
        "interview",
        "request",
        interview_id,
        "--channel",
        "email",
        "--at",
        "2026-11-20 09:00+01:00",
    )
    out = infoint.ok(
        "interview",
        "schedule",
        interview_id,
        "--at",
        START,
        "--minutes",
        "20",
        "--place",
        "Café Pélican",
    )
    assert out == f"Interview {interview_id[:8]} is scheduled.\n"
    infoint.ok("interview", "confirm", interview_id)
    infoint.now = AFTER_START
    infoint.ok("interview", "hold", interview_id, "--at", START)
    out = infoint.ok("note", "add", interview_id, "Pipelines break on Mondays.", "--at", START)
    assert out == f"Note added to interview {interview_id[:8]} (1 now).\n"
    infoint.ok("note", "add", interview_id, "Learn SQL well.", "--advice")

    data = infoint.interview(interview_id)
    assert data["status"] == "held"
    assert [h["status"] for h in data["history"]] == LIFE
    assert at(data["history"][-1]["at"]) == START_AT
    assert at(data["starts_at"]) == START_AT
    assert data["agreed_minutes"] == 20
    assert data["place"] == "Café Pélican"
    assert data["request"]["channel"] == "email"
    assert at(data["request"]["asked_at"]) == datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    assert [n["text"] for n in data["notes"]] == ["Pipelines break on Mondays.", "Learn SQL well."]
    assert [n["kind"] for n in data["notes"]] == ["free", "advice"]
    assert at(data["notes"][0]["at"]) == START_AT
    assert data["version"] == 7  # planned, 4 steps, 2 notes: one version each

    shown = infoint.ok("interview", "show", interview_id[:6])
    assert re.search(rf"^Interview:\s+{interview_id[:8]} \(held\)$", shown, re.M)
    assert re.search(r"^With:\s+Grace Hopper", shown, re.M)
    assert re.search(r"^Targets:\s+occupation:Data engineer$", shown, re.M)
    assert re.search(r"^Length:\s+20 minutes$", shown, re.M)
    assert re.search(r"^Place:\s+Café Pélican$", shown, re.M)
    assert "[free] Pipelines break on Mondays." in shown
    assert "[advice] Learn SQL well." in shown
    history = shown.split("History:\n", 1)[1].splitlines()
    assert [line.split()[5].rstrip(":") for line in history] == LIFE  # after date, time, zone


def test_global_and_subcommand_json_flags_agree(infoint, interview_id):
    before = infoint.json("interview", "show", interview_id)
    global_flag = infoint.ok("--json", "interview", "show", interview_id)
    assert json.loads(global_flag) == before


def test_each_step_prints_the_interview_as_json_when_asked(infoint, interview_id):
    steps = [
        (["interview", "request", interview_id, "--channel", "phone"], "requested"),
        (["interview", "schedule", interview_id, "--at", START, "--mode", "video"], "scheduled"),
        (["interview", "confirm", interview_id], "confirmed"),
        (["interview", "hold", interview_id], "held"),
    ]
    for args, status in steps:
        if status == "held":
            infoint.now = AFTER_START
        data = infoint.json(*args)
        assert (data["id"], data["status"]) == (interview_id, status)
    assert data["mode"] == "video"
    assert data["request"]["channel"] == "phone"


def test_g11_reschedule_needs_a_new_confirmation(infoint, interview_id):
    move_to(infoint, interview_id, "confirmed")
    infoint.ok("interview", "schedule", interview_id, "--at", "2026-12-02 10:00+01:00")
    data = infoint.interview(interview_id)
    assert data["status"] == "scheduled"
    assert at(data["starts_at"]) == START_AT + timedelta(hours=20)
    assert [h["status"] for h in data["history"]][-2:] == ["confirmed", "scheduled"]


@pytest.mark.parametrize("state", ["idea", "requested", "scheduled", "confirmed"])
@pytest.mark.parametrize(("verb", "ending"), [("cancel", "cancelled"), ("decline", "declined")])
def test_cancel_and_decline_from_every_open_state(infoint, interview_id, state, verb, ending):
    move_to(infoint, interview_id, state)
    out = infoint.ok("interview", verb, interview_id[:6], "--reason", "Too busy this month")
    assert out == f"Interview {interview_id[:8]} is {ending}.\n"
    data = infoint.interview(interview_id)
    assert data["status"] == ending
    assert [h["status"] for h in data["history"]] == [*LIFE[: LIFE.index(state) + 1], ending]
    assert data["history"][-1]["note"] == "Too busy this month"


def test_cancelled_is_final(infoint, interview_id):
    infoint.ok("interview", "cancel", interview_id)
    error = infoint.fail("interview", "schedule", interview_id, "--at", START)
    assert "cancelled" in error
    assert "final" in error


def test_held_interview_cannot_be_cancelled_and_says_what_is_allowed(infoint, interview_id):
    move_to(infoint, interview_id, "held")
    error = infoint.fail("interview", "cancel", interview_id)
    assert "held" in error
    assert "assess, thank" in error


def test_relative_time_tomorrow_with_single_digit_hour(infoint, interview_id):
    infoint.now = None  # the real clock
    before = datetime.now().astimezone().date()
    infoint.ok("interview", "schedule", interview_id, "--at", "tomorrow 9:30")
    after = datetime.now().astimezone().date()
    starts = at(infoint.interview(interview_id)["starts_at"]).astimezone()
    assert starts.time() == time(9, 30)
    assert starts.date() in {before + timedelta(days=1), after + timedelta(days=1)}


# ---------------------------------------------------------------- listing


def test_interview_list_text_json_and_status_filter(infoint, contact_id):
    assert infoint.ok("interview", "list").startswith("No interviews yet")
    held = infoint.plan(contact_id, target="occupation:Pilot")
    move_to(infoint, held, "held")
    idea = infoint.plan(contact_id, target="company:Acme")

    rows = infoint.ok("interview", "list").splitlines()
    assert rows[0].split() == ["ID", "STATUS", "WHEN", "MODE", "CONTACT", "TARGETS"]
    # Scheduled interviews first, unscheduled ones last.
    assert rows[1].startswith(held[:8])
    assert rows[1].split()[1] == "held"
    assert "occupation:Pilot" in rows[1]
    assert rows[2].startswith(idea[:8])
    assert rows[2].split()[1:3] == ["idea", "-"]
    assert "Grace Hopper" in rows[2]

    assert [i["id"] for i in infoint.json("interview", "list")] == [held, idea]
    assert [i["id"] for i in infoint.json("interview", "list", "--status", "held")] == [held]
    assert [i["id"] for i in infoint.json("interview", "list", "--status", "IDEA")] == [idea]
    both = infoint.json("interview", "list", "--status", "idea", "--status", "held")
    assert {i["id"] for i in both} == {held, idea}
    assert infoint.json("interview", "list", "--status", "cancelled") == []
    text = infoint.ok("interview", "list", "--status", "held")
    assert idea[:8] not in text
    assert held[:8] in text


def test_interview_list_filters_by_contact_and_target(infoint, contact_id):
    other = infoint.new_id("contact", "add", "Alan Turing")
    mine = infoint.plan(contact_id, target="occupation:Pilot")
    theirs = infoint.plan(other, target="company:Acme")
    assert [i["id"] for i in infoint.json("interview", "list", "--contact", "Alan Turing")] == [
        theirs
    ]
    assert [
        i["id"] for i in infoint.json("interview", "list", "--target", "occupation:Pilot")
    ] == [mine]


# ---------------------------------------------------------------- notes and search (G16)


def test_g16_note_is_searchable_accent_insensitive_and_by_prefix(infoint, interview_id):
    move_to(infoint, interview_id, "held")
    infoint.ok("note", "add", interview_id, "Le café du matin: les pipelines cassent le lundi")

    for words in (["cafe"], ["CAFÉ"], ["pipel"], ["Café", "lundi"], ["matin", "pipe"]):
        hits = infoint.json("search", *words)
        assert [(h["kind"], h["id"]) for h in hits] == [("interview", interview_id)], words

    text = infoint.ok("search", "cafe").splitlines()
    assert text[0].split() == ["KIND", "ID", "MATCH"]
    assert text[1].startswith("interview")
    assert interview_id[:8] in text[1]

    # Every word must match the start of a word.
    assert infoint.json("search", "ipelines") == []
    assert infoint.json("search", "cafe", "mardi") == []
    assert infoint.ok("search", "mardi") == "Nothing found.\n"


def test_g16_note_text_can_come_from_stdin(infoint, interview_id):
    move_to(infoint, interview_id, "held")
    infoint.ok("note", "add", interview_id, "-", input="Read the on-call runbook first.\n")
    [note] = infoint.interview(interview_id)["notes"]
    assert note["text"].strip() == "Read the on-call runbook first."


def test_g16_note_add_json_prints_the_interview(infoint, interview_id):
    move_to(infoint, interview_id, "scheduled")
    data = infoint.json("note", "add", interview_id, "Ask about on-call")
    assert data["id"] == interview_id
    assert [n["text"] for n in data["notes"]] == ["Ask about on-call"]


def test_g16_no_notes_on_an_idea(infoint, interview_id):
    error = infoint.fail("note", "add", interview_id, "Too early")
    assert "idea" in error
    assert infoint.interview(interview_id)["notes"] == []


# ---------------------------------------------------------------- profile (G13)


def test_g13_profile_set_and_show(infoint):
    assert "(not set)" in infoint.ok("profile", "show")
    pitch = "I build data pipelines and want to learn how aviation teams use them."
    assert (
        infoint.ok("profile", "set", "--name", "Ada Lovelace", "--pitch", pitch)
        == "Profile saved.\n"
    )

    shown = infoint.ok("profile", "show")
    assert re.search(r"^Name:\s+Ada Lovelace$", shown, re.M)
    assert re.search(r"^Pitch:\s+" + re.escape(pitch) + "$", shown, re.M)
    assert infoint.ok("profile") == shown  # the bare group shows the profile

    data = infoint.json("profile", "show")
    assert (data["name"], data["pitch"]) == ("Ada Lovelace", pitch)

    infoint.ok("profile", "set", "--name", "Ada King")  # the pitch is kept
    data = infoint.json("profile", "show")
    assert (data["name"], data["pitch"]) == ("Ada King", pitch)


# ---------------------------------------------------------------- unplanned interviews (G8)


def test_g8_log_unplanned_interview_starts_held(infoint, contact_id):
    infoint.now = "2026-11-21 09:00+01:00"
    learned = "Airlines hire data engineers through their maintenance teams."
    ref = infoint.new_id(
        "interview",
        "log",
        "--contact",
        "Grace Hopper",
        "--at",
        "2026-11-20 18:30+01:00",
        "--learned",
        learned,
        "--place",
        "Meetup at the hangar",
    )
    when = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))
    data = infoint.interview(ref)
    assert data["status"] == "held"
    assert data["unplanned"] is True
    assert data["contact_id"] == contact_id
    assert [h["status"] for h in data["history"]] == ["held"]
    assert at(data["history"][0]["at"]) == when
    assert at(data["starts_at"]) == when
    assert [n["text"] for n in data["notes"]] == [learned]
    assert data["place"] == "Meetup at the hangar"
    assert re.search(r"^Unplanned:\s+yes", infoint.ok("interview", "show", ref), re.M)
    assert [i["id"] for i in infoint.json("interview", "list", "--status", "held")] == [ref]


def test_g8_logged_interview_takes_later_steps_and_is_searchable(infoint, contact_id):
    infoint.now = "2026-11-21 09:00+01:00"
    ref = infoint.new_id(
        "interview",
        "log",
        "--contact",
        contact_id[:6],
        "--at",
        "2026-11-20 18:30+01:00",
        "--learned",
        "Maintenance teams own the telemetry.",
        "--target",
        "industry:Aviation",
        "--mode",
        "phone",
    )
    infoint.ok("note", "add", ref, "Ask Jo in operations.")
    data = infoint.interview(ref)
    assert data["mode"] == "phone"
    assert len(data["target_ids"]) == 1
    assert len(data["notes"]) == 2
    assert [h["id"] for h in infoint.json("search", "telemetry")] == [ref]
    # A held interview still cannot be cancelled, planned or not.
    assert "held" in infoint.fail("interview", "cancel", ref)


# ---------------------------------------------------------------- help and version


def test_version_and_help(infoint):
    assert infoint.ok("--version").startswith("infoint, version ")
    out = infoint.ok("--help")
    assert out.startswith("Usage: infoint")
    for command in ("contact", "interview", "note", "plugins", "profile", "search", "target"):
        assert re.search(rf"^  {command}\b", out, re.M)


@pytest.mark.parametrize("args", [[], ["contact"], ["interview"], ["note"]])
def test_a_group_without_a_command_shows_its_help_not_a_flattened_error(infoint, args):
    result = infoint.bare().invoke(*args)
    assert result.exit_code != 0  # Click's convention: a missing command is a usage error
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: infoint")
    assert "Commands:" in result.stderr
    assert "infoint: error:" not in result.stderr


def test_options_without_a_command_is_a_one_line_error(infoint):
    assert "Missing command" in infoint.fail()
