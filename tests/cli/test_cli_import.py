"""``infoint import FORMAT FILE`` (G4): counts, --dry-run, --json, and one error line for a
malformed file, which imports nothing."""

from __future__ import annotations

from pathlib import Path

CONNECTIONS = (
    "\ufeffNotes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    ' are missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,grace@navy.example,US Navy,"
    "Rear admiral,30 Nov 2020\r\n"
    "Zoë,Ångström,https://www.linkedin.com/in/zoe,,Københavns Universitet,Lektor,15 Mar 2023\r\n"
    'Ada,Lovelace,https://www.linkedin.com/in/ada,,"Analytical Engines, Ltd",Programmer,'
    "01 Jan 2024\r\n"
)


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return str(path)


def test_g4_import_linkedin_prints_what_it_added_and_merged(
    infoint, contact_id: str, tmp_path: Path
) -> None:
    file = write(tmp_path, "Connections.csv", CONNECTIONS)
    out = infoint.ok("import", "linkedin", file)
    assert out.splitlines() == [
        f"{file}: 3 records: 2 added, 1 merged, 0 unchanged, 0 kept apart as possible duplicates.",
        f"  merged: line 5, Grace Hopper, into {contact_id[:8]}, gaining LinkedIn profile, notes",
    ]
    grace = infoint.contact(contact_id)
    assert {c["value"] for c in grace["channels"]} == {
        "grace@navy.example",
        "https://www.linkedin.com/in/grace-hopper",
    }
    assert infoint.ok("import", "linkedin", file).splitlines() == [
        f"{file}: 3 records: 0 added, 0 merged, 3 unchanged, 0 kept apart as possible duplicates."
    ]


def test_g4_import_dry_run_changes_nothing(infoint, contact_id: str, tmp_path: Path) -> None:
    file = write(tmp_path, "Connections.csv", CONNECTIONS)
    before = infoint.records()
    out = infoint.ok("import", "linkedin", file, "--dry-run")
    assert out.splitlines()[0] == (
        f"{file}: 3 records: 2 would be added, 1 would be merged, 0 unchanged,"
        " 0 would be kept apart as possible duplicates."
    )
    assert infoint.records() == before


def test_g4_import_json(infoint, contact_id: str, tmp_path: Path) -> None:
    file = write(tmp_path, "Connections.csv", CONNECTIONS)
    report = infoint.json("import", "linkedin", file)
    assert (report["source"], report["dry_run"]) == (file, False)
    assert report["counts"] == {
        "added": 2,
        "merged": 1,
        "unchanged": 0,
        "possible-duplicate": 0,
    }
    assert [(line["line"], line["outcome"]) for line in report["lines"]] == [
        (5, "merged"),
        (6, "added"),
        (7, "added"),
    ]
    assert report["lines"][0]["contact"] == contact_id
    assert [c["name"] for c in report["added"]] == ["Zoë Ångström", "Ada Lovelace"]
    assert [c["id"] for c in report["merged"]] == [contact_id]
    assert report["added"][1]["organization"] == "Analytical Engines, Ltd"
    assert report["added"][1]["notes"] == "Connected on LinkedIn on 2024-01-01"


def test_g4_import_google_from_standard_input(infoint) -> None:
    text = "Name,E-mail 1 - Value\nAda Lovelace,ada@engines.example ::: ada@home.example\n"
    assert infoint.ok("import", "google", "-", input=text) == (
        "<stdin>: 1 record: 1 added, 0 merged, 0 unchanged, 0 kept apart as possible duplicates.\n"
    )
    (ada,) = infoint.json("contact", "list")
    assert ada["name"] == "Ada Lovelace"


def test_g4_a_malformed_file_is_one_error_line_and_imports_nothing(
    infoint, contact_id: str, tmp_path: Path
) -> None:
    file = write(tmp_path, "Connections.csv", CONNECTIONS + "Bad,Date,,,,,31 Feb 2024\r\n")
    before = infoint.records()
    assert infoint.fail("import", "linkedin", file) == (
        f"infoint: error: {file}:8: Connected On: '31 Feb 2024' is not a date like 01 Jan 2024"
    )
    assert infoint.records() == before


def test_g4_a_file_that_is_not_utf8_names_its_line(
    infoint, contact_id: str, tmp_path: Path
) -> None:
    file = write(
        tmp_path, "latin1.csv", CONNECTIONS.encode("utf-8").replace("Zoë".encode(), b"Zo\xeb")
    )
    before = infoint.records()
    assert infoint.fail("import", "linkedin", file) == (
        f"infoint: error: {file}:6: encoding: not UTF-8 (byte 0xEB at column 3);"
        " save the file as UTF-8"
    )
    assert infoint.records() == before


def test_g4_a_file_of_another_format_names_line_1(infoint, tmp_path: Path) -> None:
    file = write(tmp_path, "google.csv", "Name,Given Name\nAda Lovelace,Ada\n")
    assert infoint.fail("import", "linkedin", file).startswith(
        f"infoint: error: {file}:1: header: no LinkedIn header (First Name,Last Name,"
    )


def test_g4_an_unknown_format_lists_the_known_ones(infoint, tmp_path: Path) -> None:
    file = write(tmp_path, "contacts.csv", CONNECTIONS)
    error = infoint.fail("import", "outlook", file)
    assert error.startswith("infoint: error: format: no import format 'outlook' (known: ")
    assert "google" in error and "linkedin" in error


def test_g4_a_missing_file_is_one_error_line(infoint, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.csv")
    assert infoint.fail("import", "linkedin", missing) == (
        f"infoint: error: {missing}: cannot read: No such file or directory"
    )


def test_export_writes_all_or_nothing(infoint, tmp_path) -> None:
    import click
    import pytest

    from infoint.cli.exchange import _write_atomically

    error = infoint.fail("export", "--format", "json", "-o", str(tmp_path / "no" / "x.json"))
    assert "does not exist" in error

    def fail_half_way(out) -> None:
        out.write(b"half")
        raise OSError(28, "No space left on device")

    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(click.ClickException, match="cannot write: No space left on device"):
        _write_atomically(folder / "out.json", fail_half_way)
    assert list(folder.iterdir()) == []  # neither the file nor its temporary
