"""A two-voice espeak-ng clip and YouTube-style captions (no speakers) written from its true times."""

from __future__ import annotations

from pathlib import Path

from .dialogue import GAP_SECONDS, TrueTurn, synthesize

#: Two voices (dialogue.VOICES: Maria en-gb+f3, David en-us+m3), four turns, about 25 s.
SCRIPT: list[tuple[str, str]] = [
    ("Maria", "Welcome to the panel on clean water. David, how do we pay for new pipes?"),
    ("David", "Thank you. A small fee on every bill would fund the work within ten years."),
    ("Maria", "And what about families who cannot pay that fee?"),
    ("David", "They would be exempt, and the city would cover their share from the general budget."),
]

#: Words per caption cue, as YouTube shows them (a cue may hold the end of one turn and
#: the start of the next: captions know nothing of speakers).
CUE_WORDS = 7


def _stamp(t: float) -> str:
    return f"{int(t // 3600):02d}:{int(t % 3600 // 60):02d}:{t % 60:06.3f}"


def word_times(turns: list[TrueTurn]) -> list[tuple[str, str, float, float]]:
    """(speaker, word, start, end) for every word: each turn's time shared by letters (a close
    guess for synthetic speech at an even rate)."""
    out = []
    for t in turns:
        ws = t.text.split()
        weights = [len(w) + 1 for w in ws]
        per = (t.end - t.start) / sum(weights)
        at = t.start
        for w, n in zip(ws, weights, strict=True):
            out.append((t.speaker, w, at, at + n * per))
            at += n * per
    return out


def youtube_vtt(turns: list[TrueTurn]) -> str:
    """YouTube auto-caption WebVTT of the words: rolling cues with inline word times."""
    words = word_times(turns)
    lines = ["WEBVTT", "Kind: captions", "Language: en", ""]
    prev = ""
    for i in range(0, len(words), CUE_WORDS):
        chunk = words[i : i + CUE_WORDS]
        start, end = chunk[0][2], chunk[-1][3]
        timed = chunk[0][1] + "".join(f"<{_stamp(s)}><c> {w}</c>" for _, w, s, _ in chunk[1:])
        lines += [f"{_stamp(start)} --> {_stamp(end)} align:start position:0%", *([prev] if prev else []), timed, ""]
        prev = " ".join(w for _, w, _, _ in chunk)
    return "\n".join(lines)


def make(out_dir: Path, gap_seconds: float = GAP_SECONDS) -> tuple[Path, Path, list[TrueTurn]]:
    """The clip (wav, turns `gap_seconds` apart), its captions (vtt) and the true turns."""
    wav, turns = synthesize(out_dir, SCRIPT, gap_seconds)
    vtt = out_dir / "captions.vtt"
    vtt.write_text(youtube_vtt(turns), encoding="utf-8")
    return wav, vtt, turns
