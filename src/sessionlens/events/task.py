"""One session's whole pipeline, the same function on every backend (local processes, Ray).

`run_session` reads the input (ASR for a recording), applies the organiser's metadata,
analyses it and renders every asked format; it returns the files' bytes and writes nothing,
so the driver is the one writer of the output folder, the state ledger and the database.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..errors import FormatUnknown, as_package_error, one_line
from .manifest import SessionSpec

#: the event hub's index seen from a session's folder
EVENT_HOME = "../../index.html"
#: bytes read at once while hashing an input (recordings can be large)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Settings:
    """The settings that shape every session's output (part of each session's key)."""

    event: str
    engine: str
    formats: tuple[str, ...]
    taxonomy: str = "diplo"

    def as_key(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "engine": self.engine,
            "formats": sorted(self.formats),
            "taxonomy": self.taxonomy,
            "version": __version__,
        }


@dataclass(frozen=True)
class SessionTask:
    """What a worker needs: the session, the settings, its key; `threads` for ASR (0: all)."""

    spec: SessionSpec
    settings: Settings
    key: str
    threads: int = 0


@dataclass
class SessionResult:
    """A finished session: its files by name (report.json, report.md …), or the one-line reason it failed."""

    slug: str
    key: str
    files: dict[str, bytes] = field(default_factory=dict)
    meta: dict[str, str | None] = field(default_factory=dict)  # the report's title, date, start, language
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_rss_mb: float = 0.0


def session_key(spec: SessionSpec, settings: Settings) -> str:
    """sha256 of the input's bytes, then of the settings and the session's metadata."""
    h = hashlib.sha256()
    with open(spec.path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    shape = {"settings": settings.as_key(), "session": spec.metadata()}
    h.update(b"\x00" + json.dumps(shape, sort_keys=True).encode())
    return h.hexdigest()


def output_name(fmt: str) -> str:
    """report.json, report.md … : the file a format is written to in its session's folder."""
    from ..renderers import RENDERERS

    return "report" + RENDERERS[fmt].suffix


def run_session(task: SessionTask) -> SessionResult:
    """The session's report in every format; any failure becomes `reason` (never raised:
    exceptions need not survive pickling between processes)."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    result = SessionResult(slug=task.spec.slug, key=task.key)
    try:
        result.files, result.meta = _render_all(task, result.warnings)
    except Exception as exc:  # a failed session is recorded, it never stops the batch
        result.reason = event_reason(exc, task.spec)
    result.seconds = time.perf_counter() - t0
    result.cpu_seconds = time.process_time() - cpu0  # every thread of the worker: a cost the load does not inflate
    result.peak_rss_mb = _peak_rss_mb()
    return result


def event_reason(exc: Exception, spec: SessionSpec) -> str:
    """A failure as the event's pages show it, in one line: the input by its file name (a full
    path tells readers of the hub about the builder's disk, not the session) and, for an input no
    reader knows, advice that an event build can follow (the manifest's format column)."""
    own = as_package_error(exc)
    if isinstance(own, FormatUnknown):
        advised = own.advised("force one in the manifest's format column")
        reason = f"{own.source}: {advised}" if own.source else advised
    elif own is not None:
        reason = one_line(own)
    else:
        reason = f"internal error ({type(exc).__name__}: {one_line(exc)})"
    for where in dict.fromkeys([str(spec.path), str(spec.path.resolve())]):
        reason = reason.replace(where, spec.path.name)
    return reason


def _peak_rss_mb() -> float:
    """The worker process's peak resident memory so far (0 where the platform has no getrusage)."""
    try:
        import resource
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _render_all(task: SessionTask, warnings: list[str]) -> tuple[dict[str, bytes], dict[str, str | None]]:
    from ..asr.media import is_media
    from ..pipeline import analyze, ingest
    from ..renderers import render
    from ..renderers.html import render as render_html

    spec, settings = task.spec, task.settings
    asr = None
    if is_media(spec.path) and spec.format is None:
        from ..asr import AsrOptions

        asr = AsrOptions(language=spec.language, threads=task.threads)
    transcript = ingest(spec.path, spec.format, asr=asr, rename=spec.renames or None, warn=warnings.append)
    given = {
        "title": spec.title,
        "date": spec.date,
        "start_time": spec.start,
        "language": spec.language,
        "event": settings.event,
    }
    info = transcript.info.model_copy(update={k: v for k, v in given.items() if v is not None})
    transcript = transcript.model_copy(update={"info": info})
    report = analyze(transcript, settings.engine, {"taxonomy": settings.taxonomy})
    files = {}
    for fmt in settings.formats:
        # the HTML report leads back to the event hub, two folders up (OUT/sessions/<slug>/)
        out = render_html(report, home=EVENT_HOME) if fmt == "html" else render(report, fmt)
        files[output_name(fmt)] = out.encode("utf-8") if isinstance(out, str) else out
    told = report.transcript.info  # as the report tells it (event.json falls back to it)
    meta = {"title": told.title, "date": told.date, "start": told.start_time, "language": told.language}
    return files, meta
