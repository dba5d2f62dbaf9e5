"""How big one record may grow: the policy's bounds, checked before every write.

Nothing a seeker, an import file or a web visitor sends may make a record so large
that every later read of it (the agenda reads the open interviews at each call) is
slow for everyone on the store. Each list of a record and the whole of it are
bounded by numbers of :class:`~infoint.rules.Policy`; a record beyond them is
refused with a message that says which list is full, and nothing is written.

>>> from infoint.model import Channel, ChannelKind, Contact
>>> many = [Channel(kind=ChannelKind.EMAIL, value=f"a{n}@example.org") for n in range(3)]
>>> try:
...     check_record(Contact(id="c1", name="Ada", channels=many), Policy(channels_per_contact=2))
... except ValidationError as err:
...     print(err.message)
contact Ada would have 3 ways to reach them; one contact keeps at most 2
"""

from __future__ import annotations

from typing import Any

from infoint.errors import ValidationError
from infoint.model import Contact, Interview, Target
from infoint.rules import Policy
from infoint.storage import to_document

_LISTS = (
    "history",
    "target_ids",
    "purposes",
    "goals",
    "research",
    "questions",
    "referrals",
    "openings",
    "follow_ups",
)
"""An interview's lists bounded by ``Policy.items_per_list`` (notes have their own; its
undo steps are bounded by ``Policy.undo_steps`` as they are recorded)."""


def check_record(record: Any, policy: Policy) -> None:
    """Refuse ``record`` (raise :class:`~infoint.errors.ValidationError`) if a list of it,
    or the whole of it as stored, is beyond the policy's bounds."""
    if isinstance(record, Contact):
        whose = f"contact {record.name}"
        _check_list(record, "channels", whose, policy.channels_per_contact, "one contact")
    if isinstance(record, Target):
        _check_list(record, "goals", f"target {record.name}", policy.items_per_list)
    if isinstance(record, Interview):
        whose = f"interview {record.id[:8]}"
        if record.assessment is not None:
            _check_list(record.assessment, "feedback", whose, policy.items_per_list)
        _check_list(
            record,
            "notes",
            whose,
            policy.notes_per_interview,
            "one interview",
            " (gather related ones in one note)",
        )
        for name in _LISTS:
            _check_list(record, name, whose, policy.items_per_list)
    if not isinstance(record, Interview | Target):
        return  # a contact's or the profile's fields are each bounded, and so the whole
    size = len(to_document(record))
    if size > policy.record_max_characters:
        raise ValidationError(
            type(record).__name__.lower(),
            f"{_named(record)} would be {size:,} characters stored; one record keeps at"
            f" most {policy.record_max_characters:,} (shorten or split the longest texts)",
        )


def _check_list(
    holder: Any, name: str, whose: str, bound: int, keeper: str = "one record", advice: str = ""
) -> None:
    """Refuse ``holder`` when its list ``name`` holds more than ``bound`` entries."""
    count = len(getattr(holder, name))
    if count > bound:
        what = _WORDS.get(name, name.replace("_", " "))
        raise ValidationError(
            name.replace("_", "-"),
            f"{whose} would have {count:,} {what}; {keeper} keeps at most {bound:,}{advice}",
        )


_WORDS = {
    "channels": "ways to reach them",
    "history": "status changes",
    "target_ids": "targets",
    "research": "research notes",
    "questions": "planned questions",
    "follow_ups": "follow-ups",
    "feedback": "pieces of feedback",
}


def _named(record: Any) -> str:
    if isinstance(record, Contact):
        return f"contact {record.name}"
    return f"{type(record).__name__.lower()} {record.id[:8]}"
