"""The built-in ``linkedin`` and ``google`` contact imports (G4): reading the CSV files
those services export, and importing them into a Workspace (match, merge, all or nothing)."""

from __future__ import annotations

import inspect
import io
from collections.abc import Iterator

import pytest

from infoint.builtin.contacts_csv import GoogleImporter, LinkedInImporter, linkedin_date
from infoint.errors import ValidationError
from infoint.exchange import ImportedContact, Outcome
from infoint.model import Channel, ChannelKind, Contact
from infoint.plugins import make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

BOM = "\ufeff"

LINKEDIN_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    " are missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def linkedin(*rows: str, preamble: str = LINKEDIN_PREAMBLE, bom: bool = True) -> bytes:
    """A LinkedIn ``Connections.csv`` as LinkedIn writes it: BOM, notes, header, CRLF."""
    text = (BOM if bom else "") + preamble + LINKEDIN_HEADER + "".join(f"{r}\r\n" for r in rows)
    return text.encode("utf-8")


CONNECTIONS = linkedin(
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@engines.example,"
    '"Analytical Engines, Ltd",Programmer,01 Jan 2024',
    "Zoë,Ångström,https://www.linkedin.com/in/zoe-angstrom,,Københavns Universitet,"
    "Lektor,15 Mar 2023",
    'José,"Núñez ""Pepe""",https://www.linkedin.com/in/jnunez,,Acme,"Head of Data,\r\n'
    'Platform team",07 Sep 2021',
    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Rear admiral,30 Nov 2020",
)
"""Line 4 is the header; the records start on lines 5, 6, 7 (two lines) and 9."""


def read(
    importer: LinkedInImporter | GoogleImporter, data: bytes, source: str = "f.csv"
) -> list[ImportedContact]:
    return list(importer.read(io.BytesIO(data), source))


def error_of(importer: LinkedInImporter | GoogleImporter, data: bytes, source: str) -> str:
    with pytest.raises(ValidationError) as caught:
        read(importer, data, source)
    return str(caught.value)


@pytest.fixture
def ws() -> Iterator[Workspace]:
    pm = make_plugin_manager(entry_points=False, disabled=[])
    with Workspace.open("memory://", owner="x", plugins=pm, clock=FakeClock()) as workspace:
        yield workspace


# ---------------------------------------------------------------- LinkedIn: reading


def test_g4_linkedin_connections_are_read_past_the_notes_bom_and_crlf() -> None:
    ada, zoe, jose, grace = read(LinkedInImporter(), CONNECTIONS)
    assert ada == ImportedContact(
        name="Ada Lovelace",
        role="Programmer",
        organization="Analytical Engines, Ltd",
        channels=(
            Channel(kind="linkedin", value="https://www.linkedin.com/in/ada-lovelace"),
            Channel(kind="email", value="ada@engines.example"),
        ),
        notes="Connected on LinkedIn on 2024-01-01",
        line=5,
    )
    assert (zoe.name, zoe.organization, zoe.role) == (
        "Zoë Ångström",
        "Københavns Universitet",
        "Lektor",
    )
    assert [c.kind for c in zoe.channels] == [ChannelKind.LINKEDIN]  # a blank e-mail is fine
    assert jose.name == 'José Núñez "Pepe"'
    assert jose.role == "Head of Data, Platform team"  # a quoted line break is one space
    assert [c.line for c in (ada, zoe, jose, grace)] == [5, 6, 7, 9]
    assert grace.notes == "Connected on LinkedIn on 2020-11-30"


def test_g4_linkedin_without_bom_notes_or_crlf_and_with_columns_moved() -> None:
    data = (
        b"Connected On,Company,Last Name,First Name,Position,URL,Email Address,Extra\n"
        b"2 Feb 2022,Acme,Hopper,Grace,CTO,https://linkedin.com/in/g,grace@acme.example,\n"
        b"31 December 2019,,,Cher,,,,\n"
    )
    grace, cher = read(LinkedInImporter(), data)
    assert (grace.name, grace.organization, grace.role, grace.line) == (
        "Grace Hopper",
        "Acme",
        "CTO",
        2,
    )
    assert grace.notes == "Connected on LinkedIn on 2022-02-02"
    assert (cher.name, cher.channels, cher.notes) == (
        "Cher",
        (),
        "Connected on LinkedIn on 2019-12-31",
    )


