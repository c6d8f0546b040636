"""`sessionlens transcribe`: a recording to a speaker-attributed transcript (JSON, VTT, SRT)."""

from __future__ import annotations

from pathlib import Path

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
from ..asr.transcribe import DEFAULT_MODEL, PACKAGED_MODELS
from ..asr.writers import FORMATS, write
from ..errors import InputError
from .options import rename_mapping, speaker_renames, write_output

_MODELS_HELP = "; ".join(f"{k}: {v}" for k, v in PACKAGED_MODELS.items())


@click.command()
@click.argument("recording", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (default: stdout).")
@click.option(
    "--to",
    "to",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Output format (default: from the -o suffix, else json).",
)
@click.option(
    "--asr-model",
    "model",
    default=DEFAULT_MODEL,
    show_default=True,
    help=f"A packaged model name or a CTranslate2 model directory. {_MODELS_HELP}.",
)
@click.option(
    "--language",
    default=None,
    help="Language code (e.g. en, fr); detected once from the start when not given.",
)
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
@click.option(
    "--auto-names",
    is_flag=True,
    help='Use the names proposed from the speech ("Thank you, Kamal").',
)
@click.option(
    "--embedder",
    type=click.Choice(["auto", "combined", "dvector", "spectral", "resemblyzer"]),
    default="auto",
    show_default=True,
    help="Voice embedding for diarization: auto = combined (d-vector + spectral) where the d-vector "
    "model is installed, else spectral; resemblyzer needs the diarize-torch extra.",
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

    to = to or _format_from_suffix(output) or "json"
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


def _format_from_suffix(output: str | None) -> str | None:
    if not output:
        return None
    suffix = Path(output).suffix.lower()
    fmt = next((name for name, suf in FORMATS.items() if suf == suffix), None)
    if fmt is None:
        raise InputError(output, f"unknown transcript suffix {suffix!r}: use .json, .vtt or .srt (or --to)")
    return fmt
