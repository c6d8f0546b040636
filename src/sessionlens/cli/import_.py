"""`sessionlens import`: a finished DiploAI report text as a SessionLens report JSON."""

from __future__ import annotations

import click

from ..evaluation.sections import section_counts
from ..imports import load_report
from .options import write_output


@click.command(name="import")
@click.argument("report_path", metavar="REPORT", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the JSON here (default: stdout)."
)
@click.option("-q", "--quiet", is_flag=True, help="Do not print the section counts.")
def command(report_path: str, output: str | None, quiet: bool) -> None:
    """Import REPORT (a DiploAI report text, every section) into report JSON.

    \b
    Example:
      sessionlens import session-report.txt -o reference.json
    """
    report = load_report(report_path)
    text = report.to_json(indent=2) + "\n"
    write_output(text, output)
    if not quiet:
        counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in section_counts(report).items())
        click.echo(f"imported {report_path}: {counts}", err=True)
