"""The `stats --json` contract other tools rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.readers.test_subtitles import write_vtt

FIELDS = {"name", "role", "words", "turns", "seconds", "wpm", "estimated"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sessionlens", *args], capture_output=True, text=True)


def test_json_contract_measured(tmp_path: Path) -> None:
    r = run("stats", str(write_vtt(tmp_path / "s.vtt")), "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert all(set(row) >= FIELDS for row in rows)
    ben = next(x for x in rows if x["name"] == "Ben Okoro")
    assert ben["seconds"] == 33.0 and ben["estimated"] is False and ben["turns"] == 2


def test_json_contract_estimated_and_unknown(connectivity_panel: Path, tmp_path: Path) -> None:
    # a header with the session's hours: times are estimated from the words
    rows = json.loads(run("stats", str(connectivity_panel), "--json").stdout)
    assert len(rows) == 5 and all(x["estimated"] for x in rows)
    # no times and no length at all: unknown, not estimated
    bare = tmp_path / "bare.txt"
    bare.write_text("Ann Lee: We should start now.\nBob Roy: I agree, and quickly.\n", encoding="utf-8")
    rows = json.loads(run("stats", str(bare), "--json").stdout)
    assert len(rows) == 2
    assert all(x["seconds"] is None and x["wpm"] is None and not x["estimated"] for x in rows)


def test_table_marks_estimates(connectivity_panel: Path) -> None:
    r = run("stats", str(connectivity_panel))
    assert r.returncode == 0 and "Tariq Aziz" in r.stdout and "~" in r.stdout
