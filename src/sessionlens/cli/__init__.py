"""The `sessionlens` command line. Bad input ends with one line on stderr and exit code 2."""

from __future__ import annotations

import importlib
import sys

import click

from ..errors import InputError

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


@click.group(cls=LazyGroup, help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sessionlens", message="%(prog)s %(version)s")
def cli() -> None:
    pass


def fail(message: str) -> None:
    """Print one line to stderr and exit with code 2."""
    click.echo(f"sessionlens: error: {message}", err=True)
    sys.exit(2)


def main(argv: list[str] | None = None) -> None:
    """Entry point: maps the package's input errors to exit code 2, one line."""
    try:
        cli.main(args=argv, prog_name="sessionlens", standalone_mode=False)
    except InputError as exc:
        fail(str(exc))
    except click.exceptions.Abort:
        click.echo("sessionlens: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("sessionlens: interrupted", err=True)
        sys.exit(130)
    except MemoryError:
        fail("out of memory while reading the input")
