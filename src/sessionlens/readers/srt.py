"""SubRip (SRT) subtitles; speakers from `Name:` prefixes or `<v Name>` tags."""

from __future__ import annotations

import re

from ..errors import InputError
from ..models import Transcript
from .base import Source, build
from .subtitles import TIMING, cue_speaker, cue_times, merge_cues

NAME = "srt"
DESCRIPTION = "SubRip subtitles"


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \r\n")[:500].splitlines()
    if len(head) >= 2 and head[0].strip().isdigit() and TIMING.match(head[1]):
        return 0.95
    return 0.0


def read(source: Source) -> Transcript:
    blocks = re.split(r"\n\s*\n", source.text.lstrip("\ufeff").replace("\r\n", "\n").strip())
    cues: list[tuple[str | None, str, float, float]] = []
    for n, block in enumerate(blocks, 1):
        lines = block.splitlines()
        if lines and lines[0].strip().isdigit():
            lines = lines[1:]
        if not lines:
            continue
        m = TIMING.match(lines[0])
        if not m:
            raise InputError(source.name, f"cue {n}: expected a timing line, got {lines[0].strip()[:40]!r}")
        start, end = cue_times(m)
        if end < start:
            raise InputError(source.name, f"cue {n}: ends before it starts")
        speaker, text = cue_speaker(lines[1:])
        cues.append((speaker, text, start, end))
    if not cues:
        raise InputError(source.name, "SRT file without any cue")
    return build(merge_cues(cues), source, NAME)
