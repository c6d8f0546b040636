"""Zoom transcripts: the recording's WebVTT (numbered cues, `Name: text`) and the text
saved from a meeting (`[Name] 14:02:31` then the text, or the text on the same line)."""

from __future__ import annotations

import re

from ..errors import InputError
from ..models import Transcript
from .base import Source
from .headed import Header, read_headed
from .labels import parse_timestamp
from .vtt import is_vtt, read_as

NAME = "zoom"
DESCRIPTION = "Zoom transcript (recording WebVTT or saved meeting text)"

_HEADER = re.compile(r"^\[(?P<name>[^\[\]]{1,80})\]\s+(?P<ts>\d{1,2}:\d{2}:\d{2})\s*(?P<text>.*)$")
_NUMBERED_NAMED = re.compile(r"^\d+\s*\n[^\n]*-->[^\n]*\n[^\n<]{1,80}?: ", re.M)


def sniff(text: str) -> float:
    head = text[:20_000]
    if is_vtt(text):
        return 1.0 if len(_NUMBERED_NAMED.findall(head)) >= 2 and "<v " not in head else 0.0
    lines = [x.strip() for x in head.splitlines() if x.strip()]
    hits = sum(1 for x in lines if _HEADER.match(x))
    return 0.97 if hits >= 2 and hits * 4 >= len(lines) else 0.0


def _header(line: str, nxt: str = "") -> Header | None:
    m = _HEADER.match(line)
    return Header(m.group("name").strip(), parse_timestamp(m.group("ts")), m.group("text")) if m else None


def read(source: Source) -> Transcript:
    if is_vtt(source.text):
        return read_as(source, NAME)
    transcript = read_headed(source, NAME, _header, clock=True)
    if not transcript.turns:
        raise InputError(source.name, "no '[Name] HH:MM:SS' lines found")
    return transcript
