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
