"""WebVTT with `<v Name>` voice tags or `Name:` prefixes."""

from __future__ import annotations

from ..errors import InputError
from ..models import SessionInfo, Transcript
from .base import Source, build
from .subtitles import TIMING, cue_speaker, cue_times, merge_cues

NAME = "vtt"
DESCRIPTION = "WebVTT subtitles"


def sniff(text: str) -> float:
    return 1.0 if text.lstrip("\ufeff \r\n").startswith("WEBVTT") else 0.0


def read(source: Source) -> Transcript:
    lines = source.text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        raise InputError(source.name, "not WebVTT: the first line must be 'WEBVTT'")
    cues: list[tuple[str | None, str, float, float]] = []
    i = 1
    while i < len(lines):
        line = lines[i]
        if line.startswith(("NOTE", "STYLE", "REGION")):
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        m = TIMING.match(line)
        if m:
            start, end = cue_times(m)
            if end < start:
                raise InputError(source.name, f"line {i + 1}: cue ends before it starts")
            body: list[str] = []
            i += 1
            while i < len(lines) and lines[i].strip():
                body.append(lines[i])
                i += 1
            speaker, text = cue_speaker(body)
            cues.append((speaker, text, start, end))
        elif "-->" in line:
            raise InputError(source.name, f"line {i + 1}: malformed cue timing {line.strip()[:40]!r}")
        i += 1
    if not cues:
        raise InputError(source.name, "WebVTT file without any cue")
    # "WEBVTT - Title" / "WEBVTT Title": the header text names the session.
    title = lines[0][6:].strip(" -\t") or None
    return build(merge_cues(cues), source, NAME, info=SessionInfo(title=title))
