"""Options shared by several sub-commands."""

from __future__ import annotations

from pathlib import Path

import click

from ..readers import READERS
from ..safe_output import STDOUT, write_file, write_stdout

input_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(READERS)),
    default=None,
    help="Force the input reader instead of detecting it (see `sessionlens formats`).",
)


def write_output(data: str | bytes, output: str | None) -> Path | None:
    """Write to stdout (no `-o`, or `-o -`), else safely to the file (see `safe_output`).
    Returns the path written, None for stdout."""
    if output is None or output == STDOUT:
        write_stdout(data)
        return None
    return write_file(data, output)
