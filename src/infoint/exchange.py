"""What exporters receive and what importers give (the data of ``infoint export|import``).

Exporters (``infoint_exporters``) get an :class:`ExportData`: one owner's
records plus what the Workspace computed from them (agenda, stats, the
network, prep sheets on demand), and write bytes. Importers
(``infoint_importers``) read a file and yield :class:`ImportedContact`
records; the Workspace matches them against existing contacts, merges, and
writes all of them or none (:func:`plan_import`, pure).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Generator, Iterable, Sequence
from datetime import datetime
from typing import Any

import attrs

from infoint.agenda import AgendaItem
from infoint.errors import ValidationError
from infoint.model import Channel, ChannelKind, Contact, Interview, Profile, Target
from infoint.network import NetworkNode
from infoint.planning import PrepSheet
from infoint.rules import Policy
from infoint.stats import Stats

# ---------------------------------------------------------------- export


@attrs.frozen(kw_only=True)
class ExportData:
    """Everything an exporter may write, for one owner, as of ``generated_at``."""

    owner: str
    generated_at: datetime
    policy: Policy
    profile: Profile
    contacts: tuple[Contact, ...]
    targets: tuple[Target, ...]
    interviews: tuple[Interview, ...]
    """The interviews asked for (all of them unless the user chose some)."""
    every_interview: tuple[Interview, ...] = ()
    """All the owner's interviews, for what spans several (a contact's follow-ups)."""
    agenda: tuple[AgendaItem, ...]
    stats: Stats
    network: tuple[NetworkNode, ...]
    prep_sheet: Callable[[str], PrepSheet] = attrs.field(eq=False, repr=False)
    """The prep sheet of one interview, by ID (computed when asked for)."""

    def contact(self, contact_id: str) -> Contact | None:
        """A contact by ID, or None."""
        return next((c for c in self.contacts if c.id == contact_id), None)

    def target(self, target_id: str) -> Target | None:
        """A target by ID, or None."""
        return next((t for t in self.targets if t.id == target_id), None)


def safe_file_name(text: str, suffix: str = "") -> str:
    """A file name made from user text: no path separators, no leading dots, no
    control or shell-special characters, at most 80 characters.

    >>> safe_file_name("../../etc/passwd; rm -rf ~", ".ics")
    'etc-passwd-rm-rf.ics'
    """
    cleaned = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip(".-_")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:80].strip(".-_")
    return (cleaned or "export") + suffix


# ---------------------------------------------------------------- import


def _channel_tuple(channels: Iterable[Channel]) -> tuple[Channel, ...]:
    return tuple(channels)


@attrs.frozen(kw_only=True)
class ImportedContact:
    """One contact as a file holds it, before matching; ``line`` is where it starts."""

    name: str
    role: str = ""
    organization: str = ""
    channels: tuple[Channel, ...] = attrs.field(default=(), converter=_channel_tuple)
    notes: str = ""
    referred_by: str = ""
    """The name of whoever referred this person, when the file says (vCard RELATED)."""
    line: int = 0


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an import did: contacts added, merged into existing ones, or left as they were."""

    source: str
    added: tuple[Contact, ...] = ()
    merged: tuple[Contact, ...] = ()
    skipped: tuple[str, ...] = ()
    """Why records changed nothing, one line each (``line 7: Ada Lovelace is already there``)."""
    dry_run: bool = False


def import_error(source: str, line: int, field: str, message: str) -> ValidationError:
    """The one-line error for a malformed record: ``file:line: field: message``."""
    return ValidationError(f"{source}:{line}: {field}", message)


def linkedin_key(url: str) -> str:
    """A LinkedIn profile URL reduced to what identifies the person.

    >>> linkedin_key("HTTP://www.LinkedIn.com/in/ada-lovelace/?trk=x")
    'linkedin.com/in/ada-lovelace'
    """
    text = url.strip().casefold()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^(www\.|[a-z]{2}\.)", "", text)
    return re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")


def _emails(channels: Iterable[Channel]) -> set[str]:
    return {c.value.strip().casefold() for c in channels if c.kind is ChannelKind.EMAIL}


def _linkedins(channels: Iterable[Channel]) -> set[str]:
    return {linkedin_key(c.value) for c in channels if c.kind is ChannelKind.LINKEDIN}


def _name_key(name: str, organization: str) -> tuple[str, str]:
    return (" ".join(name.split()).casefold(), " ".join(organization.split()).casefold())


