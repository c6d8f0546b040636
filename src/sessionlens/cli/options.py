"""Options shared by several sub-commands."""

from __future__ import annotations

import click

from ..readers import READERS

input_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(READERS)),
    default=None,
    help="Force the input reader instead of detecting it (see `sessionlens formats`).",
)
