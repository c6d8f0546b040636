"""Sentences with MiniLM vectors, stored at `add` time for `sessionlens ask`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from sessionlens.engines.offline.sentences import session_sentences
from sessionlens.models import Report
from sessionlens.pipeline import analyze, ingest
from sessionlens.store import Store, open_store
from sessionlens.store import sentences as store_sentences
from sessionlens.store.schema import SQLITE, migrations
from sessionlens.store.sentences import Scope, decode_vectors, encode_vector


def _counts(store: Store) -> tuple[int, int]:
    row = store._one("SELECT count(*), count(vector) FROM sentences")
    assert row is not None
    return int(row[0]), int(row[1])


def test_add_stores_every_sentence_with_its_vector(tmp_path: Path, panel_report: Report) -> None:
    with open_store(tmp_path / "c.db") as store:
        sid = store.add_report(panel_report).session_id
        expected = session_sentences(panel_report.transcript)
        assert _counts(store) == (len(expected), len(expected))
        rows = store._all_rows(
            "SELECT s.text, t.text FROM sentences s JOIN turns t ON "
            "t.session_id = s.session_id AND t.idx = s.turn_idx ORDER BY s.idx"
        )
        assert all(text in turn for text, turn in rows)
        hits = store.matching_sentences(["digital", "divide"], Scope(session_id=sid), 50)
        assert hits and all("digital" in h.text.lower() or "divide" in h.text.lower() for h in hits)
        assert hits == sorted(hits, key=lambda h: -h.score)
        # the same transcript again is a no-op; replacing it does not duplicate sentences
        store.add_report(panel_report)
        store.add_report(panel_report, replace=True)
        assert _counts(store)[0] == len(expected)
        assert store._one("SELECT count(*) FROM sentence_index")[0] == len(expected)


def test_delete_removes_sentences_and_their_index(tmp_path: Path, panel_report: Report) -> None:
    with open_store(tmp_path / "c.db") as store:
        sid = store.add_report(panel_report).session_id
        assert store.delete_session(sid)
        assert _counts(store) == (0, 0)
        assert store._one("SELECT count(*) FROM sentence_index")[0] == 0
        assert store.matching_sentences(["digital"], Scope(), 10) == []


def test_an_older_store_is_migrated_and_backfilled(tmp_path: Path, panel_report: Report) -> None:
    db = tmp_path / "old.db"
    with open_store(db) as store:
        store.add_report(panel_report)
    with sqlite3.connect(db) as conn:  # the store as it was before migration 4
        conn.executescript(
            "DROP TABLE sentence_index; DROP TABLE sentences; DELETE FROM schema_migrations WHERE version = 4;"
        )
    with open_store(db) as store:
        assert store.schema_version() == max(v for v, _, _ in migrations(SQLITE))  # 4 and any later
        assert _counts(store) == (0, 0)
        assert store.backfill_sentences() == 1
        n = len(session_sentences(panel_report.transcript))
        assert _counts(store) == (n, n)
        assert store.backfill_sentences() == 0


def test_without_a_model_sentences_are_stored_without_vectors(
    tmp_path: Path, panel_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_sentences, "embed_texts", lambda texts: None)
    with open_store(tmp_path / "c.db") as store:
        store.add_report(panel_report)
        n, with_vector = _counts(store)
        assert n == len(session_sentences(panel_report.transcript)) > 20 and with_vector == 0


def test_int8_vectors_keep_the_cosine() -> None:
    rng = np.random.default_rng(0)
    v = rng.normal(size=(2, 384)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    back, have = decode_vectors([encode_vector(v[0]), encode_vector(v[1]), None])
    assert have.tolist() == [True, True, False]
    assert abs(float(back[0] @ back[1]) - float(v[0] @ v[1])) < 0.01
    assert not back[2].any()


def test_postgres_stores_and_matches_sentences(pg_store: Store, panel_report: Report) -> None:
    sid = pg_store.add_report(panel_report).session_id
    n = len(session_sentences(panel_report.transcript))
    assert _counts(pg_store) == (n, n)
    hits = pg_store.matching_sentences(["digital", "divide"], Scope(session_id=sid), 20)
    assert hits and all("digital" in h.text.lower() or "divide" in h.text.lower() for h in hits)
    turns = pg_store.sentences_of_matching_turns(["villages"], Scope(), 5)
    assert turns and all(t.session_id == sid for t in turns)
    assert pg_store.delete_session(sid) and _counts(pg_store) == (0, 0)


def test_without_a_model_ask_ranks_by_words(tmp_path: Path, seed_002: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a long session (too many sentences to score them all) only sentences with the
    question's words are candidates."""
    from sessionlens.answers import ask, retrieve

    monkeypatch.setattr(store_sentences, "embed_texts", lambda texts: None)
    monkeypatch.setattr(retrieve, "embed_texts", lambda texts: None)
    with open_store(tmp_path / "c.db") as store:
        store.add_report(analyze(ingest(seed_002), engine="none"))
        answer = ask(store, "How can the digital divide be closed?")
        assert answer.found and any("digital divide" in s.text.lower() for s in answer.sentences)
        assert all("digital" in s.text.lower() or "divide" in s.text.lower() for s in answer.sentences)
        assert not ask(store, "chocolate cake recipe").found
