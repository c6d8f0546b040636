"""`sessionlens transcribe`: a recording to a speaker-attributed transcript (JSON, VTT, SRT)."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..asr import transcribe_recording
from ..asr.naming import parse_names
from ..asr.writers import FORMATS, write
from ..registry import format_from_suffix
from .asr_options import asr_choices
from .options import rename_mapping, speaker_renames, write_output


@click.command()
@click.argument("recording", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (default: stdout).")
@click.option(
    "--to",
    "to",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Output format (default: from the -o suffix, which must be known; json on stdout).",
)
@asr_choices
@click.option(
    "--speakers",
    type=click.IntRange(1, 50),
    default=None,
    help="Number of speakers, when known (otherwise estimated).",
)
@click.option(
    "--names",
    default=None,
    help='"Speaker 1=Ko Barrett,Speaker 2=…", or a file of such lines or a JSON object.',
)
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
@speaker_renames
def command(
    recording: str,
    output: str | None,
    to: str | None,
    model: str,
    language: str | None,
    speakers: int | None,
    names: str | None,
    auto_names: bool,
    embedder: str,
    quiet: bool,
    rename: tuple[str, ...],
    speakers_map: str | None,
) -> None:
    """Transcribe RECORDING (wav, mp3, m4a, ogg, mp4, mkv, webm…) offline, with speakers."""
    from ..asr.recording import AsrOptions

    to = to or format_from_suffix(output, FORMATS) or "json"
    options = AsrOptions(
        model=model,
        language=language,
        speakers=speakers,
        embedder=embedder,
        names={**(parse_names(names) if names else {}), **rename_mapping(rename, speakers_map)},
        auto_names=auto_names,
    )
    console = Console(stderr=True)
    show = not quiet and console.is_terminal
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, disable=not show, transient=True) as progress:
        task = progress.add_task("transcribing", total=None)

        def step(done: float, total: float | None) -> None:
            progress.update(task, completed=done, total=total)

        result = transcribe_recording(recording, options, step)
    label_of = {name: label for label, name in result.names.items()}
    text = (
        write(
            result.transcript,
            to,
            proposals=result.proposals,
            labels=label_of,
            model=model,
            uncertain=result.uncertain,
        )
        if to == "json"
        else write(result.transcript, to)
    )
    write_output(text, output)
    if not quiet:
        rec = result.recognition
        n = len(result.transcript.speakers)
        # markup off: names and quoted speech may contain [brackets]
        console.print(
            f"{rec.source}: {rec.duration:.0f} s, language {rec.language}, "
            f"{n} speaker{'s' * (n != 1)}, {len(rec.segments)} segments" + (f" -> {output}" if output else ""),
            markup=False,
        )
        for p in result.proposals:
            applied = auto_names and any(s.name == p.name for s in result.transcript.speakers)
            console.print(
                f"  {p.label} may be {p.name!r} (from: "
                f"{'; '.join(repr(e) for e in p.evidence[:2])})"
                + ("" if applied else f'; use --names "{p.label}={p.name}"'),
                markup=False,
            )
