"""The web app's upload job queue: rows of the `jobs` table (created by the store's migrations).

A job keeps its input and the upload form's metadata, so that one a crash interrupted can be
run again; `JobRunner` (web/jobs.py) runs them.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Literal

from pydantic import BaseModel

from ..store import Store
from ..store.connection import now

JobStatus = Literal["queued", "running", "done", "failed", "interrupted", "held"]


class Job(BaseModel):
    """A background upload job: read, analyse, store. A 'held' job is a transcript already
    stored (in any event): it waits until an editor adds it anyway (retry) or drops it."""

    id: str
    status: JobStatus
    stage: str | None = None
    progress: float = 0.0
    message: str | None = None
    filename: str
    event: str
    engine: str
    session_id: int | None = None
    created_at: str
    updated_at: str


_COLS = (
    "id",
    "status",
    "stage",
    "progress",
    "message",
    "filename",
    "event",
    "engine",
    "session_id",
    "created_at",
    "updated_at",
)
#: what a running job may change in its row
_UPDATABLE = frozenset({"status", "stage", "progress", "message", "session_id"})


class JobQueue:
    """Upload jobs stored next to the corpus they feed (same database, same connections)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(
        self,
        filename: str,
        event: str,
        engine: str,
        data: bytes,
        meta: dict[str, str] | None = None,
        status: str = "queued",
        message: str | None = None,
    ) -> Job:
        """Record an upload job with its input and form metadata (title, date, start_time,
        track); 'held' waits for the editor's choice."""
        job_id = uuid.uuid4().hex
        stamp = now()
        with self.store.transaction() as cur:
            self.store._exec(
                cur,
                "INSERT INTO jobs(id, status, stage, progress, message, filename, "
                "event, engine, input, created_at, updated_at, meta) "
                "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job_id,
                    status,
                    status,
                    message,
                    filename,
                    event,
                    engine,
                    data,
                    stamp,
                    stamp,
                    json.dumps(meta) if meta else None,
                ),
            )
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: str) -> Job | None:
        row = self.store._one(f"SELECT {', '.join(_COLS)} FROM jobs WHERE id = ?", (job_id,))
        return None if row is None else Job(**dict(zip(_COLS, row, strict=True)))

    def meta(self, job_id: str) -> dict[str, str]:
        row = self.store._one("SELECT meta FROM jobs WHERE id = ?", (job_id,))
        found: dict[str, str] = json.loads(row[0]) if row and row[0] else {}
        return found

    def input(self, job_id: str) -> bytes | None:
        row = self.store._one("SELECT input FROM jobs WHERE id = ?", (job_id,))
        return bytes(row[0]) if row and row[0] is not None else None

    def delete(self, job_id: str) -> bool:
        with self.store.transaction() as cur:
            self.store._exec(cur, "DELETE FROM jobs WHERE id = ?", (job_id,))
            return bool(cur.rowcount)

    def update(self, job_id: str, **fields: Any) -> None:
        if not set(fields) <= _UPDATABLE:
            raise ValueError(f"a job's {', '.join(sorted(set(fields) - _UPDATABLE))} cannot be updated")
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self.store.transaction() as cur:
            self.store._exec(
                cur, f"UPDATE jobs SET {sets}, updated_at = ? WHERE id = ?", (*fields.values(), now(), job_id)
            )

    def interrupt_stale(self) -> int:
        """Mark jobs left queued or running by a dead process as interrupted (re-runnable)."""
        with self.store.transaction() as cur:
            self.store._exec(
                cur,
                "UPDATE jobs SET status = 'interrupted', message = "
                "'the server stopped while this job ran; run it again', "
                "updated_at = ? WHERE status IN ('queued', 'running')",
                (now(),),
            )
            return int(cur.rowcount or 0)
