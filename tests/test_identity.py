"""Who is who (G25): strong identifiers, folded names, and imports that never merge two
people nor lose a line."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoint.errors import AmbiguousID
from infoint.exchange import ImportedContact, Outcome, plan_import
from infoint.identity import Identity, PeopleIndex, fold_name, phone_key, profile_key
from infoint.model import Channel, ChannelKind
from infoint.workspace import SamePersonUnclear, Workspace


def person(
    name: str,
    organization: str = "",
    *,
    email: str = "",
    url: str = "",
    phone: str = "",
    region: str | None = None,
) -> Identity:
    channels = [
        Channel(kind=kind, value=value)
        for kind, value in (("email", email), ("linkedin", url), ("phone", phone))
        if value
    ]
    return Identity.of(name, organization, channels, region)


SAME = [
    pytest.param(
        person("Ada Lovelace", url="https://www.linkedin.com/in/ada-lovelace/"),
        person("Ada King", url="http://LinkedIn.com/in/Ada-Lovelace?trk=public_profile"),
        id="one profile URL in two spellings, even under two names",
    ),
    pytest.param(
        person("Ada Lovelace", url="linkedin.com/in/ada-lovelace/fr"),
        person("Ada Lovelace", url="https://uk.linkedin.com/in/ada-lovelace"),
        id="a locale suffix and a country subdomain",
    ),
    pytest.param(
        person("Grace Hopper", email="Grace@Navy.example"),
        person("G. Hopper", email="grace@NAVY.example"),
        id="one e-mail address in two cases",
    ),
    pytest.param(
        person("Grace Hopper", phone="+44 20 7946 0958"),
        person("Grace Hopper", "Navy", phone="020 7946 0958", region="GB"),
        id="one phone number, with and without its country code",
    ),
    pytest.param(
        person("Zoë Ñúñez", "Mercy Health"),
        person("zoe  NUNEZ", "mercy health"),
        id="names and organizations differing only in accents, case and spacing",
    ),
    pytest.param(
        person("Jean Sammet", "IBM"),
        person("Jean Sammet", "IBM", email="jean@ibm.example"),
        id="a contact without e-mail who gains one",
    ),
    pytest.param(
        person("Jean Sammet", "IBM", email="jean@ibm.example"),
        person("Jean Sammet", url="https://linkedin.com/in/jean"),
        id="different kinds of identifier, one organization unknown",
    ),
]

APART = [
    pytest.param(
        person("John Smith", "Google", url="https://linkedin.com/in/john-smith-1"),
        person("John Smith", "Google", url="https://linkedin.com/in/john-smith-2"),
        id="namesakes with different profile URLs",
    ),
    pytest.param(
        person("John Smith", "Google", email="john@google.example"),
        person("John Smith", "Google", email="js@google.example"),
        id="namesakes with different e-mail addresses",
    ),
    pytest.param(
        person("John Smith", "Google", email="j@x.example", url="https://linkedin.com/in/j"),
        person("John Smith", "Google", email="j2@x.example"),
        id="one kind in conflict is enough",
    ),
    pytest.param(
        person("John Smith", "Google"),
        person("John Smith", "Mercy Health"),
        id="one name at two organizations",
    ),
    pytest.param(
        person("Ana Patel", "IBM", phone="+1 202 555 0143"),
        person("Ana Patel", "IBM", phone="+1 202 555 0199"),
        id="namesakes with different phone numbers",
    ),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_g25_these_pairs_are_one_person(one: Identity, other: Identity) -> None:
    assert one.same_person(other) and other.same_person(one)
    index = PeopleIndex()
    index.put("first", one)
    assert index.resolve(other).same == "first"


@pytest.mark.parametrize(("one", "other"), APART)
def test_g25_these_pairs_are_two_people(one: Identity, other: Identity) -> None:
    assert not one.same_person(other) and not other.same_person(one)
    index = PeopleIndex()
    index.put("first", one)
    found = index.resolve(other)
    assert found.same is None
    assert found.namesakes == (("first",) if one.same_name(other) else ())


def test_g25_identifiers_are_compared_in_their_canonical_form() -> None:
    assert fold_name("  Zoë\tÑúñez ") == "zoe nunez"
    assert profile_key("HTTPS://www.linkedin.com/in/Ada/?locale=fr_FR") == "linkedin.com/in/ada"
    assert profile_key("https://linkedin.com/in/ada/en-us/") == "linkedin.com/in/ada"
    assert phone_key("+1 (202) 555-0143") == "+12025550143"
    assert phone_key("(202) 555-0143") is None  # no country: not an identifier
    assert phone_key("(202) 555-0143", "us") == "+12025550143"
    assert phone_key("not a number", "US") is None


def test_g25_a_name_that_fits_several_people_guesses_nothing() -> None:
    index = PeopleIndex()
    index.put("a", person("John Smith", "Google"))
    index.put("b", person("John Smith", ""))
    found = index.resolve(person("John Smith", "Google"))
    assert (found.same, set(found.candidates)) == (None, {"a", "b"})


def test_g25_the_index_follows_a_contact_that_gains_identifiers() -> None:
    index = PeopleIndex()
    before = person("John Smith", "Google")
    index.put("a", before)
    after = person("John Smith", "Google", url="https://linkedin.com/in/js1")
    index.put("a", after, replacing=before)
    found = index.resolve(person("John Smith", "Google", url="https://linkedin.com/in/js2"))
    assert (found.same, found.namesakes) == (None, ("a",))
    index.remove("a", after)
    assert index.resolve(person("John Smith", "Google")) == type(found)()


# ---------------------------------------------------------------- imports


def linkedin(*rows: str) -> bytes:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    return ("\n".join([header, *rows]) + "\n").encode()


def test_g25_three_john_smiths_at_google_stay_three_and_are_reported(
    infoint_workspace: Workspace,
) -> None:
    data = linkedin(
        "John,Smith,https://www.linkedin.com/in/john-smith-1,john@google.example,Google,SRE,",
        "John,Smith,https://www.linkedin.com/in/john-smith-2,,Google,PM,",
        "John,Smith,https://www.linkedin.com/in/john-smith-3,jsmith@google.example,Google,UX,",
    )
    report = infoint_workspace.import_contacts("linkedin", io.BytesIO(data), source="c.csv")
    assert [(line.line, line.outcome) for line in report.lines] == [
        (2, Outcome.ADDED),
        (3, Outcome.POSSIBLE_DUPLICATE),
        (4, Outcome.POSSIBLE_DUPLICATE),
    ]
    first, second, third = report.lines
    assert second.namesakes == (first.contact_id,)
    assert report.line_of(second.namesakes[0]) == 2
    assert second.why == "a different LinkedIn profile"
    assert third.why == "a different e-mail address and LinkedIn profile"
    people = infoint_workspace.contacts()
    assert sorted(c.role for c in people) == ["PM", "SRE", "UX"]
    assert all(len(c.channels) <= 2 for c in people)


def test_g25_two_rows_sharing_an_email_are_one_contact() -> None:
    email = Channel(kind="email", value="ada@engines.example")
    records = [
        ImportedContact(name="Ada Lovelace", channels=[email], line=2),
        ImportedContact(
            name="Ada King",
            organization="Engines",
            channels=[Channel(kind="email", value="ADA@engines.example")],
            line=3,
        ),
    ]
    plan = plan_import(records, [], iter(["id1", "id2"]).__next__, "f.csv")
    assert [(c.id, c.organization) for c in plan.added] == [("id1", "Engines")]
    assert [(line.outcome, line.contact_id, line.gained) for line in plan.lines] == [
        (Outcome.ADDED, "id1", ()),
        (Outcome.MERGED, "id1", ("organization",)),
    ]


FIRST = ["John", "Ana"]
LAST = ["Smith", "Núñez"]
ORGS = ["Google", "Mercy Health", ""]


@st.composite
def connections(draw: st.DrawFn) -> tuple[int, list[str]]:
    """A LinkedIn file of distinct people (each with a profile URL of their own, some
    with an e-mail address of their own) from a tiny pool of names, some of them listed
    twice, the second time with their URL spelled otherwise."""
    people = draw(st.integers(min_value=1, max_value=25))
    rows = []
    for k in range(people):
        first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
        org = draw(st.sampled_from(ORGS))
        email = f"p{k}@example.org" if draw(st.booleans()) else ""
        rows.append(f"{first},{last},https://www.linkedin.com/in/p-{k},{email},{org},,")
        if draw(st.integers(0, 4)) == 0:
            rows.append(f"{first.upper()},{last},http://linkedin.com/in/P-{k}/,,{org},,")
    order = draw(st.permutations(rows))
    return people, list(order)


@settings(max_examples=60, deadline=None)
@given(connections())
def test_g25_distinct_people_stay_distinct_and_every_line_is_reported_once(
    file: tuple[int, list[str]],
) -> None:
    people, rows = file
    with Workspace.open("memory://", owner="prop") as ws:
        report = ws.import_contacts("linkedin", io.BytesIO(linkedin(*rows)), source="c.csv")
        assert len(ws.contacts()) == people
        assert [line.line for line in report.lines] == list(range(2, len(rows) + 2))
        counts = {outcome: report.count(outcome) for outcome in Outcome}
        assert sum(counts.values()) == len(rows)
        assert counts[Outcome.ADDED] + counts[Outcome.POSSIBLE_DUPLICATE] == people
        again = ws.import_contacts("linkedin", io.BytesIO(linkedin(*rows)), source="c.csv")
        assert again.count(Outcome.UNCHANGED) == len(rows)
        assert len(ws.contacts()) == people


# ---------------------------------------------------------------- typed by hand


def test_g25_contact_add_links_the_same_person_and_refuses_to_guess(
    infoint_workspace: Workspace,
) -> None:
    ws = infoint_workspace
    zoe = ws.add_contact("Zoë Ñúñez", organization="Mercy Health")
    again = ws.add_contact(
        "Zoe Nunez", organization="mercy health", channels=[Channel(kind="email", value="z@m.org")]
    )
    assert again.id == zoe.id
    assert again.channel(ChannelKind.EMAIL) == "z@m.org"
    other = ws.add_contact("Zoe Nunez", channels=[Channel(kind="email", value="zn@else.org")])
    assert other.id != zoe.id
    match = ws.identify_contact("ZOE NUNEZ")
    assert (match.contact, {c.id for c in match.candidates}) == (None, {zoe.id, other.id})
    with pytest.raises(SamePersonUnclear) as refused:
        ws.add_contact("Zoe Nunez")
    assert isinstance(refused.value, AmbiguousID)
    assert {c.id for c in refused.value.candidates} == {zoe.id, other.id}
    assert len(ws.contacts()) == 2
    assert ws.add_contact("Zoe Nunez", new=True).id not in {zoe.id, other.id}


def test_g25_a_referral_by_name_links_the_contact_of_that_name_without_accents(
    infoint_workspace: Workspace,
) -> None:
    ws = infoint_workspace
    zoe = ws.add_contact("Zoë Ñúñez", organization="Mercy Health")
    ws.add_contact("Ada Lovelace")
    interview = ws.log_interview("Ada Lovelace", at=ws.now(), learned="Nursing informatics")
    _, person = ws.add_referral(interview.id, "Zoe Nunez", organization="Mercy Health")
    assert person.id == zoe.id
    assert len(ws.contacts()) == 2


@given(st.text(max_size=40))
def test_g25_folding_a_folded_name_changes_nothing(text: str) -> None:
    folded = fold_name(text)
    assert fold_name(folded) == folded
    assert folded == folded.strip() and "  " not in folded
