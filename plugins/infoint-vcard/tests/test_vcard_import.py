"""The ``vcard`` import: run after ``pip install -e plugins/infoint-vcard``."""

from __future__ import annotations

import inspect
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import infoint_vcard
import pytest

from infoint.errors import ValidationError
from infoint.exchange import ImportedContact
from infoint.model import Channel, ChannelKind
from infoint.plugins import make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.workspace import Workspace

PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
    "2mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)

APPLE = (
    "BEGIN:VCARD\r\n"  # line 1
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.2//EN\r\n"
    "N:Ångström;Zoë;;;\r\n"
    "FN:Zoë Ångström\r\n"  # line 5
    "ORG:Københavns Universitet;Niels Bohr Institute\r\n"
    "TITLE:Lektor\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:zoe@ku.example\r\n"
    "item1.X-ABLabel:_$!<Other>!$_\r\n"
    "EMAIL;type=INTERNET;type=WORK:zoe.angstrom@nbi.example\r\n"  # line 10
    "TEL;type=CELL;type=VOICE;type=pref:+45 20 12 34 56\r\n"
    "item2.ADR;type=WORK;type=pref:;;Blegdamsvej 17;København Ø;;2100;Denmark\r\n"
    "item2.X-ABADR:dk\r\n"
    "item3.URL;type=pref:https://www.linkedin.com/in/zoe-angstrom\r\n"
    "item3.X-ABLabel:LinkedIn\r\n"  # line 15
    "item4.URL:https://zoe.example\r\n"
    "item4.X-ABLabel:_$!<HomePage>!$_\r\n"
    "item5.X-ABRELATEDNAMES;type=pref:Ada Lovelace\r\n"
    "item5.X-ABLabel:_$!<Friend>!$_\r\n"
    "NOTE:Met at the Niels Bohr Institute open day\\, 2023.\\nAsk about the PhD\r\n"  # line 20
    "  programme.\r\n"
    f"PHOTO;ENCODING=b;TYPE=PNG:{PNG[:40]}\r\n"
    f" {PNG[40:]}\r\n"
    "X-SOCIALPROFILE;type=linkedin:http://www.linkedin.com/in/zoe-angstrom/\r\n"
    "END:VCARD\r\n"  # line 25
    "BEGIN:VCARD\r\n"  # line 26
    "VERSION:3.0\r\n"
    "N:Núñez;José;;;\r\n"
    "ORG:Acme;\r\n"
    "item1.EMAIL;type=INTERNET:jose@acme.example\r\n"
    "item1.X-ABLabel:Conference\r\n"
    "END:VCARD\r\n"
)

VCARD4 = (
    "BEGIN:VCARD\n"  # line 1
    "VERSION:4.0\n"
    "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\n"
    "FN:Ada Lovelace\n"
    "N:Lovelace;Ada;;;\n"
    "ORG:Analytical Engines\n"
    "TITLE:Programmer\n"
    "EMAIL;TYPE=work;PREF=1:ada@engines.example\n"
    "EMAIL;TYPE=home:ada@home.example\n"
    "TEL;VALUE=uri;TYPE=cell:tel:+44-20-7946-0000\n"
    "END:VCARD\n"
    "\n"
    "BEGIN:VCARD\n"  # line 13
    "VERSION:4.0\n"
    "FN:Grace Hopper\n"
    "RELATED;TYPE=colleague:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"  # line 18
    "VERSION:4.0\n"
    "FN:Katherine Johnson\n"
    "RELATED;TYPE=contact:mailto:ada@engines.example\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"  # line 23
    "VERSION:4.0\n"
    "N:Hamilton;Margaret;Heafield;;\n"
    "RELATED;VALUE=text;TYPE=contact:Grace Hopper\n"
    "RELATED;TYPE=friend:urn:uuid:00000000-0000-0000-0000-000000000000\n"
    "END:VCARD\n"
)


def read(text: str | bytes, source: str = "contacts.vcf") -> list[ImportedContact]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return list(infoint_vcard.VCardImporter().read(io.BytesIO(data), source))


def error_of(text: str | bytes, source: str = "contacts.vcf") -> str:
    with pytest.raises(ValidationError) as caught:
        read(text, source)
    return str(caught.value)


