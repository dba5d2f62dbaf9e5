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
from typing import TypeVar

import attrs

from infoint.agenda import AgendaItem
from infoint.errors import ValidationError
from infoint.identity import (
    Filing,
    Identity,
    Merging,
    PeopleIndex,
    describe_conflict,
    fold_name,
    profile_key,
)
from infoint.model import Channel, Choice, Contact, Interview, Profile, Target
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


class Outcome(Choice):
    """What became of one imported record (G25): each line is exactly one of these."""

    ADDED = "added"
    """A new contact."""
    MERGED = "merged"
    """The same person as a contact (already there, or earlier in the file), who gained
    details from it."""
    UNCHANGED = "unchanged"
    """The same person as a contact who already had everything it holds."""
    POSSIBLE_DUPLICATE = "possible-duplicate"
    """A new contact kept apart from a namesake (an identifier tells them apart, or the
    name fits several people and nothing is guessed)."""


@attrs.frozen(kw_only=True)
class ImportedLine:
    """What an import did with one record of the file."""

    line: int
    name: str
    outcome: Outcome
    contact_id: str
    """The contact it added, or merged into, or matched."""
    gained: tuple[str, ...] = ()
    """For a merge: what the contact gained (``email``, ``linkedin``, ``role``...)."""
    namesakes: tuple[str, ...] = ()
    """For a possible duplicate: the contacts of the same name it was kept apart from;
    for a merge, other contacts that share an identifier with it too."""
    why: str = ""
    """Why it was kept apart, in words (``a different LinkedIn profile``)."""


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an import did: every line of the file, and the contacts it wrote."""

    source: str
    added: tuple[Contact, ...] = ()
    """New contacts (possible duplicates too)."""
    merged: tuple[Contact, ...] = ()
    """Contacts that were there before and gained details."""
    lines: tuple[ImportedLine, ...] = ()
    """One entry per record of the file, in the file's order."""
    dry_run: bool = False
    _added_at: dict[str, int] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda report: _added_lines(report.lines), takes_self=True),
    )

    def count(self, outcome: Outcome) -> int:
        """How many lines had this outcome."""
        return sum(1 for line in self.lines if line.outcome is outcome)

    def of(self, outcome: Outcome) -> list[ImportedLine]:
        """The lines that had this outcome."""
        return [line for line in self.lines if line.outcome is outcome]

    def line_of(self, contact_id: str) -> int | None:
        """The line that added ``contact_id``, when this import added it."""
        return self._added_at.get(contact_id)


def _added_lines(lines: Sequence[ImportedLine]) -> dict[str, int]:
    """The contacts an import added, by ID, with the line that added each (looked up in a
    table: a report asks once for every namesake of every line)."""
    new = (Outcome.ADDED, Outcome.POSSIBLE_DUPLICATE)
    return {line.contact_id: line.line for line in lines if line.outcome in new}


def import_error(source: str, line: int, field: str, message: str) -> ValidationError:
    """The one-line error for a malformed record: ``file:line: field: message``
    (a field named by the file's own text is made one printable line)."""
    printable = "".join(c if c.isprintable() else "?" for c in " ".join(field.split()))
    return ValidationError(f"{source}:{line}: {printable}", message)


class NoContactsFound(ValidationError):
    """A file that holds no contact at all: only empty rows (or lines), or nothing.

    An import of nothing is refused rather than reported as "0 added": the file
    is most likely not what the seeker meant to import.

    >>> str(NoContactsFound("c.csv", 200_000))
    'c.csv: no contacts found: 200,000 empty rows'
    >>> str(NoContactsFound("c.csv", 0, header=True))
    'c.csv: no contacts found: nothing after the header'
    >>> str(NoContactsFound("c.vcf", 0, "line"))
    'c.vcf: no contacts found: the file is empty'
    """

    def __init__(self, source: str, empty: int, unit: str = "row", *, header: bool = False):
        if empty:
            what = f"{empty:,} empty {unit}{'' if empty == 1 else 's'}"
        else:
            what = "nothing after the header" if header else "the file is empty"
        super().__init__(source, f"no contacts found: {what}")


