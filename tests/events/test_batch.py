"""`sessionlens event build` on a 22-session event: local workers, Ray, kill -9 and resume."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from sessionlens.events.batch import EVENT_FILE

from .conftest import build, canonical_outputs, cli_env, event_command, ledger
from .corpus import can_record

pytestmark = pytest.mark.slow  # about 2 minutes: four builds of a 22-session event

FORMATS = "json,md"
#: ledger fields a re-run may set on a session done before a kill: storing it in the database
STORAGE = ("stored", "db", "session_id")


@pytest.fixture(scope="module")
def reference(event_manifest: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The event built once, uninterrupted, with two local workers and a database."""
    out = tmp_path_factory.mktemp("reference") / "out"
    r = build(
        str(event_manifest), "--out", str(out), "--workers", "2", "--to", FORMATS, "--db", str(out.parent / "c.db")
    )
    assert r.returncode == 0, r.stderr
    return out


def _sessions(db: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT content_hash, track FROM sessions ORDER BY id").fetchall()


def test_two_workers_build_every_session(reference: Path, event_manifest: Path) -> None:
    event = json.loads((reference / EVENT_FILE).read_text())
    rows = list(event_manifest.read_text().splitlines())[1:]
    assert len(event["sessions"]) == len(rows) >= 20
    assert all(s["status"] == "done" and s["reason"] is None for s in event["sessions"])
    order = [(s["date"] or "", s["start"] or "", s["track"] or "", s["slug"]) for s in event["sessions"]]
    assert order == sorted(order)
    for s in event["sessions"]:
        assert s["report"] == f"sessions/{s['slug']}/report.json"
        assert sorted(s["outputs"]) == [s["report"], f"sessions/{s['slug']}/report.md"]
        report = json.loads((reference / s["report"]).read_text())
        assert report["transcript"]["info"]["date"] == s["date"]  # the manifest's metadata reaches the report
        assert report["transcript"]["info"]["event"] == event["name"]
    recordings = [s for s in event["sessions"] if s["source"].endswith(".wav")]
    assert len(recordings) == (2 if can_record() else 0), "the espeak-ng recordings went through ASR"
    for s in recordings:
        turns = json.loads((reference / s["report"]).read_text())["transcript"]["turns"]
        assert sum(len(t["text"].split()) for t in turns) >= 10, f"{s['source']}: no speech recognised"
    stored = _sessions(reference.parent / "c.db")
    assert len(stored) == len(rows) and len({h for h, _ in stored}) == len(rows)
    assert {t for _, t in stored} == {"Main hall", "Room B"}


def test_rerun_skips_every_done_session(reference: Path, event_manifest: Path) -> None:
    before = ledger(reference)
    stamps = {p: p.stat().st_mtime_ns for p in (reference / "sessions").rglob("report.*")}
    r = build(
        str(event_manifest),
        "--out",
        str(reference),
        "--workers",
        "2",
        "--to",
        FORMATS,
        "--db",
        str(reference.parent / "c.db"),
    )
    assert r.returncode == 0, r.stderr
    assert ledger(reference) == before
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert len(_sessions(reference.parent / "c.db")) == len(before)


def test_ray_builds_the_same_outputs(reference: Path, event_manifest: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="the cluster extra (ray) is not installed")
    out = tmp_path / "out"
    r = build(str(event_manifest), "--out", str(out), "--ray", "auto", "--workers", "2", "--to", FORMATS)
    assert r.returncode == 0, r.stderr
    assert canonical_outputs(out) == canonical_outputs(reference)


def test_kill_9_of_the_driver_then_rerun(reference: Path, event_manifest: Path, tmp_path: Path) -> None:
    """Outputs identical to an uninterrupted run; no session done before the kill is run again."""
    out, db = tmp_path / "out", tmp_path / "c.db"
    args = [str(event_manifest), "--out", str(out), "--workers", "2", "--to", FORMATS, "--db", str(db)]
    total = len(json.loads((reference / EVENT_FILE).read_text())["sessions"])
    seed = random.randrange(1 << 30)
    kill_after = random.Random(seed).randint(1, total - 3)  # a random point, while sessions are in flight
    driver = subprocess.Popen(event_command(*args), env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while sum(e.get("status") == "done" for e in ledger(out).values()) < kill_after:
        assert driver.poll() is None and time.monotonic() < deadline, f"seed {seed}: the build ended first"
        time.sleep(0.02)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    before = {slug: e for slug, e in ledger(out).items() if e.get("status") == "done"}
    assert len(before) >= kill_after
    assert not (out / EVENT_FILE).exists()

    r = build(*args)
    assert r.returncode == 0, r.stderr
    after = ledger(out)
    for slug, entry in before.items():  # not processed twice: dispatched once, its entry untouched
        assert after[slug]["attempts"] == 1, f"seed {seed}: {slug} ran again"
        assert {k: v for k, v in after[slug].items() if k not in STORAGE} == {
            k: v for k, v in entry.items() if k not in STORAGE
        }
    assert canonical_outputs(out) == canonical_outputs(reference), f"seed {seed}"
    assert (out / EVENT_FILE).read_bytes() == (reference / EVENT_FILE).read_bytes()
    assert not list(out.rglob("*.part")), "a temporary file was left behind"
    stored = _sessions(db)
    assert len(stored) == total and len({h for h, _ in stored}) == total, "a session stored twice or not at all"
    assert all(e["stored"] for e in after.values())
