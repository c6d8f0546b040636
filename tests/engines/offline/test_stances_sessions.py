"""Stances on real sessions, scored against their references (issue 11's acceptance)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.evaluation.metrics import evaluate
from sessionlens.imports import load_report
from sessionlens.pipeline import analyze, ingest

from ...shared_data import absent


@pytest.fixture(scope="module")
def hearing(shared_dir: Path) -> tuple:
    folder = shared_dir / "data" / "hearing-senate-2024"
    if not folder.is_dir():
        absent("the Senate hearing is not in ../shared/data")
    return analyze(ingest(folder / "transcript.txt"), "offline"), load_report(folder / "reference.txt")


def test_hearing_finds_the_disagreements_and_keeps_sides_apart(hearing: tuple) -> None:
    report, reference = hearing
    m = evaluate(report, reference).metrics
    assert m["disagreement_pairs_recall"] >= 0.5 and m["disagreement_pairs_precision"] >= 0.6
    assert m["agreement_pairs_precision"] >= 0.6 and m["agreement_pairs_recall"] >= 0.4
    # a senator grilling a CEO is never in agreement with them on shared words alone
    senators = {"Richard J. Durbin", "Lindsey O. Graham"}
    for a, b in report.pairs("agreement"):
        assert ({a, b} <= senators) or not ({a, b} & senators)
    # every difference names its sides, each with the speaker's own words
    for st in report.differences.different_viewpoints:
        assert len(st.sides) == 2 and all(p.quote and p.turn is not None for p in st.positions)


@pytest.fixture(scope="module")
def panel(seed_002: Path) -> tuple:
    return analyze(ingest(seed_002), "offline"), load_report(seed_002)


def test_seed_002_keeps_its_one_difference(panel: tuple) -> None:
    report, _ = panel
    assert ("Maximo Torero", "Sameer Chauhan") in report.pairs("disagreement")


def test_seed_002_agreement_is_not_wording_shared_once(panel: tuple) -> None:
    """A UN panel where every speech is "similar": shared wording alone once gave precision 0.375."""
    report, reference = panel
    m = evaluate(report, reference).metrics
    assert m["agreement_pairs_precision"] >= 0.45 and m["agreement_pairs_recall"] >= 0.35
    # "full potential" said once by each of Kamal Kishore and Johanna Hill is no shared position
    assert ("Johanna Hill", "Kamal Kishore") not in report.pairs("agreement")
