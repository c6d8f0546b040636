"""Evidence packs: the verbatim turns where stances and outcomes live."""

from __future__ import annotations

from pathlib import Path

from sessionlens.engines.llm_evidence import fit_lines, followup_lines, outcome_lines, stance_lines
from sessionlens.models import Transcript

from .council import AMENDMENT_VOTE, DISAGREEMENT, QUESTION, REFUSAL, VOTE, council


def _turn(t: Transcript, sentence: str) -> int:
    return next(x.index for x in t.turns if sentence in x.text)


def test_stance_pack_ranks_the_disagreement_and_the_refusal_first(tmp_path: Path) -> None:
    debate = council(tmp_path)
    lines = stance_lines(debate)
    top = fit_lines(lines, 200)  # a tight budget keeps the strongest cues
    assert any(DISAGREEMENT in x for x in top) and any(REFUSAL in x for x in top)
    assert any(QUESTION in x for x in fit_lines(lines, 400))
    assert all(x.startswith("[") for x in top)
    # the chair's "I give the floor to ..." names a speaker but carries no stance: ranked last
    floor = [x for x in lines if "I give the floor" in x.text]
    assert floor and min(x.rank for x in floor) > max(x.rank for x in lines if DISAGREEMENT in x.text)


def test_outcome_pack_has_the_votes_and_closing_turns(tmp_path: Path) -> None:
    debate = council(tmp_path)
    top = fit_lines(outcome_lines(debate), 150)
    assert any(VOTE in x and AMENDMENT_VOTE in x for x in top)
    numbers = [int(x[1 : x.index("]")]) for x in top]
    assert numbers == sorted(numbers)


def test_followups_are_the_turns_after_a_quote(tmp_path: Path) -> None:
    debate = council(tmp_path)
    quoted = _turn(debate, QUESTION)
    lines = followup_lines(debate, [(1, quoted)])
    assert lines and lines[0].text.startswith(f"after Q1: [{quoted + 1}] ")
    assert REFUSAL in lines[0].text
