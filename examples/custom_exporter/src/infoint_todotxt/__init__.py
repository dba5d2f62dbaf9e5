"""An infoint exporter: the agenda as a todo.txt file (``infoint export --format todo.txt``).

todo.txt (http://todotxt.org) is a plain-text to-do list that many apps read
and sync: one task a line, a priority in parentheses, ``+project`` and
``@context`` tags, and ``key:value`` pairs. Each item of infoint's agenda
(G21) becomes one task::

    (B) Send a thank-you note to Ada Lovelace +infoint @thank-you due:2026-12-02 interview:3f2a9c1e

- priority ``(A)`` for what is late, ``(B)`` for what is due within a day,
  ``(C)`` for what comes due later, and none for items without a date
  (talking to more people about a target);
- ``@`` the kind of item (``@verify``, ``@thank-you``, ...);
- ``due:`` the day it is due, in the time zone of its interview;
- ``interview:``, ``contact:``, ``target:`` the short ID to give ``infoint``.

The plugin imports only infoint and the standard library, so it costs every
``infoint`` command nothing.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import IO, TYPE_CHECKING

from infoint import hookimpl

if TYPE_CHECKING:  # for the annotations only: importing them would cost every command
    from infoint.agenda import AgendaItem
    from infoint.exchange import ExportData

__version__ = "0.1.0"

SHORT_ID = 8
SOON = timedelta(days=1)
"""Due within this long: priority (B)."""
_TAG = re.compile(r"(?<!\S)([+@])(?=\S)")


class TodoTxt:
    """Writes ``data.agenda`` as todo.txt tasks, soonest first (the agenda's own order)."""

    name = "todo.txt"
    suffix = ".txt"
    media_type = "text/plain"

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        for item in data.agenda:
            out.write((task(item, data) + "\n").encode("utf-8"))


def task(item: AgendaItem, data: ExportData) -> str:
    """One agenda item as one todo.txt line."""
    parts = []
    if item.due_at is not None:
        if item.late:
            parts.append("(A)")
        elif item.due_at <= data.generated_at + SOON:
            parts.append("(B)")
        else:
            parts.append("(C)")
    parts += [_text(item.title), "+infoint", f"@{item.kind}"]
    if item.due_at is not None:
        parts.append(f"due:{item.due_at.date().isoformat()}")
    for key, value in (
        ("interview", item.interview_id),
        ("contact", item.contact_id),
        ("target", item.target_id),
    ):
        if value:
            parts.append(f"{key}:{value[:SHORT_ID]}")
    return " ".join(parts)


def _text(title: str) -> str:
    """A title on one line, where a word a user typed cannot pass for a tag.

    A contact called "+Ada" or "@home" would otherwise add a project or a
    context to the task: such a word gets an invisible WORD JOINER before it,
    so it reads the same but no longer starts with ``+`` or ``@``.
    """
    one_line = " ".join(title.split())
    return _TAG.sub(lambda m: "\u2060" + m[1], one_line)


@hookimpl
def infoint_exporters() -> list[TodoTxt]:
    """The ``todo.txt`` format."""
    return [TodoTxt()]
