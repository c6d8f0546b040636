"""Read, analyse and store one transcript: what `sessionlens add` and a web upload job do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..engines import missing
from ..models import Transcript
from ..pipeline import analyze, ingest, prepare
from ..readers import read_text
from .base import Store
from .views import AddResult

if TYPE_CHECKING:
    from ..asr.recording import AsrOptions

Progress = Callable[[str, float], None]


def default_engine() -> str:
    """'offline' when its module and models are installed, else 'none' (statistics only)."""
    return "none" if missing("offline") else "offline"


def store_transcript(store: Store, transcript: Transcript, event: str | None, engine: str,
                     progress: Progress | None = None, replace: bool = False,
                     taxonomy: str = "diplo") -> AddResult:
    """Analyse `transcript` with `engine` and store the report (one transaction)."""
    def step(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, fraction)

    step("analysing", 0.1)
    report = analyze(transcript, engine, {"taxonomy": taxonomy},
                     progress=lambda s, f: step(s, 0.1 + 0.8 * max(0.0, min(1.0, f))))
    step("storing", 0.9)
    result = store.add_report(report, event, replace=replace)
    step("done", 1.0)
    return result


def add_path(store: Store, path: str | Path, event: str | None, engine: str,
             fmt: str | None = None, progress: Progress | None = None,
             replace: bool = False, taxonomy: str = "diplo",
             rename: dict[str, str] | None = None, recording: str | Path | None = None,
             asr: AsrOptions | None = None) -> AddResult:
    """Ingest a transcript file (speakers renamed by `rename`; captions attributed from their
    `recording`, see `pipeline.ingest`) and store its report."""
    transcript = ingest(path, fmt, rename=rename, recording=recording, asr=asr)
    return store_transcript(store, transcript, event, engine, progress, replace, taxonomy)


#: header fields an upload form may set (what the organiser types wins over the input's)
FORM_FIELDS = ("title", "date", "start_time", "end_time")


def read_bytes(data: bytes, filename: str, meta: dict[str, str] | None = None) -> Transcript:
    """An uploaded transcript (never written to disk), with the form's header fields applied."""
    transcript = prepare(read_text(data, name=filename))
    given = {k: v.strip() for k, v in (meta or {}).items() if k in FORM_FIELDS and v and v.strip()}
    if given:
        transcript = transcript.model_copy(update={"info": transcript.info.model_copy(update=given)})
    return transcript


def add_bytes(store: Store, data: bytes, filename: str, event: str | None, engine: str,
              progress: Progress | None = None, meta: dict[str, str] | None = None,
              replace: bool = False, transcript: Transcript | None = None) -> AddResult:
    """Ingest uploaded bytes and store the report, with the upload form's metadata;
    `transcript`: those bytes already read with that metadata (they are not parsed again)."""
    if transcript is None:
        transcript = read_bytes(data, filename, meta)
    result = store_transcript(store, transcript, event, engine, progress, replace)
    if meta and meta.get("track"):
        store.set_track(result.session_id, meta["track"])
    return result
