"""Options shared by several sub-commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..readers import READERS

input_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(READERS)),
    default=None,
    help="Force the input reader instead of detecting it (see `sessionlens formats`).",
)


def write_output(data: str | bytes, output: str | None) -> Path | None:
    """Write to stdout, or to `output` through a temporary file, so that an interrupted
    run never leaves a half-written file behind. Returns the path written."""
    if output is None:
        sys.stdout.write(data if isinstance(data, str) else data.decode())
        return None
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    if isinstance(data, bytes):
        tmp.write_bytes(data)
    else:
        tmp.write_text(data, encoding="utf-8")
    tmp.replace(path)
    return path
