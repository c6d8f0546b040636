"""Recording -> speaker-attributed Transcript: decode, recognise, embed, cluster, name.

The recording is streamed in windows (10 minutes by default): each window is recognised,
and each of its segments gets a voice embedding while its audio is still in memory; only
text, timings and one small vector per segment are kept. The last segment of a window may
be cut off by the window's edge, so it is dropped and recognised again at the start of the
next window. Memory therefore does not grow with the length of the recording's audio.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InputError
from ..models import SessionInfo, Speaker, Transcript, Turn, Word
from .decode import SAMPLE_RATE, blocks, probe
from .diarize import DEFAULT_EMBEDDER, Embedder, cluster, get_embedder
from .naming import Proposal, apply_names, propose_names
from .pieces import join_pieces, split_segments
from .speakers import settle_short_pieces
from .transcribe import DEFAULT_MODEL, Segment, load_model, recognize

#: progress(done_seconds, total_seconds or None)
Progress = Callable[[float, float | None], None]

#: Segments whose end lies this close to a window's edge are redone in the next window.
_EDGE_SECONDS = 15.0
#: Audio around a segment's words also goes into its embedding (word times are tight).
_EMBED_PAD = 0.3


class AsrOptions(BaseModel):
    """How a recording is turned into a transcript (the `transcribe` command's options)."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(DEFAULT_MODEL, description="Packaged model name or model directory.")
    language: str | None = Field(None, description="Fix the language (e.g. 'en', 'fr').")
    speakers: int | None = Field(None, ge=1, description="Number of speakers; None = estimate.")
    embedder: str = Field(DEFAULT_EMBEDDER, description="Voice embedding: dvector, spectral or resemblyzer.")
    names: dict[str, str] = Field(default_factory=dict, description="Label -> name.")
    auto_names: bool = Field(False, description="Apply the names proposed from the speech.")
    compute_type: str = "float32"
    threads: int = Field(0, ge=0, description="CPU threads for ASR; 0 = all cores (up to 8).")
    beam_size: int = Field(5, ge=1)
    window_seconds: float = Field(600.0, ge=120.0, description="Audio held in memory at once.")


@dataclass
class Recognition:
    """The expensive part of a run: segments, their speaker pieces and raw voice embeddings.

    `pieces` are the segments cut where the speaker may change (`pieces.split_segment`);
    `groups[i]` is the index of piece i's segment; `vectors[i]` is piece i's embedding.
    """

    source: str
    duration: float
    language: str
    model: str
    segments: list[Segment]
    pieces: list[Segment]
    groups: list[int]
    vectors: np.ndarray
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class AsrResult:
    """A transcribed recording: the Transcript plus what only ASR knows."""

    transcript: Transcript
    recognition: Recognition
    labels: list[str]
    names: dict[str, str]
    proposals: list[Proposal]
    #: indexes of turns whose speaker is a guess (a short piece no voice clearly claims)
    uncertain: list[int] = field(default_factory=list)


def _embed_spans(
    segments: list[Segment],
    prev_end: float | None,
    next_start: float | None,
    lo_limit: float,
    hi_limit: float,
) -> list[tuple[float, float]]:
    """Each segment's embedding span: padded, but never past half the gap to a neighbour."""
    spans = []
    for i, s in enumerate(segments):
        before = segments[i - 1].end if i else prev_end
        after = segments[i + 1].start if i + 1 < len(segments) else next_start
        lo = s.start - _EMBED_PAD if before is None else max(s.start - _EMBED_PAD, (before + s.start) / 2)
        hi = s.end + _EMBED_PAD if after is None else min(s.end + _EMBED_PAD, (s.end + after) / 2)
        spans.append((max(lo, lo_limit), min(hi, hi_limit)))
    return spans


def recognize_recording(
    path: str | Path, options: AsrOptions | None = None, progress: Progress | None = None
) -> Recognition:
    """Decode, recognise and embed a recording, window by window (bounded memory)."""
    options = options or AsrOptions()
    path = Path(path)
    info = probe(path)  # fails early, with one line, on files that are no recordings
    embedder: Embedder = get_embedder(options.embedder)
    t0 = time.perf_counter()
    model = load_model(options.model, options.compute_type, options.threads)
    if options.language not in (None, "en") and not model.model.is_multilingual:
        raise InputError(
            None,
            f"model {options.model!r} knows English only: use --asr-model base for language {options.language!r}",
        )
    timings = {"load": time.perf_counter() - t0, "asr": 0.0, "embed": 0.0}
    window = int(options.window_seconds * SAMPLE_RATE)
    stream = blocks(path, seconds=60.0)
    buf = np.zeros(0, np.float32)
    buf_t0 = 0.0  # seconds at buf[0]
    exhausted = False
    language = options.language
    segments: list[Segment] = []
    pieces: list[Segment] = []
    groups: list[int] = []
    vectors: list[np.ndarray] = []
    total = info.duration
    done = 0.0

    def on_time(t: float) -> None:
        nonlocal done
        # segments dropped at a window's edge are heard again: never report going back
        if progress is not None and t > done:
            done = t
            progress(t, total)

    while True:
        while len(buf) < window and not exhausted:
            try:
                buf = np.concatenate([buf, next(stream)])
            except StopIteration:
                exhausted = True
        if len(buf) == 0:
            break
        chunk = buf[:window]
        final = exhausted and len(buf) <= window
        end_t = buf_t0 + len(chunk) / SAMPLE_RATE
        t1 = time.perf_counter()
        found, detected = recognize(
            model,
            chunk,
            offset=buf_t0,
            language=language,
            beam_size=options.beam_size,
            on_time=on_time,
        )
        timings["asr"] += time.perf_counter() - t1
        if found and language is None:
            language = detected  # fixed from here on: no switching mid-session
        keep = found if final else [s for s in found if s.end <= end_t - _EDGE_SECONDS]
        t2 = time.perf_counter()
        rest = found[len(keep) :]
        new_pieces, new_groups = split_segments(keep, len(segments))
        vectors += embed_pieces(
            embedder, chunk, buf_t0, new_pieces, pieces[-1].end if pieces else None, rest[0].start if rest else None
        )
        timings["embed"] += time.perf_counter() - t2
        segments.extend(keep)
        pieces.extend(new_pieces)
        groups.extend(new_groups)
        on_time(end_t if final else (keep[-1].end if keep else buf_t0))
        if final:
            break
        # next window starts after the last kept segment, or where the dropped ones begin
        next_t = keep[-1].end if keep else (rest[0].start if rest else end_t - _EDGE_SECONDS)
        shift = max(int((next_t - buf_t0) * SAMPLE_RATE), SAMPLE_RATE)
        buf = buf[shift:]
        buf_t0 += shift / SAMPLE_RATE
    duration = info.duration or buf_t0 + len(buf) / SAMPLE_RATE
    if not segments:
        raise InputError(path, "no speech found in the recording")
    return Recognition(
        source=path.name,
        duration=round(duration, 3),
        language=language or "en",
        model=options.model,
        segments=segments,
        pieces=pieces,
        groups=groups,
        vectors=np.stack(vectors),
        timings=timings,
    )


def embed_pieces(
    embedder: Embedder,
    audio: np.ndarray,
    audio_t0: float,
    pieces: list[Segment],
    prev_end: float | None,
    next_start: float | None,
) -> list[np.ndarray]:
    """One voice embedding per piece, from `audio` (which starts at `audio_t0` seconds)."""
    end_t = audio_t0 + len(audio) / SAMPLE_RATE
    out = []
    for lo, hi in _embed_spans(pieces, prev_end, next_start, audio_t0, end_t):
        a, b = int((lo - audio_t0) * SAMPLE_RATE), int((hi - audio_t0) * SAMPLE_RATE)
        out.append(embedder.embed(audio[a:b]))
    return out


def speaker_labels(
    recognition: Recognition, n_speakers: int | None, embedder: str = DEFAULT_EMBEDDER
) -> tuple[list[str], list[bool]]:
    """`Speaker k` per piece, by clustering the voice embeddings; and which are guesses."""
    t = time.perf_counter()
    voice = get_embedder(embedder)
    prepared = voice.prepare(recognition.vectors)
    durations = np.array([s.end - s.start for s in recognition.pieces])
    index = cluster(prepared, durations, n_speakers, threshold=voice.count_threshold)
    index, unsure = settle_short_pieces(prepared, durations, recognition.groups, index)
    recognition.timings["cluster"] = time.perf_counter() - t
    return [f"Speaker {i + 1}" for i in index], unsure


def speaker_turns(recognition: Recognition, labels: list[str]) -> list[tuple[Segment, str, list[int]]]:
    """Pieces joined into turns: (segment, label, piece indexes); a whole segment keeps its text."""
    joined = join_pieces(recognition.pieces, recognition.groups, labels)
    whole = np.bincount(recognition.groups)
    out = []
    for seg, label, members in joined:
        group = recognition.groups[members[0]]
        out.append((recognition.segments[group] if len(members) == whole[group] else seg, label, members))
    return out


def build_transcript(recognition: Recognition, labels: list[str], names: dict[str, str]) -> Transcript:
    """One turn per segment (or per speaker within it), times from its words (measured, not padded)."""
    turns = [
        Turn(
            index=i,
            speaker=names.get(label, label),
            text=seg.text,
            start=seg.start,
            end=seg.end,
            words=[Word(text=w.text, start=w.start, end=w.end, probability=w.probability) for w in seg.words],
        )
        for i, (seg, label, _) in enumerate(speaker_turns(recognition, labels))
    ]
    speakers = [Speaker(name=names.get(x, x), listed=False) for x in dict.fromkeys(labels)]
    info = SessionInfo(
        source=recognition.source,
        format="asr",
        language=recognition.language,
        duration_seconds=recognition.duration,
    )
    return Transcript(info=info, speakers=speakers, turns=turns)


def transcribe_recording(
    path: str | Path, options: AsrOptions | None = None, progress: Progress | None = None
) -> AsrResult:
    """The whole ASR path: recording -> speaker-attributed, timestamped Transcript."""
    options = options or AsrOptions()
    recognition = recognize_recording(path, options, progress)
    labels, unsure = speaker_labels(recognition, options.speakers, options.embedder)
    proposals = propose_names(build_transcript(recognition, labels, {}).turns)
    names = apply_names(list(dict.fromkeys(labels)), options.names, proposals if options.auto_names else None)
    turns = speaker_turns(recognition, labels)
    uncertain = [i for i, (_, _, members) in enumerate(turns) if any(unsure[m] for m in members)]
    return AsrResult(build_transcript(recognition, labels, names), recognition, labels, names, proposals, uncertain)
