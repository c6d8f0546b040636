"""Per-speaker statistics: exact, deterministic, a pure function of the transcript."""

from __future__ import annotations

from collections import defaultdict

from .models import SpeakerStats, Transcript

#: a usual speaking rate, for time estimated from words where nothing of a session is timed
SPEAKING_WPM = 150


def word_count(text: str) -> int:
    """Whitespace tokens, as the reference counts them."""
    return len(text.split())


def compute_stats(transcript: Transcript) -> list[SpeakerStats]:
    """Words, turns, time and speed per speaker, in order of first appearance.

    A turn is a run of consecutive segments by the same speaker. Time is the sum of the
    speaker's segment durations where every segment has one; otherwise, when the session's
    duration is known, an estimate from the session's average rate (marked `estimated`).
    """
    words: dict[str, int] = defaultdict(int)
    runs: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = defaultdict(float)
    timed: dict[str, bool] = defaultdict(lambda: True)
    estimated: dict[str, bool] = defaultdict(bool)
    order: list[str] = []
    prev = None
    for turn in transcript.turns:
        name = turn.speaker
        if name not in words:
            order.append(name)
        words[name] += word_count(turn.text)
        if name != prev:
            runs[name] += 1
        prev = name
        if turn.start is not None and turn.end is not None and turn.end >= turn.start:
            seconds[name] += turn.end - turn.start
            estimated[name] |= turn.time_estimated
        else:
            timed[name] = False

    total_words = sum(words.values())
    duration = transcript.info.duration_seconds
    roles = {s.name: ", ".join(x for x in (s.role, s.affiliation) if x) or None for s in transcript.speakers}
    out: list[SpeakerStats] = []
    for name in order:
        secs: float | None = None
        est = False
        if timed[name] and seconds[name] > 0:
            secs, est = seconds[name], estimated[name]
        elif duration and total_words:
            secs, est = duration * words[name] / total_words, True
        out.append(
            SpeakerStats(
                name=name,
                role=roles.get(name),
                words=words[name],
                turns=runs[name],
                seconds=round(secs, 2) if secs is not None else None,
                wpm=round(words[name] / secs * 60, 1) if secs else None,
                estimated=est,
                word_share=round(words[name] / total_words, 4) if total_words else 0.0,
            )
        )
    total_time = sum(s.seconds or 0 for s in out)
    if total_time and all(s.seconds is not None for s in out):
        for s in out:
            s.time_share = round((s.seconds or 0) / total_time, 4)
    return out
