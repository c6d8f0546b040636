"""A failed session (bad input, killed worker) is recorded and does not stop the batch; a changed input is redone."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from sessionlens.events.batch import EVENT_FILE

from .conftest import build, cli_env, event_command, ledger

REPO = Path(__file__).resolve().parents[2]


def _event(out: Path) -> dict[str, dict]:
    return {s["slug"]: s for s in json.loads((out / EVENT_FILE).read_text())["sessions"]}


def test_failure_is_recorded_then_retried_and_changes_redone(tmp_path: Path, seed_000: Path) -> None:
    folder, out, db = tmp_path / "in", tmp_path / "out", tmp_path / "c.db"
    folder.mkdir()
    shutil.copyfile(REPO / "examples" / "climate-panel.vtt", folder / "panel.vtt")
    shutil.copyfile(seed_000, folder / "interview.txt")
    (folder / "broken.txt").write_bytes(b"")  # an empty transcript cannot be read
    args = [str(folder), "--out", str(out), "--workers", "2", "--to", "json", "--engine", "none", "--db", str(db)]

    r = build(*args)
    assert r.returncode == 1
    assert "broken.txt" in r.stderr
    event = _event(out)
    assert event["broken"]["status"] == "failed" and event["broken"]["report"] is None
    assert event["broken"]["reason"] and "\n" not in event["broken"]["reason"]
    assert event["broken"]["reason"].startswith("broken.txt: ") and str(folder) not in event["broken"]["reason"]
    assert event["panel"]["status"] == event["interview"]["status"] == "done"
    first = ledger(out)

    r = build(*args)  # a failed session is retried on every run
    assert r.returncode == 1
    assert ledger(out)["broken"]["attempts"] == 2 and ledger(out)["broken"]["key"] == first["broken"]["key"]
    assert ledger(out)["panel"] == first["panel"]

    (folder / "broken.txt").write_text("Ana Lima: We need cheaper broadband.\n\nBo Chen: I agree with Ana.\n")
    with (folder / "interview.txt").open("a", encoding="utf-8") as fh:
        fh.write("\nJean-Yves Art: One more thing: thank you all.\n")
    r = build(*args)
    assert r.returncode == 0, r.stderr
    second, event = ledger(out), _event(out)
    assert all(s["status"] == "done" for s in event.values())
    assert second["broken"]["attempts"] == 1 and second["broken"]["key"] != first["broken"]["key"]
    assert second["interview"]["key"] != first["interview"]["key"] and second["interview"]["attempts"] == 1
    assert second["panel"] == first["panel"]  # unchanged: skipped
    report = json.loads((out / event["interview"]["report"]).read_text())
    assert report["transcript"]["turns"][-1]["text"].endswith("thank you all.")
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 3  # the old interview replaced


def _workers(driver: int) -> list[int]:
    """The driver's worker processes (its spawned children, the resource tracker aside)."""
    pids = []
    for children in Path(f"/proc/{driver}/task").glob("*/children"):
        for pid in children.read_text().split():
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            if "spawn_main" in cmdline:
                pids.append(int(pid))
    return pids


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to find the worker processes")
def test_a_killed_worker_fails_only_sessions_in_flight(tmp_path: Path, seeds: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for seed in sorted(seeds.glob("*.txt")):
        shutil.copyfile(seed, folder / seed.name)
    shutil.copyfile(REPO / "examples" / "climate-panel.vtt", folder / "panel.vtt")
    args = [str(folder), "--out", str(out), "--workers", "2", "--to", "json", "--engine", "offline"]
    driver = subprocess.Popen(event_command(*args), env=cli_env(), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (_workers(driver.pid) and any(e.get("status") == "running" for e in ledger(out).values())):
        assert driver.poll() is None and time.monotonic() < deadline, "the build ended before a worker was seen"
        time.sleep(0.02)
    time.sleep(0.5)  # inside a session (models load first)
    os.kill(_workers(driver.pid)[0], signal.SIGKILL)
    _, stderr = driver.communicate(timeout=300)
    event = _event(out)
    failed = [s for s in event.values() if s["status"] == "failed"]
    assert driver.returncode == 1 and failed, stderr
    assert 1 <= len(failed) <= 2  # at most the sessions in flight (two workers)
    assert all(s["reason"] == "worker process died (killed or out of memory)" for s in failed)
    done = {slug for slug, s in event.items() if s["status"] == "done"}
    assert len(done) == len(event) - len(failed)

    r = build(*args)
    assert r.returncode == 0, r.stderr
    assert all(s["status"] == "done" for s in _event(out).values())
    assert all(e["attempts"] == 1 for slug, e in ledger(out).items() if slug in done)


def test_done_sessions_go_into_a_new_database_untouched_in_the_old(tmp_path: Path, seed_000: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    shutil.copyfile(REPO / "examples" / "climate-panel.vtt", folder / "panel.vtt")
    shutil.copyfile(seed_000, folder / "interview.txt")
    args = [str(folder), "--out", str(out), "--workers", "1", "--to", "json", "--engine", "none"]
    assert build(*args, "--db", str(tmp_path / "a.db")).returncode == 0
    first = ledger(out)
    assert build(*args, "--db", str(tmp_path / "b.db")).returncode == 0  # nothing to run: only stored
    assert {slug: e["attempts"] for slug, e in ledger(out).items()} == {"panel": 1, "interview": 1}
    assert all(e["db"] != first["panel"]["db"] for e in ledger(out).values())
    for db in ("a.db", "b.db"):
        with sqlite3.connect(tmp_path / db) as con:
            assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2, db
    assert "a.db" not in json.dumps(ledger(out))  # a hash, never the URL (it may hold a password)


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path, seed_000: Path) -> None:
    fcntl = pytest.importorskip("fcntl", reason="no flock on this platform")
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    shutil.copyfile(seed_000, folder / "interview.txt")
    (out / ".state").mkdir(parents=True)
    with open(out / ".state" / "lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a build in progress
        r = build(str(folder), "--out", str(out), "--engine", "none")
    assert r.returncode == 2
    assert r.stderr.strip() == f"sessionlens: error: {out}: another event build is writing this folder"
    assert build(str(folder), "--out", str(out), "--engine", "none").returncode == 0  # released
