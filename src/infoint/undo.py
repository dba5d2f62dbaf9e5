"""Undoing an interview's last step (G26): what each change replaced, and putting it back.

Every change the Workspace makes to an interview is recorded as a
:class:`~infoint.model.Step` on the interview itself, holding only what the
change replaced: the old value of a field it set, or, for a list it only added
to (history, notes, referrals, follow-ups...), how long the list was. Undoing
restores those and drops the step, so steps are undone last first, one at a
time, back to the state before each. Only the last ``keep`` steps are kept.

>>> from datetime import datetime, UTC
>>> from infoint.model import Interview, Status, StatusChange
>>> at = datetime(2026, 12, 1, 9, tzinfo=UTC)
>>> idea = Interview(id="i1", contact_id="c1", history=[StatusChange(status="idea", at=at)])
>>> held = attrs.evolve(idea, history=(*idea.history, StatusChange(status="held", at=at)))
>>> held = record_step(idea, held, "held", at, keep=20)
>>> held.status, len(held.steps)
(<Status.HELD: 'held'>, 1)
>>> before, step = undo_last(held)
>>> before == idea, step.action
(True, 'held')
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import attrs

from infoint.errors import NotFound
from infoint.model import Interview, Step

_NOT_RECORDED = frozenset({"version", "steps"})


def _data(interview: Interview) -> dict[str, Any]:
    from infoint.storage import converter

    data: dict[str, Any] = converter(zone_names=True).unstructure(interview)
    return data


def record_step(
    before: Interview, after: Interview, action: str, at: datetime, *, keep: int
) -> Interview:
    """``after`` with a step that turns it back into ``before`` (the last ``keep`` kept).

    A change that changed nothing records no step.
    """
    old, new = _data(before), _data(after)
    restore: dict[str, Any] = {}
    shorten: dict[str, int] = {}
    for name in old.keys() | new.keys():
        if name in _NOT_RECORDED or old.get(name) == new.get(name):
            continue
        was, now = old.get(name), new.get(name)
        if isinstance(was, list) and isinstance(now, list) and now[: len(was)] == was:
            shorten[name] = len(was)
        else:
            restore[name] = was
    if not restore and not shorten:
        return after
    undo = json.dumps({"restore": restore, "shorten": shorten}, ensure_ascii=False, sort_keys=True)
    step = Step(action=action, at=at, undo=undo)
    return attrs.evolve(after, steps=(*before.steps, step)[-keep:])


def undo_last(interview: Interview) -> tuple[Interview, Step]:
    """The interview as it was before its last step, and that step.

    Raises :class:`~infoint.errors.NotFound` when there is no step to undo.
    """
    if not interview.steps:
        raise NotFound(f"interview {interview.id[:8]} has no step left to undo")
    from infoint.storage import converter

    step = interview.steps[-1]
    change = json.loads(step.undo)
    data = _data(interview)
    for name, count in change["shorten"].items():
        data[name] = data[name][:count]
    data.update(change["restore"])
    data["steps"] = data["steps"][:-1]
    restored = converter(zone_names=True).structure(data, Interview)
    return restored, step
