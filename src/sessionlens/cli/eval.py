"""`sessionlens eval`: score a candidate report against a reference report."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..evaluation.metrics import LOWER_IS_BETTER, EvalResult, evaluate
from ..evaluation.sections import SECTIONS
from ..imports import load_report


def result_tables(result: EvalResult) -> tuple[Table, Table]:
    """A metrics table and a counts table."""
    metrics = Table(title="Metrics", caption="– undefined (nothing to compare); ↓ lower is better")
    metrics.add_column("Metric")
    metrics.add_column("Value", justify="right")
    for name, value in result.metrics.items():
        label = f"{name} ↓" if name in LOWER_IS_BETTER else name
        metrics.add_row(
            label,
            "–" if value is None else f"{value:.4g}" if name in LOWER_IS_BETTER else f"{value:.3f}",
        )
    counts = Table(title="Items per section")
    for col in ("Section", "Candidate", "Reference"):
        counts.add_column(col, justify="left" if col == "Section" else "right")
    for section in SECTIONS:
        counts.add_row(
            section,
            str(result.counts["candidate"][section]),
            str(result.counts["reference"][section]),
        )
    return metrics, counts


@click.command(name="eval")
@click.argument("candidate", type=click.Path(dir_okay=False))
@click.argument("reference", type=click.Path(dir_okay=False))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object {metrics, counts, settings} instead of tables.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Also write the JSON object here."
)
def command(candidate: str, reference: str, as_json: bool, output: str | None) -> None:
    """Score CANDIDATE against REFERENCE (each a report JSON or a DiploAI report text).

    \b
    Examples:
      sessionlens import ../shared/seeds/002_db38eb7dc8a1be04.txt -o ref.json
      sessionlens report panel.txt -o cand.json
      sessionlens eval cand.json ref.json
      sessionlens eval cand.json ref.json --json > scores.json
    """
    result = evaluate(load_report(candidate), load_report(reference))
    text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    if output:
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    if as_json:
        click.echo(text)
        return
    console = Console()
    for table in result_tables(result):
        console.print(table)
    s = result.settings
    console.print(
        f"embedding model: {s['embedding_model']}; argument threshold "
        f"{s['argument_threshold']}, item threshold {s['item_threshold']}; {s['rouge']}"
    )
