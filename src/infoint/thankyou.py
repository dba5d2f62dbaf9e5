"""Pure drafting of the thank-you note (G19): short, specific, in the relationship's register.

Nothing here does I/O or reads the clock: the Workspace passes the interview,
the contact, the profile and the referrals' names in. The same input always
gives the same note.

The draft thanks the person for their time, quotes one thing learned (the
first advice note, else the first note), says the advice will be acted on,
thanks them for the people they suggested, and signs off with the seeker's
name. A quoted note that any lint rule would flag (it mentions pay, asks for a
job, is misspelled, or makes the note too long) is not quoted: the next note
is tried, then a plain sentence about the conversation.

>>> from datetime import datetime, UTC
>>> from infoint.model import Contact, Interview, Profile, StatusChange
>>> ada = Contact(id="c1", name="Ada Lovelace", relationship="friend")
>>> held = Interview(id="i1", contact_id="c1", history=[StatusChange(
...     status="held", at=datetime(2025, 3, 4, tzinfo=UTC))])
>>> note = draft_thank_you(held, ada, Profile(name="Grace"), medium=ThankYouMedium.LETTER)
>>> print(note, end="")
Hi Ada,
<BLANKLINE>
Thanks so much for taking the time to chat with me. It was great to hear about your work.
<BLANKLINE>
I learned a lot from our chat, and I have a much clearer picture of the field now.
<BLANKLINE>
Thanks again, I really appreciate it!
<BLANKLINE>
Best,
Grace
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from infoint.model import (
    Contact,
    Interview,
    Note,
    NoteKind,
    Profile,
    Register,
    ThankYouMedium,
)
from infoint.rules import BUILTIN_RULES, LintContext, Policy, TextKind, lint

if TYPE_CHECKING:
    from infoint.hookspecs import LintRule

SUBJECT = "Subject: Thank you for your time"
"""The first line of an e-mailed note (a letter has none)."""

QUOTE_MAX_WORDS = 18
"""A quoted note is cut to its first clause, and to at most this many words."""

_TRIED_NOTES = 3
"""How many advice notes, then how many other notes, are tried for a quote."""

_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame"})
_ABBREVIATIONS = _TITLES | {"st", "vs", "etc", "e.g", "i.e", "approx", "inc", "ltd", "co"}


def thank_you_names(
    contact: Contact,
    profile: Profile,
    referral_names: Iterable[str] = (),
    target_names: Iterable[str] = (),
) -> tuple[str, ...]:
    """The names a thank-you note may contain, for :attr:`LintContext.names`: the contact
    and their organization, the people they suggested, the seeker, and the targets.

    >>> thank_you_names(Contact(id="c", name="Ada Lovelace", organization="Zyxware Ltd"),
    ...                 Profile(name=""), ["Grace Hopper"], ["Data engineering"])
    ('Ada Lovelace', 'Zyxware Ltd', 'Grace Hopper', 'Data engineering')
    """
    names = [contact.name, contact.organization, *referral_names, profile.name, *target_names]
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))


def draft_thank_you(
    interview: Interview,
    contact: Contact,
    profile: Profile,
    *,
    medium: ThankYouMedium = ThankYouMedium.EMAIL,
    register: Register | None = None,
    referral_names: Sequence[str] = (),
    target_names: Sequence[str] = (),
    rules: Sequence[LintRule] = BUILTIN_RULES,
    policy: Policy | None = None,
) -> str:
    """A short thank-you note for ``interview`` (G19), ready to edit and send.

    Args:
        interview: the interview held; its notes give the thing learned and the
            advice, its referrals the people to thank them for.
        contact: the person interviewed.
        profile: the seeker; the note is signed with their name (no name line
            when it is empty).
        medium: an e-mail starts with a subject line; a letter does not.
        register: formal ("Dear Ada Lovelace,") or casual ("Hi Ada,"); by
            default the one of the relationship (G14).
        referral_names: the names of the contacts in ``interview.referrals``.
        target_names: the interview's targets: a quoted note may name them.
        rules: what a quoted note must pass, as a thank-you note with
            :func:`thank_you_names` as the names (default: infoint's own rules).
        policy: the numbers those rules apply (default :class:`~infoint.rules.Policy`).
    """
    register = register or contact.relationship.register
    context = LintContext(
        kind=TextKind.THANK_YOU,
        policy=policy or Policy(),
        names=thank_you_names(contact, profile, referral_names, target_names),
    )
    draft = _Draft(
        medium=ThankYouMedium(medium),
        register=Register(register),
        contact=contact,
        profile=profile,
        referral_names=tuple(dict.fromkeys(n.strip() for n in referral_names if n.strip())),
        referred=bool(interview.referrals),
        advised=any(n.kind is NoteKind.ADVICE for n in interview.notes),
    )
    for note in _quotable(interview.notes):
        clause = quote_clause(note.text)
        if not clause:
            continue
        text = draft.text(clause, advice=note.kind is NoteKind.ADVICE)
        if not lint(text, rules, context):
            return text
    return draft.text(None, advice=False)


def quote_clause(text: str, max_words: int = QUOTE_MAX_WORDS) -> str:
    """The first clause of a note, as it was written, to quote in a thank-you note.

    Cut at the end of the first line or sentence ("Dr. Kim" is no sentence end),
    then, when still longer than ``max_words``, at a comma or with an ellipsis.
    Double quotes become single ones, to sit inside the note's quotation marks.

    >>> quote_clause("Build a small pipeline project. Then show it to people.")
    'Build a small pipeline project'
    >>> quote_clause("Why not start with SQL? It is most of the job.")
    'Why not start with SQL?'
    >>> quote_clause("Ask Dr. Kim about the lab; she runs it.")
    'Ask Dr. Kim about the lab'
    >>> quote_clause(" ".join(["word"] * 30), max_words=5)
    'word word word word word…'
    """
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = re.sub(r"^(?:[-*•>]+\s*)+", "", line)
    line = line.replace('"', "'").replace("“", "‘").replace("”", "’")
    for end in re.finditer(r"[.!?;](?=\s|$)", line):
        before = line[: end.start()].rsplit(None, 1)[-1] if line[: end.start()].strip() else ""
        if end[0] == "." and (before.casefold() in _ABBREVIATIONS or len(before) == 1):
            continue
        line = line[: end.end()] if end[0] in "!?" else line[: end.start()]
        break
    words = line.split()
    if len(words) > max_words:
        head = " ".join(words[:max_words])
        comma = head.rfind(",")
        at_comma = comma >= 0 and len(head[:comma].split()) >= 5
        line = head[:comma] if at_comma else head + "…"
    line = line.strip().rstrip(",;:-–—").strip()
    return line if re.search(r"[^\W\d_]", line) else ""


def _quotable(notes: Sequence[Note]) -> list[Note]:
    """Advice notes first, then the others, each in the order taken, a few of each."""
    advice = [n for n in notes if n.kind is NoteKind.ADVICE]
    others = [n for n in notes if n.kind is not NoteKind.ADVICE]
    return advice[:_TRIED_NOTES] + others[:_TRIED_NOTES]


def _first_name(name: str) -> str:
    words = [w.strip(",") for w in name.split()]
    given = [w for w in words if w.rstrip(".").casefold() not in _TITLES]
    return (given or words or [name])[0]


def _listing(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"; past three, "A, B, C and the others you mentioned"."""
    if len(names) > 3:
        return ", ".join(names[:3]) + " and the others you mentioned"
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0]


