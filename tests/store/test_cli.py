"""`sessionlens add`, `search` and `export` as a user runs them (real processes)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sessionlens.models import Report
from sessionlens.pipeline import analyze, ingest
from sessionlens.store import MARK_END, MARK_START

SL = [sys.executable, "-c", "from sessionlens.cli import main; main()"]
REPO = Path(__file__).resolve().parents[2]
#: Three sessions the project wrote: a panel on the digital divide, a water forum, the example.
SESSIONS = [
    REPO / "tests" / "fixtures" / "connectivity-panel.txt",
    REPO / "tests" / "renderers" / "fixtures" / "panel.txt",
    REPO / "examples" / "climate-panel.vtt",
]


def sl(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SL, *args, "--db", str(db)], capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    db = tmp_path / "corpus.db"
    run = sl("add", *map(str, SESSIONS), "--event", "IGF 2025",
             "--engine", "none", db=db)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("added: session") == 3
    return db


def test_search_prints_ranked_highlighted_hits_from_the_one_session(corpus: Path) -> None:
    run = sl("search", "digital divide", "--json", db=corpus)
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    assert results["total"] >= 3
    assert {h["session_title"] for h in results["hits"]} == {"Closing the Digital Divide: Networks, Skills and Money"}
    assert all(MARK_START in h["snippet"] and MARK_END in h["snippet"] for h in results["hits"])
    text = sl("search", "digital divide", "--speaker", "Elena Popescu", db=corpus)
    assert text.returncode == 0 and "Elena Popescu" in text.stdout
    assert "1 of 1 hits" in text.stdout


def test_add_again_skips_and_bad_input_is_one_line_exit_2(corpus: Path, tmp_path: Path) -> None:
    again = sl("add", str(SESSIONS[0]), "--event", "IGF 2025",
               "--engine", "none", db=corpus)
    assert again.returncode == 0 and "already stored" in again.stdout
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    bad = sl("add", str(empty), "--event", "IGF 2025", "--engine", "none", db=corpus)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "empty.txt" in bad.stderr
    assert "Traceback" not in bad.stderr
    not_db = tmp_path / "not.db"
    not_db.write_bytes(b"this is not sqlite" * 100)
    broken = sl("search", "x", db=not_db)
    assert broken.returncode == 2 and "not.db" in broken.stderr and "Traceback" not in broken.stderr


def test_export_round_trips_reports(corpus: Path, tmp_path: Path) -> None:
    run = sl("export", db=corpus)
    assert run.returncode == 0, run.stderr
    reports = [Report.from_json(line) for line in run.stdout.splitlines()]
    assert len(reports) == 3
    assert sum(len(r.transcript.turns) for r in reports) == sqlite3.connect(corpus).execute(
        "SELECT count(*) FROM turns").fetchone()[0]
    out = tmp_path / "out"
    files = sl("export", "-o", str(out), "--to", "json", db=corpus)
    assert files.returncode == 0, files.stderr
    written = sorted(out.iterdir())
    assert len(written) == 3 and all(p.suffix == ".json" for p in written)
    assert Report.from_json(written[0].read_text()) == reports[0]


def test_database_is_documented_sqlite(corpus: Path) -> None:
    """Any SQLite tool can read the corpus: the tables docs/corpus-and-web.md describes."""
    con = sqlite3.connect(corpus)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    documented = {"schema_migrations", "events", "sessions", "people", "person_names",
                  "session_speakers", "turns", "arguments", "argument_topics",
                  "argument_relations", "quotes", "takeaways", "session_topics", "reports",
                  "jobs", "search_index", "session_issues", "curation_log",
                  "sentences", "sentence_index", "event_days", "event_tracks"}
    assert documented <= tables
    doc = (Path(__file__).resolve().parents[2] / "docs" / "corpus-and-web.md").read_text()
    assert all(f"`{t}`" in doc for t in documented)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [r[0] for r in con.execute("SELECT version FROM schema_migrations")] == [1, 2, 3, 4, 5]
    words = con.execute("SELECT sum(t.words) FROM turns t JOIN sessions s ON s.id = t.session_id "
                        "WHERE s.title LIKE 'Closing the Digital Divide%'").fetchone()[0]
    panel = analyze(ingest(SESSIONS[0]), engine="none")
    assert words == sum(s.words for s in panel.stats)
