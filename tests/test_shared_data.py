"""Tests that need ../shared skip where it is absent, and fail where
SESSIONLENS_REQUIRE_SHARED=1 (as in CI): run in a child pytest with SESSIONLENS_SHARED
pointing nowhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .shared_data import REPO, REQUIRE_ENV, SHARED_ENV

# One test that gets ../shared through the shared_dir fixture, one that looks for it itself.
NEEDS_SHARED = [
    "tests/evaluation/test_rouge.py::test_hmnet_outputs_score_as_published",
    "tests/test_behaviour.py::test_report_unchanged[seed-002/offline]",
]


def _pytest(tmp_path: Path, require: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, SHARED_ENV: str(tmp_path / "nowhere")}
    env.pop(REQUIRE_ENV, None)
    if require:
        env[REQUIRE_ENV] = "1"
    args = [sys.executable, "-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider", *NEEDS_SHARED]
    return subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_absent_shared_data_skips_with_the_reason(tmp_path: Path) -> None:
    run = _pytest(tmp_path, require=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 skipped" in run.stdout and "not present in this checkout" in run.stdout


def test_absent_shared_data_fails_where_it_is_required(tmp_path: Path) -> None:
    run = _pytest(tmp_path, require=True)
    assert run.returncode == 1, run.stdout + run.stderr
    # A fixture that fails is an error, a test that fails is a failure: both fail the run.
    assert "1 failed, 1 error" in run.stdout and "skipped" not in run.stdout
    assert f"{REQUIRE_ENV}=1" in run.stdout
