"""Rev transcripts: `Name (00:03):` with the text on the same line or the lines below."""

from __future__ import annotations

import re

from ..models import Transcript
from .base import Source, clean_line
from .headed import Header, read_headed
from .labels import TS, Verdict, judge, parse_timestamp

NAME = "rev"
DESCRIPTION = "Rev transcript (Name (00:03): text)"

_HEADER = re.compile(rf"^(?P<name>[^\s:()][^:]{{0,79}}?)\s*\((?P<ts>{TS})\)\s*:\s*(?P<text>.*)$")


def _header(line: str, nxt: str = "") -> Header | None:
    m = _HEADER.match(line)
    if not m or judge(m.group("name"), alone=True)[0] is not Verdict.NAME:
        return None
    return Header(m.group("name").strip(), parse_timestamp(m.group("ts")), m.group("text").strip())


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text[:50_000].splitlines()]
    hits = sum(1 for x in lines if x and _header(x))
    return 0.97 if hits >= 2 else 0.0


def read(source: Source) -> Transcript:
    return read_headed(source, NAME, _header)
