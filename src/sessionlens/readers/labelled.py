"""Speaker-labelled plain text: `Name: text` per turn, multi-line turns, blank lines.

Also accepts a leading timestamp (`[00:01:02] Name: text`, `00:01:02 Name: text`), a
trailing one in the label (`Name (00:01:02): text`) and a label on its own line with the
text below it; timestamps become turn starts. The label grammar is in `labels`.
"""

from __future__ import annotations

from ..errors import InputError
from ..models import Transcript
from ..suspects import LineFlag, attach_line_flags
from .base import Source, build, clean_line
from .labels import match_label, parse_timestamp, suspect_label

NAME = "labelled"
DESCRIPTION = "Speaker-labelled text (Name: text)"

__all__ = ["DESCRIPTION", "NAME", "label_share", "match_label", "parse_timestamp", "parse_turns", "read", "sniff"]

Turn3 = tuple[str, str, float | None]


def parse_turns(lines: list[str], flags: list[LineFlag] | None = None, first_line: int = 1) -> list[Turn3]:
    """Group lines into turns: a label line opens a turn, other lines continue it. A line
    that looks like a label but is not accepted continues the turn and is added to `flags`."""
    turns: list[Turn3] = []
    for n, raw in enumerate(lines, first_line):
        line = clean_line(raw)
        if not line:
            continue
        hit = match_label(line)
        if hit:
            turns.append(hit)
            continue
        if not turns:
            continue
        if flags is not None and (sus := suspect_label(line)):
            flags.append(LineFlag(len(turns) - 1, n, sus[0], sus[1]))
        label, text, start = turns[-1]
        turns[-1] = (label, f"{text} {line}".strip(), start)
    # a label line with no text under it is no turn; flags follow their turn's new index
    kept = [i for i, t in enumerate(turns) if t[1]]
    if flags is not None and len(kept) < len(turns):
        new = {old: i for i, old in enumerate(kept)}
        flags[:] = [f._replace(turn=new[f.turn]) for f in flags]
    return [turns[i] for i in kept]


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


def read(source: Source) -> Transcript:
    flags: list[LineFlag] = []
    turns = parse_turns(source.text.splitlines(), flags)
    if not turns:
        raise InputError(source.name, "no 'Name: text' speaker labels found")
    return attach_line_flags(build(with_ends(turns), source, NAME), flags)


def with_ends(turns: list[Turn3]) -> list[tuple[str, str, float | None, float | None]]:
    """(label, text, start, end): a timed turn ends where the next timed one starts."""
    starts = [t[2] for t in turns]
    return [(label, text, start, _next_start(starts, i)) for i, (label, text, start) in enumerate(turns)]


def _next_start(starts: list[float | None], i: int) -> float | None:
    if starts[i] is None:
        return None
    for s in starts[i + 1 :]:
        if s is not None:
            return s
    return None