def test_g4_a_short_row_has_empty_values_and_blank_lines_are_skipped() -> None:
    data = linkedin("", "Ada,Lovelace,https://www.linkedin.com/in/ada", "", "Grace,Hopper")
    ada, grace = read(LinkedInImporter(), data)
    assert (ada.line, ada.organization, ada.notes) == (6, "", "")
    assert (grace.line, grace.channels) == (8, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01 Jan 2024", "2024-01-01"),
        ("1 January 2024", "2024-01-01"),
        ("29 Feb 2024", "2024-02-29"),
        ("07 Sept 2021", "2021-09-07"),
        ("2023-05-04", "2023-05-04"),
    ],
)
def test_linkedin_dates(text: str, expected: str) -> None:
    found = linkedin_date(text)
    assert found is not None and found.isoformat() == expected


@pytest.mark.parametrize("text", ["29 Feb 2023", "01/01/2024", "Jan 1 2024", "01 Foo 2024", "x"])
def test_linkedin_dates_that_are_not(text: str) -> None:
    assert linkedin_date(text) is None


# ---------------------------------------------------------------- LinkedIn: malformed files


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            ["Ada,Lovelace,,,,,01 Jan 2024", "Grace,Hopper,,,,,2024-13-45"],
            "Connections.csv:6: Connected On: '2024-13-45' is not a date like 01 Jan 2024",
        ),
        (
            ["Ada,Lovelace,,,,,", " , ,https://www.linkedin.com/in/x,,Acme,,"],
            "Connections.csv:6: First Name: neither a first nor a last name",
        ),
        (
            ["Ada,Lovelace,,ada(at)example.org,,,"],
            "Connections.csv:5: Email Address: 'ada(at)example.org' is not an e-mail address",
        ),
        (
            ["Ada,Lovelace,,,Engines, Ltd,Programmer,01 Jan 2024"],
            "Connections.csv:5: row: has 8 values but the header (line 4) has 7 columns;"
            " quote values that contain commas",
        ),
        (
            ['Ada,Lovelace,,,Engines,"Programmer,01 Jan 2024', "Grace,Hopper,,,,,"],
            "Connections.csv:5: row: not valid CSV: unexpected end of data",
        ),
    ],
)
def test_a_malformed_linkedin_row_names_file_line_and_field(
    rows: list[str], expected: str
) -> None:
    assert error_of(LinkedInImporter(), linkedin(*rows), "Connections.csv") == expected


def test_a_file_without_the_linkedin_header_is_refused_at_line_1() -> None:
    google = b"Name,Given Name,Family Name\nAda Lovelace,Ada,Lovelace\n"
    message = error_of(LinkedInImporter(), google, "contacts.csv")
    assert message.startswith("contacts.csv:1: header: no LinkedIn header (First Name,Last Name,")
    assert error_of(LinkedInImporter(), b"", "empty.csv") == (
        "empty.csv: no contacts found: the file is empty"
    )


def test_bytes_that_are_not_utf8_are_refused_on_their_line() -> None:
    data = linkedin("Ada,Lovelace,,,,,", "Zoë,Ångström,,,,,").replace("Zoë".encode(), b"Zo\xeb")
    assert error_of(LinkedInImporter(), data, "latin1.csv") == (
        "latin1.csv:6: encoding: not UTF-8 (byte 0xEB at column 3); save the file as UTF-8"
    )


def test_read_is_a_generator_that_streams_and_leaves_the_stream_open() -> None:
    stream = io.BytesIO(linkedin(*(f"Person,{n},,,,," for n in range(5000))))
    records = LinkedInImporter().read(stream, "big.csv")
    assert inspect.isgenerator(records)
    assert stream.tell() == 0  # nothing read before the first record is asked for
    assert next(records).name == "Person 0"
    assert 0 < stream.tell() < len(stream.getvalue()) // 2
    assert sum(1 for _ in records) == 4999
    assert not stream.closed


# ---------------------------------------------------------------- Google Contacts: reading

GOOGLE_OLD_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
    "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,"
    "Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,"
    "Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
    "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,"
    "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
    "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,"
    "Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,"
    "Organization 1 - Location,Organization 1 - Job Description,Relation 1 - Type,"
    "Relation 1 - Value,Website 1 - Type,Website 1 - Value,Website 2 - Type,Website 2 - Value"
)


