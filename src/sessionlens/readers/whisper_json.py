"""JSON segments as written by faster-whisper / WhisperX (and by `sessionlens transcribe`)."""

from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from ..models import SessionInfo, Transcript, Word
from .base import Source, build, check_time

NAME = "json"
DESCRIPTION = "Whisper/WhisperX JSON segments"


def sniff(text: str) -> float:
    head = text.lstrip()[:2000]
    if head.startswith(("{", "[")) and '"start"' in head and ('"segments"' in head or '"text"' in head):
        return 0.95
    return 0.0


def _segments(data: Any, name: str) -> list[dict[str, Any]]:
    segs = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segs, list):
        raise InputError(name, "JSON without a 'segments' list")
    return segs


def _num(value: Any, name: str, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(name, f"{what} is not a number")
    return check_time(value, name, what)  # type: ignore[return-value]


def read(source: Source) -> Transcript:
    try:
        data = json.loads(source.text)
    except json.JSONDecodeError as exc:
        raise InputError(source.name, f"invalid JSON (line {exc.lineno}: {exc.msg})") from None
    turns: list[tuple[str, str, float | None, float | None]] = []
    words_per_turn: list[list[Word] | None] = []
    last = "Speaker 1"
    for i, seg in enumerate(_segments(data, source.name)):
        if not isinstance(seg, dict) or not isinstance(seg.get("text"), str):
            raise InputError(source.name, f"segment {i} has no text")
        text = seg["text"].strip()
        if not text:
            continue
        start = _num(seg.get("start"), source.name, f"segment {i} start")
        end = _num(seg.get("end"), source.name, f"segment {i} end")
        speaker = seg.get("speaker")
        speaker = str(speaker).strip() if speaker not in (None, "") else last
        last = speaker
        words = None
        if isinstance(seg.get("words"), list):
            words = [
                Word(
                    text=str(w.get("word", w.get("text", ""))).strip(),
                    start=_num(w.get("start"), source.name, f"segment {i} word start"),
                    end=_num(w.get("end"), source.name, f"segment {i} word end"),
                    probability=w.get("probability", w.get("score")),
                )
                for w in seg["words"]
                if isinstance(w, dict) and w.get("start") is not None
            ]
        turns.append((speaker, text, start, end))
        words_per_turn.append(words)
    if not turns:
        raise InputError(source.name, "no segments with text")
    info = SessionInfo(language=data.get("language") if isinstance(data, dict) else None)
    transcript = build(turns, source, NAME, info=info)
    for turn, words in zip(transcript.turns, words_per_turn, strict=True):
        turn.words = words
    return transcript
