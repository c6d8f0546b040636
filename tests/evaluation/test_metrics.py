"""Metrics: the reference scores the maximum against itself, and each metric moves when
the section it measures is damaged (so a broken metric fails here)."""

from __future__ import annotations

import pytest

from sessionlens.evaluation import evaluate
from sessionlens.evaluation.baselines import baseline_report
from sessionlens.evaluation.metrics import LOWER_IS_BETTER, agreeing_pairs, disagreeing_pairs
from sessionlens.evaluation.sections import SECTIONS
from sessionlens.models import Comment, Position, Report, Stance


def _copy(report: Report) -> Report:
    return report.model_copy(deep=True)


def test_reference_against_itself_is_the_maximum(imported_002: Report) -> None:
    result = evaluate(imported_002, imported_002)
    assert set(result.counts["candidate"]) == set(SECTIONS)
    assert result.counts["candidate"] == result.counts["reference"]
    assert result.counts["reference"]["arguments"] == 27
    for name, value in result.metrics.items():
        assert value is not None, name  # every section of the reference is present
        best = 0.0 if name in LOWER_IS_BETTER else 1.0
        assert value == pytest.approx(best, abs=1e-3), name
    assert result.settings["argument_threshold"] == 0.6
    assert "MiniLM" in result.settings["embedding_model"]


def test_trivial_baseline_scores_clearly_lower(imported_002: Report) -> None:
    baseline = baseline_report(imported_002.transcript)
    m = evaluate(baseline, imported_002).metrics
    assert m["speakers_recall"] == 1.0  # same transcript, same speakers
    for name in (
        "argument_recall",
        "argument_precision",
        "agreement_pairs_recall",
        "disagreement_pairs_recall",
        "follow_up_recall",
        "key_takeaways_recall",
        "action_items_recall",
        "comments_speaker_recall",
        "topics_f1_speakers",
    ):
        assert m[name] is not None and m[name] <= 0.2, (name, m[name])
    assert m["argument_mean_similarity"] is not None and m["argument_mean_similarity"] < 0.5
    assert m["summary_rouge2"] is not None and m["summary_rouge2"] < 0.2
    assert m["summary_similarity"] is not None and m["summary_similarity"] < 0.8
    # estimated times are off, the report's measured ones are not
    assert m["stats_time_mae"] is not None and m["stats_time_mae"] > 10


def test_speaker_and_stats_metrics_count_mismatches(imported_002: Report) -> None:
    cand = _copy(imported_002)
    cand.stats[0].name = "Somebody Else"
    cand.stats[1].words += 1
    cand.stats[2].seconds = (cand.stats[2].seconds or 0) + 32
    cand.stats[3].wpm = None  # missing on one side: left out of the error
    m = evaluate(cand, imported_002).metrics
    assert m["speakers_precision"] == pytest.approx(15 / 16, abs=1e-4)
    assert m["speakers_recall"] == pytest.approx(15 / 16, abs=1e-4)
    assert m["stats_length_exact"] == pytest.approx(14 / 16, abs=1e-4)
    assert m["stats_time_mae"] == pytest.approx(32 / 15, abs=1e-3)
    assert m["stats_speed_mae"] == 0.0


def test_speaker_names_are_normalised(imported_002: Report) -> None:
    cand = _copy(imported_002)
    for s in cand.stats:
        s.name = "Dr. " + s.name.upper()
    assert evaluate(cand, imported_002).metrics["speakers_precision"] == 1.0


def test_arguments_match_only_the_same_speaker(imported_002: Report) -> None:
    cand = _copy(imported_002)
    barrett = [a for a in cand.arguments if a.speaker == "Ko Barrett"]
    for a in barrett:
        a.speaker = "Kamal Kishore"  # right text, wrong speaker
    m = evaluate(cand, imported_002).metrics
    assert m["argument_recall"] is not None and m["argument_recall"] <= 25 / 27 + 1e-4
    assert m["argument_recall"] >= 24 / 27 - 1e-4
    assert m["argument_precision"] is not None and m["argument_precision"] < 1.0