def google_old(**values: str) -> str:
    """One row under :data:`GOOGLE_OLD_HEADER`; unnamed columns are empty."""
    columns = GOOGLE_OLD_HEADER.split(",")
    cells = [
        values.get(c.replace(" - ", "_").replace(" ", "_").replace("-", ""), "") for c in columns
    ]
    return ",".join(f'"{c}"' if any(x in c for x in ',"\n') else c for c in cells)


GOOGLE_OLD = (
    GOOGLE_OLD_HEADER
    + "\r\n"
    + google_old(
        Name="Grace Hopper",
        Given_Name="Grace",
        Family_Name="Hopper",
        Notes="Met at the COBOL meetup.\nAsk about compilers.",
        Group_Membership="* myContacts ::: Navy",
        Email_1_Type="* Work ::: Home",
        Email_1_Value="grace@navy.example ::: grace@home.example",
        Email_2_Type="Other",
        Email_2_Value="GRACE@NAVY.EXAMPLE",
        Phone_1_Type="Mobile",
        Phone_1_Value="+1 202 555 0100 ::: +1 202 555 0101",
        Address_1_Type="Work",
        Address_1_Formatted="1 Navy Pentagon\nWashington, DC 20350\nUS",
        Address_1_Street="1 Navy Pentagon",
        Organization_1_Name="US Navy",
        Organization_1_Title="Rear admiral",
        Relation_1_Type="Referred by",
        Relation_1_Value="Ada Lovelace",
        Website_1_Type="Profile",
        Website_1_Value="https://www.linkedin.com/in/grace-hopper/",
        Website_2_Type="Blog",
        Website_2_Value="https://grace.example",
    )
    + "\r\n"
    + google_old(
        Given_Name="Zoë",
        Family_Name="Ångström",
        Address_1_Street="Nørregade 10",
        Address_1_City="København",
        Address_1_Postal_Code="1165",
        Address_1_Country="Denmark",
    )
    + "\r\n"
    + google_old(Email_1_Value="info@bakery.example")
    + "\r\n"
).encode()


def test_g4_google_old_style_with_multi_values_addresses_and_websites() -> None:
    grace, zoe, bakery = read(GoogleImporter(), GOOGLE_OLD)
    assert (grace.name, grace.organization, grace.role) == (
        "Grace Hopper",
        "US Navy",
        "Rear admiral",
    )
    assert [(c.kind, c.value, c.label) for c in grace.channels] == [
        (ChannelKind.EMAIL, "grace@navy.example", "Work"),
        (ChannelKind.EMAIL, "grace@home.example", "Home"),  # GRACE@NAVY.EXAMPLE: a repeat
        (ChannelKind.PHONE, "+1 202 555 0100", "Mobile"),
        (ChannelKind.PHONE, "+1 202 555 0101", "Mobile"),
        (ChannelKind.POSTAL, "1 Navy Pentagon, Washington, DC 20350, US", "Work"),
        (ChannelKind.LINKEDIN, "https://www.linkedin.com/in/grace-hopper/", ""),
    ]
    assert grace.notes == (
        "Met at the COBOL meetup.\nAsk about compilers.\nWebsite: https://grace.example"
    )
    assert grace.referred_by == "Ada Lovelace"
    assert grace.line == 2
    assert zoe.name == "Zoë Ångström"
    assert [c.value for c in zoe.channels] == ["Nørregade 10, København, 1165, Denmark"]
    assert zoe.line == 6  # Grace's notes and address take three more lines
    assert bakery.name == "info@bakery.example"  # no name: Google shows the address too


GOOGLE_NEW = (
    BOM + "Last Name,First Name,Middle Name,Phonetic First Name,Nickname,File As,"
    "Organization Title,Organization Name,Organization Department,Birthday,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Website 1 - Label,Website 1 - Value\n"
    "Lovelace,Ada,King,,,,Programmer,Analytical Engines,,1815-12-10,,* myContacts,"
    "* Work,ada@engines.example,,,Profile,linkedin.com/in/ada-lovelace\n"
    ",,,,Babs,,,,,,,,,,Mobile,+44 20 7946 0000,,\n"
    ",,,,,,Owner,Corner Bakery,,,,,,,,,,\n"
).encode()


