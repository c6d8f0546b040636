"""Rev transcripts: `Name (00:03):` with the text on the same line or the lines below."""

from __future__ import annotations

import re

from ..models import Transcript
from .base import Source, clean_line
from .headed import named_header, read_headed
from .labels import TS

NAME = "rev"
DESCRIPTION = "Rev transcript (Name (00:03): text)"

_HEADER = re.compile(rf"^(?P<name>[^\s:()][^:]{{0,79}}?)\s*\((?P<ts>{TS})\)\s*:\s*(?P<text>.*)$")


_header = named_header(_HEADER)


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text[:50_000].splitlines()]
    hits = sum(1 for x in lines if x and _header(x))
    return 0.97 if hits >= 2 else 0.0


def read(source: Source) -> Transcript:
    return read_headed(source, NAME, _header)
