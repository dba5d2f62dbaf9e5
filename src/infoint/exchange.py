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
from typing import Any, TypeVar

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
    _contacts_by_id: dict[str, Contact] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda data: _by_id(data.contacts), takes_self=True),
    )
    _targets_by_id: dict[str, Target] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda data: _by_id(data.targets), takes_self=True),
    )

    def contact(self, contact_id: str) -> Contact | None:
        """A contact by ID, or None (looked up in a table: exporters ask once an interview)."""
        return self._contacts_by_id.get(contact_id)

    def target(self, target_id: str) -> Target | None:
        """A target by ID, or None."""
        return self._targets_by_id.get(target_id)


_R = TypeVar("_R", Contact, Target)


def _by_id(records: Sequence[_R]) -> dict[str, _R]:
    """The records by ID; the first of any that share one (as a scan would find)."""
    return {record.id: record for record in reversed(records)}


def safe_file_name(text: str, suffix: str = "") -> str:
    """A file name made from user text: no path separators, no leading dots, no
    control or shell-special characters, no Windows device name, at most 80 characters.

    >>> safe_file_name("../../etc/passwd; rm -rf ~", ".ics")
    'etc-passwd-rm-rf.ics'
    >>> safe_file_name("NUL.txt", ".csv")
    'NUL_.txt.csv'
    """
    cleaned = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip(".-_")
    name = re.sub(r"-{2,}", "-", cleaned)[:80].strip(".-_") or "export"
    stem, dot, rest = name.partition(".")
    if _DEVICES.fullmatch(stem):
        name = f"{stem}_{dot}{rest}"
    return name + suffix


_DEVICES = re.compile(r"CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]", re.IGNORECASE)


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
    """The one-line error for a malformed record: ``file:line: field: message``
    (a field named by the file's own text is made one printable line)."""
    printable = "".join(c if c.isprintable() else "?" for c in " ".join(field.split()))
    return ValidationError(f"{source}:{line}: {printable}", message)


def linkedin_key(url: str) -> str:
    """A LinkedIn profile URL reduced to what identifies the person.

    >>> linkedin_key("HTTP://www.LinkedIn.com/in/ada-lovelace/?trk=x")
    'linkedin.com/in/ada-lovelace'
    """
    text = _SCHEME.sub("", url.strip().casefold())
    text = _SUBDOMAIN.sub("", text)
    return _QUERY.split(text, maxsplit=1)[0].rstrip("/")


_SCHEME = re.compile(r"^[a-z]+://")
_SUBDOMAIN = re.compile(r"^(www\.|[a-z]{2}\.)")
_QUERY = re.compile(r"[?#]")


def _emails(channels: Iterable[Channel]) -> set[str]:
    return {c.value.strip().casefold() for c in channels if c.kind is ChannelKind.EMAIL}


def _linkedins(channels: Iterable[Channel]) -> set[str]:
    return {linkedin_key(c.value) for c in channels if c.kind is ChannelKind.LINKEDIN}


def _name_key(name: str, organization: str) -> str:
    # One string rather than a pair, for memory (an import of 100,000 contacts keeps
    # 100,000 keys): NUL parts them, and no stored name or organization holds a NUL.
    return " ".join(name.split()).casefold() + "\0" + " ".join(organization.split()).casefold()


class ContactIndex:
    """Existing contacts by e-mail, LinkedIn URL, and name with organization."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self._latest: dict[str, Contact] = {}
        self._by_email: dict[str, str] = {}
        self._by_linkedin: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        for contact in contacts:
            self.put(contact)

    def put(self, contact: Contact, keys: _Keys | None = None) -> None:
        """Index a contact, or its newer version (the first holder of a key keeps it).

        ``keys`` are the contact's own, when the caller has them already.
        """
        self._latest[contact.id] = contact
        emails, urls, name = keys or _keys(contact)
        for email in emails:
            self._by_email.setdefault(email, contact.id)
        for url in urls:
            self._by_linkedin.setdefault(url, contact.id)
        self._by_name.setdefault(name, contact.id)

    def match(self, record: ImportedContact, keys: _Keys | None = None) -> Contact | None:
        """The same person: same e-mail, or same LinkedIn URL, else same name and
        organization. ``keys`` are the record's own, when the caller has them already."""
        emails, urls, name = keys or _keys(record)
        for email in sorted(emails):
            if email in self._by_email:
                return self._latest[self._by_email[email]]
        for url in sorted(urls):
            if url in self._by_linkedin:
                return self._latest[self._by_linkedin[url]]
        found = self._by_name.get(name)
        return None if found is None else self._latest[found]


_Keys = tuple[set[str], set[str], str]
"""What identifies a person in an import: e-mails, LinkedIn URLs, name with organization."""


def _keys(person: Contact | ImportedContact) -> _Keys:
    return (
        _emails(person.channels),
        _linkedins(person.channels),
        _name_key(person.name, person.organization),
    )


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
    by_name = _Referrers(existing, added)
    # Companies, positions and notes repeat from row to row: new contacts share one
    # copy of each text (an import of 100,000 contacts keeps all of them in memory).
    shared: dict[str, str] = {}
    with contextlib.closing(_records(records, source)) as stream:
        for record in stream:
            _decide(record, index, by_name, added, merged, skipped, new_id, source, shared)
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


class _Referrers:
    """Contacts by name (the first one of a name wins over later ones), for a record
    that names whoever referred it (vCard RELATED).

    Made on first use: most files (LinkedIn's, Google's) never name a referrer,
    and a big import then keeps no such table in memory.
    """

    def __init__(self, existing: Sequence[Contact], added: dict[str, Contact]) -> None:
        self._existing = existing
        self._added = added
        self._by_name: dict[str, Contact] | None = None

    def get(self, name: str) -> Contact | None:
        """The contact called ``name`` (ignoring case and spacing), if any."""
        if self._by_name is None:
            # The same table as if it had been kept all along: the last existing
            # contact of a name, else the first one added.
            self._by_name = {_name_key(c.name, ""): c for c in self._existing}
            for contact in self._added.values():
                self._by_name.setdefault(_name_key(contact.name, ""), contact)
        return self._by_name.get(_name_key(name, ""))

    def add(self, contact: Contact) -> None:
        """A new contact that later records may name."""
        if self._by_name is not None:
            self._by_name.setdefault(_name_key(contact.name, ""), contact)


def _decide(
    record: ImportedContact,
    index: ContactIndex,
    by_name: _Referrers,
    added: dict[str, Contact],
    merged: dict[str, Contact],
    skipped: list[str],
    new_id: Callable[[], str],
    source: str,
    shared: dict[str, str],
) -> None:
    try:
        keys = _keys(record)  # a new contact has the record's keys: worked out once
        match = index.match(record, keys)
        if match is None:
            referrer = by_name.get(record.referred_by) if record.referred_by else None
            contact = Contact(
                id=new_id(),
                name=record.name,
                role=shared.setdefault(record.role, record.role),
                organization=shared.setdefault(record.organization, record.organization),
                channels=record.channels,
                notes=shared.setdefault(record.notes, record.notes),
                referred_by_id=referrer.id if referrer else None,
            )
            added[contact.id] = contact
            index.put(contact, keys)
            by_name.add(contact)
            return
        updated = merge(match, record)
        if record.referred_by and updated.referred_by_id is None:
            referrer = by_name.get(record.referred_by)
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
