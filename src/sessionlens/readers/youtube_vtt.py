"""YouTube automatic captions (WebVTT): rolling two-line cues with inline word timings.

Each cue repeats the line before it and adds one new line whose words carry their start
times (`word<00:00:02.320><c> next</c>`); 10 ms cues in between repeat the text again. Only
the new words are kept, once each, with their times. Without inline times (uploaded rolling
captions), a line that repeats the one shown just before is dropped. Captions name no
speakers: the transcript has one unattributed speaker. `[Music]`-style notes and `>>`
(speaker change) marks are not words.
"""

from __future__ import annotations

import html
import re

from ..models import SessionInfo, Transcript, Word
from .base import Source, build
from .subtitles import Cue, vtt_cues
from .vtt import is_vtt

NAME = "youtube-vtt"
DESCRIPTION = "YouTube automatic captions (WebVTT, rolling, inline word times)"
SPEAKER = "Speaker 1"

_WORD_TIME = re.compile(r"<(\d+:\d{2}:\d{2}\.\d{3})>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_NOTE = re.compile(r"\[[^\]]{0,40}\]")


def sniff(text: str) -> float:
    if not is_vtt(text):
        return 0.0
    head = text[:20_000]
    if _WORD_TIME.search(head) and "<c>" in head:
        return 1.0
    return 0.95 if re.search(r"^Kind: captions\s*$", head, re.M) and "<v " not in head else 0.0


def _seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def _spoken(text: str) -> list[str]:
    """Words of caption text: tags, notes and `>>` marks removed, entities decoded."""
    text = html.unescape(_TAG.sub("", text))
    return [w for w in _NOTE.sub(" ", text).split() if w.strip(">")]


def _timed_words(cue: Cue) -> list[Word]:
    """The words of the cue's line with inline times; the first starts with the cue."""
    line = next(x for x in cue.lines if _WORD_TIME.search(x))
    parts = _WORD_TIME.split(line)  # text, time, text, time, text …
    spans = [(cue.start, parts[0])] + [(_seconds(parts[i]), parts[i + 1]) for i in range(1, len(parts) - 1, 2)]
    words: list[Word] = []
    for k, (start, chunk) in enumerate(spans):
        end = spans[k + 1][0] if k + 1 < len(spans) else cue.end
        start = min(max(start, cue.start), cue.end)
        words += [Word(text=w, start=start, end=max(start, min(end, cue.end))) for w in _spoken(chunk)]
    return words


def _rolling_lines(cues: list[Cue]) -> list[tuple[str, float, float]]:
    """Lines of captions without inline times, each once: repeats of the last two shown are dropped."""
    shown: list[str] = []
    out: list[tuple[str, float, float]] = []
    for cue in cues:
        for raw in cue.lines:
            line = " ".join(_spoken(raw))
            if not line or line in shown[-2:]:
                continue
            shown.append(line)
            out.append((line, cue.start, cue.end))
    return out


def read(source: Source) -> Transcript:
    cues, title = vtt_cues(source)
    turns: list[tuple[str, str, float | None, float | None]] = []
    words_of: list[list[Word] | None] = []
    if any(_WORD_TIME.search(x) for c in cues for x in c.lines):
        for cue in cues:
            if any(_WORD_TIME.search(x) for x in cue.lines):
                words = _timed_words(cue)
                if words:
                    turns.append((SPEAKER, " ".join(w.text for w in words), words[0].start, cue.end))
                    words_of.append(words)
    else:
        for line, start, end in _rolling_lines(cues):
            turns.append((SPEAKER, line, start, end))
            words_of.append(None)
    transcript = build(turns, source, NAME, info=SessionInfo(title=title, attributed=False))
    for turn, timed in zip(transcript.turns, words_of, strict=True):
        turn.words = timed
    return transcript
