"""Build a whole event: every session through `run_session` on a backend, resumably.

The driver alone writes: each session's files (atomically, in `OUT/sessions/<slug>/`), its
ledger entry (`OUT/.state/`), its rows in the database (one transaction) and, at the end,
`OUT/event.json`. A re-run skips sessions whose key is done, redoes changed ones, retries
failed ones and stores sessions done on disk but not yet in the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from ..safe_output import write_file
from .ledger import Ledger, exclusive
from .manifest import EventSource, SessionSpec, clock
from .task import SessionResult, SessionTask, Settings, output_name, session_key

SESSIONS_DIR = "sessions"
EVENT_FILE = "event.json"
_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d/%m/%Y")


class Backend(Protocol):
    name: str
    slots: int
    threads: int

    def submit(self, task: SessionTask) -> Any: ...
    def wait(self, pending: dict[Any, SessionTask]) -> list[tuple[Any, SessionResult]]: ...
    def close(self) -> None: ...


@dataclass
class Counts:
    """Where the build stands: sessions in all, done (this run or before), failed, running."""

    total: int
    done: int = 0
    failed: int = 0
    running: int = 0


def run_batch(
    source: EventSource,
    out_dir: Path,
    settings: Settings,
    backend: Callable[[], Backend],
    db: str | None = None,
    progress: Callable[[Counts], None] | None = None,
) -> list[dict[str, Any]]:
    """Build every session of `source` into `out_dir`; `backend` is called only when there is work.
    Returns event.json's session entries."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with exclusive(out_dir):
        return _build(source, out_dir, settings, backend, db, progress or (lambda c: None))


def _build(
    source: EventSource,
    out_dir: Path,
    settings: Settings,
    backend: Callable[[], Backend],
    db: str | None,
    report: Callable[[Counts], None],
) -> list[dict[str, Any]]:
    remove_partials(out_dir)
    ledger = Ledger(out_dir)
    keys = {s.slug: session_key(s, settings) for s in source.sessions}
    todo = [s for s in source.sessions if not _is_done(ledger.read(s.slug), keys[s.slug], out_dir)]
    counts = Counts(total=len(source.sessions), done=len(source.sessions) - len(todo))
    report(counts)
    redo = {s.slug for s in todo}
    with _open_corpus(db, settings.event) as corpus:
        for spec in source.sessions:
            entry = ledger.read(spec.slug)
            if corpus is not None and spec.slug not in redo and not corpus.holds(entry):
                corpus.put(ledger, out_dir, spec, entry)
        if todo:
            _run(todo, keys, settings, backend(), ledger, out_dir, corpus, counts, report)
    entries = [event_entry(spec, ledger.read(spec.slug)) for spec in source.sessions]
    entries.sort(key=lambda e: (e["date"] or "", e["start"] or "", e["track"] or "", e["slug"]))
    event = {"name": source.name, "title": source.title, "sessions": entries}
    write_file(json.dumps(event, sort_keys=True, indent=1, ensure_ascii=False) + "\n", out_dir / EVENT_FILE)
    return entries


def _run(
    todo: list[SessionSpec],
    keys: dict[str, str],
    settings: Settings,
    backend: Backend,
    ledger: Ledger,
    out_dir: Path,
    corpus: Corpus | None,
    counts: Counts,
    report: Callable[[Counts], None],
) -> None:
    """Keep every slot busy (at most `slots` sessions in flight: a kill loses only those)."""
    queue: deque[SessionSpec] = deque(todo)
    pending: dict[Any, SessionTask] = {}

    def fill() -> None:
        while queue and len(pending) < backend.slots:
            spec = queue.popleft()
            key = keys[spec.slug]
            entry = ledger.read(spec.slug)
            attempts = entry.get("attempts", 0) + 1 if entry.get("key") == key else 1
            ledger.update(spec.slug, key=key, status="running", reason=None, attempts=attempts, stored=False)
            task = SessionTask(spec, settings, key, backend.threads)
            pending[backend.submit(task)] = task
        counts.running = len(pending)
        report(counts)

    try:
        fill()
        while pending:
            finished = [(pending.pop(handle), result) for handle, result in backend.wait(pending)]
            fill()  # the workers go on while the driver writes what came back
            for task, result in finished:
                _finish(task.spec, result, ledger, out_dir, corpus)
                counts.done += result.reason is None
                counts.failed += result.reason is not None
                report(counts)
    finally:
        backend.close()


