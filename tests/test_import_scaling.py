"""Imports whose work grows with the file, not with its square (G4, G25), and files that
hold no contact at all.

Work is counted, not timed: :class:`Work` counts the lines of infoint's own code that
run, and the calls of each of its functions, while a file is read, planned and
reported on. A file ten times as long must cost at most twelve times as much
(quadratic work would cost about a hundred). The files are the ones that made
imports quadratic (issue 12): rows of one name and organization, with and without
identifiers of their own, and one person with thousands of e-mail addresses and
phone numbers, in one row or gained row after row.
"""

from __future__ import annotations

import io
import itertools
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoint.builtin.contacts_csv import GoogleImporter, LinkedInImporter
from infoint.errors import ValidationError
from infoint.exchange import ImportedContact, ImportReport, Outcome, plan_import
from infoint.identity import fold_name
from infoint.model import Channel, Contact
from infoint.plugins import make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.testing.work import Work
from infoint.workspace import Workspace


def _ids() -> Callable[[], str]:
    counter = itertools.count()
    return lambda: f"c{next(counter)}"


def _import(
    read: Callable[[io.BytesIO, str], Any], data: bytes, existing: Sequence[Contact] = ()
) -> tuple[Work, ImportReport]:
    """Read ``data``, plan its import and ask of the report what the CLI asks of it,
    counting the work (from cold: names folded for an earlier file are not cached)."""
    fold_name.cache_clear()
    with Work() as work:
        plan = plan_import(read(io.BytesIO(data), "f.csv"), existing, _ids(), "f.csv")
        report = ImportReport(
            source="f.csv", added=plan.added, merged=plan.merged, lines=plan.lines
        )
        for outcome in Outcome:
            report.count(outcome)
            report.of(outcome)
        for line in report.lines:
            for other in line.namesakes:
                report.line_of(other)
    return work, report


def _accounts_for_every_line(report: ImportReport, rows: int) -> None:
    """G25: each record is exactly one line of the report, in the file's order."""
    assert len(report.lines) == rows
    assert sum(report.count(outcome) for outcome in Outcome) == rows
    assert [line.line for line in report.lines] == sorted(line.line for line in report.lines)
    new = {line.contact_id for line in report.lines if line.outcome in _NEW}
    assert len(new) == len(report.added)


_NEW = (Outcome.ADDED, Outcome.POSSIBLE_DUPLICATE)

# ---------------------------------------------------------------- files of namesakes

LINKEDIN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
GOOGLE = (
    "Name,Organization 1 - Name,Organization 1 - Title,E-mail 1 - Value,Phone 1 - Value,"
    "Address 1 - Formatted,Website 1 - Value\r\n"
)

_Row = dict[str, str]
"""One row's values: ``profile``, ``email``, ``phone``, ``address`` (as they apply), and
``organization`` when it is not the file's one."""

SHAPES: dict[str, Callable[[int], _Row]] = {
    "nothing": lambda n: {},
    "a profile of their own": lambda n: {"profile": f"https://www.linkedin.com/in/p-{n}"},
    "an e-mail address of their own": lambda n: {"email": f"p{n}@example.org"},
    "one profile, an e-mail address each time": lambda n: {
        "profile": "https://www.linkedin.com/in/the-one",
        "email": f"p{n}@example.org",
    },
    "one e-mail address, a profile each time": lambda n: {
        "profile": f"https://www.linkedin.com/in/p-{n}",
        "email": "the-one@example.org",
    },
    "one e-mail address, a phone number each time": lambda n: {
        "email": "the-one@example.org",
        "phone": f"+1 202 555 {n:04d}",
    },
    "one e-mail address, an address each time": lambda n: {
        "email": "the-one@example.org",
        "address": f"{n} Main Street, Springfield",
    },
    "a phone number of their own": lambda n: {"phone": f"+44 20 7946 {n:04d}"},
    "an organization and a profile of their own": lambda n: {
        "organization": f"Company {n}",
        "profile": f"https://www.linkedin.com/in/p-{n}",
    },
    "no organization, nothing else": lambda n: {"organization": ""},
}
"""How the rows of one name and organization differ, row ``n`` by row."""

_LINKEDIN_SHAPES = [
    name for name, shape in SHAPES.items() if set(shape(0)) <= {"organization", "profile", "email"}
]


