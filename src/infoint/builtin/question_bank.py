"""The built-in question bank (G14), and the loader and generator other banks reuse.

A bank is a TOML file of ``[[question]]`` tables, one per
:class:`~infoint.model.SuggestedQuestion`::

    [[question]]
    id = "day-typical-workday"           # kebab-case, unique in the file
    kind = "day-in-the-life"             # a QuestionKind
    formal = "Could you walk me through a typical workday at {organization}?"
    casual = "What does a normal day at {organization} look like for you?"
    seconds = 150                        # optional, default 90 (5 to 3600)
    purposes = ["choose-path"]           # optional; omitted = any purpose
    target_kinds = ["occupation"]        # optional; omitted = any target
    topics = ["nurse", "nursing"]        # optional; omitted = any field
    tags = ["typical-day"]               # optional
    why = "..."                          # optional: shown with the planned question

The wordings may use the placeholders ``{organization}``, ``{role}``,
``{industry}`` and ``{occupation}`` (see
:attr:`infoint.planning.PlanContext.placeholders`), no others.

:func:`load_bank` checks everything a person can get wrong in such a file
and raises one :class:`~infoint.errors.ValidationError` on one line naming
the file, the question (its 1-based position among the ``[[question]]``
tables, and its id) and the key. TOML parsers give no line numbers for
values, so the position and id are what find the entry:

>>> load_bank('''
... [[question]]
... id = "day"
... kind = "day-in-the-life"
... formal = "Could you walk me through a typical day?"
... casual = "What's a normal day like for you?"
... seconds = 0
... ''', "b.toml")
Traceback (most recent call last):
...
infoint.errors.ValidationError: b.toml: question 1 (day): seconds: is 0; must be between 5 and 3600

:class:`BankGenerator` turns a loaded bank into a question generator; this
module's hook provides the built-in one, named ``bank``. A third-party bank
is a plugin that does the same with its own file (see
``examples/question-bank-plugin``).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from infoint import hookimpl
from infoint.errors import ValidationError
from infoint.model import (
    Choice,
    Purpose,
    QuestionKind,
    SuggestedQuestion,
    TargetKind,
    check_line,
)

if TYPE_CHECKING:
    from infoint.hookspecs import QuestionGenerator
    from infoint.planning import PlanContext

PLACEHOLDERS: tuple[str, ...] = ("organization", "role", "industry", "occupation")
"""The names a wording may put in braces; the planner fills them from the interview."""

REQUIRED_KEYS: tuple[str, ...] = ("id", "kind", "formal", "casual")
OPTIONAL_KEYS: tuple[str, ...] = ("seconds", "purposes", "target_kinds", "topics", "tags", "why")
KEYS: tuple[str, ...] = REQUIRED_KEYS + OPTIONAL_KEYS
"""Every key a ``[[question]]`` table may have."""

BUILTIN_ORIGIN = "infoint/builtin/questions.toml"
"""How errors in the built-in bank name its file."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BRACED = re.compile(r"\{([^{}]*)\}")
_WORD = re.compile(r"\w+")
_MIN_SECONDS, _MAX_SECONDS = 5, 3600
_PLACEHOLDER_LIST = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS[:-1])
_PLACEHOLDER_HINT = f"use {_PLACEHOLDER_LIST} or {{{PLACEHOLDERS[-1]}}}"

_Fail = Callable[[str, str], ValidationError]
C = TypeVar("C", bound=Choice)


# ---------------------------------------------------------------- loading


def load_bank(source: str | bytes, origin: str) -> list[SuggestedQuestion]:
    """The questions of a bank written in TOML, in the file's order.

    Args:
        source: the file's text (bytes are read as UTF-8).
        origin: how error messages name the file, e.g. its path.

    Raises:
        ValidationError: for the first thing wrong: text that is not TOML, a
            key other than ``question`` at the top, no questions, and in a
            question: a missing or unknown key, a value of the wrong type or
            out of range, an unknown placeholder, a repeated id.
    """
    import tomllib  # here, not at the top: every command imports this plugin

    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ValidationError(origin, f"is not UTF-8 text (byte {err.start})") from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        raise ValidationError(origin, f"is not valid TOML: {err}") from None
    for key in data:
        if key != "question":
            raise ValidationError(
                f"{origin}: {_shown(key)}", "is not a known key; a bank holds [[question]] tables"
            )
    entries = data.get("question")
    if entries is None or entries == []:
        raise ValidationError(origin, "has no [[question]] tables")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValidationError(
            f"{origin}: question", "must be tables, each one starting with [[question]]"
        )
    questions: list[SuggestedQuestion] = []
    first_seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        question = _question(entry, f"{origin}: question {number}")
        if question.id in first_seen:
            raise ValidationError(
                f"{origin}: question {number} ({question.id}): id",
                f"is also the id of question {first_seen[question.id]}",
            )
        first_seen[question.id] = number
        questions.append(question)
    return questions


def load_bank_file(path: str | os.PathLike[str]) -> list[SuggestedQuestion]:
    """The questions of the bank file at ``path``; errors name the path.

    An unreadable file raises :class:`OSError` as usual.
    """
    from pathlib import Path

    return load_bank(Path(path).read_bytes(), os.fspath(path))


@functools.cache
def builtin_bank() -> tuple[SuggestedQuestion, ...]:
    """infoint's own question bank, read once from the package's ``questions.toml``.

    A tuple, so that no caller can change what the next one gets.
    """
    from importlib import resources

    data = resources.files("infoint.builtin").joinpath("questions.toml").read_bytes()
    return tuple(load_bank(data, BUILTIN_ORIGIN))


