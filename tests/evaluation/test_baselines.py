"""The trivial baseline: first sentences as arguments, lead-N summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.evaluation.baselines import first_sentence_arguments, lead_summary
from sessionlens.evaluation.corpora import qmsum_cases
from sessionlens.evaluation.rouge import corpus_rouge
from sessionlens.models import Transcript, Turn
from sessionlens.stats import word_count


def _transcript() -> Transcript:
    return Transcript(
        turns=[
            Turn(
                index=0,
                speaker="Ann",
                text="Welcome all. We start with the budget today. Then design.",
            ),
            Turn(index=1, speaker="Bob", text="Yes. I think the budget is far too small for this."),
        ]
    )


def test_lead_summary_keeps_long_sentences_up_to_the_budget() -> None:
    t = _transcript()
    assert lead_summary(t, budget=3) == "We start with the budget today."
    assert lead_summary(t, budget=7) == (
        "We start with the budget today. I think the budget is far too small for this."
    )


def test_first_sentence_arguments() -> None:
    args = first_sentence_arguments(_transcript())
    assert [(a.speaker, a.title, a.source_turns) for a in args] == [
        ("Ann", "Welcome all.", [0]),
        ("Bob", "Yes.", [1]),
    ]


def test_lead_reproduces_the_protocol_floor_on_committee(shared_dir: Path) -> None:
    cases = qmsum_cases(shared_dir / "data", "Committee/test")
    refs = [c.reference.glance.summary or "" for c in cases]
    preds = [lead_summary(c.transcript, word_count(r)) for c, r in zip(cases, refs, strict=True)]
    scores = corpus_rouge(preds, refs)
    # evaluation-protocol.md §3: lead 28.21 / 8.54 / 26.61
    assert scores["rouge1"] == pytest.approx(28.21, abs=0.05)
    assert scores["rouge2"] == pytest.approx(8.54, abs=0.05)
    assert scores["rougeLsum"] == pytest.approx(26.61, abs=0.05)
