"""Who is who: the rules that decide when two records are one person (G25).

Two records are the same person when they share a *strong identifier*: an
e-mail address (compared without case), a LinkedIn profile URL (compared
without scheme, ``www.``, a trailing slash, a query or a locale suffix), or a
phone number in E.164 form (where its country is known). Records that share
none are the same person only when their names match (ignoring case, accents
and spacing), their organizations match (or one of them gives none), and
neither holds an identifier of a kind the other also holds with a different
value. Anything else stays apart; a namesake kept apart is a *possible
duplicate*, for the seeker to join when they know better.

Importers, ``contact add``, ``referral add`` and the Workspace use these same
functions, so a name typed on the command line and a row of a file are
matched alike.

>>> fold_name("  Zoë   Ñúñez ")
'zoe nunez'
>>> profile_key("HTTPS://www.LinkedIn.com/in/ada-lovelace/en/?trk=x")
'linkedin.com/in/ada-lovelace'
>>> phone_key("+1 (202) 555-0143"), phone_key("020 7946 0958"), phone_key("020 7946 0958", "GB")
('+12025550143', None, '+442079460958')
"""

from __future__ import annotations

import enum
import functools
import re
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any, Protocol

import attrs

from infoint.model import Channel, ChannelKind, Contact


class _Details(Protocol):
    """What :func:`merge` reads of a record: a contact, or a row of an imported file."""

    @property
    def role(self) -> str: ...
    @property
    def organization(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def channels(self) -> tuple[Channel, ...]: ...


@functools.lru_cache(maxsize=8192)  # names and organizations repeat from row to row
def fold_name(text: str) -> str:
    """A name or organization as compared: lower case, no accents, single spaces.

    Folding a folded name changes nothing (compatibility forms such as ``ℌ`` or ``№``
    decompose to letters that then lose their case too).
    """
    if text.isascii():
        return " ".join(text.lower().split())
    folded = without_accents(unicodedata.normalize("NFKD", text).casefold())
    if not folded.isascii():  # case folding can make marks (İ -> i + dot) or capitals
        folded = without_accents(unicodedata.normalize("NFKD", folded).casefold())
    return " ".join(folded.split())


def without_accents(decomposed: str) -> str:
    """``decomposed`` (a text in NFKD form) without its combining marks."""
    if _BEYOND_LATIN.search(decomposed) is None:  # Latin letters and their accents: most
        return decomposed.encode("ascii", "ignore").decode("ascii")
    return decomposed.translate(_combining_marks())


_BEYOND_LATIN = re.compile("[^\x00-\x7f\u0300-\u036f]")
"""A character that is neither ASCII nor one of the accents Latin letters decompose to:
without one, dropping what is not ASCII drops exactly the accents."""


@functools.cache
def _combining_marks() -> dict[int, None]:
    """Every combining mark (accents and the like), to delete with ``str.translate``."""
    return {code: None for code in range(0x300, 0x1F000) if unicodedata.combining(chr(code))}


def email_key(address: str) -> str:
    """An e-mail address as compared: without surrounding space, ignoring case."""
    return address.strip().casefold()


_PROFILE = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://)?"  # a scheme
    r"(?:www\.|[a-z]{2}\.|[a-z]{2}-[a-z]{2}\.)?"  # www. or a country subdomain
    r"([^?#]*)",  # up to a query or fragment
    re.DOTALL,
)
_LOCALE_SUFFIX = re.compile(r"(linkedin\.com/(?:in|pub)/[^/]+)/[a-z]{2}(?:[-_][a-z]{2})?")


def profile_key(url: str) -> str:
    """A LinkedIn profile URL reduced to what names the person: no scheme, no ``www.``
    or country subdomain, no query, no trailing slash, no locale suffix (``/en``)."""
    found = _PROFILE.match(url.strip().casefold())
    text = found.group(1).rstrip("/") if found else ""
    suffixed = _LOCALE_SUFFIX.fullmatch(text)
    return suffixed.group(1) if suffixed else text


