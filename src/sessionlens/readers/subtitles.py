"""What WebVTT and SRT share: cue timing lines and speaker names inside cue text."""

from __future__ import annotations

import html
import re

from .labelled import match_label

_TIME = r"(?:(?P<{p}h>\d+):)?(?P<{p}m>\d{{1,2}}):(?P<{p}s>\d{{1,2}})[.,](?P<{p}f>\d{{1,3}})"
TIMING = re.compile(
    r"^\s*" + _TIME.format(p="a") + r"\s*-->\s*" + _TIME.format(p="b") + r"(?:\s+.*)?$"
)
_VOICE = re.compile(r"<v(?:\.[\w.\-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def cue_times(m: re.Match[str]) -> tuple[float, float]:
    def sec(p: str) -> float:
        h = int(m.group(f"{p}h") or 0)
        frac = m.group(f"{p}f")
        return h * 3600 + int(m.group(f"{p}m")) * 60 + int(m.group(f"{p}s")) + int(frac) / 10 ** len(frac)

    return sec("a"), sec("b")


def cue_speaker(lines: list[str]) -> tuple[str | None, str]:
    """Speaker from a `<v Name>` voice tag or a `Name:` prefix, and the plain cue text."""
    raw = " ".join(x.strip() for x in lines if x.strip())
    speaker = None
    m = _VOICE.search(raw)
    if m:
        speaker = m.group(1).strip()
    text = html.unescape(_TAG.sub("", raw)).strip()
    if speaker is None:
        hit = match_label(text)
        if hit:
            speaker, text = hit[0], hit[1]
    return speaker, text


def merge_cues(
    cues: list[tuple[str | None, str, float, float]], default: str = "Speaker 1"
) -> list[tuple[str, str, float | None, float | None]]:
    """Cues become turns; a cue without a speaker continues the previous speaker."""
    out: list[tuple[str, str, float | None, float | None]] = []
    last = default
    for speaker, text, start, end in cues:
        if not text:
            continue
        speaker = speaker or last
        last = speaker
        out.append((speaker, text, start, end))
    return out
