"""`sessionlens stats`: per-speaker statistics as a table or JSON."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..models import SpeakerStats
from ..pipeline import ingest
from ..stats import compute_stats
from .options import asr_speakers, caption_speakers, input_format, rename_mapping, speaker_renames


def stats_json(stats: list[SpeakerStats]) -> str:
    """The stable contract: one object per speaker (name, role, words, turns, seconds, wpm, estimated, …)."""
    return json.dumps([s.model_dump() for s in stats], indent=2, ensure_ascii=False)


def stats_table(stats: list[SpeakerStats], title: str | None = None) -> Table:
    caption = "~ marks an estimate (no timestamps in the input)" if any(s.estimated for s in stats) else None
    table = Table(title=title, caption=caption)
    for col, justify in [("Speaker", "left"), ("Role", "left"), ("Words", "right"),
                         ("Share", "right"), ("Turns", "right"), ("Time", "right"), ("WPM", "right")]:
        table.add_column(col, justify=justify, overflow="fold", max_width=40 if col == "Role" else None)  # type: ignore[arg-type]
    for s in stats:
        mark = "~" if s.estimated else ""
        time = f"{mark}{int(s.seconds // 60)}:{int(s.seconds % 60):02d}" if s.seconds is not None else "–"
        wpm = f"{mark}{s.wpm:.0f}" if s.wpm is not None else "–"
        # names and roles are text from the input: never rich markup
        table.add_row(escape(s.name), escape((s.role or "")[:50]), str(s.words), f"{s.word_share:.0%}",
                      str(s.turns), time, wpm)
    return table


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False))
@input_format
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object per speaker.")
@caption_speakers
@speaker_renames
def command(input_path: str, fmt: str | None, as_json: bool, rename: tuple[str, ...],
            speakers_map: str | None, recording: str | None, speakers: int | None) -> None:
    """Words, turns, speech time and speed per speaker of INPUT, then its attribution suspects.

    \b
    Captions without speakers, attributed from their recording:
      sessionlens stats talk.vtt --recording talk.wav --speakers 2
    """
    transcript = ingest(input_path, fmt, rename=rename_mapping(rename, speakers_map), recording=recording,
                        asr=asr_speakers(input_path, recording, speakers))
    stats = compute_stats(transcript)
    if as_json:
        click.echo(stats_json(stats))
        return
    console = Console()
    if not transcript.info.attributed:
        console.print("No speaker attribution exists in this input: the figures are for the whole session.",
                      markup=False)
    console.print(stats_table(stats, title=transcript.info.title or input_path))
    if transcript.suspects:
        console.print(f"Attribution suspects ({len(transcript.suspects)}): words counted as attributed", markup=False)
        for s in transcript.suspects:
            console.print(f"  turn {s.turn_index + 1} ({s.speaker}): {s.reason}", markup=False, highlight=False)