def _shown(value: str) -> str:
    """``value`` as it may appear in a one-line message."""
    return value if _ID.fullmatch(value) or _WORD.fullmatch(value) else repr(value)


def _question(entry: dict[str, Any], where: str) -> SuggestedQuestion:
    raw_id = entry.get("id")
    label = f"{where} ({raw_id})" if isinstance(raw_id, str) and _ID.fullmatch(raw_id) else where

    def fail(field: str, message: str) -> ValidationError:
        return ValidationError(f"{label}: {field}", message)

    for key in entry:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "the keys are " + ", ".join(KEYS)
            raise fail(_shown(key), f"is not a known key; {hint}")
    for key in REQUIRED_KEYS:
        if key not in entry:
            raise fail(key, "is missing")

    question_id = _text(entry, "id", fail)
    if not _ID.fullmatch(question_id):
        raise fail(
            "id",
            f"{question_id!r} is not kebab-case"
            " (lower-case letters and digits joined by single hyphens, like 'needs-growth')",
        )
    kind = _choice(QuestionKind, _text(entry, "kind", fail), "kind", fail)
    wordings = {field: _text(entry, field, fail) for field in ("formal", "casual")}
    for field, text in wordings.items():
        _check_placeholders(text, field, fail)

    seconds = entry.get("seconds", 90)
    if not isinstance(seconds, int) or isinstance(seconds, bool):
        raise fail("seconds", f"must be a whole number of seconds, not {_type(seconds)}")
    if not _MIN_SECONDS <= seconds <= _MAX_SECONDS:
        raise fail("seconds", f"is {seconds}; must be between {_MIN_SECONDS} and {_MAX_SECONDS}")

    purposes = [_choice(Purpose, p, "purposes", fail) for p in _texts(entry, "purposes", fail)]
    target_kinds = [
        _choice(TargetKind, k, "target_kinds", fail) for k in _texts(entry, "target_kinds", fail)
    ]
    topics = _texts(entry, "topics", fail)
    for topic in topics:
        if not _WORD.fullmatch(topic.strip()):
            raise fail(
                "topics",
                f"{topic!r} is not one word; list each word on its own, as in"
                ' ["data", "engineer"]',
            )
    tags = _texts(entry, "tags", fail)
    why = entry.get("why", "")
    if not isinstance(why, str):
        raise fail("why", f"must be text, not {_type(why)}")
    try:
        return SuggestedQuestion(
            id=question_id,
            kind=kind,
            formal=wordings["formal"],
            casual=wordings["casual"],
            seconds=seconds,
            purposes=purposes,
            target_kinds=target_kinds,
            topics=topics,
            tags=tags,
            why=why,
        )
    except ValidationError as err:
        raise fail(err.field, err.message) from None


def _type(value: Any) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true/false"}
    names |= {list: "a list", dict: "a table"}
    return names.get(type(value), "a date or time")


def _text(entry: dict[str, Any], field: str, fail: _Fail) -> str:
    value = entry[field]
    if not isinstance(value, str):
        raise fail(field, f"must be text, not {_type(value)}")
    if not value.strip():
        raise fail(field, "must not be empty")
    return value


def _texts(entry: dict[str, Any], field: str, fail: _Fail) -> list[str]:
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(field, 'must be a list of text, like ["a", "b"]')
    if not all(item.strip() for item in value):
        raise fail(field, "must not contain an empty entry")
    return value


def _choice(kind: type[C], value: str, field: str, fail: _Fail) -> C:
    try:
        return kind(value)
    except ValidationError as err:
        raise fail(field, err.message) from None


def _check_placeholders(text: str, field: str, fail: _Fail) -> None:
    for match in _BRACED.finditer(text):
        if match[1] not in PLACEHOLDERS:
            raise fail(field, f"unknown placeholder {match[0]}; {_PLACEHOLDER_HINT}")
    if "{" in _BRACED.sub("", text) or "}" in _BRACED.sub("", text):
        raise fail(field, "has a { or } that is not part of a placeholder such as {organization}")


# ---------------------------------------------------------------- the generator


class BankGenerator:
    """A :class:`~infoint.hookspecs.QuestionGenerator` that proposes questions from a bank.

    It leaves ranking to the planner (which weighs purposes and target
    kinds) and only drops what cannot fit at all:

    - a question with ``topics`` when none of them is among the
      interview's words (:attr:`~infoint.planning.PlanContext.words`);
    - a ``business`` question when the contact owns no business and the
      seeker is not there to learn about running one (G2e).

    Each question comes back with ``source`` set to the generator's name,
    unless the bank gave it one. Third-party banks reuse this class::

        BankGenerator("nursing", load_bank_file("nursing.toml"))
    """

    def __init__(self, name: str, questions: Sequence[SuggestedQuestion]) -> None:
        check_line("name", name, required=True)
        self.name = name
        self.questions: tuple[SuggestedQuestion, ...] = tuple(questions)

    def __repr__(self) -> str:
        return f"BankGenerator({self.name!r}, <{len(self.questions)} questions>)"

    def generate(self, context: PlanContext) -> list[SuggestedQuestion]:
        """The bank's questions that suit the interview, in the bank's order."""
        words = context.words
        business = (
            context.contact.owns_business or Purpose.SMALL_BUSINESS in context.interview.purposes
        )
        return [
            question if question.source else attrs.evolve(question, source=self.name)
            for question in self.questions
            if (not question.topics or not question.topics.isdisjoint(words))
            and (business or question.kind is not QuestionKind.BUSINESS)
        ]


@hookimpl
def infoint_question_generators() -> list[QuestionGenerator]:
    """The built-in bank, as the generator named ``bank`` (its file is read on the first call)."""
    return [BankGenerator("bank", builtin_bank())]