def linkedin_key(url: str) -> str:
    """A LinkedIn profile URL reduced to what identifies the person
    (:func:`infoint.identity.profile_key`).

    >>> linkedin_key("HTTP://www.LinkedIn.com/in/ada-lovelace/?trk=x")
    'linkedin.com/in/ada-lovelace'
    """
    return profile_key(url)


def identity_of(person: Contact | ImportedContact, region: str | None = None) -> Identity:
    """The identity (G25) of a contact or an imported record."""
    return Identity.of(person.name, person.organization, person.channels, region)


@attrs.frozen(kw_only=True)
class ImportPlan:
    """What an import will write: new contacts, changed ones, and each line's outcome."""

    added: tuple[Contact, ...]
    merged: tuple[Contact, ...]
    lines: tuple[ImportedLine, ...]


def plan_import(
    records: Iterable[ImportedContact],
    existing: Sequence[Contact],
    new_id: Callable[[], str],
    source: str,
    *,
    region: str | None = None,
) -> ImportPlan:
    """Match each record to an existing (or earlier imported) contact and decide (pure).

    The same person (G25: a shared e-mail, profile or phone, else the same name
    and organization with no identifier in conflict) is merged; a namesake told
    apart by an identifier, or a name that fits several people, is added and
    reported as a possible duplicate. ``region`` reads phone numbers written
    without a country code. A record that fails the model's validation raises
    the file's one-line error naming its line; nothing is written then.
    """
    work = _Import(existing, new_id, region)
    with contextlib.closing(_records(records, source)) as stream:
        for record in stream:
            try:
                work.take(record)
            except ValidationError as err:
                raise import_error(source, record.line, err.field, err.message) from None
    return work.plan()


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
            except NoContactsFound:
                raise
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


_LISTED = 5
"""How many namesakes (or candidates) a line of the report names."""


