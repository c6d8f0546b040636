"""A server killed mid-job leaves no half-written session, and the job can be run again."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import TOKEN, wait_job


def _serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SESSIONLENS_TOKEN": TOKEN}
    return subprocess.Popen(
        [sys.executable, "-c", "from sessionlens.cli import main; main()", "serve", "--db",
         str(db), "--port", str(port), "--engine", "none", "--workers", "1",
         "--max-upload-mb", "12"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _ready(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited")
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.mark.slow
def test_kill_the_server_mid_job_then_rerun(tmp_path: Path, seed_002: Path,
                                            seed_000: Path) -> None:
    db = tmp_path / "corpus.db"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    # a long upload (seed 002 sixty times over, 7.7 MB) keeps the only worker busy a while
    big = seed_002.read_bytes() * 60
    auth = {"Authorization": f"Bearer {TOKEN}"}
    proc = _serve(db, port)
    try:
        _ready(url, proc)
        with httpx.Client(base_url=url, headers=auth, timeout=60) as c:
            long_job = c.post("/api/sessions", files={"file": ("long.txt", big)}).json()["id"]
            short_job = c.post("/api/sessions",
                               files={"file": ("short.txt", seed_000.read_bytes())}).json()["id"]
            deadline = time.monotonic() + 30
            while c.get(f"/api/jobs/{long_job}").json()["status"] == "queued":
                assert time.monotonic() < deadline
                time.sleep(0.05)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    con = sqlite3.connect(db)
    statuses = dict(con.execute("SELECT id, status FROM jobs").fetchall())
    sessions = con.execute("SELECT id, turns FROM sessions").fetchall()
    for sid, turns in sessions:  # whatever was stored is whole
        assert con.execute("SELECT count(*) FROM turns WHERE session_id = ?",
                           (sid,)).fetchone()[0] == turns
    con.close()
    assert statuses[short_job] in ("queued", "running")
    assert statuses[long_job] in ("running", "done")

    proc = _serve(db, port)
    try:
        _ready(url, proc)
        with httpx.Client(base_url=url, headers=auth, timeout=60) as c:
            after = {j: c.get(f"/api/jobs/{j}").json() for j in (long_job, short_job)}
            assert after[short_job]["status"] == "interrupted"
            assert "again" in after[short_job]["message"]
            for job_id, job in after.items():
                if job["status"] == "interrupted":
                    assert c.post(f"/api/jobs/{job_id}/retry").status_code == 200
                assert wait_job(c, job_id, timeout=120)["status"] == "done"
            assert c.get("/api/sessions").json()["total"] == 2
            # a finished job is not run twice
            assert c.post(f"/api/jobs/{short_job}/retry").json()["status"] == "done"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