def linkedin_file(rows: int, name: str, organization: str, shapes: Sequence[str]) -> bytes:
    """``rows`` connections called ``name`` at ``organization``, row ``n`` shaped by
    ``shapes[n % len(shapes)]``."""
    first, _, last = name.partition(" ")
    lines = [LINKEDIN]
    for n in range(rows):
        row = SHAPES[shapes[n % len(shapes)]](n)
        lines.append(
            f"{first},{last},{row.get('profile', '')},{row.get('email', '')},"
            f"{row.get('organization', organization)},Engineer,01 Jan 2024\r\n"
        )
    return "".join(lines).encode()


def google_file(rows: int, name: str, organization: str, shapes: Sequence[str]) -> bytes:
    """The same in Google's CSV, which also holds phone numbers and addresses."""
    lines = [GOOGLE]
    for n in range(rows):
        row = SHAPES[shapes[n % len(shapes)]](n)
        cells = ",".join(
            '"' + row.get(part, "") + '"' for part in ("email", "phone", "address", "profile")
        )
        lines.append(f"{name},{row.get('organization', organization)},Engineer,{cells}\r\n")
    return "".join(lines).encode()


@attrs.frozen
class NamesakeFile:
    """Rows of one name and organization, shaped by ``shapes`` in turn, in the format of
    ``fmt``; and contacts of that name already there."""

    fmt: str
    name: str
    organization: str
    shapes: tuple[str, ...]
    existing: tuple[Contact, ...]

    def data(self, rows: int) -> bytes:
        """The file, ``rows`` rows long."""
        make = google_file if self.fmt == "google" else linkedin_file
        return make(rows, self.name, self.organization, self.shapes)


@st.composite
def namesake_files(draw: st.DrawFn) -> NamesakeFile:
    """A file of many rows of one name and organization (a few shapes of row taking
    turns, with identifiers or without), at any length; and contacts of that name
    already there."""
    fmt = draw(st.sampled_from(["linkedin", "google"]))
    name = draw(st.sampled_from(["John Smith", "Zoë Ñúñez"]))
    shapes = st.sampled_from(list(SHAPES) if fmt == "google" else _LINKEDIN_SHAPES)
    organizations = st.sampled_from(["Google", ""])
    existing = [
        Contact(id=f"e{k}", name=name, organization=draw(organizations))
        for k in range(draw(st.integers(0, 2)))
    ]
    return NamesakeFile(
        fmt=fmt,
        name=name,
        organization=draw(organizations),
        shapes=tuple(draw(st.lists(shapes, min_size=1, max_size=3, unique=True))),
        existing=tuple(existing),
    )


READERS = {"linkedin": LinkedInImporter().read, "google": GoogleImporter().read}


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(file=namesake_files(), rows=st.integers(min_value=40, max_value=80))
def test_g25_rows_of_one_name_and_organization_cost_work_in_proportion_to_the_file(
    file: NamesakeFile, rows: int
) -> None:
    """G25 on namesakes: ten times the rows of one name (each with a profile or e-mail
    address of their own, or sharing one and gaining another, or with none) is ten times
    the work: no row is compared with every earlier namesake, no contact's channels are
    gone over again each time it gains one, and every line is accounted for."""
    small, small_report = _import(READERS[file.fmt], file.data(rows), file.existing)
    large, large_report = _import(READERS[file.fmt], file.data(10 * rows), file.existing)
    _accounts_for_every_line(small_report, rows)
    _accounts_for_every_line(large_report, 10 * rows)
    large.assert_grows_linearly_from(small)


def test_g25_namesakes_with_profiles_of_their_own_stay_apart_and_cost_linear_work() -> None:
    """G25: 2,000 John Smiths at Google, each with a profile of their own, are 2,000
    contacts (one added, the rest possible duplicates naming a few namesakes each)."""
    data = {
        n: linkedin_file(n, "John Smith", "Google", ["a profile of their own"])
        for n in (200, 2000)
    }
    small, _ = _import(LinkedInImporter().read, data[200])
    large, report = _import(LinkedInImporter().read, data[2000])
    large.assert_grows_linearly_from(small)
    assert (report.count(Outcome.ADDED), report.count(Outcome.POSSIBLE_DUPLICATE)) == (1, 1999)
    assert len(report.added) == 2000
    assert max(len(line.namesakes) for line in report.lines) == 5
    assert report.lines[-1].why == "a different LinkedIn profile"