@attrs.frozen(kw_only=True)
class _Draft:
    """The parts of a note that do not depend on which note is quoted."""

    medium: ThankYouMedium
    register: Register
    contact: Contact
    profile: Profile
    referral_names: tuple[str, ...]
    referred: bool
    advised: bool

    @property
    def formal(self) -> bool:
        return self.register is Register.FORMAL

    def text(self, clause: str | None, *, advice: bool) -> str:
        """The whole note, quoting ``clause`` (an advice note's when ``advice``), or none."""
        paragraphs = [
            self._greeting(),
            self._thanks(),
            self._learned(clause, advice=advice),
            self._referrals(),
            "I hope to stay in touch, and I wish you all the best."
            if self.formal
            else "Thanks again, I really appreciate it!",
            self._sign_off(),
        ]
        if self.medium is ThankYouMedium.EMAIL:
            paragraphs.insert(0, SUBJECT)
        return "\n\n".join(p for p in paragraphs if p) + "\n"

    def _sign_off(self) -> str:
        name = self.profile.name.strip()
        closing = "Kind regards," if self.formal else "Best,"
        return f"{closing}\n{name}" if name else closing

    def _greeting(self) -> str:
        name = self.contact.name.strip()
        return f"Dear {name}," if self.formal else f"Hi {_first_name(name)},"

    def _thanks(self) -> str:
        organization = self.contact.organization.strip()
        work = f"your work at {organization}" if organization else "your work"
        if self.formal:
            return (
                "Thank you for taking the time to speak with me. I am grateful for everything"
                f" you shared about {work}."
            )
        return (
            "Thanks so much for taking the time to chat with me. It was great to hear about"
            f" {work}."
        )

    def _learned(self, clause: str | None, *, advice: bool) -> str:
        if clause is None:
            learned = (
                "I learned a great deal from our conversation, and I now have a much clearer"
                " picture of the field."
                if self.formal
                else "I learned a lot from our chat, and I have a much clearer picture of the"
                " field now."
            )
        else:
            stop = "" if clause.endswith(("?", "!", "…")) else "."
            quoted = f'"{clause}{stop}"'
            if advice:
                return (
                    f"Your advice stayed with me: {quoted} I plan to act on it, and I will let"
                    " you know how it goes."
                    if self.formal
                    else f"Your advice really stuck with me: {quoted} I'm going to act on it,"
                    " and I'll let you know how it goes."
                )
            learned = (
                f"What stayed with me most was this: {quoted}"
                if self.formal
                else f"The thing that stuck with me most: {quoted}"
            )
        if self.advised:
            learned += (
                " I plan to act on your advice."
                if self.formal
                else " I'm going to act on your advice."
            )
        return learned

    def _referrals(self) -> str:
        if self.referral_names:
            names = _listing(self.referral_names)
            return (
                f"Thank you also for suggesting that I speak with {names}. I will reach out soon."
                if self.formal
                else f"And thanks for suggesting I talk to {names}. I'll reach out soon."
            )
        if self.referred:
            return (
                "Thank you also for suggesting other people I could speak with. I will reach out"
                " to them soon."
                if self.formal
                else "And thanks for the names of people to talk to. I'll reach out soon."
            )
        return ""
