"""Claims, not fragments: each rejection rule on real sentences of a hearing and a UN panel."""

from __future__ import annotations

from sessionlens.engines.offline import units
from sessionlens.engines.offline.sentences import session_sentences
from sessionlens.models import Transcript

from .conftest import sentence


def test_interrupted_sentences_are_fragments(hearing_transcript: Transcript) -> None:
    cut = [s.text for s in session_sentences(hearing_transcript) if s.text.endswith("----")]
    assert len(cut) >= 10
    assert all(units.rejection(t) == "fragment" for t in cut)


def test_a_name_with_its_title_is_not_a_claim(hearing_transcript: Transcript) -> None:
    s = sentence(hearing_transcript, "the CEO of Discord Incorporated.")
    assert units.rejection(s.text) == "fragment"  # no finite verb


def test_a_clause_cut_at_a_comma_is_a_fragment(seed_002_transcript: Transcript) -> None:
    s = sentence(seed_002_transcript, "A lot of times when we think about digital technologies and AI,")
    assert units.is_fragment(s.text)


def test_an_indirect_question_without_its_main_clause_is_a_fragment(seed_002_transcript: Transcript) -> None:
    s = sentence(seed_002_transcript, "how we can help those vulnerable populations to benefit")
    assert units.rejection(s.text) == "fragment"


def test_a_split_never_keeps_two_sentences_as_one(hearing_transcript: Transcript) -> None:
    """'no.' ends a sentence unless a number follows ('No. 5')."""
    s = sentence(hearing_transcript, "The Project Safe Childhood Act.")
    assert s.text == "The Project Safe Childhood Act."


def test_chairing_lines(hearing_transcript: Transcript) -> None:
    for key in ("turn to my Ranking Member", "will come to order", "go into rounds of questions"):
        assert units.rejection(sentence(hearing_transcript, key).text) == "chairing", key


def test_greetings_thanks_and_introductions(seed_002_transcript: Transcript, hearing_transcript: Transcript) -> None:
    assert units.rejection(sentence(hearing_transcript, "thank you for convening this hearing").text) == "greeting"
    assert units.rejection(sentence(seed_002_transcript, "And we have Co Barrett").text) == "introduction"
    assert units.rejection(sentence(seed_002_transcript, "We have Thomas Lemanouskas").text) == "introduction"


def test_questions_and_small_talk(hearing_transcript: Transcript) -> None:
    assert units.rejection(sentence(hearing_transcript, "Do you support repealing it").text) == "question"
    assert units.rejection(sentence(hearing_transcript, "I'm sure he had a good job.").text) == "small talk"


def test_claims_pass(seed_002_transcript: Transcript, hearing_transcript: Transcript) -> None:
    for s in (
        sentence(hearing_transcript, "We make careful product design choices"),
        sentence(seed_002_transcript, "an intentional effort to bridge the digital divide"),
        sentence(hearing_transcript, "When LW, the victim, sued Snapchat"),
    ):
        assert units.is_claim(s.text), s.text


def test_no_argument_title_is_a_fragment_or_procedure(seed_002_analysis, hearing_report) -> None:
    for report in (seed_002_analysis, hearing_report):
        for a in report.arguments:
            assert units.rejection(a.title) in (None, "length"), a.title
            assert not a.title.rstrip().endswith((",", "----")), a.title
