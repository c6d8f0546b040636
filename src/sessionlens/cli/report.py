"""`sessionlens report`: the whole pipeline, from an input to a rendered report."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ..engines import ENGINES, AnalysisOptions
from ..errors import InputError
from ..pipeline import analyze, ingest
from ..renderers import RENDERERS, render
from .options import input_format


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (default: stdout).")
@click.option("--to", "to", type=click.Choice(list(RENDERERS)), default=None,
              help="Output format (default: from the -o suffix, else json).")
@click.option("--engine", type=click.Choice(list(ENGINES)), default="offline", show_default=True,
              help="offline: embedded models, no network. llm: an OpenAI-compatible endpoint. "
                   "none: transcript and statistics only.")
@click.option("--taxonomy", default="diplo", show_default=True,
              help="Topic taxonomy: diplo, sdg, wsis, or a path to a taxonomy JSON file.")
@input_format
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def command(input_path: str, output: str | None, to: str | None, engine: str, taxonomy: str,
            fmt: str | None, quiet: bool) -> None:
    """Write the session report of INPUT (a transcript, subtitles or ASR JSON)."""
    to = to or _format_from_suffix(output) or "json"
    if RENDERERS[to][2] and output is None:
        raise InputError(None, f"--to {to} writes a binary file: give -o FILE")
    console = Console(stderr=True)
    show = not quiet and console.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console, disable=not show, transient=True) as progress:
        task = progress.add_task("reading", total=1.0)

        def step(stage: str, fraction: float) -> None:
            progress.update(task, description=stage, completed=fraction)

        transcript = ingest(input_path, fmt)
        step("analysing", 0.1)
        report = analyze(transcript, engine, AnalysisOptions(taxonomy=taxonomy, progress=step))
        step("rendering", 0.95)
        out = render(report, to)
    if output is None:
        sys.stdout.write(out if isinstance(out, str) else out.decode())
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    if isinstance(out, bytes):
        tmp.write_bytes(out)
    else:
        tmp.write_text(out, encoding="utf-8")
    tmp.replace(path)  # never leave a half-written report behind
    if not quiet:
        console.print(f"wrote {path} ({to}, {len(report.transcript.speakers)} speakers, "
                      f"{len(report.transcript.turns)} segments)")


def _format_from_suffix(output: str | None) -> str | None:
    if not output:
        return None
    suffix = Path(output).suffix.lower()
    for name, (_, suf, _) in RENDERERS.items():
        if suf == suffix or (suffix == ".markdown" and name == "md") or (suffix == ".htm" and name == "html"):
            return name
    return None