@pytest.mark.parametrize(
    "shape",
    [
        "one profile, an e-mail address each time",
        "one e-mail address, a phone number each time",
        "one e-mail address, an address each time",
    ],
)
def test_g25_a_contact_that_gains_a_channel_on_every_row_costs_linear_work(shape: str) -> None:
    """G25: 1,000 rows of one person (one identifier shared) are one contact, gaining a
    channel from each row; its channels are not gone over again on every row."""
    data = {n: google_file(n, "John Smith", "Google", [shape]) for n in (100, 1000)}
    small, _ = _import(GoogleImporter().read, data[100])
    large, report = _import(GoogleImporter().read, data[1000])
    large.assert_grows_linearly_from(small)
    assert (report.count(Outcome.ADDED), report.count(Outcome.MERGED)) == (1, 999)
    (contact,) = report.added
    assert len(contact.channels) == 1001
    assert report.lines[1].gained == (str(report.added[0].channels[2].kind),)


def test_g25_an_existing_contact_gaining_from_every_row_is_written_once() -> None:
    """A contact already there that gains a phone number on each of 1,000 rows is one
    merged contact holding them all (and the index finds it by every one of them)."""
    known = Contact(
        id="known", name="Ada Lovelace", channels=(Channel(kind="email", value="ada@x.org"),)
    )
    rows = [
        ImportedContact(
            name="Ada",
            channels=[
                Channel(kind="email", value="ada@x.org"),
                Channel(kind="phone", value=f"+1 202 555 {n:04d}"),
            ],
            line=n + 2,
        )
        for n in range(1000)
    ]
    again = ImportedContact(
        name="A. Lovelace", channels=[Channel(kind="phone", value="+12025550999")], line=1002
    )
    plan = plan_import([*rows, again], [known], _ids(), "f.csv")
    assert ([c.id for c in plan.merged], plan.added) == (["known"], ())
    assert len(plan.merged[0].channels) == 1001
    assert [line.outcome for line in plan.lines] == [Outcome.MERGED] * 1000 + [Outcome.UNCHANGED]


@pytest.mark.parametrize(
    "shapes",
    [
        ["an organization and a profile of their own", "no organization, nothing else"],
        ["an organization and a profile of their own", "an e-mail address of their own"],
    ],
)
def test_g25_a_name_at_many_organizations_costs_linear_work(shapes: list[str]) -> None:
    """G25: John Smiths at a thousand organizations, and John Smiths of no known
    organization (who could be any of them) between them: each row looks at a few
    namesakes, not at every organization the name has been seen at."""
    data = {n: linkedin_file(n, "John Smith", "", shapes) for n in (100, 1000)}
    small, _ = _import(LinkedInImporter().read, data[100])
    large, report = _import(LinkedInImporter().read, data[1000])
    large.assert_grows_linearly_from(small)
    assert len(report.added) >= 500  # every profile is a person of their own
    assert max(len(line.namesakes) for line in report.lines) <= 5


def _sharing_one_address(count: int) -> tuple[list[Contact], list[ImportedContact]]:
    """``count`` contacts with an address of their own; and a row for each of them with
    that address and one that every row has (so each contact gains it)."""
    known = [
        Contact(
            id=f"k{n}", name=f"Person {n}", channels=[Channel(kind="email", value=f"a{n}@x.org")]
        )
        for n in range(count)
    ]
    rows = [
        ImportedContact(
            name=f"Person {n}",
            channels=[
                Channel(kind="email", value=f"a{n}@x.org"),
                Channel(kind="email", value="office@x.org"),
            ],
            line=n + 2,
        )
        for n in range(count)
    ]
    return known, rows


def test_g25_rows_sharing_an_address_with_ever_more_contacts_cost_linear_work() -> None:
    """G25: each row is its own contact (by its own address), and shares a second one
    with every contact before it: it merges into its own, naming a few of the others,
    without going over all of them."""
    plans = []
    for count in (100, 1000):
        known, rows = _sharing_one_address(count)
        with Work() as work:
            plan = plan_import(rows, known, _ids(), "f.csv")
        plans.append((work, plan))
    (small, _), (large, plan) = plans
    large.assert_grows_linearly_from(small)
    assert [line.contact_id for line in plan.lines] == [f"k{n}" for n in range(1000)]
    assert {line.outcome for line in plan.lines} == {Outcome.MERGED}
    assert plan.lines[-1].namesakes == ("k0", "k1", "k2", "k3", "k4")


# ---------------------------------------------------------------- one person, many channels