def test_dropped_arguments_lower_recall_not_precision(imported_002: Report) -> None:
    cand = _copy(imported_002)
    cand.arguments = [a for a in cand.arguments if a.speaker != "Maximo Torero"]
    m = evaluate(cand, imported_002).metrics
    assert m["argument_recall"] == pytest.approx(24 / 27, abs=1e-4)
    assert m["argument_precision"] == 1.0


def test_topics_f1_sees_wrong_baskets(imported_002: Report) -> None:
    cand = _copy(imported_002)
    cand.arguments[0].topics = ["Economic"]  # reference: Development, Infrastructure, Sociocultural
    m = evaluate(cand, imported_002).metrics
    assert m["topics_f1_arguments"] is not None and 0.9 < m["topics_f1_arguments"] < 1.0
    assert m["topics_f1_speakers"] is not None and m["topics_f1_speakers"] < 1.0


def test_agreement_and_disagreement_pairs(imported_002: Report) -> None:
    ref_pairs = agreeing_pairs(imported_002)
    assert frozenset({"ko barrett", "johanna hill"}) in ref_pairs
    assert disagreeing_pairs(imported_002) == {frozenset({"sameer chauhan", "maximo torero"})}

    cand = _copy(imported_002)
    cand.agreements.agreement_points.append(
        Stance(point="x", positions=[Position(speaker="Ko Barrett"), Position(speaker="Peggy Hicks")])
    )
    cand.differences.different_viewpoints = []
    for a in cand.arguments:
        a.relations = [r for r in a.relations if r.kind != "disagreed"]
    m = evaluate(cand, imported_002).metrics
    n = len(ref_pairs)
    assert m["agreement_pairs_recall"] == 1.0
    assert m["agreement_pairs_precision"] == pytest.approx(n / (n + 1), abs=1e-4)
    assert m["disagreement_pairs_recall"] == 0.0
    assert m["disagreement_pairs_precision"] is None  # the candidate lists none


def test_comments_and_grounding(imported_002: Report) -> None:
    cand = _copy(imported_002)
    cand.comments[0] = Comment(
        quote="Risk is a purely natural phenomenon that nobody creates.", speaker="Kamal Kishore"
    )
    cand.comments = [
        *cand.comments[:5],
        cand.comments[5].model_copy(update={"speaker": "Ko Barrett"}),
    ]
    cand.arguments[0].evidence = "Temperatures rose 4.7°C in 1999"  # numbers not in the transcript
    m = evaluate(cand, imported_002).metrics
    assert m["comments_speaker_recall"] == pytest.approx(5 / 6, abs=1e-4)  # one of Torero's two is gone
    assert m["comments_quote_f1"] is not None and m["comments_quote_f1"] < 1.0
    assert m["grounding_quotes_verbatim"] == pytest.approx(5 / 6, abs=1e-4)
    assert m["grounding_evidence_numbers"] is not None and m["grounding_evidence_numbers"] < 1.0


def test_list_recall_is_semantic(imported_002: Report) -> None:
    cand = _copy(imported_002)
    cand.takeaways.key_takeaways = list(reversed(cand.takeaways.key_takeaways))
    cand.takeaways.unresolved_issues = ["The cat sat on the mat.", "Lunch was served at noon."]
    cand.follow_up_questions = cand.follow_up_questions[:8]
    m = evaluate(cand, imported_002).metrics
    assert m["key_takeaways_recall"] == 1.0
    assert m["unresolved_issues_recall"] == 0.0
    assert m["follow_up_recall"] is not None and 0.5 <= m["follow_up_recall"] < 1.0


def test_undefined_metrics_are_none_not_zero(imported_002: Report) -> None:
    empty = Report(transcript=imported_002.transcript)
    m = evaluate(imported_002, empty).metrics
    assert m["argument_recall"] is None and m["summary_rouge1"] is None
    assert m["grounding_quotes_verbatim"] == 1.0  # candidate-only: still measured
