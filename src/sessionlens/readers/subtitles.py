"""What WebVTT and SRT share: cue timing lines and speaker names inside cue text."""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from ..errors import InputError
from ..suspects import LineFlag
from .base import Source
from .labels import match_label, suspect_label

_TIME = r"(?:(?P<{p}h>\d+):)?(?P<{p}m>\d{{1,2}}):(?P<{p}s>\d{{1,2}})[.,](?P<{p}f>\d{{1,3}})"
TIMING = re.compile(r"^\s*" + _TIME.format(p="a") + r"\s*-->\s*" + _TIME.format(p="b") + r"(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[\w.\-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


class Cue(NamedTuple):
    """One subtitle cue: its text lines as written and the line number of its timing."""

    start: float
    end: float
    lines: list[str]
    line: int
    ident: str | None


def cue_times(m: re.Match[str]) -> tuple[float, float]:
    def sec(p: str) -> float:
        h = int(m.group(f"{p}h") or 0)
        frac = m.group(f"{p}f")
        return h * 3600 + int(m.group(f"{p}m")) * 60 + int(m.group(f"{p}s")) + int(frac) / float(10 ** len(frac))

    return sec("a"), sec("b")


def vtt_cues(source: Source) -> tuple[list[Cue], str | None]:
    """The cues of a WebVTT file and the title from its header line."""
    lines = source.text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        raise InputError(source.name, "not WebVTT: the first line must be 'WEBVTT'")
    cues: list[Cue] = []
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
            ident = lines[i - 1].strip() if i > 1 and lines[i - 1].strip() else None
            at = i + 1
            body: list[str] = []
            i += 1
            while i < len(lines) and _in_cue(lines, i):
                body.append(lines[i])
                i += 1
            cues.append(Cue(start, end, body, at, ident))
        elif "-->" in line:
            raise InputError(source.name, f"line {i + 1}: malformed cue timing {line.strip()[:40]!r}")
        i += 1
    if not cues:
        raise InputError(source.name, "WebVTT file without any cue")
    # "WEBVTT - Title" / "WEBVTT Title": the header text names the session.
    return cues, lines[0][6:].strip(" -\t") or None


def _in_cue(lines: list[str], i: int) -> bool:
    """An empty line ends a cue; a line of spaces only where the next cue or the end follows
    (YouTube writes ' ' as the first line of a cue)."""
    if lines[i].strip():
        return True
    if not lines[i]:
        return False
    ahead = lines[i + 1 : i + 3]
    return bool(ahead) and bool(ahead[0].strip()) and not any(TIMING.match(x) for x in ahead)


def cue_speaker(lines: list[str]) -> tuple[str | None, str]:
    """Speaker from a `<v Name>` voice tag or a `Name:` prefix, and the plain cue text;
    entities are decoded in both (Teams writes `<v AT&amp;T Representative>`)."""
    raw = " ".join(x.strip() for x in lines if x.strip())
    speaker = None
    m = _VOICE.search(raw)
    if m:
        speaker = html.unescape(m.group(1)).strip() or None
    text = html.unescape(_TAG.sub("", raw)).strip()
    if speaker is None:
        hit = match_label(text)
        if hit:
            speaker, text = hit[0], hit[1]
    return speaker, text


def merge_cues(
    cues: list[Cue], flags: list[LineFlag] | None = None, default: str = "Speaker 1"
) -> tuple[list[tuple[str, str, float | None, float | None]], bool]:
    """Cues become turns; a cue without a speaker continues the previous speaker (a cue that
    only looks labelled is added to `flags`). The flag says whether any cue named a speaker."""
    out: list[tuple[str, str, float | None, float | None]] = []
    last = default
    named = False
    for cue in cues:
        speaker, text = cue_speaker(cue.lines)
        if not text:
            continue
        if speaker is None and out and flags is not None and (sus := suspect_label(text)):
            flags.append(LineFlag(len(out), cue.line, sus[0], sus[1]))
        named = named or speaker is not None
        speaker = speaker or last
        last = speaker
        out.append((speaker, text, cue.start, cue.end))
    return out, named
