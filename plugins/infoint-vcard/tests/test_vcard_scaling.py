"""The ``vcard`` import of a card with thousands of properties (work counted, not
timed: issue 12's card of 100,000 e-mail addresses took 137 s), and of files that hold
no card at all."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import infoint_vcard
import pytest

from infoint.errors import ValidationError
from infoint.plugins import make_plugin_manager
from infoint.testing.plugin import FakeClock
from infoint.testing.work import Work
from infoint.workspace import Workspace


def card(emails: int, *, last: str = "") -> bytes:
    """One card (line 1) with ``emails`` e-mail addresses from line 4 on, then a phone
    number; ``last`` is one more EMAIL value at the very end."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ada Lovelace"]
    lines += [f"EMAIL;TYPE=work:ada{n}@example.org" for n in range(emails)]
    lines += ["TEL;TYPE=cell:+1 202 555 0143"]
    lines += [f"EMAIL:{last}"] if last else []
    return ("\r\n".join([*lines, "END:VCARD", ""])).encode()


_RECORD = infoint_vcard._record


def _read(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Work, int]:
    """Read one card, counting the work of making a record of it (where each property's
    line is looked up), not vobject's parsing."""
    work = Work(("infoint", "infoint_vcard"))

    def counted(*args: Any) -> Any:
        with work:
            return _RECORD(*args)

    monkeypatch.setattr(infoint_vcard, "_record", counted)
    (contact,) = infoint_vcard.VCardImporter().read(io.BytesIO(data), "f.vcf")
    return work, len(contact.channels)


def test_g4_a_card_of_20000_emails_costs_ten_times_one_of_2000(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 12's card of 100,000 EMAIL lines, scaled down: each property's line is
    looked up by its place among its kind, not searched for among the earlier ones."""
    small, small_channels = _read(card(2_000), monkeypatch)
    large, large_channels = _read(card(20_000), monkeypatch)
    assert (small_channels, large_channels) == (2_001, 20_001)
    assert (small.calls["_Card.line_of"], large.calls["_Card.line_of"]) == (2_001, 20_001)
    assert large.lines <= 12 * small.lines, (small.lines, large.lines)


def test_the_line_of_a_property_deep_in_a_big_card_is_named() -> None:
    data = card(5_000, last="not an address")
    with pytest.raises(ValidationError) as caught:
        list(infoint_vcard.VCardImporter().read(io.BytesIO(data), "f.vcf"))
    assert str(caught.value) == "f.vcf:5005: EMAIL: 'not an address' is not an e-mail address"


# ---------------------------------------------------------------- files without a card


@pytest.fixture
def ws() -> Iterator[Workspace]:
    pm = make_plugin_manager(entry_points=False, disabled=[], plugins=[("vcard", infoint_vcard)])
    with Workspace.open("memory://", owner="x", plugins=pm, clock=FakeClock()) as workspace:
        workspace.add_contact("Ada Lovelace")
        yield workspace


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"\r\n \r\n\t\r\n", "3 empty lines"),
        (b"\n" * 1500, "1,500 empty lines"),
    ],
)
def test_g4_a_file_without_a_card_says_so_and_imports_nothing(
    ws: Workspace, data: bytes, what: str
) -> None:
    before = ws.contacts()
    for dry_run in (True, False):
        with pytest.raises(ValidationError) as caught:
            ws.import_contacts("vcard", io.BytesIO(data), source="c.vcf", dry_run=dry_run)
        assert str(caught.value) == f"c.vcf: no contacts found: {what}"
    assert ws.contacts() == before


def test_the_command_line_says_a_file_has_no_card_and_fails(tmp_path: Path) -> None:
    file = tmp_path / "blank.vcf"
    file.write_bytes(b"\r\n" * 2)
    command = [sys.executable, "-m", "infoint", "--db", str(tmp_path / "a.db"), "--owner", "sam"]
    done = subprocess.run(
        [*command, "import", "vcard", str(file)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode != 0
    assert done.stderr.strip().endswith(f"{file}: no contacts found: 2 empty lines")
    assert done.stdout == ""
