"""The `sessionlens` command line. Every error ends in one line on stderr: exit code 2 for
a user error (bad input, option or path), 1 for a failed run; `--debug` shows tracebacks."""

from __future__ import annotations

import importlib
import sys

import click

from ..errors import as_package_error, one_line

#: Sub-command modules, each exposing `command` (a click.Command). Imported lazily.
COMMANDS: dict[str, str] = {
    "report": "sessionlens.cli.report",
    "stats": "sessionlens.cli.stats",
    "schema": "sessionlens.cli.schema",
    "formats": "sessionlens.cli.formats",
    "import": "sessionlens.cli.import_",
    "eval": "sessionlens.cli.eval",
    "add": "sessionlens.cli.add",
    "search": "sessionlens.cli.search",
    "ask": "sessionlens.cli.ask",
    "export": "sessionlens.cli.export",
    "serve": "sessionlens.cli.serve",
    "transcribe": "sessionlens.cli.transcribe",
    "event": "sessionlens.cli.event",
}

HELP = """SessionLens turns the transcript or recording of a session, panel or interview
into a faithful, structured report: who spoke, how long and how fast, what each
speaker argued, where they agreed and disagreed, takeaways and questions.

\b
Examples:
  sessionlens report panel.txt -o panel.html --to html
  sessionlens stats panel.vtt
  sessionlens stats panel.srt --json
"""


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return importlib.import_module(COMMANDS[cmd_name]).command


#: set by `--debug`: errors are raised with their traceback instead of printed as one line
DEBUG = {"on": False}


@click.group(cls=LazyGroup, help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sessionlens", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show the traceback of an error instead of one line.")
def cli(debug: bool) -> None:
    DEBUG["on"] = debug


def fail(message: str, code: int = 2) -> None:
    """Print one line to stderr and exit with `code` (2: user error, 1: failed run)."""
    click.echo(f"sessionlens: error: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: the one place where errors become one line and an exit code."""
    DEBUG["on"] = "--debug" in (sys.argv[1:] if argv is None else argv)
    try:
        cli.main(args=argv, prog_name="sessionlens", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("sessionlens: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:
        if DEBUG["on"]:
            raise
        fail(*describe(exc))


def describe(exc: BaseException) -> tuple[str, int]:
    """(one-line message, exit code) of any error that reaches the command line."""
    own = as_package_error(exc)
    if own is not None:
        return one_line(own), own.exit_code
    if isinstance(exc, click.UsageError):
        hint = f" (see '{exc.ctx.command_path} -h')" if exc.ctx is not None else ""
        return one_line(exc) + hint, exc.exit_code
    if isinstance(exc, click.ClickException):
        return one_line(exc), exc.exit_code
    if isinstance(exc, MemoryError):
        return "out of memory while reading the input", 2
    if isinstance(exc, BrokenPipeError):
        return "output closed early (broken pipe)", 1
    return f"internal error ({type(exc).__name__}: {one_line(exc)}); run with --debug for the traceback", 1
