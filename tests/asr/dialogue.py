"""A scripted three-voice dialogue spoken by espeak-ng, with its true turn times.

Used by the ASR tests and by `benchmarks/asr.py`. Each turn is synthesised on its own,
its leading and trailing silence trimmed, and the turns are joined with fixed gaps, so
the start and end of every turn and each voice's speech time are known exactly.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import wave
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

#: espeak-ng voice, words per minute, pitch (0-99) for each scripted person.
VOICES: dict[str, tuple[str, int, int]] = {
    "Maria": ("en-gb+f3", 165, 70),
    "David": ("en-us+m3", 165, 35),
    "Anna": ("en-us+f5", 170, 55),
}

SCRIPT: list[tuple[str, str]] = [
    (
        "Maria",
        "Good morning and welcome to our panel on public transport in the city. "
        "I am Maria and I will chair today. David, would you like to start?",
    ),
    (
        "David",
        "Thank you, Maria. I believe the city should invest much more in buses and trains. "
        "Many people cannot afford a car, and they need a reliable way to get to work.",
    ),
    ("Maria", "Thank you, David. Anna, what is your view?"),
    (
        "Anna",
        "I agree that buses matter, but we also need safe roads for bicycles. "
        "Cycling is cheap, it is healthy, and it takes very little space.",
    ),
    ("David", "Bicycles are good in summer. In winter most people will still want a warm bus."),
    (
        "Anna",
        "That is true, but cities with cold winters have shown that people keep cycling "
        "when the paths are cleared of snow.",
    ),
    ("Maria", "Let us talk about money. Where should the funding come from?"),
    (
        "David",
        "A small charge for cars entering the centre would pay for new buses within a few years.",
    ),
    ("Anna", "I support that charge, as long as the money also pays for cycle paths."),
    ("Maria", "Thank you both. That is all the time we have today. Goodbye."),
]

GAP_SECONDS = 0.7
RATE = 22050  # espeak-ng's native rate: the decoder must resample it


@dataclass(frozen=True)
class TrueTurn:
    speaker: str
    text: str
    start: float
    end: float


def have_espeak() -> bool:
    """Whether espeak-ng is installed (tests skip with a reason where it is not)."""
    return shutil.which("espeak-ng") is not None


def _speak(text: str, voice: tuple[str, int, int], out: Path) -> np.ndarray:
    name, speed, pitch = voice
    subprocess.run(
        ["espeak-ng", "-v", name, "-s", str(speed), "-p", str(pitch), "-w", str(out), text],
        check=True,
        capture_output=True,
    )
    with wave.open(str(out)) as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1
        pcm = np.frombuffer(w.readframes(w.getnframes()), np.int16)
    loud = np.flatnonzero(np.abs(pcm) > 300)
    return pcm[loud[0] : loud[-1] + 1]


def synthesize(
    out_dir: Path, script: list[tuple[str, str]] = SCRIPT, gap_seconds: float = GAP_SECONDS
) -> tuple[Path, list[TrueTurn]]:
    """Speak `script` into `out_dir/dialogue.wav` (22.05 kHz mono), turns `gap_seconds` apart;
    return it and the true turns."""
    out_dir.mkdir(parents=True, exist_ok=True)
    gap = np.zeros(int(gap_seconds * RATE), np.int16)
    pieces: list[np.ndarray] = [np.zeros(int(GAP_SECONDS * RATE), np.int16)]
    turns: list[TrueTurn] = []
    t = GAP_SECONDS
    for i, (speaker, text) in enumerate(script):
        pcm = _speak(text, VOICES[speaker], out_dir / f"turn{i}.wav")
        turns.append(TrueTurn(speaker, text, round(t, 3), round(t + len(pcm) / RATE, 3)))
        pieces += [pcm, gap]
        t += (len(pcm) + len(gap)) / RATE
    path = out_dir / "dialogue.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(np.concatenate(pieces).tobytes())
    (out_dir / "truth.json").write_text(json.dumps([asdict(x) for x in turns], indent=1))
    return path, turns


_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def words(text: str) -> list[str]:
    """Lower-case words without punctuation, small numbers spelt out (for WER)."""
    out = []
    for w in re.findall(r"[\w']+", text.lower()):
        out.append(_SMALL[int(w)] if w.isdigit() and int(w) < len(_SMALL) else w)
    return out


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level edit distance over the reference length."""
    ref, hyp = words(reference), words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(1, len(ref))
