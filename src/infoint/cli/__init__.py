"""The ``infoint`` command line: thin Click commands over :class:`~infoint.workspace.Workspace`.

A user's mistake (a bad date, an unknown ID, an illegal step) prints one line
on standard error and exits non-zero; it never shows a traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from infoint import __version__
from infoint.errors import InfointError, PluginWarning

if TYPE_CHECKING:
    from infoint.workspace import Workspace

# Every built-in command: where it lives ("module:attribute") and the line that
# ``infoint --help`` shows for it. A command's module is imported only when the
# command runs, so ``infoint --help`` imports none of them (nor the domain model,
# pluggy or attrs they need); tests/cli/test_cli_startup.py checks this table
# against the commands themselves.
BUILTIN_COMMANDS: dict[str, tuple[str, str]] = {
    "agenda": (
        "infoint.cli.agenda:agenda",
        "Everything due now, sorted, each with the command that deals with it (G21).",
    ),
    "assess": ("infoint.cli.after:assess", "Look back on interview ID (G17)."),
    "contact": (
        "infoint.cli.contacts:contact_group",
        "People to interview, and who introduced or referred them (G4).",
    ),
    "export": (
        "infoint.cli.exchange:export",
        "Write your records in another format (json, csv, markdown... or a plugin's).",
    ),
    "follow-up": (
        "infoint.cli.after:follow_up_group",
        "Contacts after the interview, never too often (G20).",
    ),
    "import": (
        "infoint.cli.exchange:import_",
        "Import contacts from FILE in FORMAT (linkedin, google, vcard...).",
    ),
    "interview": (
        "infoint.cli.interviews:interview_group",
        "Plan interviews and move them through their life.",
    ),
    "lint": (
        "infoint.cli.lint:lint_command",
        "Flag asking about pay or for a job, a long pitch or note, or misspellings.",
    ),
    "network": (
        "infoint.cli.after:network",
        "Who referred or introduced whom, as a tree or a Mermaid graph (G4, G16).",
    ),
    "note": ("infoint.cli.misc:note_group", "What was said in an interview (G16)."),
    "opening": (
        "infoint.cli.after:opening_group",
        "Job openings heard of in interviews: apply later, not now (G15).",
    ),
    "plugins": (
        "infoint.cli.misc:plugins",
        "List every plugin: its distribution, version and what it provides.",
    ),
    "prep": (
        "infoint.cli.prep:prep",
        "The prep sheet to read the night before interview ID.",
    ),
    "profile": (
        "infoint.cli.misc:profile_group",
        "Your own details: name and 30-second pitch (G13).",
    ),
    "questions": (
        "infoint.cli.prep:questions_group",
        "The questions planned for an interview (G14).",
    ),
    "referral": (
        "infoint.cli.after:referral_group",
        "People the interviewee pointed you to (G16).",
    ),
    "search": (
        "infoint.cli.misc:search",
        "Find interviews and contacts whose notes, research or goals contain every WORD.",
    ),
    "stats": (
        "infoint.cli.after:stats",
        "Completed interviews per target, the funnel, and thank-you speed (G18).",
    ),
    "target": (
        "infoint.cli.targets:target_group",
        "Occupations, companies and industries to learn about (G1).",
    ),
    "thank-you": (
        "infoint.cli.after:thank_you",
        "Draft, check and send the thank-you note for interview ID (G19).",
    ),
}

PLUGIN_COMMANDS_NOTE = (
    "Commands that plugins add are not listed here (finding them means importing"
    " every plugin); 'infoint plugins' shows which plugins add commands."
)

# Click 8.2+ raises this for a group called without a command; older Clicks print
# the help themselves. Its message is the whole help text, not a one-line error.
_NO_ARGS_IS_HELP: tuple[type[click.ClickException], ...] = tuple(
    getattr(click.exceptions, name)
    for name in ("NoArgsIsHelpError",)
    if hasattr(click.exceptions, name)
)


class InfointCLI(click.Group):
    """The top-level group: one-line errors, and commands added by plugins on demand."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        """Run the CLI; turn every user error into one line on stderr and an exit code."""
        with warnings.catch_warnings():
            # Plugin trouble is the user's to know; library deprecations are not.
            warnings.simplefilter("always", PluginWarning)
            warnings.showwarning = _show_warning
            try:
                result = super().main(
                    args, prog_name or "infoint", complete_var, standalone_mode=False, **extra
                )
                if sys.stdout is not None:
                    sys.stdout.flush()  # a write error shows here, not at interpreter exit
            except _NO_ARGS_IS_HELP as err:  # a group given no command: show its help
                err.show()
                sys.exit(err.exit_code)
            except click.exceptions.Abort:
                _fail("aborted", 1)
            except click.ClickException as err:
                _fail(_click_message(err), err.exit_code)
            except InfointError as err:
                _fail(str(err), err.exit_code)
            except KeyboardInterrupt:
                _fail("interrupted", 130)
            except BrokenPipeError:
                _discard_output()
                sys.stderr.close()  # the reader went away (| head): nothing more to say
                sys.exit(1)
            except OSError as err:
                if not _is_output_error(err):
                    raise
                _discard_output()
                _fail(f"cannot write to standard output: {err.strerror}", 1)
        sys.exit(result if isinstance(result, int) else 0)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in BUILTIN_COMMANDS:
            command = _load_command(BUILTIN_COMMANDS[cmd_name][0])
            self.add_command(command, cmd_name)
        if command is None:
            command = self._plugin_command_map(ctx).get(cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        # Every command, the plugins' too (shell completion); --help lists fewer.
        names = {*super().list_commands(ctx), *BUILTIN_COMMANDS}
        return sorted(names | set(self._plugin_command_map(ctx)))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the built-in commands without importing them, or any plugin.

        A command not loaded yet shows its line from :data:`BUILTIN_COMMANDS`;
        the line is Click's own short help, cut to the terminal's width the same way.
        """
        commands: list[tuple[str, click.Command]] = []
        for name in sorted({*self.commands, *BUILTIN_COMMANDS}):
            command = self.commands.get(name)
            if command is None:  # not loaded: a stand-in that carries its help line
                command = click.Command(name, help=BUILTIN_COMMANDS[name][1])
            if not command.hidden:
                commands.append((name, command))
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Commands"):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in commands])
        formatter.write_paragraph()
        formatter.write_text(PLUGIN_COMMANDS_NOTE)

    def _plugin_command_map(self, ctx: click.Context) -> dict[str, click.Command]:
        # Plugin commands load only when a name is not built in (or to list every
        # command for shell completion), never for --help.
        # Commands resolve before the group's callback runs: make the App here.
        from infoint.cli._common import App

        app = ctx.ensure_object(App)
        if app.plugin_commands is None:
            taken = {*self.commands, *BUILTIN_COMMANDS}
            app.plugin_commands = plugin_commands(app.plugins, taken=taken)
        return app.plugin_commands


