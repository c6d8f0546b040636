"""Background upload jobs: read, analyse and store in a worker thread, with progress rows
in the `jobs` table. The input is kept in the job row, so a job that a crash interrupted can
be run again; its session is written in one transaction, so nothing half-written remains."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from ..errors import InputError, JobTimeout, as_package_error, one_line
from ..models import Transcript
from ..store import Store
from ..store.ingest import add_bytes, read_bytes
from ..store.rows import transcript_hash
from ..store.views import SessionSummary
from .queue import Job, JobQueue

log = logging.getLogger("sessionlens.web")

#: a job still running after this long is marked failed (a 5 MB transcript takes ~4 min offline)
DEFAULT_JOB_SECONDS = 900.0


class JobRunner:
    """Runs upload jobs in `workers` threads, each within `seconds`: the job checks its clock at
    every progress step and stops there; a watchdog marks it failed at the limit even when a
    step is still running, so no job stays "running" for ever."""

    def __init__(self, store: Store, workers: int = 2, seconds: float = DEFAULT_JOB_SECONDS) -> None:
        self.store = store
        self.queue = JobQueue(store)
        self.seconds = seconds
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sessionlens-job")

    def submit(
        self,
        filename: str,
        event: str,
        engine: str,
        data: bytes,
        meta: dict[str, str] | None = None,
        hold_duplicates: bool = True,
    ) -> Job:
        """Queue an upload; one whose transcript is already stored (in any event) is held
        until an editor decides (`retry` adds it anyway, `discard` drops it). The upload is
        parsed once here; the job analyses that transcript (a re-run parses the stored input)."""
        transcript = _parse(data, filename, meta)
        if hold_duplicates and transcript is not None:
            found = self.store.duplicates(transcript_hash(transcript))
            if found:
                where = "; ".join(f"session {s.id} in “{s.event.name}”" for s in found[:5])
                return self.queue.create(
                    filename, event, engine, data, meta, status="held", message=f"already stored: {where}"
                )
        job = self.queue.create(filename, event, engine, data, meta)
        self.pool.submit(self.run, job.id, transcript)
        return job

    def duplicates(self, data: bytes, filename: str) -> list[SessionSummary]:
        """Stored sessions with the same transcript (same speakers, same words)."""
        transcript = _parse(data, filename)
        return [] if transcript is None else self.store.duplicates(transcript_hash(transcript))

    def discard(self, job_id: str) -> bool:
        """Drop a held job (the editor chose not to add the duplicate)."""
        job = self.queue.get(job_id)
        return job is not None and job.status == "held" and self.queue.delete(job_id)

    def retry(self, job_id: str) -> Job | None:
        """Queue an interrupted, failed or held job again (a running or finished one is left as is)."""
        job = self.queue.get(job_id)
        if job is None or job.status not in ("interrupted", "failed", "held"):
            return job
        self.queue.update(job_id, status="queued", stage="queued", progress=0.0, message=None)
        self.pool.submit(self.run, job_id)
        return self.queue.get(job_id)

    def run(self, job_id: str, transcript: Transcript | None = None) -> None:
        """Analyse and store job `job_id`: `transcript` when the upload was just parsed, else its stored input."""
        job = self.queue.get(job_id)
        data = self.queue.input(job_id)
        if job is None or data is None:
            return
        self.queue.update(job_id, status="running", stage="reading", progress=0.05)
        last = [0.0]
        timeout = JobTimeout(f"the analysis ran past the time limit of {self.seconds:g} s")
        deadline = time.monotonic() + self.seconds
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            self.queue.update(job_id, status="failed", stage="failed", message=str(timeout))

        watchdog = threading.Timer(self.seconds, expire)
        watchdog.daemon = True
        watchdog.start()

        def progress(stage: str, fraction: float) -> None:
            now = time.monotonic()
            if expired.is_set() or now > deadline:
                raise timeout
            if now - last[0] > 0.2 or fraction >= 1.0:  # a row update per step, not per token
                last[0] = now
                self.queue.update(job_id, stage=stage, progress=round(fraction, 3))

        try:
            result = add_bytes(
                self.store,
                data,
                job.filename,
                job.event,
                job.engine,
                progress,
                self.queue.meta(job_id),
                transcript=transcript,
            )
        except Exception as exc:  # keep the worker alive; the job row tells the user
            own = as_package_error(exc)
            if own is not None:
                self.queue.update(job_id, status="failed", stage="failed", message=one_line(own))
                return
            log.exception("job %s failed", job_id)
            self.queue.update(job_id, status="failed", stage="failed", message=f"internal error ({type(exc).__name__})")
            return
        finally:
            watchdog.cancel()
        message = None if result.created else "this transcript was already in the event"
        self.queue.update(
            job_id, status="done", stage="done", progress=1.0, session_id=result.session_id, message=message
        )

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _parse(data: bytes, filename: str, meta: dict[str, str] | None = None) -> Transcript | None:
    """The uploaded transcript, or None when it cannot be read (the job itself reports why)."""
    try:
        return read_bytes(data, filename, meta)
    except InputError:
        return None
