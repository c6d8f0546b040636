"""Otter.ai text export: `Name  0:03` on its own line (two spaces before the time), then the
text. Teams and Word DOCX transcripts use the same layout."""

from __future__ import annotations

import re

from ..models import Transcript
from .base import Source, clean_line
from .headed import named_header, read_headed
from .labels import TS

NAME = "otter"
DESCRIPTION = "Otter.ai text (Name  0:03, then the text)"

_HEADER = re.compile(rf"^(?P<name>[^\W\d_](?:(?!-->).){{0,79}}?)(?:\s{{2,}}|\t|\s+\|\s+|\s)(?P<ts>{TS})$")


_header = named_header(_HEADER)


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text[:50_000].splitlines()]
    lines = [x for x in lines if x]
    heads = [h for x in lines if (h := _header(x))]
    if len(heads) < 2 or len({h.speaker for h in heads}) < 1 or len(heads) * 8 < len(lines):
        return 0.0
    return 0.96


def read(source: Source) -> Transcript:
    return read_headed(source, NAME, _header)
