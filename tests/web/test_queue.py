"""The upload job queue (web/queue.py) over both backends, and the runner parsing an upload once."""

from __future__ import annotations

import time

import pytest

from sessionlens.store import Store
from sessionlens.web import jobs as jobs_module
from sessionlens.web.jobs import JobRunner
from sessionlens.web.queue import JobQueue

UPLOAD = b"Alice Moreau: Rivers flood the lower town every spring.\nBen Ode: We mapped the culverts first.\n"


def test_jobs_keep_their_input_and_stale_ones_become_interrupted(store: Store) -> None:
    queue = JobQueue(store)
    job = queue.create("a.txt", "E", "none", b"Alice: hi", {"title": "T"})
    assert job.status == "queued" and queue.input(job.id) == b"Alice: hi"
    assert queue.meta(job.id) == {"title": "T"}
    queue.update(job.id, status="running", stage="analysing", progress=0.5)
    assert queue.interrupt_stale() == 1
    again = queue.get(job.id)
    assert again is not None and again.status == "interrupted" and again.progress == 0.5
    assert queue.get("0" * 32) is None
    with pytest.raises(ValueError, match="filename"):
        queue.update(job.id, filename="b.txt")
    assert queue.delete(job.id) and not queue.delete(job.id)


def test_an_upload_is_parsed_once(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = jobs_module.read_bytes

    def counting(data: bytes, filename: str, meta: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        calls.append(filename)
        return real(data, filename, meta)

    monkeypatch.setattr(jobs_module, "read_bytes", counting)
    monkeypatch.setattr("sessionlens.store.ingest.read_bytes", counting)
    runner = JobRunner(sqlite_store, workers=1, seconds=60)
    try:
        job = runner.submit("floods.txt", "E", "none", UPLOAD, {"title": "Floods"})
        deadline = time.monotonic() + 30
        while (done := runner.queue.get(job.id)) is not None and done.status not in ("done", "failed"):
            assert time.monotonic() < deadline, "the job did not finish"
            time.sleep(0.05)
    finally:
        runner.shutdown()
    assert done is not None and done.status == "done", done
    assert calls == ["floods.txt"]
    assert done.session_id is not None
    detail = sqlite_store.session(done.session_id)
    assert detail is not None and detail.title == "Floods"