def _finish(spec: SessionSpec, result: SessionResult, ledger: Ledger, out_dir: Path, corpus: Corpus | None) -> None:
    """Write a finished session's files and ledger entry, then store it."""
    folder = out_dir / SESSIONS_DIR / spec.slug
    if result.reason is not None:
        _remove_reports(folder, keep=set())
        ledger.update(spec.slug, status="failed", reason=result.reason, outputs=[], meta={})
        return
    for name, data in sorted(result.files.items()):
        write_file(data, folder / name)
    _remove_reports(folder, keep=set(result.files))
    outputs = [f"{SESSIONS_DIR}/{spec.slug}/{name}" for name in sorted(result.files)]
    entry = ledger.update(
        spec.slug,
        status="done",
        reason=None,
        outputs=outputs,
        meta=result.meta,
        warnings=result.warnings,
        seconds=round(result.seconds, 3),
        cpu_seconds=round(result.cpu_seconds, 3),
        worker_peak_rss_mb=round(result.peak_rss_mb, 1),
    )
    if corpus is not None:
        corpus.put(ledger, out_dir, spec, entry, result.files[output_name("json")])


@dataclass
class Corpus:
    """The `--db` store; `db_id` says which database a ledger entry's `session_id` is in
    (a hash of the URL: a PostgreSQL URL may hold a password, and the ledger is plain text)."""

    store: Any
    db_id: str
    event: str

    def holds(self, entry: dict[str, Any]) -> bool:
        return bool(entry.get("stored")) and entry.get("db") == self.db_id

    def put(
        self, ledger: Ledger, out_dir: Path, spec: SessionSpec, entry: dict[str, Any], data: bytes | None = None
    ) -> None:
        """A done session's report (`data`, else its report.json) into the database (one
        transaction), replacing its previous version."""
        from ..models import Report

        if entry.get("status") != "done":
            return
        report = Report.from_json(data or (out_dir / SESSIONS_DIR / spec.slug / output_name("json")).read_bytes())
        if entry.get("db") == self.db_id and entry.get("session_id") is not None:
            self.store.delete_session(int(entry["session_id"]))  # the version stored before a change
        added = self.store.add_report(report, self.event)
        if spec.track:
            self.store.set_track(added.session_id, spec.track)
        ledger.update(spec.slug, stored=True, db=self.db_id, session_id=added.session_id)


@contextlib.contextmanager
def _open_corpus(db: str | None, event: str) -> Iterator[Corpus | None]:
    if db is None:
        yield None
        return
    from ..store import open_store

    with open_store(db) as store:
        yield Corpus(store, hashlib.sha256(db.encode()).hexdigest()[:16], event)


def _is_done(entry: dict[str, Any], key: str, out_dir: Path) -> bool:
    return (
        entry.get("status") == "done"
        and entry.get("key") == key
        and all((out_dir / rel).is_file() for rel in entry.get("outputs") or [None])
    )


def _remove_reports(folder: Path, keep: set[str]) -> None:
    """Reports of a format no longer asked for, or of a session that now fails."""
    if folder.is_dir():
        for path in folder.glob("report.*"):
            if path.name not in keep:
                path.unlink(missing_ok=True)


def remove_partials(out_dir: Path) -> None:
    """Temporary files a killed run left (safe_output's `.NAME.*.part`): never a report."""
    for path in [*out_dir.glob(".*.part"), *out_dir.glob(f"{SESSIONS_DIR}/*/.*.part"), *out_dir.glob(".state/.*.part")]:
        path.unlink(missing_ok=True)


def event_entry(spec: SessionSpec, entry: dict[str, Any]) -> dict[str, Any]:
    """One session in event.json: the organiser's metadata first, else the report's."""
    meta = entry.get("meta") or {}
    done = entry.get("status") == "done"
    return {
        "slug": spec.slug,
        "title": spec.title or meta.get("title") or spec.path.stem.replace("_", " "),
        "date": spec.date or iso_date(meta.get("date")),
        "start": spec.start or clock(meta.get("start")),
        "track": spec.track,
        "language": spec.language or meta.get("language"),
        "source": spec.path.name,
        "key": entry.get("key"),
        "status": "done" if done else "failed",
        "reason": None if done else entry.get("reason") or "not built (the run was interrupted)",
        "report": f"{SESSIONS_DIR}/{spec.slug}/{output_name('json')}" if done else None,
        "outputs": entry.get("outputs") or [] if done else [],
    }


def iso_date(text: str | None) -> str | None:
    """A header's date as YYYY-MM-DD, None when it is not a plain date."""
    for fmt in _DATE_FORMATS:
        with contextlib.suppress(ValueError, TypeError):
            return datetime.strptime((text or "").strip(), fmt).date().isoformat()
    return None
