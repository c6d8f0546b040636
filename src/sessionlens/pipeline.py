"""The one straight pipeline: ingest -> normalise -> stats -> analyse -> assemble -> verify.

The engine writes the sections (`engines.base.Analysis`); the report around them, and its one
verification, are made here whatever the engine (issue 17).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from . import __version__
from .engines import engine_class, get_engine
from .engines.base import SECTIONS, Analysis, Engine, EngineOptions, Progress, no_progress
from .errors import InputError
from .models import Report, ReportMeta, SpeakerStats, Transcript
from .normalize import normalize, rename_speakers
from .readers import read_transcript
from .stats import compute_stats
from .suspects import find_suspects, line_warnings
from .verify import verify_report

if TYPE_CHECKING:
    from .asr.recording import AsrOptions
    from .asr.recording import Progress as AsrProgress


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
    progress: AsrProgress | None = None,
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


def engine_options(engine: str | type[Engine], options: EngineOptions | Mapping[str, Any] | None) -> EngineOptions:
    """`options` as the engine's own `Options`: a mapping's `None` values are "not given";
    a setting the engine does not know is an InputError naming it."""
    cls = engine_class(engine) if isinstance(engine, str) else engine
    if isinstance(options, cls.Options):
        return options
    if options is None:
        given: dict[str, Any] = {}
    elif isinstance(options, EngineOptions):
        given = options.model_dump(exclude_none=True)
    else:
        given = {k: v for k, v in options.items() if v is not None}
    try:
        return cls.Options.model_validate(given)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        problem = "is not one of its settings" if first["type"] == "extra_forbidden" else f": {first['msg']}"
        known = ", ".join(cls.Options.model_fields)
        raise InputError(None, f"engine {cls.name!r}: setting {where!r} {problem} (settings: {known})") from None


def analyze(
    transcript: Transcript,
    engine: str | Engine = "offline",
    options: EngineOptions | Mapping[str, Any] | None = None,
    *,
    progress: Progress = no_progress,
) -> Report:
    """The report of `transcript`: statistics, the engine's analysis, then one verification.

    Args:
        transcript: a normalised transcript (`ingest`).
        engine: a registered engine's name (`sessionlens.engines.ENGINES`), or an engine instance.
        options: the engine's `Options`, or a mapping of its settings (`None` = not given).
        progress: called with (stage, fraction done) while the engine runs.

    Returns:
        The verified report, with timings in its meta.
    """
    t0 = time.perf_counter()
    stats = compute_stats(transcript)
    t1 = time.perf_counter()
    chosen = get_engine(engine) if isinstance(engine, str) else engine
    analysis = chosen.analyze(transcript, engine_options(type(chosen), options), progress)
    t2 = time.perf_counter()
    report = assemble(transcript, stats, analysis, chosen.name)
    report = verify_report(report)
    t3 = time.perf_counter()
    timings = {**report.meta.timings, "stats": t1 - t0, "analyze": t2 - t1, "verify": t3 - t2}
    return report.model_copy(update={"meta": report.meta.model_copy(update={"timings": timings})})


def assemble(transcript: Transcript, stats: list[SpeakerStats], analysis: Analysis, engine: str) -> Report:
    """The report of an engine's `analysis`: its sections, the transcript, statistics and meta."""
    meta = ReportMeta(
        generator=f"sessionlens {__version__}",
        engine=engine,
        model=analysis.model,
        taxonomy=analysis.taxonomy,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        degraded_sections=list(analysis.degraded_sections),
        usage=list(analysis.usage),
        timings=dict(analysis.timings),
    )
    report = Report(
        transcript=transcript,
        stats=stats,
        verification=analysis.prechecked,
        meta=meta,
        **{name: getattr(analysis, name) for name in SECTIONS},
    )
    report.link_relations()
    return report
