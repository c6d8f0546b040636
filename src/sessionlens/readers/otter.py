"""Otter.ai text export: `Name  0:03` on its own line (two spaces before the time), then the
text. Teams and Word DOCX transcripts use the same layout."""

from __future__ import annotations

import re

from ..models import Transcript
from .base import Source, clean_line
from .headed import Header, read_headed
from .labels import TS, Verdict, judge, parse_timestamp

NAME = "otter"
DESCRIPTION = "Otter.ai text (Name  0:03, then the text)"

_HEADER = re.compile(rf"^(?P<name>[^\W\d_](?:(?!-->).){{0,79}}?)(?:\s{{2,}}|\t|\s+\|\s+|\s)(?P<ts>{TS})$")


def _header(line: str, nxt: str = "") -> Header | None:
    m = _HEADER.match(line)
    if not m or judge(m.group("name"), alone=True)[0] is not Verdict.NAME:
        return None
    return Header(m.group("name").strip(), parse_timestamp(m.group("ts")))


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text[:50_000].splitlines()]
    lines = [x for x in lines if x]
    heads = [h for x in lines if (h := _header(x))]
    if len(heads) < 2 or len({h.speaker for h in heads}) < 1 or len(heads) * 8 < len(lines):
        return 0.0
    return 0.96


def read(source: Source) -> Transcript:
    return read_headed(source, NAME, _header)
