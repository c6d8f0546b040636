"""`sessionlens formats`: the input readers and output renderers."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from ..readers import READERS
from ..renderers import RENDERERS


@click.command()
def command() -> None:
    """List the input formats that are detected and the output formats."""
    table = Table(title="Input formats (--format)")
    table.add_column("name")
    table.add_column("description")
    for name, entry in READERS.items():
        table.add_row(name, entry.description)
    console = Console()
    console.print(table)
    console.print("Output formats (--to): " + ", ".join(RENDERERS))