def phone_key(number: str, region: str | None = None) -> str | None:
    """A phone number in E.164 form (``+442079460958``), or None when its country is not
    known (no ``+`` and no ``region``) or it is not a possible number.

    ``region`` is a two-letter country code (``GB``, ``US``) for numbers written
    without their country code.
    """
    import phonenumbers  # here: only phone numbers need its metadata

    try:
        parsed = phonenumbers.parse(number, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def channel_key(channel: Channel, region: str | None = None) -> tuple[ChannelKind, str]:
    """What makes two channels the same: an e-mail without case, a profile without its
    decorations, a phone number in E.164 form when it can be, else the text without case."""
    if channel.kind is ChannelKind.EMAIL:
        return channel.kind, email_key(channel.value)
    if channel.kind is ChannelKind.LINKEDIN:
        return channel.kind, profile_key(channel.value)
    if channel.kind is ChannelKind.PHONE:
        phone = phone_key(channel.value, region)
        if phone is not None:
            return channel.kind, phone
    return channel.kind, " ".join(channel.value.split()).casefold()


def merge(existing: Contact, record: _Details, region: str | None = None) -> Contact:
    """``existing`` with what ``record`` (the same person) adds: missing channels, and
    role, organization and notes where the contact has none. Never overwrites what the
    seeker wrote."""
    merging = Merging(existing, region)
    merging.take(record)
    return merging.contact


_FIELDS = ("role", "organization", "notes")
"""The details a merge fills in where the contact has none."""


@attrs.frozen
class Gain:
    """What one record added to a contact (:meth:`Merging.take`)."""

    channels: tuple[Channel, ...] = ()
    fields: tuple[str, ...] = ()
    """The details it filled in (``role``, ``organization``, ``notes``)."""

    def __bool__(self) -> bool:
        return bool(self.channels or self.fields)

    @property
    def names(self) -> tuple[str, ...]:
        """What was gained, by name, as :func:`gained` says it: channel kinds, then fields."""
        return (*dict.fromkeys(str(c.kind) for c in self.channels), *self.fields)


class Merging:
    """A contact gaining details from record after record of the same person (G25):
    :func:`merge`, one record at a time.

    A record costs what it holds, not what the contact has gathered (an import may
    merge thousands of rows into one contact, each bringing an address): the
    channels the contact has are kept as a set of keys, and the contact is built
    once, when asked for.

    >>> email = Channel(kind="email", value="ada@x.org")
    >>> merging = Merging(Contact(id="a", name="Ada Lovelace", channels=[email]))
    >>> merging.take(Contact(id="-", name="Ada", role="Programmer")).names
    ('role',)
    >>> again = Channel(kind="email", value="ADA@x.org")
    >>> merging.take(Contact(id="-", name="Ada", channels=[again]))
    Gain(channels=(), fields=())
    >>> merging.contact.role, len(merging.contact.channels)
    ('Programmer', 1)
    """

    def __init__(self, contact: Contact, region: str | None = None) -> None:
        self._details = contact
        """The contact with the details filled in so far, and the channels it had."""
        self._region = region
        self._known = {channel_key(channel, region) for channel in contact.channels}
        self._gained: list[Channel] = []
        self._built: Contact | None = contact

    @property
    def contact(self) -> Contact:
        """The contact with everything merged so far (built on first use after a change)."""
        if self._built is None:
            channels = (*self._details.channels, *self._gained)
            self._details = self._built = attrs.evolve(self._details, channels=channels)
            self._gained = []
        return self._built

    def adds(self, record: _Details) -> bool:
        """Whether ``record`` holds a channel or a detail the contact lacks."""
        return any(self._filled(record)) or any(
            channel_key(channel, self._region) not in self._known for channel in record.channels
        )

    def take(self, record: _Details) -> Gain:
        """Merge ``record`` in (a detail the model refuses raises, and nothing is taken);
        what the contact gained."""
        keys: dict[tuple[ChannelKind, str], Channel] = {}
        for channel in record.channels:
            key = channel_key(channel, self._region)
            if key not in self._known:
                keys.setdefault(key, channel)
        filled = self._filled(record)
        if filled:
            self._details = attrs.evolve(self._details, **filled)
        if keys:
            self._known.update(keys)
            self._gained += keys.values()
        if filled or keys:
            self._built = None
        return Gain(tuple(keys.values()), tuple(filled))

    def _filled(self, record: _Details) -> dict[str, Any]:
        details = self._details
        return {
            f: getattr(record, f)
            for f in _FIELDS
            if not getattr(details, f) and getattr(record, f)
        }


def gained(before: Contact, after: Contact) -> tuple[str, ...]:
    """What ``after`` has that ``before`` had not: channel kinds and fields, by name."""
    kinds = dict.fromkeys(str(c.kind) for c in after.channels[len(before.channels) :])
    fields = [f for f in _FIELDS if getattr(before, f) != getattr(after, f)]
    return (*kinds, *fields)


_NO_VALUES: frozenset[str] = frozenset()


class IdentifierKind(enum.IntFlag):
    """The kinds of strong identifier; a set of kinds is their union."""

    EMAIL = 1
    PROFILE = 2
    PHONE = 4

    @property
    def noun(self) -> str:
        """How a person calls an identifier of this kind."""
        return {1: "e-mail address", 2: "LinkedIn profile", 4: "phone number"}[self.value]


_NONE = IdentifierKind(0)


@attrs.frozen
class Identity:
    """What tells one person from another: strong identifiers, then name and organization."""

    name: str
    """The folded name (:func:`fold_name`)."""
    organization: str = ""
    """The folded organization, ``""`` when unknown."""
    emails: frozenset[str] = frozenset()
    profiles: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, name: str, organization: str, channels: Iterable[Channel], region: str | None = None
    ) -> Identity:
        """The identity of a person with these details; ``region`` reads phone numbers
        written without a country code."""
        emails: list[str] = []
        profiles: list[str] = []
        phones: list[str] = []
        for channel in channels:
            kind = channel.kind
            if kind is ChannelKind.EMAIL:
                emails.append(email_key(channel.value))
            elif kind is ChannelKind.LINKEDIN:
                profiles.append(profile_key(channel.value))
            elif kind is ChannelKind.PHONE:
                phone = phone_key(channel.value, region)
                if phone is not None:
                    phones.append(phone)
        return cls(
            fold_name(name),
            fold_name(organization) if organization else "",
            frozenset(emails) if emails else _NO_VALUES,
            frozenset(profiles) if profiles else _NO_VALUES,
            frozenset(phones) if phones else _NO_VALUES,
        )

    @property
    def _mask(self) -> int:
        """The kinds of strong identifier held, as :class:`IdentifierKind` flags."""
        return (1 if self.emails else 0) | (2 if self.profiles else 0) | (4 if self.phones else 0)

    @property
    def filing(self) -> Filing:
        """Where :class:`PeopleIndex` files this person among the people of their name."""
        return Filing(self.name, self.organization, self._mask)

    def shares_identifier(self, other: Identity) -> bool:
        """Whether the two hold one e-mail address, profile or phone number in common."""
        return bool(
            self.emails & other.emails
            or self.profiles & other.profiles
            or self.phones & other.phones
        )

    def conflicts(self, other: Identity) -> IdentifierKind:
        """The kinds both hold, each with different values only (so they cannot be one)."""
        found = _NONE
        for kind, mine, theirs in (
            (IdentifierKind.EMAIL, self.emails, other.emails),
            (IdentifierKind.PROFILE, self.profiles, other.profiles),
            (IdentifierKind.PHONE, self.phones, other.phones),
        ):
            if mine and theirs and not mine & theirs:
                found |= kind
        return found

    def same_name(self, other: Identity) -> bool:
        """Names match, and organizations match or one of them is unknown."""
        return self.name == other.name and (
            self.organization == other.organization
            or not self.organization
            or not other.organization
        )

    def same_person(self, other: Identity) -> bool:
        """G25: a shared strong identifier, or the same name with none in conflict."""
        if self.shares_identifier(other):
            return True
        return self.same_name(other) and not self.conflicts(other)


