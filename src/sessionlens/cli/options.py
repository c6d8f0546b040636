"""Options shared by several sub-commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ..normalize import parse_rename, read_speakers_map
from ..readers import READERS
from ..safe_output import STDOUT, write_file, write_stdout

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