def test_g4_google_new_style_by_header_name_in_any_order() -> None:
    ada, babs, bakery = read(GoogleImporter(), GOOGLE_NEW)
    assert (ada.name, ada.organization, ada.role) == (
        "Ada King Lovelace",
        "Analytical Engines",
        "Programmer",
    )
    assert [(c.kind, c.value, c.label) for c in ada.channels] == [
        (ChannelKind.EMAIL, "ada@engines.example", "Work"),
        (ChannelKind.LINKEDIN, "linkedin.com/in/ada-lovelace", ""),
    ]
    assert (babs.name, babs.line) == ("Babs", 3)  # the nickname when there is no name
    assert (bakery.name, bakery.organization) == ("Corner Bakery", "Corner Bakery")


def test_a_google_file_without_a_name_column_is_refused_at_line_1() -> None:
    data = b"E-mail 1 - Value,Phone 1 - Value\nada@engines.example,\n"
    assert error_of(GoogleImporter(), data, "g.csv") == (
        "g.csv:1: header: no name column (Name, First Name, Last Name, Given Name or"
        " Family Name); is this a Google Contacts CSV?"
    )
    assert (
        error_of(GoogleImporter(), b"\n\n", "blank.csv")
        == "blank.csv: no contacts found: 2 empty rows"
    )


def test_a_bad_google_address_names_its_column() -> None:
    data = (
        b"Name,E-mail 1 - Type,E-mail 1 - Value\n"
        b"Ada Lovelace,Work,ada@engines.example\n"
        b"Grace Hopper,* Work ::: Home,grace@navy.example ::: grace at home\n"
    )
    assert error_of(GoogleImporter(), data, "g.csv") == (
        "g.csv:3: E-mail 1 - Value: 'grace at home' is not an e-mail address"
    )


# ---------------------------------------------------------------- importing: match and merge


def _import(ws: Workspace, format: str, data: bytes, source: str = "in.csv") -> tuple[int, ...]:
    report = ws.import_contacts(format, io.BytesIO(data), source=source)
    return len(report.added), len(report.merged), report.count(Outcome.UNCHANGED)


def test_g4_import_merges_by_email_linkedin_url_and_name_with_organization(ws: Workspace) -> None:
    by_email = ws.add_contact(
        "Ada King",  # a different name: the address decides
        channels=[Channel(kind="email", value="ADA@engines.example")],
        role="Countess",
    )
    by_url = ws.add_contact(
        "Zoe Angstrom",
        channels=[Channel(kind="linkedin", value="http://LinkedIn.com/in/Zoe-Angstrom/?trk=x")],
    )
    by_name = ws.add_contact('José Núñez "Pepe"', organization="ACME")
    untouched = ws.add_contact("Grace Hopper", organization="Navy")  # another organization

    report = ws.import_contacts("linkedin", io.BytesIO(CONNECTIONS), source="Connections.csv")

    assert (len(report.added), len(report.merged), report.count(Outcome.UNCHANGED)) == (1, 3, 0)
    assert [c.name for c in report.added] == ["Grace Hopper"]
    contacts = {c.id: c for c in ws.contacts()}
    assert len(contacts) == 5
    ada = contacts[by_email.id]
    assert (ada.name, ada.role, ada.organization) == (
        "Ada King",
        "Countess",  # what the seeker wrote is kept
        "Analytical Engines, Ltd",  # what was missing is added
    )
    assert ada.channel(ChannelKind.LINKEDIN) == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.notes == "Connected on LinkedIn on 2024-01-01"
    zoe = contacts[by_url.id]
    assert [c.value for c in zoe.channels] == ["http://LinkedIn.com/in/Zoe-Angstrom/?trk=x"]
    assert zoe.organization == "Københavns Universitet"
    assert contacts[by_name.id].role == "Head of Data, Platform team"
    assert contacts[untouched.id] == ws.contact(untouched.id)
    assert contacts[untouched.id].channels == ()

    again = ws.import_contacts("linkedin", io.BytesIO(CONNECTIONS), source="Connections.csv")
    assert (again.added, again.merged) == ((), ())
    assert [(line.line, line.name, line.outcome) for line in again.lines] == [
        (5, "Ada Lovelace", Outcome.UNCHANGED),
        (6, "Zoë Ångström", Outcome.UNCHANGED),
        (7, 'José Núñez "Pepe"', Outcome.UNCHANGED),
        (9, "Grace Hopper", Outcome.UNCHANGED),
    ]
    assert len(ws.contacts()) == 5


