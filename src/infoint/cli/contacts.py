"""``infoint contact add|list|show|edit`` (G4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from infoint.cli._common import (
    app,
    choice_of,
    clean,
    details,
    emit_json,
    field,
    json_option,
    report_saved,
    short,
    table,
)
from infoint.model import Channel, ChannelKind, Relationship

if TYPE_CHECKING:
    from infoint.model import Contact

F = TypeVar("F", bound=Callable[..., Any])


def _detail_options(f: F) -> F:
    options = [
        click.option("--role", help="Their job title."),
        click.option("--org", "organization", help="Their organization."),
        click.option("--email", multiple=True, help="An e-mail address (repeatable)."),
        click.option("--phone", multiple=True, help="A phone number (repeatable)."),
        click.option("--postal", help="A postal address."),
        click.option("--linkedin", help="Their LinkedIn profile URL."),
        click.option(
            "--relationship",
            type=choice_of(Relationship),
            help="How you know them; decides formal or casual wording.",
        ),
        click.option("--introducer", help="The contact (ID or name) who introduces you."),
        click.option("--referred-by", help="The contact (ID or name) who referred you to them."),
        click.option(
            "--owns-business/--no-business", default=None, help="They own or started a business."
        ),
        click.option("--notes", help="Anything worth remembering about them."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def contact_data(contact: Contact) -> dict[str, Any]:
    """A contact as JSON-ready data."""
    from infoint.storage import unstructure

    data: dict[str, Any] = unstructure(contact)
    return data


@click.group("contact")
def contact_group() -> None:
    """People to interview, and who introduced or referred them (G4)."""


@contact_group.command("add")
@click.argument("name")
@_detail_options
@click.option(
    "--new",
    is_flag=True,
    help="Add a new contact even if one of the same name and organization is there.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the contact's ID.")
@json_option
def add(name: str, new: bool, quiet: bool, **details: Any) -> None:
    """Add a contact called NAME.

    If a contact of the same name (ignoring case and accents) and organization
    is there, and no e-mail address, phone number or profile tells them apart,
    it is the same person: the details given are added to that contact.
    """
    from infoint.workspace import SamePersonUnclear

    channels = _channels(details)
    options = {k: v for k, v in details.items() if v is not None and k not in _CHANNEL_OPTIONS}
    ws = app().workspace()
    match = (
        None
        if new
        else ws.identify_contact(
            name, organization=options.get("organization") or "", channels=channels
        )
    )
    try:
        contact = ws.add_contact(name, channels=channels, new=new, **options)
    except SamePersonUnclear as err:
        way_out = (
            "To add these details to one of them: infoint contact edit ID;"
            " to add another person of that name: --new"
        )
        raise click.ClickException(unclear(err, way_out)) from None
    if match is not None and match.contact is not None and match.contact.id == contact.id:
        added = (
            "your details were added to it"
            if contact.version != match.contact.version
            else "it has these details already"
        )
        click.echo(
            f"infoint: {clean(contact.name)} ({short(contact.id)}) is already a contact, the"
            f" same person: {added} (use --new for another person of that name)",
            err=True,
        )
    elif match is not None and match.namesakes:
        warn_namesakes(contact, match.namesakes, match.why)
    _print_saved(contact, quiet)


def unclear(err: Exception, way_out: str) -> str:
    """The message for a name that fits several contacts (it lists them), and the way out."""
    return f"{clean(str(err))}. {way_out}"


def warn_namesakes(contact: Contact, namesakes: Any, why: str) -> None:
    """Say that a new contact was kept apart from others of the same name."""
    others = ", ".join(short(c.id) for c in namesakes)
    click.echo(
        f"infoint: note: {clean(contact.name)} was kept apart from the contact(s) of the same"
        f" name ({others}): {why}. If they are one person: infoint contact merge"
        f" {short(namesakes[0].id)} {short(contact.id)}",
        err=True,
    )


@contact_group.command("merge")
@click.argument("keep", metavar="KEEP")
@click.argument("other", metavar="OTHER")
@click.option("--dry-run", is_flag=True, help="Say what would move; change nothing.")
@json_option
def merge(keep: str, other: str, dry_run: bool) -> None:
    """Join OTHER into KEEP when you know they are one person.

    KEEP gains OTHER's e-mail addresses, phones and profile (and any role,
    organization or notes it lacks); interviews, referrals, introductions and
    follow-ups move to KEEP; OTHER is removed. All at once, or nothing.
    """
    result = app().workspace().merge_contacts(keep, other, dry_run=dry_run)
    if app().as_json:
        emit_json(
            {
                "dry_run": result.dry_run,
                "kept": contact_data(result.kept),
                "removed": result.removed.id,
                "gained": list(result.gained),
                "interviews": list(result.interviews),
                "referrals": list(result.referrals),
                "requests": list(result.requests),
                "contacts": list(result.contacts),
                "follow_ups": result.follow_ups,
            }
        )
        return
    gone, kept = result.removed, result.kept
    moved = [
        _count(len(result.interviews), "interview"),
        _count(len(result.referrals), "referral"),
        _count(
            len(result.requests), "request arranged through them", "requests arranged through them"
        ),
        _count(
            len(result.contacts),
            "introduction or referral of others",
            "introductions or referrals of others",
        ),
        _count(result.follow_ups, "follow-up"),
    ]
    what = ", ".join(m for m in moved if m) or "nothing else"
    gained = details(result.gained) or "nothing new"
    head = "Would merge" if dry_run else "Merged"
    click.echo(
        f"{head} {clean(gone.name)} ({short(gone.id)}) into {clean(kept.name)}"
        f" ({short(kept.id)}): {what} {'would move' if dry_run else 'moved'};"
        f" {clean(kept.name)} {'would gain' if dry_run else 'gained'} {gained}."
    )
    if dry_run:
        click.echo("Nothing was changed: run it again without --dry-run to merge.")
    else:
        click.echo(f"Contact {short(gone.id)} is removed.")


def _count(number: int, one: str, many: str | None = None) -> str:
    if not number:
        return ""
    return f"{number} {one if number == 1 else (many or one + 's')}"


@contact_group.command("edit")
@click.argument("ref", metavar="CONTACT")
@click.option("--name", help="A new name.")
@_detail_options
@json_option
def edit(ref: str, name: str | None, **details: Any) -> None:
    """Change CONTACT's details (ID, ID prefix or exact name).

    A channel option replaces the contact's channels of that kind with the
    value(s) given; an empty value (--phone "") removes them.
    """
    set_channels: dict[ChannelKind | str, str | tuple[str, ...]] = {
        kind: values
        for kind, values in (
            (ChannelKind.EMAIL, details["email"]),
            (ChannelKind.PHONE, details["phone"]),
            (ChannelKind.POSTAL, details["postal"]),
            (ChannelKind.LINKEDIN, details["linkedin"]),
        )
        if values not in (None, ())
    }
    options = {k: v for k, v in details.items() if v is not None and k not in _CHANNEL_OPTIONS}
    contact = app().workspace().edit_contact(ref, name=name, set_channels=set_channels, **options)
    _print_saved(contact, quiet=False)


@contact_group.command("list")
@click.option("--referred-by", help="Only people this contact referred you to.")
@json_option
def list_(referred_by: str | None) -> None:
    """List contacts by name."""
    contacts = app().workspace().contacts(referred_by=referred_by)
    if app().as_json:
        emit_json([contact_data(c) for c in contacts])
        return
    if not contacts:
        click.echo("No contacts yet: add one with 'infoint contact add NAME'.")
        return
    table(
        ["ID", "NAME", "ROLE", "ORGANIZATION", "RELATIONSHIP"],
        [
            [short(c.id), clean(c.name), clean(c.role), clean(c.organization), c.relationship]
            for c in contacts
        ],
    )


@contact_group.command("show")
@click.argument("ref", metavar="CONTACT")
@json_option
def show(ref: str) -> None:
    """Show one contact (ID, ID prefix or exact name)."""
    ws = app().workspace()
    contact = ws.contact(ref)
    if app().as_json:
        emit_json(contact_data(contact))
        return
    print_contact(contact, ws.contact)


def print_contact(contact: Contact, lookup: Callable[[str], Contact]) -> None:
    """The text form of ``contact show``."""
    field("Contact", f"{clean(contact.name)} ({short(contact.id)})")
    field("Role", contact.role)
    field("Organization", contact.organization)
    field("Relationship", f"{contact.relationship} ({contact.relationship.register} wording)")
    for channel in contact.channels:
        field(str(channel.kind).capitalize(), channel.value)
    for label, other in (
        ("Introducer", contact.introducer_id),
        ("Referred by", contact.referred_by_id),
    ):
        if other:
            field(label, f"{clean(lookup(other).name)} ({short(other)})")
    if contact.owns_business:
        field("Business", "owns or started a business")
    field("Notes", contact.notes)


_CHANNEL_OPTIONS = {"email", "phone", "postal", "linkedin"}


def _channels(details: dict[str, Any]) -> list[Channel]:
    channels = [Channel(kind=ChannelKind.EMAIL, value=e) for e in details["email"]]
    channels += [Channel(kind=ChannelKind.PHONE, value=p) for p in details["phone"]]
    if details["postal"]:
        channels.append(Channel(kind=ChannelKind.POSTAL, value=details["postal"]))
    if details["linkedin"]:
        channels.append(Channel(kind=ChannelKind.LINKEDIN, value=details["linkedin"]))
    return channels


def _print_saved(contact: Contact, quiet: bool) -> None:
    text = f"Contact {short(contact.id)}: {clean(contact.name)}"
    report_saved(contact.id, lambda: contact_data(contact), text, quiet=quiet)
