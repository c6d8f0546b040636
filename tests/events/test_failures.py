"""A failed session is recorded and does not stop the batch; a changed input is redone."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from sessionlens.events.batch import EVENT_FILE

from .conftest import build, ledger

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
