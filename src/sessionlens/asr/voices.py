"""Who spoke when in a recording that comes with its own text (captions): no recognition.

The recording is read twice, streamed: first the loudness of every 30 ms frame, which
gives the speech regions; then the audio of each region, cut into pieces of about 1.5 s,
each embedded with the diarizer's voice embedding. The pieces are clustered by the
diarizer (`diarize.cluster`) and neighbouring pieces of one voice are joined into
`VoiceSegment`s. Memory holds one block of audio and one small vector per piece.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from . import diarize
from .decode import SAMPLE_RATE, blocks

_HOP = int(0.03 * SAMPLE_RATE)
#: A frame is speech when this much louder (dB) than the quiet floor of the recording ...
ABOVE_FLOOR_DB = 12.0
#: ... and no more than this below its loud frames (a recording with no silence at all).
BELOW_PEAK_DB = 40.0
#: Pauses shorter than this are breaths inside speech, not the end of a region.
BRIDGE_SECONDS = 0.15
#: Regions shorter than this are clicks, not words.
MIN_REGION_SECONDS = 0.2
#: Regions are cut into pieces of about this length: long enough for a voice embedding,
#: short enough that a change of speaker inside one moves the boundary by under a second.
PIECE_SECONDS = 1.5
#: ... at the quietest moment (loudness smoothed over 150 ms) within this many seconds.
SNAP_SECONDS = 0.5
_SMOOTH_FRAMES = 5


@dataclass(frozen=True)
class VoiceSegment:
    """A stretch of speech by one voice (`speaker` counts from 0 in order of first speech)."""

    start: float
    end: float
    speaker: int


def speech_regions(db: np.ndarray, hop_seconds: float) -> list[tuple[float, float]]:
    """(start, end) seconds of speech from per-frame loudness in dB."""
    if len(db) == 0:
        return []
    floor, peak = np.percentile(db, 10), np.percentile(db, 99)
    loud = db > max(floor + ABOVE_FLOOR_DB, peak - BELOW_PEAK_DB)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], loud.astype(np.int8), [0]])))
    regions: list[tuple[float, float]] = []
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        start, end = a * hop_seconds, b * hop_seconds
        if regions and start - regions[-1][1] < BRIDGE_SECONDS:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return [(round(float(a), 3), round(float(b), 3)) for a, b in regions if b - a >= MIN_REGION_SECONDS]


def pieces(
    regions: list[tuple[float, float]],
    seconds: float = PIECE_SECONDS,
    db: np.ndarray | None = None,
    hop_seconds: float = _HOP / SAMPLE_RATE,
) -> list[tuple[float, float]]:
    """Each region cut into pieces of about `seconds`; with the frame loudness `db`, each cut
    moves to the quietest moment within SNAP_SECONDS of it, where a change of speaker is likeliest."""
    smooth = None if db is None else np.convolve(db, np.ones(_SMOOTH_FRAMES) / _SMOOTH_FRAMES, mode="same")
    out = []
    for a, b in regions:
        k = max(1, round((b - a) / seconds))
        cuts = [a + (b - a) * i / k for i in range(k + 1)]
        if smooth is not None:
            for i in range(1, k):
                lo = max(int((cuts[i] - SNAP_SECONDS) / hop_seconds), 0)
                hi = min(int((cuts[i] + SNAP_SECONDS) / hop_seconds) + 1, len(smooth))
                if hi > lo:
                    cuts[i] = round((lo + int(np.argmin(smooth[lo:hi])) + 0.5) * hop_seconds, 3)
        out += list(itertools.pairwise(cuts))
    return out


def _frame_db(path: Path) -> np.ndarray:
    parts, rest = [], np.zeros(0, np.float32)
    for block in blocks(path, seconds=60.0):
        audio = np.concatenate([rest, block])
        n = len(audio) // _HOP
        frames = audio[: n * _HOP].reshape(n, _HOP)
        parts.append(10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-10))
        rest = audio[n * _HOP :]
    return np.concatenate(parts) if parts else np.zeros(0)


def _embed(path: Path, spans: list[tuple[float, float]], embedder: diarize.Embedder) -> np.ndarray:
    """One voice vector per span (spans in time order), streaming the audio once."""
    vectors: list[np.ndarray] = []
    buf, buf_t0 = np.zeros(0, np.float32), 0.0
    stream = blocks(path, seconds=60.0)
    for lo, hi in spans:
        while buf_t0 + len(buf) / SAMPLE_RATE < hi:
            block = next(stream, None)
            if block is None:
                break
            buf = np.concatenate([buf, block])
        a, b = int((lo - buf_t0) * SAMPLE_RATE), int((hi - buf_t0) * SAMPLE_RATE)
        vectors.append(embedder.embed(buf[max(a, 0) : b]))
        drop = max(a, 0)  # the next span starts at or after this one
        buf, buf_t0 = buf[drop:], buf_t0 + drop / SAMPLE_RATE
    return np.stack(vectors)


def diarize_recording(
    path: str | Path, n_speakers: int | None = None, embedder: str | None = None
) -> list[VoiceSegment]:
    """Voice segments of a recording, by the project's diarizer; `n_speakers` None estimates."""
    path = Path(path)
    db = _frame_db(path)
    spans = pieces(speech_regions(db, _HOP / SAMPLE_RATE), db=db)
    if not spans:
        raise InputError(path, "no speech found in the recording")
    # the diarizer's own default embedder, whatever it is in this version
    voice = diarize.get_embedder(embedder or getattr(diarize, "DEFAULT_EMBEDDER", "spectral"))
    prepared = voice.prepare(_embed(path, spans, voice))
    durations = np.array([b - a for a, b in spans])
    # the embedder's count threshold, where this diarizer has one (used when N is estimated)
    extra = {"threshold": voice.count_threshold} if hasattr(voice, "count_threshold") else {}
    labels = diarize.cluster(prepared, durations, n_speakers, **extra)
    out: list[VoiceSegment] = []
    for (a, b), k in zip(spans, labels.tolist(), strict=True):
        if out and out[-1].speaker == k and abs(out[-1].end - a) < 1e-6:
            out[-1] = VoiceSegment(out[-1].start, b, k)
        else:
            out.append(VoiceSegment(a, b, k))
    return out