@pytest.fixture
def ws() -> Iterator[Workspace]:
    pm = make_plugin_manager(entry_points=False, disabled=[], plugins=[("vcard", infoint_vcard)])
    with Workspace.open("memory://", owner="x", plugins=pm, clock=FakeClock()) as workspace:
        yield workspace


# ---------------------------------------------------------------- reading


def test_g4_an_apple_contacts_export_with_grouped_items() -> None:
    zoe, jose = read(APPLE)
    assert (zoe.name, zoe.organization, zoe.role, zoe.line) == (
        "Zoë Ångström",
        "Københavns Universitet",
        "Lektor",
        1,
    )
    assert [(c.kind, c.value, c.label) for c in zoe.channels] == [
        (ChannelKind.EMAIL, "zoe@ku.example", "Other"),
        (ChannelKind.EMAIL, "zoe.angstrom@nbi.example", "Work"),
        (ChannelKind.PHONE, "+45 20 12 34 56", "Cell"),
        (ChannelKind.POSTAL, "Blegdamsvej 17, København Ø, 2100, Denmark", "Work"),
        (ChannelKind.LINKEDIN, "https://www.linkedin.com/in/zoe-angstrom", "LinkedIn"),
    ]  # the X-SOCIALPROFILE names the same LinkedIn profile: once
    assert zoe.notes == (
        "Met at the Niels Bohr Institute open day, 2023.\nAsk about the PhD programme.\n"
        "Website: https://zoe.example"
    )
    assert zoe.referred_by == "Ada Lovelace"  # X-ABRELATEDNAMES
    assert (jose.name, jose.organization, jose.line) == ("José Núñez", "Acme", 26)
    assert [(c.value, c.label) for c in jose.channels] == [("jose@acme.example", "Conference")]


def test_g4_g16_vcard_4_with_related_as_text_uid_and_mailto() -> None:
    ada, grace, katherine, margaret = read(VCARD4)
    assert [c.line for c in (ada, grace, katherine, margaret)] == [1, 13, 18, 23]
    assert (ada.name, ada.organization, ada.role) == (
        "Ada Lovelace",
        "Analytical Engines",
        "Programmer",
    )
    assert [(c.kind, c.value, c.label) for c in ada.channels] == [
        (ChannelKind.EMAIL, "ada@engines.example", "Work"),
        (ChannelKind.EMAIL, "ada@home.example", "Home"),
        (ChannelKind.PHONE, "+44-20-7946-0000", "Cell"),
    ]
    assert grace.referred_by == "Ada Lovelace"  # urn:uuid: of a card above
    assert katherine.referred_by == "Ada Lovelace"  # mailto: one of its addresses
    assert (margaret.name, margaret.referred_by) == ("Margaret Heafield Hamilton", "Grace Hopper")


def test_a_bom_and_a_card_without_version_are_fine() -> None:
    (ada,) = read("\ufeffBEGIN:VCARD\nFN:Ada\nEND:VCARD\n")
    assert (ada.name, ada.line) == ("Ada", 1)


def test_read_is_a_generator_that_streams_and_leaves_the_stream_open() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEMAIL:p{n}@example.org\r\nEND:VCARD\r\n"
    stream = io.BytesIO("".join(card.format(n=n) for n in range(3000)).encode())
    records = infoint_vcard.VCardImporter().read(stream, "many.vcf")
    assert inspect.isgenerator(records)
    assert next(records).name == "Person 0"
    assert 0 < stream.tell() < len(stream.getvalue()) // 2
    assert [r.line for r in records][-1] == 5 * 2999 + 1
    assert not stream.closed