def _load_command(target: str) -> click.Command:
    """The command at ``module:attribute``, importing its module."""
    import importlib

    module_name, _, attribute = target.partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    assert isinstance(command, click.Command), target
    return command


def plugin_commands(pm: Any, taken: set[str]) -> dict[str, click.Command]:
    """The commands each plugin adds through ``infoint_register_commands``.

    A name used twice (by two plugins, or by a plugin and infoint) is an
    error naming both.
    """
    from infoint.errors import PluginError

    found: dict[str, click.Command] = {}
    owners: dict[str, str] = {}
    for impl in pm.hook.infoint_register_commands.get_hookimpls():
        group = click.Group()
        try:
            impl.function(cli=group)
        except Exception as err:
            warnings.warn(f"plugin {impl.plugin_name} failed to add commands: {err}", stacklevel=2)
            continue
        for name, command in group.commands.items():
            if name in taken or name in found:
                other = owners.get(name, "infoint")
                raise PluginError(
                    f"command {name!r} is added by both {other!r} and plugin {impl.plugin_name!r}"
                )
            found[name] = command
            owners[name] = impl.plugin_name
    return found


def _click_message(err: click.ClickException) -> str:
    message = err.format_message()
    ctx = getattr(err, "ctx", None)
    if isinstance(err, click.UsageError) and ctx is not None:
        return f"{ctx.command_path}: {message} (see '{ctx.command_path} --help')"
    return message


def _one_line(text: str) -> str:
    # One line, and nothing a terminal would act on (escape sequences from file text).
    return "".join(c if c.isprintable() else "?" for c in " ".join(text.split()))


# Errors of a write that names no file: standard output's (a full disk or quota, a
# dead terminal or device). A file the command opens itself has its own message.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE})


def _is_output_error(err: OSError) -> bool:
    return err.errno in _OUTPUT_ERRNOS and err.filename is None


def _discard_output() -> None:
    """Point the process's standard output at the null device.

    What could not be written may still sit in its buffer; the interpreter would
    flush it at exit and print the same error again, as "Exception ignored".
    In-process (Click's CliRunner) ``sys.stdout`` is not the process's: left alone.
    """
    stdout = sys.__stdout__
    if stdout is None or sys.stdout is not stdout:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stdout.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError):
        pass


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"infoint: error: {_one_line(message)}", err=True)
    sys.exit(code)


def _show_warning(
    message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any
) -> None:
    click.echo(f"infoint: warning: {_one_line(str(message))}", err=True)


@click.group(cls=InfointCLI, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="INFOINT_DB",
    metavar="URL",
    help="Where your records live (sqlite:///path.db, memory://, a file path; default: your"
    " data folder). Also INFOINT_DB.",
)
@click.option(
    "--owner",
    envvar="INFOINT_OWNER",
    help="Whose records to use (default: your user name). Also INFOINT_OWNER.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.version_option(__version__, prog_name="infoint")
@click.pass_context
def cli(ctx: click.Context, db: str | None, owner: str | None, as_json: bool) -> None:
    """Plan, hold and follow up informational interviews.

    Interview people to learn about an occupation, company or industry, not to
    ask for a job. IDs print short and are accepted by any unique prefix.
    """
    from infoint.cli._common import App

    app = ctx.ensure_object(App)
    app.db, app.owner, app.as_json = db, owner, as_json or app.as_json
    ctx.call_on_close(app.close)


def current_workspace() -> Workspace:
    """The Workspace of the running command (for commands that plugins add)."""
    from infoint.cli._common import App

    return click.get_current_context().ensure_object(App).workspace()


def main() -> None:
    """The console script's entry point."""
    cli.main()
