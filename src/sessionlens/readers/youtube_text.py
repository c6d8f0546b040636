"""The transcript copied from YouTube's "Show transcript" panel: a time line (`0:03`,
`1:02:03`) before each caption's text, or the time at the start of the line. No speakers:
the transcript has one unattributed speaker."""

from __future__ import annotations

import re

from ..models import SessionInfo, Transcript
from .base import Source, clean_line
from .headed import Header, read_headed
from .labels import parse_timestamp

NAME = "youtube-text"
DESCRIPTION = "YouTube transcript copied from the page (0:03 lines, then text)"
SPEAKER = "Speaker 1"

_TIME_LINE = re.compile(r"^(?P<ts>(?:\d{1,2}:)?\d{1,2}:\d{2})(?:\s+(?P<text>.*))?$")
# "2 minutes, 3 seconds": the panel's spoken form of the time, copied with it on some layouts
_SPOKEN_TIME = re.compile(r"^(?:\d+ (?:hours?|minutes?|seconds?),? ?)+$")


def _header(line: str, nxt: str = "") -> Header | None:
    m = _TIME_LINE.match(line)
    if not m:
        return None
    text = m.group("text") or ""
    return Header(SPEAKER, parse_timestamp(m.group("ts")), text, skip_next=bool(_SPOKEN_TIME.match(nxt)))


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text[:50_000].splitlines()]
    lines = [x for x in lines if x]
    bare = sum(1 for x in lines if _TIME_LINE.match(x))
    if bare >= 3 and bare * 3 >= len(lines):
        return 0.9
    return 0.0


def read(source: Source) -> Transcript:
    return read_headed(source, NAME, _header, info=SessionInfo(attributed=False))
