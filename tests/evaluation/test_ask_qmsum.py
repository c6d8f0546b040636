"""`ask` on QMSum's specific queries: span bookkeeping, and one real meeting end to end."""

from __future__ import annotations

import json
from pathlib import Path

from sessionlens.evaluation.ask_qmsum import evaluate, gold_spans, section, span_recall, turn_map
from sessionlens.store import open_store

from ..answers.conftest import assert_citations_resolve
from ..shared_data import absent


def test_turn_map_skips_turns_without_words() -> None:
    data = {
        "meeting_transcripts": [
            {"speaker": "A", "content": "Hello there."},
            {"speaker": "B", "content": "{vocalsound} {disfmarker}"},
            {"speaker": "A", "content": "Right."},
        ]
    }
    assert turn_map(data) == {0: 0, 2: 1}
    spans = gold_spans({"relevant_text_span": [["1", "2"], ["1", "1"]]}, turn_map(data))
    assert spans == [{1}]  # the empty span (only a wordless turn) is dropped


def test_span_recall_counts_spans_touched_by_the_first_k() -> None:
    spans = [{1, 2, 3}, {10, 11}]
    passages = [{5}, {2}, {11}]
    assert span_recall(spans, passages, 1) == 0.0
    assert span_recall(spans, passages, 2) == 0.5
    assert span_recall(spans, passages, 3) == 1.0
    assert span_recall([], passages, 3) == 0.0


def test_one_product_meeting_end_to_end(tmp_path: Path, shared_dir: Path) -> None:
    folder = shared_dir / "data" / "qmsum"
    if not (folder / "Product" / "test").is_dir():
        absent("QMSum Product test meetings are not in ../shared/data")
    with open_store(tmp_path / "q.db") as store:
        score = evaluate(store, folder, limit=1, subsets=("Product/test",))
        first = sorted((folder / "Product" / "test").glob("*.json"))[0]
        queries = json.loads(first.read_text(encoding="utf-8"))["specific_query_list"]
        assert len(score.results) == len(queries) > 0
        assert all(r.found and r.answer for r in score.results)
        # retrieval finds the gold spans (the acceptance figure is over all test meetings)
        assert score.recall(10) >= 0.5 and score.recall(10) >= score.recall(5)
        assert score.rouge()["rouge1"] > 15
        from sessionlens.answers import ask

        assert_citations_resolve(store, ask(store, queries[0]["query"], session=1))
    text = "\n".join(section(score, "make eval"))
    assert "| **all** | " in text and "Locator + BART | 31.74" in text
