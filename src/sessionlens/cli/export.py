"""`sessionlens export`: the stored reports, as JSON Lines or one rendered file per session."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..errors import OutputError
from ..renderers import RENDERERS, render, suffix
from ..safe_output import write_file
from ..store import open_store
from .db import db_option


def slug(text: str | None) -> str:
    """A file-name-safe form of a title (never a path: no separators, no dots first)."""
    return re.sub(r"[^a-z0-9]+", "-", (text or "session").lower()).strip("-")[:60] or "session"


@click.command()
@click.option("--event", help="Only this event.")
@click.option("-o", "--output", type=click.Path(file_okay=False),
              help="Write one file per session in this folder (default: JSON Lines on stdout).")
@click.option("--to", "to", type=click.Choice(list(RENDERERS)), default="json", show_default=True,
              help="Format of the files written with -o.")
@db_option
def command(event: str | None, output: str | None, to: str, db: str) -> None:
    """Export every stored session's report (the Report JSON the pipeline made)."""
    n = 0
    with open_store(db) as store:
        if output is None:
            for _, report in store.iter_reports(event):
                sys.stdout.write(report.to_json(indent=None) + "\n")
                n += 1
            return
        folder = Path(output)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(folder, f"cannot be made ({exc.strerror})") from None
        for sid, report in store.iter_reports(event):
            out = render(report, to)
            path = folder / f"{sid:05d}-{slug(report.info.title)}{suffix(to)}"
            write_file(out, path)
            n += 1
    click.echo(f"exported {n} sessions to {output}", err=True)
