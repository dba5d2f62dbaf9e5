"""The plugin contract: every hook infoint calls, and the protocols of what hooks return.

Hooks return values (the objects a plugin provides); infoint collects them
from every plugin, and two plugins providing the same name is an error that
names both (:class:`~infoint.errors.PluginError`). Each hook is documented in
``docs/plugin_hooks.md``; a test fails when one is not.

A plugin is a module (or object) with functions marked by
:data:`infoint.hookimpl`, registered in the ``infoint`` entry-point group::

    [project.entry-points.infoint]
    my_bank = "my_bank.plugin"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Protocol, runtime_checkable

import pluggy

if TYPE_CHECKING:
    import click

    from infoint.exchange import ExportData, ImportedContact
    from infoint.model import SuggestedQuestion
    from infoint.planning import PlanContext
    from infoint.rules import LintContext, LintFinding
    from infoint.storage import Store
    from infoint.workspace import InterviewChanged

hookspec = pluggy.HookspecMarker("infoint")


# ---------------------------------------------------------------- protocols


@runtime_checkable
class QuestionGenerator(Protocol):
    """Proposes questions for an interview (G14), e.g. from a question bank."""

    name: str

    def generate(self, context: PlanContext) -> Iterable[SuggestedQuestion]:
        """Questions that may suit this interview; the planner ranks and fits them."""
        ...


@runtime_checkable
class Exporter(Protocol):
    """Writes an owner's records in a format other programs read (a calendar, a page)."""

    name: str
    """The format name users pass to ``infoint export --format``."""
    suffix: str
    """The usual file name suffix, with its dot: ``".ics"``."""
    media_type: str
    """The MIME type of what it writes: ``"text/calendar"``."""

    def export(self, data: ExportData, out: IO[bytes]) -> None:
        """Write ``data`` to ``out``; escape whatever the format needs escaped."""
        ...


@runtime_checkable
class Importer(Protocol):
    """Reads contacts from a file another program wrote (G4)."""

    name: str
    """The format name users pass to ``infoint import``."""

    def read(self, stream: IO[bytes], source: str) -> Iterable[ImportedContact]:
        """The contacts in ``stream``, in order, each with the line it starts on.

        A malformed record raises :class:`~infoint.errors.ValidationError`
        made with :func:`infoint.exchange.import_error` (``file:line: field:
        what is wrong``); the Workspace then imports nothing.
        """
        ...


@runtime_checkable
class LintRule(Protocol):
    """Flags text that breaks an etiquette rule (G13, G15, G19)."""

    name: str

    def check(self, text: str, context: LintContext) -> Iterable[LintFinding]:
        """Findings in ``text``: each says what is wrong, where, and a suggestion.

        ``context.kind`` says what the text is (a question, a message, a
        pitch, a note): a rule may apply to some kinds only.
        """
        ...


StoreFactory = Callable[[str], "Store"]
"""Makes a store from its URL."""


# ---------------------------------------------------------------- hooks


@hookspec
def infoint_storage_backends() -> dict[str, StoreFactory]:  # type: ignore[empty-body]
    """Storage backends this plugin provides, by URL scheme.

    :return: ``{scheme: factory}``; ``Workspace.open("scheme://...")`` calls
        ``factory(url)`` and expects a :class:`infoint.storage.Store`.

    .. versionadded:: 0.1
    """


@hookspec
def infoint_question_generators() -> list[QuestionGenerator]:  # type: ignore[empty-body]
    """Question generators this plugin provides (G14).

    :return: a list of :class:`QuestionGenerator`, each with a unique ``name``.

    .. versionadded:: 0.1
    """


@hookspec
def infoint_exporters() -> list[Exporter]:  # type: ignore[empty-body]
    """Export formats this plugin provides.

    :return: a list of :class:`Exporter`, each with a unique ``name``.

    .. versionadded:: 0.1
    """


@hookspec
def infoint_importers() -> list[Importer]:  # type: ignore[empty-body]
    """Contact import formats this plugin provides (G4).

    :return: a list of :class:`Importer`, each with a unique ``name``.

    .. versionadded:: 0.1
    """


@hookspec
def infoint_lint_rules() -> list[LintRule]:  # type: ignore[empty-body]
    """Etiquette rules this plugin adds to the linter (G15, G19).

    :return: a list of :class:`LintRule`, each with a unique ``name``.

    .. versionadded:: 0.1
    """


@hookspec
def infoint_register_commands(cli: click.Group) -> None:
    """Add Click commands to the ``infoint`` command line.

    :param cli: a Click group to add commands to (``cli.add_command(...)`` or
        ``@cli.command()``); infoint merges them into its top level. A command
        whose name is taken is an error naming both plugins. Inside a command,
        :func:`infoint.cli.current_workspace` gives the Workspace that ``--db``
        and ``--owner`` chose.

    .. versionadded:: 0.1
    """


@hookspec
def infoint_interview_changed(event: InterviewChanged) -> None:
    """Notification after an interview changed and the change was committed.

    :param event: what happened (:class:`infoint.workspace.InterviewChanged`):
        the owner, the interview as stored, and the action.

    An exception raised here is reported as a warning; the change stays.

    .. versionadded:: 0.1
    """
