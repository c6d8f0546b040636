"""The one straight pipeline: ingest -> normalise -> stats -> analyse -> verify."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .engines import AnalysisOptions, get_engine
from .errors import InputError
from .models import Report, Transcript
from .normalize import normalize, rename_speakers
from .readers import read_transcript
from .stats import compute_stats
from .suspects import find_suspects, line_warnings
from .verify import verify_report

if TYPE_CHECKING:
    from .asr.recording import AsrOptions, Progress


def prepare(transcript: Transcript, rename: dict[str, str] | None = None) -> Transcript:
    """Normalise speakers, apply the user's renames and flag attribution suspects on a raw
    transcript; the readers' suspects (label-like lines) are kept."""
    transcript = normalize(transcript)
    if rename:
        transcript = rename_speakers(transcript, rename)
    kept = [s.model_copy(update={"speaker": transcript.turns[s.turn_index].speaker}) for s in transcript.suspects]
    found = sorted(kept + find_suspects(transcript), key=lambda s: s.turn_index)
    return transcript.model_copy(update={"suspects": found})


def ingest(
    path: str | Path,
    fmt: str | None = None,
    asr: AsrOptions | None = None,
    progress: Progress | None = None,
    rename: dict[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
    recording: str | Path | None = None,
) -> Transcript:
    """Read any supported input into a normalised Transcript; recordings go through ASR
    (`asr` options, `progress(done_seconds, total_seconds)` while it runs). `rename` maps
    speaker names to the user's; `warn` gets one line per label-like line that was not
    taken as a label (default: stderr). `recording`: the audio of a caption file without
    speakers, diarized to attribute its cues (`asr.speakers` voices, else estimated)."""
    from .asr.media import is_media  # no dependencies: the asr extra may be absent

    if recording is not None and is_media(path):
        raise InputError(path, "is itself a recording: --recording is for a caption file's audio")
    if fmt is None and is_media(path):
        from .asr import transcribe_recording

        return prepare(transcribe_recording(path, asr, progress).transcript, rename)
    raw = read_transcript(path, fmt)
    if recording is not None:
        from .asr.align_captions import attribute_from_recording

        raw = attribute_from_recording(raw, recording, asr.speakers if asr else None, asr.embedder if asr else None)
    for line in line_warnings(raw):
        (warn or _stderr)(f"sessionlens: warning: {path}: {line}")
    return prepare(raw, rename)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def analyze(
    transcript: Transcript, engine: str = "offline", options: AnalysisOptions | None = None
) -> Report:
    """Statistics, then the engine's analysis, then verification; timings in meta."""
    options = options or AnalysisOptions()
    t0 = time.perf_counter()
    stats = compute_stats(transcript)
    t1 = time.perf_counter()
    report = get_engine(engine).analyze(transcript, stats, options)
    t2 = time.perf_counter()
    report = verify_report(report)
    t3 = time.perf_counter()
    meta = report.meta.model_copy(
        update={
            "generator": f"sessionlens {__version__}",
            "engine": report.meta.engine or engine,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "timings": {**report.meta.timings, "stats": t1 - t0, "analyze": t2 - t1, "verify": t3 - t2},
        }
    )
    return report.model_copy(update={"meta": meta, "stats": report.stats or stats})

