"""A DiploAI-style session report (header, Speakers list, "Session transcript")."""

from __future__ import annotations

import re

from ..errors import InputError
from ..models import SessionInfo, Speaker, Transcript
from .base import Source, build, clean_line
from .labelled import match_label, parse_turns

NAME = "diplo"
DESCRIPTION = "DiploAI session report (transcript, header and speakers list)"

_DATE = re.compile(
    r"^(?P<date>\d{1,2} [A-Z][a-z]{2,8} \d{4})"
    r"(?:\s+(?P<start>\d{1,2}:\d{2})h?\s*[-–]\s*(?P<end>\d{1,2}:\d{2})h?)?\s*$"
)
_SPEAKER_ITEM = re.compile(r"^[–\-•*]\s*\*\*(?P<name>[^*]+)\*\*\s*(?:[–\-:,]\s*(?P<role>.*))?$")
_SECTION_TRANSCRIPT = "Session transcript"


def sniff(text: str) -> float:
    head = text[:200_000]
    score = 0.0
    if re.search(r"^Session transcript\s*$", head, re.M):
        score += 0.5
    if re.search(r"^Session at a glance\s*$", head, re.M):
        score += 0.3
    if re.search(r"^Speech (speed|length|time)\s*$", head, re.M):
        score += 0.15
    return min(score, 0.99)


def parse_header(lines: list[str]) -> SessionInfo:
    """Title and date/time from the first lines of a Diplo report."""
    title = date = start = end = None
    for line in lines[:6]:
        m = _DATE.match(line)
        if m:
            date, start, end = m.group("date"), m.group("start"), m.group("end")
        elif title is None and line and line not in ("Session at a glance",):
            title = line
    duration = None
    if start and end:
        h1, m1 = map(int, start.split(":"))
        h2, m2 = map(int, end.split(":"))
        duration = float(((h2 * 60 + m2) - (h1 * 60 + m1)) % (24 * 60) * 60) or None
    return SessionInfo(title=title, date=date, start_time=start, end_time=end, duration_seconds=duration)


def parse_speakers_list(lines: list[str]) -> list[Speaker]:
    """`– **Name** – role` items from the 'Speakers' block (listed and additional)."""
    speakers: list[Speaker] = []
    listed = True
    in_block = False
    for line in lines:
        if line == "Speakers":
            in_block = True
            continue
        if not in_block:
            continue
        if line.startswith("Full session report") or line == _SECTION_TRANSCRIPT:
            break
        if line.lower().startswith("**additional speakers"):
            listed = False
            continue
        m = _SPEAKER_ITEM.match(line)
        if m:
            role = (m.group("role") or "").strip() or None
            speakers.append(Speaker(name=m.group("name").strip(), role=role, listed=listed))
    return speakers


def transcript_lines(lines: list[str], names: set[str]) -> list[str]:
    """The lines of the 'Session transcript' section, up to the per-speaker analysis."""
    try:
        start = lines.index(_SECTION_TRANSCRIPT) + 1
    except ValueError:
        return []
    out: list[str] = []
    for i in range(start, len(lines)):
        line = lines[i]
        # The per-speaker blocks begin with a bare name followed by "Speech speed".
        nxt = next((x for x in lines[i + 1 : i + 3] if x), "")
        if nxt == "Speech speed" or (line in names and match_label(line) is None and nxt.startswith("Speech")):
            break
        if line in ("Agreements", "Takeaways", "Thought provoking comments"):
            break
        out.append(line)
    return out


def read(source: Source) -> Transcript:
    lines = [clean_line(x) for x in source.text.splitlines()]
    info = parse_header(lines)
    speakers = parse_speakers_list(lines)
    body = transcript_lines(lines, {s.name for s in speakers})

    turns = parse_turns(body)
    if not turns:
        raise InputError(source.name, "the 'Session transcript' section has no 'Name: text' turns")
    return build([(s, t, a, None) for s, t, a in turns], source, NAME, info=info, speakers=speakers)
