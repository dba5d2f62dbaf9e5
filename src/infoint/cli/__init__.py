"""The ``infoint`` command line: thin Click commands over :class:`~infoint.workspace.Workspace`.

A user's mistake (a bad date, an unknown ID, an illegal step) prints one line
on standard error and exits non-zero; it never shows a traceback.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from infoint import __version__
from infoint.cli._common import App
from infoint.errors import InfointError

if TYPE_CHECKING:
    from infoint.workspace import Workspace

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
            from infoint.plugins import PluginWarning

            warnings.simplefilter("always", PluginWarning)
            warnings.showwarning = _show_warning
            try:
                result = super().main(
                    args, prog_name or "infoint", complete_var, standalone_mode=False, **extra
                )
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
                sys.stderr.close()  # the reader went away (| head): nothing more to say
                sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            command = self._plugin_command_map(ctx).get(cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._plugin_command_map(ctx)})

    def _plugin_command_map(self, ctx: click.Context) -> dict[str, click.Command]:
        # Plugin commands load only when a name is not built in, or for --help.
        # Commands resolve before the group's callback runs: make the App here.
        app = ctx.ensure_object(App)
        if app.plugin_commands is None:
            app.plugin_commands = plugin_commands(app.plugins, taken=set(self.commands))
        return app.plugin_commands


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


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"infoint: error: {' '.join(message.split())}", err=True)
    sys.exit(code)


def _show_warning(
    message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any
) -> None:
    click.echo(f"infoint: warning: {message}", err=True)


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
    app = ctx.ensure_object(App)
    app.db, app.owner, app.as_json = db, owner, as_json or app.as_json
    ctx.call_on_close(app.close)


def _register() -> None:
    from infoint.cli.after import (
        agenda,
        assess,
        follow_up_group,
        network,
        opening_group,
        referral_group,
        stats,
        thank_you,
    )
    from infoint.cli.contacts import contact_group
    from infoint.cli.exchange import export, import_
    from infoint.cli.interviews import interview_group
    from infoint.cli.lint import lint_command
    from infoint.cli.misc import note_group, plugins, profile_group, search
    from infoint.cli.prep import prep, questions_group
    from infoint.cli.targets import target_group

    for command in (
        contact_group,
        target_group,
        interview_group,
        note_group,
        search,
        profile_group,
        plugins,
        prep,
        questions_group,
        lint_command,
        referral_group,
        network,
        assess,
        thank_you,
        opening_group,
        follow_up_group,
        agenda,
        stats,
        export,
        import_,
    ):
        cli.add_command(command)


_register()


def current_workspace() -> Workspace:
    """The Workspace of the running command (for commands that plugins add)."""
    return click.get_current_context().ensure_object(App).workspace()


def main() -> None:
    """The console script's entry point."""
    cli.main()