def test_g4_the_same_person_twice_in_one_file_is_one_contact(ws: Workspace) -> None:
    data = linkedin(
        "Ada,Lovelace,https://www.linkedin.com/in/ada,,,,",
        "Ada,Lovelace,https://linkedin.com/in/ADA/,ada@engines.example,Engines,,",
    )
    assert _import(ws, "linkedin", data) == (1, 0, 0)
    (ada,) = ws.contacts()
    assert ada.channel(ChannelKind.EMAIL) == "ada@engines.example"
    assert ada.organization == "Engines"


def test_g4_google_import_merges_and_adds(ws: Workspace) -> None:
    ws.add_contact("G. Hopper", channels=[Channel(kind="email", value="grace@home.example")])
    assert _import(ws, "google", GOOGLE_OLD) == (2, 1, 0)
    grace = ws.contact("G. Hopper")
    assert {c.value for c in grace.channels} >= {"grace@navy.example", "+1 202 555 0100"}
    assert grace.organization == "US Navy"
    assert sorted(c.name for c in ws.contacts()) == [
        "G. Hopper",
        "Zoë Ångström",
        "info@bakery.example",
    ]


def test_g16_google_referred_by_links_the_existing_contact(ws: Workspace) -> None:
    ada = ws.add_contact("Ada Lovelace")
    _import(ws, "google", GOOGLE_OLD)
    grace = ws.contact("Grace Hopper")
    assert grace.referred_by_id == ada.id
    assert [c.name for c in ws.contacts(referred_by=ada.id)] == ["Grace Hopper"]


# ---------------------------------------------------------------- importing: all or nothing


def test_g4_a_malformed_file_imports_nothing(ws: Workspace) -> None:
    ws.add_contact("Ada Lovelace", organization="Analytical Engines, Ltd")
    before = ws.contacts()
    good = [f"Person,{n},https://www.linkedin.com/in/p{n},,Acme,,01 Jan 2024" for n in range(500)]
    data = linkedin(*good, "Grace,Hopper,,,US Navy,,30 Nov 2020", "Bad,Date,,,,,30 Feb 2020")
    with pytest.raises(ValidationError) as caught:
        ws.import_contacts("linkedin", io.BytesIO(data), source="Connections.csv")
    assert str(caught.value) == (
        "Connections.csv:506: Connected On: '30 Feb 2020' is not a date like 01 Jan 2024"
    )
    assert ws.contacts() == before


def test_g4_a_record_the_model_refuses_imports_nothing_and_names_its_line(ws: Workspace) -> None:
    data = linkedin("Ada,Lovelace,,,,,", "Grace," + "H" * 600 + ",,,,,")
    with pytest.raises(ValidationError) as caught:
        ws.import_contacts("linkedin", io.BytesIO(data), source="Connections.csv")
    assert str(caught.value) == "Connections.csv:6: name: is 606 characters; at most 500"
    assert ws.contacts() == []


def test_g4_a_dry_run_reports_without_writing(ws: Workspace) -> None:
    report = ws.import_contacts("linkedin", io.BytesIO(CONNECTIONS), dry_run=True)
    assert (len(report.added), report.dry_run) == (4, True)
    assert ws.contacts() == []


def test_g4_an_unknown_format_lists_the_known_ones(ws: Workspace) -> None:
    with pytest.raises(
        ValidationError, match=r"no import format 'outlook' \(known: .*google.*linkedin"
    ):
        ws.import_contacts("outlook", io.BytesIO(b""))


def test_g4_twenty_thousand_connections_import_in_one_go(ws: Workspace) -> None:
    rows = [
        f"Person,Number {n},https://www.linkedin.com/in/person-{n},p{n}@example.org,"
        f'"Company {n % 300}, Inc",Engineer,{1 + n % 28:02d} Mar 2024'
        for n in range(20_000)
    ]
    records = LinkedInImporter().read(io.BytesIO(linkedin(*rows[:3])), "three.csv")
    assert inspect.isgenerator(records)
    records.close()
    report = ws.import_contacts("linkedin", io.BytesIO(linkedin(*rows)), source="big.csv")
    assert (len(report.added), len(report.merged), report.count(Outcome.UNCHANGED)) == (
        20_000,
        0,
        0,
    )
    assert len(ws.contacts()) == 20_000
    last = report.added[-1]
    assert isinstance(last, Contact)
    assert (last.name, last.organization) == ("Person Number 19999", "Company 199, Inc")
