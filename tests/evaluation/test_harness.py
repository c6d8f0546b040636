"""The harness behind `make eval`: runs engines, skips the ones that cannot load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sessionlens.evaluation.harness import load_cases, run

REPO = Path(__file__).resolve().parents[2]


def test_baseline_runs_and_missing_engine_is_skipped(shared_dir: Path) -> None:
    cases = load_cases(shared_dir, ["qmsum-committee"], limit=2)
    score = run("baseline", cases)
    assert score.status == "ok"
    result = score.sets["qmsum-committee"]
    assert [c.case for c in result.cases] == [c.name for c in cases]
    assert result.mean("summary_rouge1") is not None and 0.1 < result.mean("summary_rouge1") < 0.6
    missing = run("no-such-engine", cases)
    assert missing.status.startswith("skipped: the engine failed to load")
    assert missing.sets == {}


def test_time_budget_skips_the_rest_honestly(shared_dir: Path) -> None:
    cases = load_cases(shared_dir, ["qmsum-committee"], limit=2)
    score = run("none", cases, budget_seconds=0.0)
    result = score.sets["qmsum-committee"]
    assert result.cases == []
    assert len(result.skipped) == 2 and "time budget" in result.skipped[0]


@pytest.mark.slow
def test_eval_script_writes_quality_page(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "quality.md"
    env = {**os.environ, "SESSIONLENS_SHARED": str(shared_dir)}
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "eval.py"),
            "--engines",
            "no-such-engine,none",
            "--sets",
            "qmsum-committee,ami",
            "--limit",
            "1",
            "--output",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "## Engine `baseline`" in page and "## Engine `none`" in page
    assert "## Engine `no-such-engine`\n\n**Not evaluated** — skipped" in page
    assert "36.09 / 11.37 / 31.26" in page  # ROUGE calibration line
    assert "| qmsum-committee | summary_rouge1 |" in page
    assert "| ami | action_items_recall |" in page
