"""A corpus of the project's connectivity panel (stored with engine none) and a hand-written
session, for `ask`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionlens.answers import Answer
from sessionlens.pipeline import analyze, ingest
from sessionlens.store import Store, open_store

from ..store.conftest import hand_report, pg_store, pg_url  # noqa: F401 (PostgreSQL fixtures)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, connectivity_panel: Path) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("ask") / "corpus.db")
    store.add_report(analyze(ingest(connectivity_panel), engine="none"), event="IGF 2025")
    store.add_report(hand_report("Floods", "Ana Moderator", "Dr. Bo Guest"), event="Water week")
    yield store
    store.close()


def assert_citations_resolve(store: Store, answer: Answer) -> int:
    """Every citation of `answer` (and of its passages) is a stored sentence, verbatim, of
    the speaker it names, in the turn it links to; returns how many were checked."""
    cites = list(answer.citations) + [c for p in answer.passages for c in [p.citation, *p.context]]
    for c in cites:
        row = store._one(
            "SELECT s.text, s.turn_idx, t.speaker, t.text FROM sentences s JOIN turns t "
            "ON t.session_id = s.session_id AND t.idx = s.turn_idx "
            "WHERE s.session_id = ? AND s.idx = ?",
            (c.session_id, c.sentence),
        )
        assert row is not None, f"citation {c.ref} points at no stored sentence"
        text, turn, speaker, turn_text = row
        assert c.text == text and text in turn_text
        assert c.turn == turn and c.url.endswith(f"/sessions/{c.session_id}/report#turn-{turn}")
        assert c.speaker == speaker
    refs = {c.ref for c in answer.citations}
    for s in answer.sentences:
        assert s.citations and set(s.citations) <= refs
    return len(cites)