class ContactIndex:
    """Existing contacts by e-mail, LinkedIn URL, and name with organization."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self._latest: dict[str, Contact] = {}
        self._by_email: dict[str, str] = {}
        self._by_linkedin: dict[str, str] = {}
        self._by_name: dict[tuple[str, str], str] = {}
        for contact in contacts:
            self.put(contact)

    def put(self, contact: Contact) -> None:
        """Index a contact, or its newer version (the first holder of a key keeps it)."""
        self._latest[contact.id] = contact
        for email in _emails(contact.channels):
            self._by_email.setdefault(email, contact.id)
        for url in _linkedins(contact.channels):
            self._by_linkedin.setdefault(url, contact.id)
        self._by_name.setdefault(_name_key(contact.name, contact.organization), contact.id)

    def match(self, record: ImportedContact) -> Contact | None:
        """The same person: same e-mail, or same LinkedIn URL, else same name and
        organization."""
        for email in sorted(_emails(record.channels)):
            if email in self._by_email:
                return self._latest[self._by_email[email]]
        for url in sorted(_linkedins(record.channels)):
            if url in self._by_linkedin:
                return self._latest[self._by_linkedin[url]]
        found = self._by_name.get(_name_key(record.name, record.organization))
        return None if found is None else self._latest[found]


def merge(existing: Contact, record: ImportedContact) -> Contact:
    """``existing`` with what ``record`` adds: missing channels, and role, organization
    and notes where the contact has none. Never overwrites what the seeker wrote."""
    known = {(c.kind, c.value.strip().casefold()) for c in existing.channels}
    if any(c.kind is ChannelKind.LINKEDIN for c in existing.channels):
        known |= {(ChannelKind.LINKEDIN, linkedin_key(c.value)) for c in existing.channels}
    new = [
        c
        for c in record.channels
        if (c.kind, c.value.strip().casefold()) not in known
        and (c.kind is not ChannelKind.LINKEDIN or (c.kind, linkedin_key(c.value)) not in known)
    ]
    changes: dict[str, Any] = {}
    if new:
        changes["channels"] = (*existing.channels, *new)
    for field in ("role", "organization", "notes"):
        if not getattr(existing, field) and getattr(record, field):
            changes[field] = getattr(record, field)
    return attrs.evolve(existing, **changes) if changes else existing


@attrs.frozen(kw_only=True)
class ImportPlan:
    """What an import will write: new contacts, changed ones, and what it leaves alone."""

    added: tuple[Contact, ...]
    merged: tuple[Contact, ...]
    skipped: tuple[str, ...]


def plan_import(
    records: Iterable[ImportedContact],
    existing: Sequence[Contact],
    new_id: Callable[[], str],
    source: str,
) -> ImportPlan:
    """Match each record to an existing (or earlier imported) contact and decide (pure).

    A record that fails the model's validation raises the file's one-line
    error naming its line; nothing is written then.
    """
    index = ContactIndex(existing)
    added: dict[str, Contact] = {}
    merged: dict[str, Contact] = {}
    skipped: list[str] = []
    by_name = {_name_key(c.name, ""): c for c in existing}
    with contextlib.closing(_records(records, source)) as stream:
        for record in stream:
            _decide(record, index, by_name, added, merged, skipped, new_id, source)
    return ImportPlan(
        added=tuple(added.values()), merged=tuple(merged.values()), skipped=tuple(skipped)
    )


def _records(
    records: Iterable[ImportedContact], source: str
) -> Generator[ImportedContact, None, None]:
    """The importer's records; a model error it lets escape still names the file, and
    its generator is closed as soon as the import stops."""
    iterator = iter(records)
    last_line = 0
    try:
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                return
            except ValidationError as err:
                if ":" in err.field and err.field.startswith(source):
                    raise
                raise import_error(source, last_line + 1, err.field, err.message) from None
            last_line = record.line
            yield record
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


def _decide(
    record: ImportedContact,
    index: ContactIndex,
    by_name: dict[tuple[str, str], Contact],
    added: dict[str, Contact],
    merged: dict[str, Contact],
    skipped: list[str],
    new_id: Callable[[], str],
    source: str,
) -> None:
    try:
        match = index.match(record)
        if match is None:
            referrer = (
                by_name.get(_name_key(record.referred_by, "")) if record.referred_by else None
            )
            contact = Contact(
                id=new_id(),
                name=record.name,
                role=record.role,
                organization=record.organization,
                channels=record.channels,
                notes=record.notes,
                referred_by_id=referrer.id if referrer else None,
            )
            added[contact.id] = contact
            index.put(contact)
            by_name.setdefault(_name_key(contact.name, ""), contact)
            return
        updated = merge(match, record)
        if record.referred_by and updated.referred_by_id is None:
            referrer = by_name.get(_name_key(record.referred_by, ""))
            if referrer is not None and referrer.id != updated.id:
                updated = attrs.evolve(updated, referred_by_id=referrer.id)
    except ValidationError as err:
        raise import_error(source, record.line, err.field, err.message) from None
    if updated == match:
        skipped.append(f"line {record.line}: {record.name} is already there")
    elif match.id in added:
        added[match.id] = updated
    else:
        merged[match.id] = updated
    index.put(updated)
