"""SubRip (SRT) subtitles; speakers from `Name:` prefixes or `<v Name>` tags."""

from __future__ import annotations

import re

from ..errors import InputError
from ..models import SessionInfo, Transcript
from ..suspects import LineFlag, attach_line_flags
from .base import Source, build
from .subtitles import TIMING, Cue, cue_times, merge_cues

NAME = "srt"
DESCRIPTION = "SubRip subtitles"


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \r\n")[:500].splitlines()
    if len(head) >= 2 and head[0].strip().isdigit() and TIMING.match(head[1]):
        return 0.95
    return 0.0


def read(source: Source) -> Transcript:
    text = source.text.lstrip("\ufeff").replace("\r\n", "\n")
    cues: list[Cue] = []
    for n, found in enumerate(re.finditer(r"\S(?:.|\n(?!\s*\n))*", text), 1):
        block = found.group()
        lines = block.splitlines()
        first = text.count("\n", 0, found.start()) + 1  # line number of the block's first line
        if lines and lines[0].strip().isdigit():
            lines, first = lines[1:], first + 1
        if not lines:
            continue
        m = TIMING.match(lines[0])
        if not m:
            raise InputError(source.name, f"cue {n}: expected a timing line, got {lines[0].strip()[:40]!r}")
        start, end = cue_times(m)
        if end < start:
            raise InputError(source.name, f"cue {n}: ends before it starts")
        cues.append(Cue(start, end, lines[1:], first + 1, None))
    if not cues:
        raise InputError(source.name, "SRT file without any cue")
    flags: list[LineFlag] = []
    turns, named = merge_cues(cues, flags)
    return attach_line_flags(build(turns, source, NAME, info=SessionInfo(attributed=named)), flags)