class _Import:
    """One import's decisions, record by record, against an index of everyone so far.

    Every record costs what it holds, however many came before: the index looks at a
    few namesakes at most, and a contact that gains details again and again gains
    them in a :class:`~infoint.identity.Merging` (its channels as a set of keys), built
    into a contact once, at the end.
    """

    def __init__(
        self, existing: Sequence[Contact], new_id: Callable[[], str], region: str | None
    ) -> None:
        self.new_id = new_id
        self.region = region
        self.people = PeopleIndex()
        self.contacts: dict[str, Contact] = {}
        """Every contact, as it was before this import merged anything into it."""
        for contact in existing:
            self.contacts[contact.id] = contact
            self.people.put(contact.id, identity_of(contact, region))
        self.added: dict[str, Contact] = {}
        self.merged: dict[str, None] = {}
        """The existing contacts that gained details, in the order they first did."""
        self.merging: dict[str, Merging] = {}
        """The contacts records were merged into (or compared with), as merged so far."""
        self.filed: dict[str, Filing] = {}
        """Where the index files the contacts that gained identifiers or an organization."""
        self.referred: dict[str, str] = {}
        """The referrer each contact that had none gained (vCard RELATED), by contact."""
        self.lines: list[ImportedLine] = []
        self.referrers = _Referrers(existing, self.added)
        # Companies, positions and notes repeat from row to row: new contacts share one
        # copy of each text (an import of 100,000 contacts keeps all of them in memory).
        self.shared: dict[str, str] = {}

    def take(self, record: ImportedContact) -> None:
        identity = identity_of(record, self.region)
        found = self.people.resolve(identity, limit=_LISTED)
        if found.same is not None:
            self._merge(record, found.same, found.also)
            return
        for key in found.candidates:  # the same record imported again: nothing to guess
            if not self._merging(key).adds(record):
                self._merge(record, key, ())
                return
        contact = self._add(record, identity)
        if found.candidates:
            why = f"{len(found.candidates)} contacts have this name; nothing was guessed"
            self._line(
                record, Outcome.POSSIBLE_DUPLICATE, contact.id, namesakes=found.candidates, why=why
            )
        elif found.namesakes:
            why = describe_conflict(found.conflict)
            self._line(
                record, Outcome.POSSIBLE_DUPLICATE, contact.id, namesakes=found.namesakes, why=why
            )
        else:
            self._line(record, Outcome.ADDED, contact.id)

    def plan(self) -> ImportPlan:
        """What the import will write: each contact built once, with all it gained."""
        return ImportPlan(
            added=tuple(self._now(key) for key in self.added),
            merged=tuple(self._now(key) for key in self.merged),
            lines=tuple(self.lines),
        )

    def _add(self, record: ImportedContact, identity: Identity) -> Contact:
        referrer = self.referrers.get(record.referred_by) if record.referred_by else None
        contact = Contact(
            id=self.new_id(),
            name=record.name,
            role=self.shared.setdefault(record.role, record.role),
            organization=self.shared.setdefault(record.organization, record.organization),
            channels=record.channels,
            notes=self.shared.setdefault(record.notes, record.notes),
            referred_by_id=referrer.id if referrer else None,
        )
        self.added[contact.id] = contact
        self.contacts[contact.id] = contact
        self.people.put(contact.id, identity)
        self.referrers.add(contact)
        return contact

    def _merging(self, key: str) -> Merging:
        merging = self.merging.get(key)
        if merging is None:
            merging = self.merging[key] = Merging(self.contacts[key], self.region)
        return merging

    def _merge(self, record: ImportedContact, key: str, also: tuple[str, ...]) -> None:
        gain = self._merging(key).take(record)
        linked = self._link_referrer(record, key)
        if not gain and not linked:
            self._line(record, Outcome.UNCHANGED, key, namesakes=also)
            return
        self._line(record, Outcome.MERGED, key, namesakes=also, gained=gain.names)
        if key not in self.added:
            self.merged[key] = None
        if gain.channels or "organization" in gain.fields:
            contact = self.contacts[key]
            # Where it was filed: as it came, until it first gains an identifier.
            filed = self.filed.get(key) or identity_of(contact, self.region).filing
            more = Identity.of(contact.name, record.organization, gain.channels, self.region)
            self.filed[key] = self.people.gain(key, filed, more)

    def _link_referrer(self, record: ImportedContact, key: str) -> bool:
        """Link the contact to whoever the record names as its referrer, when it has none."""
        if not record.referred_by or key in self.referred:
            return False
        if self.contacts[key].referred_by_id is not None:
            return False
        referrer = self.referrers.get(record.referred_by)
        if referrer is None or referrer.id == key:
            return False
        self.referred[key] = referrer.id
        return True

    def _now(self, key: str) -> Contact:
        merging = self.merging.get(key)
        contact = merging.contact if merging is not None else self.contacts[key]
        if key in self.referred:
            contact = attrs.evolve(contact, referred_by_id=self.referred[key])
        return contact

    def _line(
        self,
        record: ImportedContact,
        outcome: Outcome,
        key: str,
        *,
        namesakes: tuple[str, ...] = (),
        gained: tuple[str, ...] = (),
        why: str = "",
    ) -> None:
        self.lines.append(
            ImportedLine(
                line=record.line,
                name=record.name,
                outcome=outcome,
                contact_id=key,
                gained=gained,
                namesakes=namesakes,
                why=why,
            )
        )


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
        """The contact called ``name`` (ignoring case, accents and spacing), if any."""
        if self._by_name is None:
            # The same table as if it had been kept all along: the last existing
            # contact of a name, else the first one added.
            self._by_name = {fold_name(c.name): c for c in self._existing}
            for contact in self._added.values():
                self._by_name.setdefault(fold_name(contact.name), contact)
        return self._by_name.get(fold_name(name))

    def add(self, contact: Contact) -> None:
        """A new contact that later records may name."""
        if self._by_name is not None:
            self._by_name.setdefault(fold_name(contact.name), contact)