def _many_channels(count: int) -> bytes:
    emails = " ::: ".join(f"ada{n}@example.org" for n in range(count))
    phones = " ::: ".join(f"+1 202 555 {n:04d}" for n in range(count))
    return (GOOGLE + f'Ada Lovelace,Engines,Programmer,"{emails}","{phones}",,\r\n').encode()


@settings(max_examples=4, deadline=None, derandomize=True)
@given(count=st.integers(min_value=100, max_value=300))
def test_g4_one_person_with_thousands_of_emails_and_phones_costs_linear_work(count: int) -> None:
    """One Google row holding ``count`` e-mail addresses and phone numbers, then ten
    times as many: one contact with every one of them, for ten times the work."""
    small, _ = _import(GoogleImporter().read, _many_channels(count))
    large, report = _import(GoogleImporter().read, _many_channels(10 * count))
    large.assert_grows_linearly_from(small)
    (contact,) = report.added
    assert len(contact.channels) == 20 * count


# ---------------------------------------------------------------- files without a contact


@pytest.fixture
def ws() -> Any:
    pm = make_plugin_manager(entry_points=False, disabled=[])
    with Workspace.open("memory://", owner="x", plugins=pm, clock=FakeClock()) as workspace:
        workspace.add_contact("Ada Lovelace", organization="Analytical Engines")
        yield workspace


EMPTY_FILES = [
    pytest.param("linkedin", b",,,,,,\r\n" * 1234, "1,234 empty rows", id="linkedin-commas"),
    pytest.param("google", b",,,,,,\r\n" * 1234, "1,234 empty rows", id="google-commas"),
    pytest.param("linkedin", b"\r\n" * 3, "3 empty rows", id="linkedin-blank-lines"),
    pytest.param("google", b"\n \n\t\n", "3 empty rows", id="google-blank-lines"),
    pytest.param(
        "linkedin",
        LINKEDIN.encode() + b",,, ,,,\n" * 2000,
        "2,000 empty rows",
        id="linkedin-header",
    ),
    pytest.param(
        "google", GOOGLE.encode() + b",,,,,,\n" * 2000, "2,000 empty rows", id="google-header"
    ),
    pytest.param(
        "linkedin", LINKEDIN.encode(), "nothing after the header", id="linkedin-only-header"
    ),
    pytest.param("google", GOOGLE.encode(), "nothing after the header", id="google-only-header"),
    pytest.param("linkedin", b"", "the file is empty", id="linkedin-nothing"),
    pytest.param("google", b"\xef\xbb\xbf", "the file is empty", id="google-bom"),
]


@pytest.mark.parametrize(("fmt", "data", "what"), EMPTY_FILES)
def test_g4_a_file_without_a_contact_says_so_and_imports_nothing(
    ws: Workspace, fmt: str, data: bytes, what: str
) -> None:
    before = ws.contacts()
    for dry_run in (True, False):
        with pytest.raises(ValidationError) as caught:
            ws.import_contacts(fmt, io.BytesIO(data), source="c.csv", dry_run=dry_run)
        assert str(caught.value) == f"c.csv: no contacts found: {what}"
    assert ws.contacts() == before


@pytest.mark.parametrize(("fmt", "data", "what"), EMPTY_FILES[:2])
def test_g4_the_plan_of_a_file_without_a_contact_is_that_error(
    fmt: str, data: bytes, what: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        plan_import(READERS[fmt](io.BytesIO(data), "c.csv"), [], _ids(), "c.csv")
    assert str(caught.value) == f"c.csv: no contacts found: {what}"


def test_g4_empty_rows_among_contacts_are_skipped_without_a_word() -> None:
    data = LINKEDIN.encode() + b",,,,,,\r\n" * 5 + b"Ada,Lovelace,,,,,\r\n" + b"\r\n" * 5
    assert [r.name for r in LinkedInImporter().read(io.BytesIO(data), "c.csv")] == ["Ada Lovelace"]


@pytest.mark.parametrize("fmt", ["linkedin", "google"])
def test_g4_one_endless_line_is_refused_without_reading_it_into_memory(fmt: str) -> None:
    """20 MB of commas on one line (the file of issue 12 took 1.9 GB at 200 MB): refused
    on its line, having held at most about a million characters of it."""
    data = b"," * 20_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as caught:
            list(READERS[fmt](io.BytesIO(data), "c.csv"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (
        "c.csv:1: line: has more than 1,000,000 characters; is this a contacts file?"
    )
    assert peak < 20_000_000