@functools.cache
def describe_conflict(kinds: IdentifierKind | int) -> str:
    """``"a different LinkedIn profile"``, ``"a different e-mail address and phone number"``."""
    nouns = [kind.noun for kind in IdentifierKind if kind & kinds]
    if not nouns:
        return "nothing tells them apart"
    listed = nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " and " + nouns[-1]
    return f"a different {listed}"


@attrs.frozen
class Resolution:
    """What :meth:`PeopleIndex.resolve` found for one identity.

    At most one of ``same`` and ``candidates`` is set: ``same`` is the one
    person it is; ``candidates`` are the several it could be by name (nothing
    is guessed then). ``namesakes`` have the same name but are told apart by an
    identifier; ``also`` share an identifier too, besides ``same`` (two records
    of one person, for the seeker to merge).
    """

    same: str | None = None
    candidates: tuple[str, ...] = ()
    namesakes: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    conflict: int = 0
    """The kinds of identifier (:class:`IdentifierKind` flags) that tell the first
    namesake apart."""


_Holders = dict[str, "str | dict[str, None]"]
"""An identifier (or an organization) to the key holding it, or to the several keys that
do (a dict used as an ordered set: a key leaves it at no cost however many share it)."""


def _hold(table: dict[Any, Any], value: Any, key: str) -> None:
    held = table.get(value)
    if held is None:
        table[value] = key
    elif isinstance(held, str):
        if held != key:
            table[value] = {held: None, key: None}
    else:
        held[key] = None


