"""`sessionlens report`: the whole pipeline, from an input to a rendered report."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from ..engines import ENGINES
from ..errors import InputError
from ..pipeline import analyze, ingest
from ..registry import format_from_suffix
from ..renderers import RENDERERS, render
from .asr_options import asr_choices, given_asr_choices
from .options import asr_speakers, caption_speakers, input_format, rename_mapping, speaker_renames, write_output


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write here (default, or -: stdout). A file is replaced atomically; a device, "
                   "pipe or symlink's target is written through, never replaced.")
@click.option("--to", "to", type=click.Choice(list(RENDERERS)), default=None,
              help="Output format (default: from the -o suffix, which must be known; json on stdout).")
@click.option("--engine", type=click.Choice(list(ENGINES)), default="offline", show_default=True,
              help="offline: embedded models, no network. llm: an OpenAI-compatible endpoint. "
                   "none: transcript and statistics only.")
@click.option("--taxonomy", default="diplo", show_default=True,
              help="Topic taxonomy: diplo, sdg, wsis, or a path to a taxonomy JSON file.")
@input_format
@click.option("--llm-url", default=None, metavar="URL",
              help="--engine llm: base URL of an OpenAI-compatible API (e.g. "
                   "http://127.0.0.1:8080/v1). Key from SESSIONLENS_LLM_KEY or OPENAI_API_KEY.")
@click.option("--llm-model", default=None,
              help="--engine llm: model name (default: the server's first).")
@click.option("--llm-context", type=click.IntRange(min=1024), default=None,
              help="--engine llm: the model's context window in tokens (default 8192).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the answer cache.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
@caption_speakers
@asr_choices
@speaker_renames
def command(input_path: str, output: str | None, to: str | None, engine: str, taxonomy: str,
            fmt: str | None, llm_url: str | None, llm_model: str | None,
            llm_context: int | None, no_cache: bool, quiet: bool, rename: tuple[str, ...],
            speakers_map: str | None, recording: str | None, speakers: int | None,
            model: str, language: str | None, auto_names: bool, embedder: str) -> None:
    """Write the session report of INPUT (a transcript, subtitles, ASR JSON or a recording).

    \b
    Captions without speakers, attributed from their recording:
      sessionlens report talk.vtt --recording talk.mp4 --speakers 2 -o talk.html
    A French recording, transcribed with the multilingual model:
      sessionlens report debate.mp4 --asr-model base --language fr -o debate.html
    """
    to = to or format_from_suffix(output, RENDERERS) or "json"
    renames = rename_mapping(rename, speakers_map)
    if RENDERERS[to].binary and output is None:
        raise InputError(None, f"--to {to} writes a binary file: give -o FILE (or -o - for stdout)")
    console = Console(stderr=True)
    show = not quiet and console.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                  console=console, disable=not show, transient=True) as progress:
        task = progress.add_task("reading", total=1.0)

        def step(stage: str, fraction: float) -> None:
            # never backwards: after a recording's transcription the bar is already far along
            done = max(fraction, progress.tasks[0].completed)
            progress.update(task, description=stage, completed=done)

        # recordings report (seconds done, seconds in all) while they are transcribed
        transcript = ingest(input_path, fmt, rename=renames, recording=recording,
                            asr=asr_speakers(input_path, recording, speakers, given_asr_choices()),
                            progress=lambda done, total: step("transcribing", 0.8 * done / total if total else 0.0))
        step("analysing", 0.1)
        # None is "not given" (the environment or config file may say); an llm setting given
        # to another engine is an error that names it
        options = {"taxonomy": taxonomy, "use_cache": False if no_cache else None,
                   "url": llm_url, "model": llm_model, "context": llm_context}
        # LLM errors are in the error tree: misuse exits 2, nothing produced exits 1
        report = analyze(transcript, engine, options, progress=step)
        step("rendering", 0.95)
        out = render(report, to)
    path = write_output(out, output)
    if path is not None and not quiet:
        console.print(f"wrote {path} ({to}, {len(report.transcript.speakers)} speakers, "
                      f"{len(report.transcript.turns)} segments)")

