"""Options shared by several sub-commands."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..normalize import parse_rename, read_speakers_map
from ..readers import READERS
from ..safe_output import STDOUT, write_file, write_stdout

if TYPE_CHECKING:
    from ..asr.recording import AsrOptions

#: ASR options of `cli.asr_options` (kept here as text: that module imports the asr package)
ASR_FLAGS = {"model": "--asr-model", "language": "--language", "auto_names": "--auto-names", "embedder": "--embedder"}

input_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(READERS)),
    default=None,
    help="Force the input reader instead of detecting it (see `sessionlens formats`).",
)


def speaker_renames(func: Callable[..., None]) -> Callable[..., None]:
    """`--rename OLD=NEW` (repeatable) and `--speakers-map FILE`; the command gets `rename`."""
    func = click.option(
        "--speakers-map",
        "speakers_map",
        type=click.Path(dir_okay=False),
        default=None,
        help="CSV of old,new speaker names (one rename per row); applied after --rename.",
    )(func)
    return click.option(
        "--rename",
        "rename",
        multiple=True,
        metavar="OLD=NEW",
        help='Rename a speaker, e.g. --rename "Speaker 1=Ko Barrett" (repeatable); '
        "renaming onto an existing speaker joins the two.",
    )(func)


def caption_speakers(func: Callable[..., None]) -> Callable[..., None]:
    """`--recording FILE` and `--speakers N`; the command gets `recording` and `speakers`."""
    func = click.option(
        "--speakers",
        type=click.IntRange(1, 50),
        default=None,
        help="Number of speakers in the recording (INPUT or --recording), when known; otherwise estimated.",
    )(func)
    return click.option(
        "--recording",
        type=click.Path(dir_okay=False),
        default=None,
        help="The audio or video of a caption file without speakers (YouTube, plain VTT/SRT): its voices "
        "are diarized and each cue, or word, goes to the voice heard most during it (Speaker 1, 2, …; "
        "rename with --rename). Needs the asr extra.",
    )(func)


def asr_speakers(
    input_path: str, recording: str | None, speakers: int | None, choices: Mapping[str, Any] | None = None
) -> AsrOptions | None:
    """ASR options carrying `--speakers` (and the `choices` of `cli.asr_options` given), for a
    recording given as INPUT or with --recording; None when none is given."""
    given = {**(choices or {}), **({"speakers": speakers} if speakers is not None else {})}
    if not given:
        return None
    from ..asr.media import is_media

    flags = {"speakers": "--speakers", **ASR_FLAGS}
    media = is_media(input_path)
    if recording is None and not media:
        raise click.UsageError(f"{flags[next(iter(given))]} needs a recording: INPUT itself, or --recording FILE")
    transcribing = sorted(flags[k] for k in given if k in ("model", "language", "auto_names"))
    if transcribing and not media:
        raise click.UsageError(
            f"{', '.join(transcribing)}: only a recording given as INPUT is transcribed "
            "(with --recording, the captions are kept and only their speakers found)"
        )
    from ..asr import AsrOptions

    return AsrOptions(**given)


def rename_mapping(rename: tuple[str, ...], speakers_map: str | None) -> dict[str, str]:
    """The renames asked for on the command line, the map file last."""
    mapping = parse_rename(rename)
    if speakers_map:
        mapping.update(read_speakers_map(speakers_map))
    return mapping


def write_output(data: str | bytes, output: str | None) -> Path | None:
    """Write to stdout (no `-o`, or `-o -`), else safely to the file (see `safe_output`).
    Returns the path written, None for stdout."""
    if output is None or output == STDOUT:
        write_stdout(data)
        return None
    return write_file(data, output)
