"""`sessionlens ask`: answers with citations, JSON, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sessionlens.pipeline import analyze, ingest
from sessionlens.store import open_store


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SESSIONLENS_LLM_URL", "OPENAI_BASE_URL", "SESSIONLENS_DB")}
    env["SESSIONLENS_CONFIG"] = "/nonexistent/config.toml"  # no user LLM settings
    return subprocess.run(
        [sys.executable, "-m", "sessionlens", "ask", *args], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, connectivity_panel: Path) -> Path:
    path = tmp_path_factory.mktemp("askcli") / "c.db"
    with open_store(path) as store:
        store.add_report(analyze(ingest(connectivity_panel), engine="none"), event="IGF 2025")
    return path


def test_json_answer_cites_stored_sentences(db: Path) -> None:
    r = run("How can the digital divide be closed?", "--db", str(db), "--json")
    assert r.returncode == 0, r.stderr
    answer = json.loads(r.stdout)
    assert answer["found"] and answer["engine"] == "offline"
    with open_store(db) as store:
        for c in answer["citations"]:
            row = store._one(
                "SELECT s.text, t.speaker FROM sentences s JOIN turns t ON "
                "t.session_id = s.session_id AND t.idx = s.turn_idx "
                "WHERE s.session_id = ? AND s.idx = ?",
                (c["session_id"], c["sentence"]),
            )
            assert row == (c["text"], c["speaker"])


def test_text_answer_lists_sources_with_links(db: Path) -> None:
    r = run("How can the digital divide be closed?", "--db", str(db), "--event", "IGF 2025")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("On digital divide closed, ")
    assert "[1] " in r.stdout and "/sessions/1/report#turn-" in r.stdout


def test_nothing_relevant(db: Path) -> None:
    r = run("What is the best recipe for chocolate cake with strawberries?", "--db", str(db))
    assert r.returncode == 0 and r.stdout.strip() == "The sessions do not say."


def test_bad_input_is_one_line_exit_2(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    r = run("anything", "--db", str(folder))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "is a folder" in r.stderr
    r = run("  ", "--db", str(db))
    assert r.returncode == 2 and "the question is empty" in r.stderr
    r = run("digital divide", "--db", str(db), "--engine", "llm")
    assert r.returncode == 2 and "no LLM endpoint" in r.stderr and "Traceback" not in r.stderr
