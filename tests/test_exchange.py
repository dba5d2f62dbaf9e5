"""Import planning (G4): matching, merging, all-or-nothing, errors that name the line."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from infoint.errors import ValidationError
from infoint.exchange import ImportedContact, plan_import, safe_file_name
from infoint.model import Channel, ChannelKind, Contact


def _ids() -> Iterator[str]:
    return (f"new{k}" for k in itertools.count())


def test_g4_records_merge_into_existing_contacts_and_referrers_link() -> None:
    ada = Contact(id="a", name="Ada Lovelace")
    grace = Contact(id="g", name="Grace Hopper", organization="Navy")
    ids = _ids()
    plan = plan_import(
        [
            ImportedContact(
                name="Grace Hopper",
                organization="Navy",
                role="Admiral",
                referred_by="Ada Lovelace",
                line=2,
            ),
            ImportedContact(name="Linus", referred_by="Ada Lovelace", line=3),
            ImportedContact(name="Ada Lovelace", line=4),
        ],
        [ada, grace],
        lambda: next(ids),
        "f.vcf",
    )
    assert [(c.id, c.role, c.referred_by_id) for c in plan.merged] == [("g", "Admiral", "a")]
    assert [(c.name, c.referred_by_id) for c in plan.added] == [("Linus", "a")]
    assert [(line.line, str(line.outcome)) for line in plan.lines] == [
        (2, "merged"),
        (3, "added"),
        (4, "unchanged"),
    ]


def test_g4_an_importer_letting_a_model_error_escape_still_names_file_and_line() -> None:
    def records() -> Iterator[ImportedContact]:
        yield ImportedContact(name="Fine", line=2)
        yield ImportedContact(
            name="Bad", channels=[Channel(kind=ChannelKind.EMAIL, value="x")], line=3
        )

    with pytest.raises(ValidationError, match=r"^f\.csv:3: email: 'x' is not an e-mail address$"):
        plan_import(records(), [], lambda: "id", "f.csv")


def test_export_file_names_are_safe() -> None:
    assert safe_file_name("../../etc/passwd", ".ics") == "etc-passwd.ics"
    assert safe_file_name("...", ".html") == "export.html"
    assert safe_file_name("Zoë Ñúñez / notes", ".json") == "Zoë-Ñúñez-notes.json"


def test_g25_a_contact_that_gains_an_organization_and_a_profile_is_told_apart_by_them() -> None:
    """What a contact gains in an import counts for the rows after it: its profile tells
    the next John Smith at Google apart, and its organization keeps a John Smith of
    another company away."""
    john = Contact(id="j", name="John Smith")

    def row(line: int, organization: str, url: str = "") -> ImportedContact:
        profile = [Channel(kind=ChannelKind.LINKEDIN, value=url)] if url else []
        return ImportedContact(
            name="John Smith", organization=organization, channels=profile, line=line
        )

    ids = _ids()
    plan = plan_import(
        [
            row(2, "Google", "linkedin.com/in/js-1"),
            row(3, "Google", "linkedin.com/in/js-2"),
            row(4, "Acme"),
            row(5, "", "https://www.linkedin.com/in/js-1/"),
        ],
        [john],
        lambda: next(ids),
        "f.csv",
    )
    assert [(line.line, str(line.outcome), line.contact_id) for line in plan.lines] == [
        (2, "merged", "j"),
        (3, "possible-duplicate", "new0"),
        (4, "added", "new1"),
        (5, "unchanged", "j"),
    ]
    assert plan.lines[0].gained == ("linkedin", "organization")
    assert (plan.lines[1].namesakes, plan.lines[1].why) == (("j",), "a different LinkedIn profile")
    (merged,) = plan.merged
    assert (merged.organization, [c.value for c in merged.channels]) == (
        "Google",
        ["linkedin.com/in/js-1"],
    )
