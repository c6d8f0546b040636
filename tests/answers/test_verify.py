from __future__ import annotations

from sessionlens.answers.models import Citation, Passage
from sessionlens.answers.verify import check_sentence, quotes


def _passage(ref: int, speaker: str, texts: list[str], turn: int = 0) -> Passage:
    cites = [
        Citation(
            ref=ref,
            session_id=1,
            event="E",
            sentence=i,
            turn=turn,
            speaker=speaker,
            text=t,
            url=f"/sessions/1/report#turn-{turn}",
        )
        for i, t in enumerate(texts)
    ]
    return Passage(ref=ref, citation=cites[0], context=cites, score=1.0)


PASSAGES = {
    1: _passage(1, "Lena Ruiz", ["Sensors on bridges gave us three hours of warning last spring."]),
    2: _passage(2, "Bo Guest", ["Early warning only helps when neighbourhoods know where to go."], turn=1),
}


def test_supported_sentence_with_a_verbatim_quote_stays() -> None:
    text = "Lena Ruiz said sensors on bridges gave “three hours of warning” last spring."
    assert check_sentence(text, [1], PASSAGES) is None


def test_a_quote_must_be_in_a_cited_passage() -> None:
    text = "Lena Ruiz said sensors gave “five hours of warning”."
    assert check_sentence(text, [1], PASSAGES) == "quote not found in the cited passages"
    # the words exist, but in a passage this sentence does not cite
    text = "Lena Ruiz said “neighbourhoods know where to go”."
    assert check_sentence(text, [1], PASSAGES) == "quote not found in the cited passages"


def test_citations_must_exist() -> None:
    assert check_sentence("Sensors gave warning.", [], PASSAGES) == "cites no passage"
    assert check_sentence("Sensors gave warning.", [7], PASSAGES) == ("cites passage 7, which was not retrieved")


def test_unsupported_sentence_is_dropped() -> None:
    text = "The committee approved a new budget for school meals in every district."
    assert check_sentence(text, [1], PASSAGES) == "not supported by the cited passages"


def test_quotes_are_found_with_either_mark() -> None:
    assert quotes('He said "we act now" and “later too”.') == ["we act now", "later too"]
