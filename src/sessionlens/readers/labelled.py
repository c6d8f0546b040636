"""Speaker-labelled plain text: `Name: text` per turn, multi-line turns, blank lines.

Also accepts a leading timestamp (`[00:01:02] Name: text`, `00:01:02 Name: text`) or a
trailing one in the label (`Name (00:01:02): text`); timestamps become turn starts.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .base import Source, build, clean_line

NAME = "labelled"
DESCRIPTION = "Speaker-labelled text (Name: text)"

_TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?"
# A label: 1-7 name-like tokens (capitalised words, initials, honorifics, hyphens,
# apostrophes), or a generic "Speaker 3" / "SPEAKER_03". No sentence punctuation.
_NAME = r"[^\W\d_][\w.'’\-]*(?:[ \u00a0][\w.'’\-()&]+){0,6}"
_LINE = re.compile(
    rf"^\s*(?:\[?(?P<ts1>{_TS})\]?\s*[-–]?\s*)?"
    rf"(?P<label>{_NAME}|SPEAKER_\d+)"
    rf"(?:\s*[\[(](?P<ts2>{_TS})[\])])?"
    r"\s*:\s+(?P<text>\S.*)$"
)
_NOT_NAMES = {
    "note", "notes", "question", "answer", "q", "a", "summary", "http", "https", "source",
    "title", "date", "time", "transcript", "agenda", "location", "subject", "re", "ps",
    "example", "warning", "update", "topic", "topics", "evidence", "explanation",
}


def parse_timestamp(text: str) -> float:
    """'01:02:03.5' / '02:03' -> seconds."""
    parts = text.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def match_label(line: str) -> tuple[str, str, float | None] | None:
    """Split a `Name: text` line into (label, text, start) if it looks like a turn start."""
    m = _LINE.match(line)
    if not m:
        return None
    label = m.group("label").strip()
    words = label.split()
    if label.lower().rstrip(".") in _NOT_NAMES or len(label) > 60:
        return None
    # Names are capitalised; "so the point is: ..." is prose, not a label.
    if not all(w[0].isupper() or w.lower() in _PARTICLES for w in words if w[0].isalpha()):
        return None
    ts = m.group("ts1") or m.group("ts2")
    return label, m.group("text").strip(), parse_timestamp(ts) if ts else None


_PARTICLES = {"de", "da", "del", "der", "van", "von", "la", "le", "al", "bin", "el", "di", "du", "dos", "y"}


def parse_turns(lines: list[str]) -> list[tuple[str, str, float | None]]:
    """Group lines into turns: a label line opens a turn, other lines continue it."""
    turns: list[tuple[str, str, float | None]] = []
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        hit = match_label(line)
        if hit:
            turns.append(hit)
        elif turns:
            label, text, start = turns[-1]
            turns[-1] = (label, f"{text} {line}", start)
    return turns


def label_share(text: str) -> float:
    """Share of non-empty lines that open a labelled turn, counting distinct labels."""
    lines = [clean_line(x) for x in text.splitlines()[:2000]]
    lines = [x for x in lines if x]
    if not lines:
        return 0.0
    hits = [match_label(x) for x in lines]
    labels = {h[0] for h in hits if h}
    if len(labels) < 2 and len(lines) > 3:
        return 0.0
    return sum(1 for h in hits if h) / len(lines)


def sniff(text: str) -> float:
    share = label_share(text)
    return 0.0 if share == 0 else 0.4 + 0.5 * min(1.0, share * 2)


def read(source: Source):  # -> Transcript
    turns = parse_turns(source.text.splitlines())
    if len(turns) < 1 or len({t[0] for t in turns}) < 1:
        raise InputError(source.name, "no 'Name: text' speaker labels found")
    starts = [t[2] for t in turns]
    timed = [
        (label, text, start, _next_start(starts, i))
        for i, (label, text, start) in enumerate(turns)
    ]
    return build(timed, source, NAME)


def _next_start(starts: list[float | None], i: int) -> float | None:
    if starts[i] is None:
        return None
    for s in starts[i + 1 :]:
        if s is not None:
            return s
    return None
