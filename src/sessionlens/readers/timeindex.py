"""Time-indexed interviews: `:MM:SS:` / `HH:MM:SS:` question lines, then quoted answers.

Each index marks when a question starts. The interval up to the next index holds the
question and its answer; their split is estimated by word share and marked as estimated.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..models import SessionInfo, Speaker, Transcript
from ..stats import SPEAKING_WPM
from .base import Source, build, clean_line
from .interview import interview_names
from .labelled import parse_timestamp

NAME = "timeindex"
DESCRIPTION = "Time-indexed interview (:MM:SS: question, quoted answer)"

_INDEX = re.compile(r"^:?(?P<ts>(?:\d{1,2}:)?\d{1,2}:\d{2}):\s*(?P<text>.*)$")


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text.splitlines()]
    hits = sum(1 for x in lines if _INDEX.match(x) and len(x) > 12)
    quoted = sum(1 for x in lines if x.startswith(('"', "“")))
    if hits >= 3 and quoted >= 2:
        return 0.95
    return 0.0


def read(source: Source) -> Transcript:
    host, guest, role = interview_names(source.text)
    blocks: list[tuple[float, str, list[str]]] = []
    for raw in source.text.splitlines():
        line = clean_line(raw)
        if not line:
            continue
        m = _INDEX.match(line)
        if m and m.group("text"):
            blocks.append((parse_timestamp(m.group("ts")), m.group("text"), []))
        elif blocks:
            blocks[-1][2].append(line)
    if len(blocks) < 2:
        raise InputError(source.name, "fewer than two time-indexed questions found")
    words = [len(q.split()) + sum(len(a.split()) for a in ans) for _, q, ans in blocks]
    rate = _words_per_second(blocks, words)
    turns: list[tuple[str, str, float | None, float | None]] = []
    for i, (start, question, answer) in enumerate(blocks):
        end = blocks[i + 1][0] if i + 1 < len(blocks) else start + words[i] / rate
        q_words = len(question.split())
        q_end = start + (end - start) * q_words / max(words[i], 1)
        turns.append((host, question, start, q_end if answer else end))
        if answer:
            turns.append((guest, " ".join(answer), q_end, end))
    info = SessionInfo(title=f"Interview with {guest}" if guest != "Interviewee" else None)
    speakers = [Speaker(name=host, role="Interviewer", is_moderator=True), Speaker(name=guest, role=role)]
    # Only question starts are read from the index; the rest of the timing is an estimate.
    return build(turns, source, NAME, info=info, speakers=speakers, time_estimated=True)


def _words_per_second(blocks: list[tuple[float, str, list[str]]], words: list[int]) -> float:
    span = blocks[-1][0] - blocks[0][0]
    counted = sum(words[:-1])
    return counted / span if span > 0 and counted else SPEAKING_WPM / 60
