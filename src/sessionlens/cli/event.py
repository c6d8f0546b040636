"""`sessionlens event`: whole events, many sessions at once."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..engines import ENGINES
from ..renderers import RENDERERS
from .event_hub import command as hub_command


@click.group()
def command() -> None:
    """Whole events: build every session of an event in one resumable batch (`build`), with
    the event hub over it (`hub`: sessions by day and track, speakers, topics, threads across
    sessions, daily and event summaries)."""


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in RENDERERS]
    if unknown:
        raise click.BadParameter(f"unknown format {unknown[0]!r} (one of {', '.join(RENDERERS)})")
    return tuple(names)  # build_event adds json: event.json points to report.json


@command.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option(
    "--to",
    "formats",
    default="json,html",
    show_default=True,
    callback=_formats,
    help="Formats of each session's report, comma-separated (json is always written).",
)
@click.option(
    "--engine",
    type=click.Choice(list(ENGINES)),
    default=None,
    help="Analysis engine (default: offline when installed, else none).",
)
@click.option("--taxonomy", default="diplo", show_default=True, help="Topic taxonomy.")
@click.option(
    "--db",
    default=None,
    help="Also store every session in this corpus database (SQLite file or postgresql://…), one transaction each.",
)
@click.option(
    "--name",
    default=None,
    help="Event name (default: the manifest's, a CSV's '# name: …' row, else the folder's name).",
)
@click.option(
    "--title",
    default=None,
    help="Event title (default: the manifest's, a CSV's '# title: …' row, else the name given; "
    "with neither the hub says 'the event').",
)
@click.option(
    "--no-hub", is_flag=True, help="Do not write the event hub (build it later with `sessionlens event hub OUT`)."
)
@click.option(
    "--hub-engine",
    type=click.Choice(["offline", "llm"]),
    default=None,
    help="The hub's summaries: offline, or rewritten by the LLM endpoint (default: llm with --engine llm, "
    "else offline).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Local worker processes (default: the CPU count); with --ray auto, the local Ray's CPUs.",
)
@click.option(
    "--ray",
    "ray_address",
    default=None,
    metavar="auto|ADDRESS",
    help="Run the sessions on Ray (extra `cluster`): auto starts a local Ray, an address "
    "(e.g. ray://head:10001 or head:6379) joins a running cluster.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def build(
    source: str,
    out: str,
    formats: tuple[str, ...],
    engine: str | None,
    taxonomy: str,
    db: str | None,
    name: str | None,
    title: str | None,
    no_hub: bool,
    hub_engine: str | None,
    workers: int | None,
    ray_address: str | None,
    quiet: bool,
) -> None:
    """Build every session of SOURCE (a folder of transcripts/recordings, or a CSV/YAML manifest)
    into OUT: OUT/sessions/<slug>/report.* and OUT/event.json, then the event hub over them:
    OUT/index.html (open it in a browser) and OUT/hub/ (speakers, topic map, threads, summaries);
    --no-hub skips the hub, `sessionlens event hub OUT` rebuilds it.

    Resumable: a re-run skips sessions already done with the same input and settings, redoes
    changed ones and retries failed ones. Exit code 1 when any session failed. See docs/events.md.

    \b
    Examples:
      sessionlens event build talks/ --out site/ --workers 2 --to json,html,md
      sessionlens event build igf.yaml --out site/ --ray auto --db igf.db
    """
    from ..events.build import build_event

    out_dir = Path(out)
    with _display(quiet) as show:
        entries = build_event(
            source,
            out_dir,
            engine=engine,
            formats=formats,
            taxonomy=taxonomy,
            workers=workers,
            ray=ray_address,
            db=db,
            name=name,
            title=title,
            hub=not no_hub,
            hub_engine=hub_engine,
            progress=show,
        )
    if not no_hub and not quiet and any(e["status"] == "done" for e in entries):
        click.echo(f"event hub: {out_dir / 'index.html'}", err=True)
        if db is not None:
            click.echo(f"recorded the event's days and tracks in {db}", err=True)
        if not json.loads((out_dir / "event.json").read_text(encoding="utf-8")).get("title"):
            click.echo(
                "sessionlens: warning: the event has no title (--title, or a '# title: …' row above a CSV's "
                "header): the hub calls it 'the event'",
                err=True,
            )
    failed = [e for e in entries if e["status"] == "failed"]
    for entry in failed:
        reason = entry["reason"] or "no reason recorded"
        named = reason if reason.startswith(f"{entry['source']}:") else f"{entry['source']}: {reason}"
        click.echo(f"sessionlens: failed: {named}", err=True)
    if not quiet:
        click.echo(f"{len(entries) - len(failed)} done, {len(failed)} failed: {out_dir / 'event.json'}", err=True)
    if failed:
        sys.exit(1)


class _display:
    """One progress bar over sessions: done, failed, running, ETA (on a terminal only)."""

    def __init__(self, quiet: bool) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=quiet or not console.is_terminal,
        )
        self.task = self.progress.add_task("sessions", total=None)

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.progress.__enter__()
        return self.show

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]

    def show(self, counts) -> None:  # type: ignore[no-untyped-def]
        if self.progress.tasks[0].total is None:  # sessions done before this run do not speed up the ETA
            self.progress.reset(self.task, total=counts.total, completed=counts.done)
        self.progress.update(
            self.task,
            total=counts.total,
            completed=counts.done + counts.failed,
            description=f"{counts.done} done · {counts.failed} failed · {counts.running} running",
        )


command.add_command(hub_command, name="hub")
