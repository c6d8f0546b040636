"""Evidence packs: the verbatim turns where stances and outcomes live."""

from __future__ import annotations

from pathlib import Path

from sessionlens.engines.llm.evidence import fit_lines, followup_lines, outcome_lines, stance_lines
from sessionlens.models import Transcript

from ..council import AMENDMENT_VOTE, DISAGREEMENT, QUESTION, REFUSAL, VOTE, council


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


def test_introductions_give_roles_the_input_lacks() -> None:
    from sessionlens.engines.llm.evidence import introduction_lines
    from sessionlens.models import Speaker, Turn

    turns = [
        Turn(index=0, speaker="Rosa Marquez", text="Welcome. Our witness is Omar Haddad, the director of Port Works."),
        Turn(index=1, speaker="Omar Haddad", text="Thank you. Rosa Marquez asked a fair question."),
        Turn(index=2, speaker="Lee Park", text="I am Lee Park and I run the dock union."),
    ]
    speakers = [Speaker(name="Rosa Marquez", role="Chair"), Speaker(name="Omar Haddad"), Speaker(name="Lee Park")]
    lines = introduction_lines(Transcript(speakers=speakers, turns=turns))
    assert lines == [
        "[0] Rosa Marquez: Our witness is Omar Haddad, the director of Port Works.",
        "[2] Lee Park: I am Lee Park and I run the dock union.",
    ]  # the chair has a role already: the sentence naming her is not repeated