def _release(table: dict[Any, Any], value: Any, key: str) -> None:
    held = table[value]
    if isinstance(held, str):
        del table[value]
        return
    del held[key]
    if len(held) == 1:
        table[value] = next(iter(held))


def _holders(held: str | dict[str, None] | None) -> Iterable[str]:
    if held is None:
        return ()
    return (held,) if isinstance(held, str) else held


@attrs.frozen
class Filing:
    """Where :class:`PeopleIndex` files a person among the people of their name: by
    folded name, organization, and the kinds of identifier held
    (:class:`IdentifierKind` flags)."""

    name: str
    organization: str
    kinds: int


_Named = tuple[str, int, str] | dict[int, _Holders]
"""The people of one name: ``(organization, kinds, key)`` for one person, else the kinds
of identifier held to organization to keys."""


class PeopleIndex:
    """People by each strong identifier and by folded name, so that matching one
    record costs about the same however many people there are.

    Keys are the caller's (contact IDs). Within a name, people are grouped by
    the kinds of identifier they hold, then by organization: a record is
    compared only with its organization's group and the group of no known
    organization, and can only be the same person as one holding none of the
    kinds it holds itself (it shares no identifier with anyone, or
    :meth:`resolve` would have found them by it). :meth:`resolve` looks at a
    few people of each group at most, however many share a name. The index
    keeps no identity whole (an import of 100,000 people holds it in memory):
    :meth:`put` and :meth:`remove` are told the identity they index, and
    :meth:`gain` where a person is filed.
    """

    LIMIT = 20
    """At most this many candidates or namesakes are listed by default."""

    def __init__(self) -> None:
        self._emails: _Holders = {}
        self._profiles: _Holders = {}
        self._phones: _Holders = {}
        self._names: dict[str, _Named] = {}
        """Folded name to kinds held to organization to keys; a name only one person
        has maps to that one ``(organization, kinds, key)``."""

    def _tables(self, identity: Identity) -> tuple[tuple[_Holders, frozenset[str]], ...]:
        return (
            (self._emails, identity.emails),
            (self._profiles, identity.profiles),
            (self._phones, identity.phones),
        )

    def put(self, key: str, identity: Identity, *, replacing: Identity | None = None) -> None:
        """Index ``identity`` under ``key``; ``replacing`` is what ``key`` had, if any."""
        if replacing is not None:
            self.remove(key, replacing)
        for table, values in self._tables(identity):
            for value in values:
                _hold(table, value, key)
        self._file(key, identity.name, identity.organization, identity._mask)

    def remove(self, key: str, identity: Identity) -> None:
        """Forget ``key``, indexed with ``identity``."""
        for table, values in self._tables(identity):
            for value in values:
                _release(table, value, key)
        self._unfile(key, identity.name, identity.organization, identity._mask)

    def gain(self, key: str, filed: Filing, gained: Identity) -> Filing:
        """``key``, filed as ``filed``, now holds ``gained``'s identifiers too (and its
        organization, when it had none): where it is filed now. Costs what ``gained``
        holds, not what ``key`` has gathered (a contact that merges row after row)."""
        for table, values in self._tables(gained):
            for value in values:
                _hold(table, value, key)
        organization = filed.organization or gained.organization
        now = Filing(filed.name, organization, filed.kinds | gained._mask)
        if now != filed:
            self._unfile(key, filed.name, filed.organization, filed.kinds)
            self._file(key, now.name, now.organization, now.kinds)
        return now

    def _file(self, key: str, name: str, organization: str, kinds: int) -> None:
        organization = sys.intern(organization)
        held = self._names.get(name)
        if held is None:
            self._names[name] = (organization, kinds, key)
            return
        if isinstance(held, tuple):
            held = self._names[name] = {held[1]: {held[0]: held[2]}}
        _hold(held.setdefault(kinds, {}), organization, key)

    def _unfile(self, key: str, name: str, organization: str, kinds: int) -> None:
        held = self._names[name]
        if isinstance(held, tuple):
            del self._names[name]
            return
        organizations = held[kinds]
        _release(organizations, organization, key)
        if not organizations:
            del held[kinds]
        if not held:
            del self._names[name]

    def resolve(
        self, identity: Identity, *, exclude: str | None = None, limit: int = LIMIT
    ) -> Resolution:
        """Who ``identity`` is among the people indexed (G25), listing at most ``limit``
        candidates or namesakes; ``exclude`` is left out."""
        sharing: dict[str, None] = {}
        for table, values in self._tables(identity):
            for value in sorted(values) if len(values) > 1 else values:
                for key in _holders(table.get(value)):
                    if len(sharing) > limit:
                        break  # the one it is, and ``limit`` others to list: enough
                    if key != exclude:
                        sharing[key] = None
        if sharing:
            first, *others = sharing
            return Resolution(same=first, also=tuple(others))
        named = self._names.get(identity.name)
        if named is None:
            return _NOBODY
        if isinstance(named, tuple):
            named = {named[1]: {named[0]: named[2]}}
        wanted = identity._mask
        candidates: list[str] = []
        namesakes: list[str] = []
        conflict = 0
        for kinds, organizations in named.items():
            into = namesakes if kinds & wanted else candidates
            for held in _filed_with(organizations, identity.organization):
                if len(into) >= limit:
                    break  # enough to list: the rest would only cost time
                for key in _holders(held):
                    if len(into) >= limit:
                        break
                    if key != exclude:
                        if into is namesakes and not namesakes:
                            conflict = kinds & wanted
                        into.append(key)
        if len(candidates) == 1:
            return Resolution(same=candidates[0], namesakes=tuple(namesakes), conflict=conflict)
        return Resolution(
            candidates=tuple(candidates), namesakes=tuple(namesakes), conflict=conflict
        )


def _filed_with(
    organizations: _Holders, organization: str
) -> Iterable[str | dict[str, None] | None]:
    """The people filed under ``organization`` and under none; under any when it is
    unknown."""
    if organization:
        return (organizations.get(organization), organizations.get(""))
    return organizations.values()


_NOBODY = Resolution()
