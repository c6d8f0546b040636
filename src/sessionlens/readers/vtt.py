"""WebVTT with `<v Name>` voice tags or `Name:` prefixes."""

from __future__ import annotations

from ..models import SessionInfo, Transcript
from ..suspects import LineFlag, attach_line_flags
from .base import Source, build
from .subtitles import merge_cues, vtt_cues

NAME = "vtt"
DESCRIPTION = "WebVTT subtitles"


def is_vtt(text: str) -> bool:
    return text.lstrip("\ufeff \r\n").startswith("WEBVTT")


def sniff(text: str) -> float:
    # the Zoom, Teams and YouTube readers score higher on their own layouts
    return 0.9 if is_vtt(text) else 0.0


def read_as(source: Source, fmt: str) -> Transcript:
    """A WebVTT file read under the name of the reader `fmt`."""
    cues, title = vtt_cues(source)
    flags: list[LineFlag] = []
    turns, named = merge_cues(cues, flags)
    info = SessionInfo(title=title, attributed=named)
    return attach_line_flags(build(turns, source, fmt, info=info), flags)


def read(source: Source) -> Transcript:
    return read_as(source, NAME)