# ---------------------------------------------------------------- malformed files


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nORG:Acme\n"
            "END:VCARD\n",
            "contacts.vcf:5: FN: the card has no name (FN or N)",
        ),
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEMAIL;TYPE=work:ada@engines.example\n"
            "EMAIL;TYPE=home:ada at home\nEND:VCARD\n",
            "contacts.vcf:5: EMAIL: 'ada at home' is not an e-mail address",
        ),
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nThis is not a property\nEND:VCARD\n",
            "contacts.vcf:4: vcard: not a property (NAME:value): 'This is not a property'",
        ),
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Grace\n",
            "contacts.vcf:5: END: BEGIN:VCARD is never closed by END:VCARD",
        ),
        (
            "Name,E-mail 1 - Value\nAda,ada@engines.example\n",
            "contacts.vcf:1: BEGIN: expected BEGIN:VCARD, found 'Name,E-mail 1 - Value'",
        ),
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nPHOTO;ENCODING=b:not base64!\nEND:VCARD\n",
            "contacts.vcf:1: vcard: cannot read: ",
        ),
    ],
)
def test_a_malformed_card_names_file_line_and_field(text: str, expected: str) -> None:
    assert error_of(text).startswith(expected)


def test_bytes_that_are_not_utf8_are_refused_on_their_line() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë\nEND:VCARD\n".encode().replace("ë".encode(), b"\xeb")
    assert error_of(data, "latin1.vcf") == (
        "latin1.vcf:3: encoding: not UTF-8 (byte 0xEB at column 6); save the file as UTF-8"
    )


# ---------------------------------------------------------------- importing


def test_g4_importing_merges_by_email_and_adds_the_others(ws: Workspace) -> None:
    known = ws.add_contact("Zoe A.", channels=[Channel(kind="email", value="ZOE@ku.example")])
    report = ws.import_contacts("vcard", io.BytesIO(APPLE.encode()), source="apple.vcf")
    assert ([c.id for c in report.merged], [c.name for c in report.added]) == (
        [known.id],
        ["José Núñez"],
    )
    zoe = ws.contact(known.id)
    assert zoe.name == "Zoe A."
    assert zoe.organization == "Københavns Universitet"
    assert zoe.channel(ChannelKind.LINKEDIN) == "https://www.linkedin.com/in/zoe-angstrom"


def test_g16_related_links_referred_by_to_the_contact_of_that_name(ws: Workspace) -> None:
    ada = ws.add_contact("Ada Lovelace", organization="Analytical Engines")
    ws.import_contacts("vcard", io.BytesIO(VCARD4.encode()), source="v4.vcf")
    contacts = {c.name: c for c in ws.contacts()}
    assert len(contacts) == 4  # Ada's card merged into Ada (same name and organization)
    assert contacts["Grace Hopper"].referred_by_id == ada.id
    assert contacts["Katherine Johnson"].referred_by_id == ada.id
    assert contacts["Margaret Heafield Hamilton"].referred_by_id == contacts["Grace Hopper"].id
    assert {c.name for c in ws.contacts(referred_by=ada.id)} == {
        "Grace Hopper",
        "Katherine Johnson",
    }


def test_g4_a_malformed_file_imports_nothing(ws: Workspace) -> None:
    ws.add_contact("Ada Lovelace")
    before = ws.contacts()
    broken = VCARD4 + "BEGIN:VCARD\nVERSION:4.0\nEMAIL:nobody@example.org\nEND:VCARD\n"
    with pytest.raises(ValidationError) as caught:
        ws.import_contacts("vcard", io.BytesIO(broken.encode()), source="v4.vcf")
    assert str(caught.value) == "v4.vcf:29: FN: the card has no name (FN or N)"
    assert ws.contacts() == before


# ---------------------------------------------------------------- installed


def test_infoint_finds_the_plugin_through_its_entry_point() -> None:
    importers = make_plugin_manager(disabled=[]).provided("infoint_importers")
    assert {"vcard", "linkedin", "google"} <= set(importers)


def test_importing_the_plugin_does_not_import_vobject() -> None:
    code = "import sys, infoint_vcard; print('vobject' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"


def test_infoint_import_vcard_from_the_command_line(tmp_path: Path) -> None:
    file = tmp_path / "contacts.vcf"
    file.write_text(VCARD4, encoding="utf-8")
    command = [sys.executable, "-m", "infoint", "--db", str(tmp_path / "a.db"), "--owner", "sam"]
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [*command, "import", "vcard", str(file), "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [c["name"] for c in report["added"]] == [
        "Ada Lovelace",
        "Grace Hopper",
        "Katherine Johnson",
        "Margaret Heafield Hamilton",
    ]
