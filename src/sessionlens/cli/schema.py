"""`sessionlens schema`: the JSON Schema of the report."""

from __future__ import annotations

import click

from ..models import schema_json


@click.command()
def command() -> None:
    """Print the JSON Schema of the report (the data model's contract)."""
    click.echo(schema_json())
