"""ROUGE reproduces the literature on QMSum's shipped HMNet outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.evaluation.rouge import corpus_rouge, rouge


def test_hmnet_outputs_score_as_published(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "qmsum" / "model_output"
    preds = (folder / "preds.txt").read_text(encoding="utf-8").splitlines()
    refs = (folder / "refs.txt").read_text(encoding="utf-8").splitlines()
    assert len(preds) == len(refs) == 279
    scores = corpus_rouge(preds, refs)
    assert scores["rouge1"] == pytest.approx(36.09, abs=0.1)
    assert scores["rouge2"] == pytest.approx(11.37, abs=0.1)
    assert scores["rougeLsum"] == pytest.approx(31.26, abs=0.1)


def test_lsum_uses_sentences() -> None:
    ref = "the budget was approved. the design was postponed."
    swapped = "the design was postponed. the budget was approved."
    # summary-level LCS matches each sentence; plain LCS over the text would not
    assert rouge(swapped, ref)["rougeLsum"] == pytest.approx(1.0)
    assert rouge(swapped, ref)["rouge1"] == pytest.approx(1.0)
    assert rouge("nothing alike here", ref)["rouge1"] == 0.0


def test_stemming_is_on() -> None:
    assert rouge("the meetings discussed budgets", "the meeting discusses budget")["rouge1"] == 1.0


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        corpus_rouge(["a"], [])
