"""AMI adjacency pairs and ICSI accept/reject acts as stance references."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from sessionlens.evaluation.metrics import evaluate, stance_relations
from sessionlens.evaluation.stance_corpora import stance_cases


@pytest.mark.parametrize(("corpus", "meetings"), [("ami-stances", 8), ("icsi-stances", 3)])
def test_annotated_meetings_become_references(shared_dir: Path, corpus: str, meetings: int) -> None:
    cases = stance_cases(shared_dir / "data", corpus)
    assert len(cases) == meetings
    case = cases[0]
    turns = case.transcript.turns
    assert len(turns) > 100 and len({t.speaker for t in turns}) >= 3
    assert all(a.speaker != b.speaker for a, b in pairwise(turns))
    gold = stance_relations(case.reference)
    assert gold and {k for k, *_ in gold} == {"agreement", "disagreement"}
    assert all(0 <= t1 < len(turns) and 0 <= t2 < len(turns) for _, _, t1, _, t2 in gold)
    # the reference scored against itself finds every relation
    m = evaluate(case.reference, case.reference).metrics
    assert m["stance_relations_precision"] == m["stance_relations_recall"] == 1.0
