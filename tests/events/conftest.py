"""The test event (22 real sessions) and helpers to build it through the command line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .corpus import write_event

SRC = Path(__file__).resolve().parents[2] / "src"
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?")


def cli_env() -> dict[str, str]:
    """This checkout's sources first (the workers are new processes), no user database."""
    env = {k: v for k, v in os.environ.items() if k != "SESSIONLENS_DB"}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    return env


def event_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "sessionlens", "event", "build", *args]


def build(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`sessionlens event build ARGS` in a new process."""
    return subprocess.run(event_command(*args), capture_output=True, text=True, timeout=timeout, env=cli_env())


def canonical_outputs(out: Path) -> dict[str, str]:
    """Every output file of a build (the ledger and the hub's vector cache aside) with run-to-run
    timestamps and timings removed."""
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if not path.is_file() or rel.startswith((".state/", ".hub-cache/")):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json" and rel != "event.json":
            data: dict[str, Any] = json.loads(text)
            data["meta"].pop("timings", None)
            text = json.dumps(data, sort_keys=True)
        files[rel] = _STAMP.sub("TIME", text)
    return files


def ledger(out: Path) -> dict[str, dict[str, Any]]:
    """The state ledger's entries by slug (entries being written are skipped)."""
    entries = {}
    for path in (out / ".state").glob("*.json"):
        try:
            entries[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
    return entries


@pytest.fixture(scope="session")
def event_manifest(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 22-session test event (manifest.csv in its input folder)."""
    return write_event(shared_dir, tmp_path_factory.mktemp("event") / "in")
