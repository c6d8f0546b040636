"""`sessionlens event hub OUT`: (re)build the event hub of an `event build` folder."""

from __future__ import annotations

from pathlib import Path

import click

from ..engines.llm.settings import LLMOptions


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(["offline", "llm"]),
    default="offline",
    show_default=True,
    help="Summaries: offline (extractive and template) or rewritten by the LLM endpoint; verified either way.",
)
@click.option("--llm-url", default=None, help="OpenAI-compatible endpoint for --engine llm (else SESSIONLENS_LLM_URL).")
@click.option("--llm-model", default=None, help="Model name for --engine llm.")
@click.option(
    "--db",
    default=None,
    metavar="URL",
    help="Also record the event's days and tracks in this corpus store (its sessions stored already).",
)
def command(out: Path, engine: str, llm_url: str | None, llm_model: str | None, db: str | None) -> None:
    """Write OUT/index.html and OUT/hub/: sessions by day and track, speakers, a topic map,
    threads across sessions and daily and event summaries, from OUT/event.json and the
    session reports. Open OUT/index.html in a browser, or serve it with `sessionlens serve --hub OUT`.
    """
    from ..events.build import publish

    index = publish(out, engine, LLMOptions(url=llm_url, model=llm_model), db)
    if db is not None:
        click.echo(f"recorded the event's days and tracks in {db}", err=True)
    click.echo(str(index))
