"""An infoint plugin: a question bank for interviews about software engineering.

It adds one question generator, ``software-engineering``, whose questions
come from ``questions.toml`` beside this file. Every question lists
``topics``, so the planner sees them only when a target's name, or the
contact's role or organization, contains one of those words ("Software
engineer", "DevOps lead", "SRE at Acme", ...).

The loading, checking and filtering are infoint's own
(:mod:`infoint.builtin.question_bank`); this module only says where the file
is and what the generator is called.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from infoint import hookimpl

if TYPE_CHECKING:
    from infoint.builtin.question_bank import BankGenerator
    from infoint.model import SuggestedQuestion

__version__ = "0.1.0"

NAME = "software-engineering"
"""The generator's name: the planner shows it as each question's source."""


@functools.cache
def questions() -> tuple[SuggestedQuestion, ...]:
    """The bank, read from the package's ``questions.toml`` on first use, then kept."""
    from importlib import resources  # on first use: it costs every command's start-up

    from infoint.builtin.question_bank import load_bank

    source = resources.files(__name__).joinpath("questions.toml").read_bytes()
    return tuple(load_bank(source, "infoint_software_questions/questions.toml"))


@hookimpl
def infoint_question_generators() -> list[BankGenerator]:
    """infoint calls this to collect question generators from every plugin."""
    from infoint.builtin.question_bank import BankGenerator  # when asked, not at start-up

    return [BankGenerator(NAME, questions())]
