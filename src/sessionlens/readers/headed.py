"""Layouts where a header line (a name, a time, or both) opens each turn and the text follows
on the next lines: Otter, Rev, Zoom text, Google Meet, YouTube's copied transcript, hearings.

Body lines are never turned into turns here: one that looks like a `Name:` label stays in the
turn it is in and is recorded as an attribution suspect.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple, Protocol

from ..models import SessionInfo, Transcript
from ..suspects import LineFlag, attach_line_flags
from .base import Source, build, clean_line
from .labelled import with_ends
from .labels import Verdict, judge, match_label, parse_timestamp, suspect_label

_DAY = 24 * 3600.0


class Header(NamedTuple):
    """A turn opener. `speaker` None is a time mark only: it times the next turn."""

    speaker: str | None
    start: float | None = None
    text: str = ""
    skip_next: bool = False  # the header spans two lines (name line, then time line)


#: (line, next non-empty line) -> a header, or None for a body line.
HeaderFn = Callable[[str, str], Header | None]


class OneLineHeader(Protocol):
    """A HeaderFn that needs no next line (sniffers call it with the line alone)."""

    def __call__(self, line: str, nxt: str = "", /) -> Header | None: ...


def named_header(pattern: re.Pattern[str]) -> OneLineHeader:
    """A one-line header from `pattern`'s groups `name`, `ts` and (optional) `text`, taken only
    when the name reads as a speaker's name."""

    def header(line: str, nxt: str = "") -> Header | None:
        m = pattern.match(line)
        if not m or judge(m.group("name"), alone=True)[0] is not Verdict.NAME:
            return None
        text = m.groupdict().get("text") or ""
        return Header(m.group("name").strip(), parse_timestamp(m.group("ts")), text.strip())

    return header


def read_headed(
    source: Source,
    fmt: str,
    header: HeaderFn,
    clock: bool = False,
    info: SessionInfo | None = None,
    skip: Callable[[int, str], bool] | None = None,
    join_hyphen: bool = False,
) -> Transcript:
    """Turns from header lines and the body lines under them. `clock`: the times are clock
    times (14:02:31), made relative to the first. `skip(line_number, line)`: body lines that
    are not speech.
    `join_hyphen`: a line ending in a hyphen is joined to the next without a space."""
    lines = [(n, clean_line(x)) for n, x in enumerate(source.text.splitlines(), 1)]
    lines = [(n, x) for n, x in lines if x]
    turns: list[tuple[str, str, float | None]] = []
    flags: list[LineFlag] = []
    pending: float | None = None
    i = 0
    while i < len(lines):
        n, line = lines[i]
        h = header(line, lines[i + 1][1] if i + 1 < len(lines) else "")
        i += 1 + bool(h and h.skip_next)
        if h is not None and h.speaker is None:
            pending = h.start
        elif h is not None and h.speaker is not None:
            turns.append((h.speaker, h.text, h.start if h.start is not None else pending))
            pending = None
        elif turns and not (skip and skip(n, line)):
            if hit := (suspect_label(line) or match_label(line)):
                flags.append(
                    LineFlag(len(turns) - 1, n, hit[0], "inside a turn of this layout" if len(hit) == 3 else hit[1])
                )
            s, text, start = turns[-1]
            glue = "" if join_hyphen and text.endswith("-") else " "
            turns[-1] = (s, f"{text}{glue}{line}".strip(), start)
    kept = [i for i, t in enumerate(turns) if t[1]]
    new = {old: k for k, old in enumerate(kept)}
    flags = [f._replace(turn=new[f.turn]) for f in flags]
    turns = [turns[k] for k in kept]
    if clock:
        turns = _relative(turns)
    return attach_line_flags(build(with_ends(turns), source, fmt, info=info), flags)


def _relative(turns: list[tuple[str, str, float | None]]) -> list[tuple[str, str, float | None]]:
    """Clock times from the first one; a time before the previous by over 12 h is past midnight."""
    out: list[tuple[str, str, float | None]] = []
    first = prev = None
    days = 0.0
    for s, text, t in turns:
        if t is not None:
            if prev is not None and t + days < prev - _DAY / 2:
                days += _DAY
            t += days
            first = t if first is None else first
            prev = t
            t -= first
        out.append((s, text, t))
    return out
