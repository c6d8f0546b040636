"""Google Meet transcripts as text: the Google Docs layout (a `00:05:00` time line every few
minutes, then `Name: text` paragraphs) and the name line / time line / text layout."""

from __future__ import annotations

import re

from ..models import Transcript
from .base import Source, clean_line
from .headed import Header, read_headed
from .labels import Verdict, judge, match_label, parse_timestamp

NAME = "meet"
DESCRIPTION = "Google Meet transcript (time lines, Name: text; or name, time, text lines)"

_TIME = re.compile(r"^(?P<ts>\d{1,2}:\d{2}:\d{2}|\d{1,2}:\d{2})$")


def _header(line: str, nxt: str) -> Header | None:
    if (
        (t := _TIME.match(nxt))
        and _TIME.match(line) is None
        and judge(line, alone=True)[0] is Verdict.NAME
        and ":" not in line
    ):
        return Header(line, parse_timestamp(t.group("ts")), skip_next=True)
    if _TIME.match(line):
        # a Docs time mark every few minutes times a block, not a turn: kept out of the turns
        return Header(None, None)
    if hit := match_label(line):
        return Header(hit[0], hit[2], hit[1])
    return None


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text[:50_000].splitlines()]
    lines = [x for x in lines if x]
    times = [i for i, x in enumerate(lines) if _TIME.match(x)]
    if len(times) < 1:
        return 0.0
    named = sum(
        1 for i in times if i and judge(lines[i - 1], alone=True)[0] is Verdict.NAME and ":" not in lines[i - 1]
    )
    labelled = sum(1 for x in lines if match_label(x))
    transcript_head = any(x.endswith("- Transcript") or x == "Transcript" for x in lines[:5])
    if named >= 2 and named * 2 >= len(times):
        return 0.95
    if labelled >= 2 and (transcript_head or len(times) >= 2):
        return 0.92
    return 0.0


def read(source: Source) -> Transcript:
    return read_headed(source, NAME, _header)
