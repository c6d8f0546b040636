"""Options shared by several sub-commands."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from ..normalize import parse_rename, read_speakers_map
from ..readers import READERS

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
    """Write to stdout, or to `output` through a temporary file, so that an interrupted
    run never leaves a half-written file behind. Returns the path written."""
    if output is None:
        sys.stdout.write(data if isinstance(data, str) else data.decode())
        return None
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    if isinstance(data, bytes):
        tmp.write_bytes(data)
    else:
        tmp.write_text(data, encoding="utf-8")
    tmp.replace(path)
    return path
