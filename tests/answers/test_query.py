from __future__ import annotations

from sessionlens.answers.query import MAX_TERMS, content_words, parse_question, subject_phrase


def test_terms_leave_out_question_words_and_stopwords() -> None:
    q = parse_question("What did speakers say about data localisation?")
    assert q.terms == ["data", "localisation"]
    assert q.subject == "data localisation"


def test_named_speaker_is_recognised_and_not_a_search_term() -> None:
    names = ["Mr. Garnett Genuis (Sherwood Park, CPC)", "Grad E", "Grad B", "The Chair"]
    q = parse_question("What did Garnett Genuis think about vaccine procurement?", names)
    assert q.speakers == ["Mr. Garnett Genuis (Sherwood Park, CPC)"]
    assert "Genuis" not in q.terms and q.terms == ["vaccine", "procurement"]
    q = parse_question("What did Grad E say when discussing Go-there decision?", names)
    assert q.speakers == ["Grad E"] and q.subject == "Go-there decision"


def test_subject_without_a_preposition_is_the_content_words() -> None:
    assert subject_phrase("How can the digital divide be closed?") == "digital divide closed"


def test_terms_are_capped() -> None:
    words = " ".join(f"word{i}" for i in range(100))
    assert len(parse_question(words).terms) == MAX_TERMS
    assert content_words("the the data data") == ["data"]
