"""Crash safety: a process killed mid-way leaves no half-written session; re-running works."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sessionlens.store import open_store

# Runs in a child process: write a whole session inside the store's transaction, say so,
# and wait to be killed before the COMMIT.
_CHILD = """
import sys, time
from sessionlens.pipeline import analyze, ingest
from sessionlens.store import open_store
from sessionlens.store.rows import session_rows
store = open_store(sys.argv[1])
report = analyze(ingest(sys.argv[2]), engine="none")
with store.transaction() as cur:
    event_id = store._upsert_event(cur, "Killed")
    store._write_session(cur, event_id, session_rows(report), report)
    print("written", flush=True)
    time.sleep(120)
"""


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("sessions", "turns", "session_speakers", "reports", "search_index",
                          "events", "people")}
    finally:
        con.close()


def test_kill_inside_the_session_transaction_leaves_nothing(tmp_path: Path,
                                                            seed_002: Path) -> None:
    db = tmp_path / "corpus.db"
    open_store(db).close()
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(db), str(seed_002)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "written"
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)  # reaps the child and closes its pipe (no ResourceWarning)
    assert set(_counts(db).values()) == {0}
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    # and the same session can then be added for real
    with open_store(db) as store:
        from sessionlens.pipeline import analyze, ingest

        assert store.add_report(analyze(ingest(seed_002), engine="none"), "Killed").created
    assert _counts(db)["sessions"] == 1


def test_killed_add_batch_can_be_rerun(tmp_path: Path, seeds: Path) -> None:
    """Kill `sessionlens add` part-way through a batch, at a few moments; every stored
    session is whole, and the same command completes the batch without duplicates."""
    inputs = [str(p) for p in sorted(seeds.glob("*.txt"))]
    db = tmp_path / "corpus.db"
    cmd = [sys.executable, "-c", "from sessionlens.cli import main; main()", "add", *inputs, "--event", "E",
           "--engine", "none", "--db", str(db)]
    for delay in (0.8, 1.2, 1.6):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if not db.exists():
            continue
        con = sqlite3.connect(db)
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sessions'").fetchone() is None:
            con.close()  # killed before the schema's transaction committed: an empty file
            continue
        for sid, turns in con.execute("SELECT id, turns FROM sessions").fetchall():
            stored = con.execute("SELECT count(*) FROM turns WHERE session_id = ?",
                                 (sid,)).fetchone()[0]
            indexed = con.execute("SELECT count(*) FROM search_index WHERE session_id = ? AND "
                                  "kind = 'turn'", (sid,)).fetchone()[0]
            report = con.execute("SELECT count(*) FROM reports WHERE session_id = ?",
                                 (sid,)).fetchone()[0]
            assert stored == indexed == turns and report == 1
        con.close()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert _counts(db)["sessions"] == 3


def test_readers_never_wait_for_a_writer(tmp_path: Path, seed_002: Path) -> None:
    """While `add` holds the write transaction, another process opens the corpus and searches."""
    from sessionlens.pipeline import analyze, ingest

    db = tmp_path / "corpus.db"
    with open_store(db) as store:
        store.add_report(analyze(ingest(seed_002), engine="none"), "E")
        expected = store.search("digital divide").total
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(db), str(seed_002)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "written"
        search = [sys.executable, "-c", "from sessionlens.cli import main; main()", "search",
                  "digital divide", "--db", str(db), "--json"]
        t0 = time.monotonic()
        run = subprocess.run(search, capture_output=True, text=True, timeout=60, check=False)
        assert run.returncode == 0, run.stderr
        assert time.monotonic() - t0 < 10  # the busy timeout is 30 s: no waiting happened
        assert json.loads(run.stdout)["total"] == expected  # the committed session only
    finally:
        child.kill()
        child.communicate(timeout=30)  # reaps the child and closes its pipe (no ResourceWarning)
