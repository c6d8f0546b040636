"""`build_event`: a whole event in one call, the same as `sessionlens event build`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engines.llm.settings import LLMOptions
    from .batch import Backend, Counts


def build_event(
    source: str | Path,
    out: str | Path,
    *,
    engine: str | None = None,
    formats: tuple[str, ...] = ("json", "html"),
    taxonomy: str = "diplo",
    workers: int | None = None,
    ray: str | None = None,
    db: str | None = None,
    name: str | None = None,
    title: str | None = None,
    hub: bool = True,
    hub_engine: str | None = None,
    progress: Callable[[Counts], None] | None = None,
) -> list[dict[str, Any]]:
    """Build every session of `source` (a folder of transcripts/recordings, or a CSV/YAML
    manifest) into `out`, resumably, on `workers` local processes or on Ray (`ray` = "auto" or
    a cluster address); with `db`, store each session there. With `hub`, the event hub is
    written over it at the end, its summaries by `hub_engine` (default: "llm" when the
    sessions were, else "offline"). Returns event.json's session entries (status "done" or "failed")."""
    from ..store.ingest import default_engine
    from .batch import run_batch
    from .manifest import load_source
    from .task import Settings

    event = load_source(source, name, title)
    formats = tuple(dict.fromkeys(["json", *formats]))  # report.json always: event.json points to it
    settings = Settings(event=event.name, engine=engine or default_engine(), formats=formats, taxonomy=taxonomy)
    out_dir = Path(out)
    entries = run_batch(event, out_dir, settings, _backend(ray, workers), db=db, progress=progress)
    if hub and any(e["status"] == "done" for e in entries):
        publish(out_dir, hub_engine or ("llm" if settings.engine == "llm" else "offline"), None, db)
    return entries


def _backend(ray: str | None, workers: int | None) -> Callable[[], Backend]:
    if ray is not None:
        from .ray_backend import RayBackend

        return lambda: RayBackend(ray, workers)
    from .local import LocalBackend

    return lambda: LocalBackend(workers or os.cpu_count() or 1)


def publish(out: Path, engine: str = "offline", options: LLMOptions | None = None, db: str | None = None) -> Path:
    """Write the event hub of `out` (summaries by `engine`) and, with `db`, record the event's
    days and tracks there; returns the hub's index page."""
    from .event_file import load_event
    from .hub import build_hub

    event = load_event(out)  # every report, read once for the hub and the calendar
    index = build_hub(out, engine=engine, options=options, event=event)
    if db is not None:
        from ..store import open_store
        from ..store.calendar import record_calendar

        with open_store(db) as store:
            record_calendar(store, event)
    return index
