"""`sessionlens add`: analyse transcripts and store them in the corpus, one session each."""

from __future__ import annotations

import sys

import click

from ..engines import ENGINES
from ..errors import InputError
from ..store import open_store
from ..store.ingest import add_path, default_engine
from .db import db_option
from .options import asr_speakers, caption_speakers, input_format, rename_mapping, speaker_renames


@click.command()
@click.argument("inputs", metavar="INPUT…", nargs=-1, required=True,
                type=click.Path(dir_okay=False))
@click.option("--event", required=True, help="Event the sessions belong to (e.g. 'IGF 2025').")
@click.option("--engine", type=click.Choice(list(ENGINES)), default=None,
              help="Analysis engine (default: offline when installed, else none).")
@click.option("--taxonomy", default="diplo", show_default=True, help="Topic taxonomy.")
@click.option("--replace", is_flag=True, help="Re-analyse sessions already in the event.")
@input_format
@db_option
@caption_speakers
@speaker_renames
def command(inputs: tuple[str, ...], event: str, engine: str | None, taxonomy: str,
            replace: bool, fmt: str | None, db: str, rename: tuple[str, ...], speakers_map: str | None,
            recording: str | None, speakers: int | None) -> None:
    """Analyse each INPUT and store it as one session of EVENT.

    --recording goes with one INPUT: captions without speakers, attributed from their audio.

    Each session is stored in one transaction: an interrupted run leaves no half-written
    session, and running the same command again skips what is already stored.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    if (recording is not None or speakers is not None) and len(inputs) != 1:
        raise click.UsageError("--recording and --speakers go with one INPUT")
    asr = asr_speakers(inputs[0], recording, speakers)
    engine = engine or default_engine()
    renames = rename_mapping(rename, speakers_map)
    failed = 0
    console = Console(stderr=True)
    with open_store(db) as store, Progress(
            TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
            console=console, disable=not console.is_terminal, transient=True) as progress:
        for n, path in enumerate(inputs, 1):
            task = progress.add_task(f"{n}/{len(inputs)} reading", total=1.0)

            def step(stage: str, fraction: float, task: int = task, n: int = n) -> None:
                progress.update(task, description=f"{n}/{len(inputs)} {stage}",
                                completed=fraction)

            try:
                result = add_path(store, path, event, engine, fmt, progress=step,
                                  replace=replace, taxonomy=taxonomy, rename=renames,
                                  recording=recording, asr=asr)
            except InputError as exc:
                click.echo(f"sessionlens: error: {exc}", err=True)  # one line, never wrapped
                failed += 1
                continue
            finally:
                progress.remove_task(task)
            verb = "added" if result.created else "already stored"
            click.echo(f"{verb}: session {result.session_id} ← {path}")
    if failed:
        sys.exit(2)
