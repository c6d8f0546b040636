from __future__ import annotations

from sessionlens.answers import NOT_SAID, ask
from sessionlens.answers.retrieve import lexical_share
from sessionlens.store import Store

from .conftest import assert_citations_resolve


def test_answer_quotes_sentences_on_the_subject(corpus: Store) -> None:
    answer = ask(corpus, "How can the digital divide be closed?")
    assert answer.found and answer.engine == "offline"
    assert answer.lead.startswith("On digital divide")
    assert any("digital divide" in s.text.lower() for s in answer.sentences)
    # grouped by session and speaker: one group per (session, speaker), counted in the lead
    keys = [(g.session_id, g.speaker) for g in answer.groups]
    assert len(keys) == len(set(keys)) and len(keys) > 1
    assert answer.lead == f"On digital divide closed, {len({g.speaker for g in answer.groups})} speakers:"
    assert assert_citations_resolve(corpus, answer) >= len(answer.sentences)


def test_paraphrase_is_found_by_embeddings_in_a_small_scope(corpus: Store) -> None:
    # no sentence of the flood session holds "advance notice" or "rivers"
    answer = ask(corpus, "How much advance notice of rising rivers did sensors give?", event="Water week")
    assert answer.found
    assert "three hours of warning" in answer.sentences[0].text
    assert answer.citations[0].speaker == "Lena Ruiz"
    assert_citations_resolve(corpus, answer)


def test_nothing_relevant_says_so(corpus: Store) -> None:
    answer = ask(corpus, "What is the best recipe for chocolate cake with strawberries?")
    assert not answer.found and answer.lead == NOT_SAID
    assert answer.sentences == [] and answer.citations == []


def test_speaker_filter_keeps_to_that_speaker(corpus: Store) -> None:
    answer = ask(corpus, "What about the digital divide?", speaker="Tariq Aziz")
    assert answer.found
    assert {c.speaker for c in answer.citations} == {"Tariq Aziz"}
    assert_citations_resolve(corpus, answer)
    assert not ask(corpus, "What about the digital divide?", speaker="Nobody Known").found


def test_event_and_session_filters(corpus: Store) -> None:
    floods = ask(corpus, "What did the city find in its culverts?", event="Water week")
    assert floods.found and {c.event for c in floods.citations} == {"Water week"}
    sid = floods.citations[0].session_id
    other = ask(corpus, "What did the city find in its culverts?", session=sid + 1000)
    assert not other.found
    assert not ask(corpus, "digital divide", event="No such event").found


def test_passages_have_a_window_of_neighbours(corpus: Store) -> None:
    answer = ask(corpus, "How can the digital divide be closed?")
    for p in answer.passages:
        idx = [c.sentence for c in p.context]
        assert p.citation.sentence in idx and idx == sorted(idx) and len(idx) <= 3
        assert idx == list(range(idx[0], idx[-1] + 1))  # contiguous


def test_lexical_share() -> None:
    assert lexical_share(["digital", "divide"], "The digital divide grows.") == 1.0
    assert lexical_share(["digital", "divide"], "Nothing here.") == 0.0


def test_a_question_without_a_subject_is_not_answered(corpus: Store) -> None:
    assert not ask(corpus, "Why?").found
    assert not ask(corpus, "!!! \x00 ???").found


def test_postgres_answers_the_same_way(pg_store: Store, connectivity_panel) -> None:  # type: ignore[no-untyped-def]
    from sessionlens.pipeline import analyze, ingest

    pg_store.add_report(analyze(ingest(connectivity_panel), engine="none"), event="IGF 2025")
    answer = ask(pg_store, "How can the digital divide be closed?", event="IGF 2025")
    assert answer.found and any("digital divide" in s.text.lower() for s in answer.sentences)
    assert_citations_resolve(pg_store, answer)
    only = ask(pg_store, "What about the digital divide?", speaker="Tariq Aziz")
    assert {c.speaker for c in only.citations} == {"Tariq Aziz"}


def test_the_same_words_are_quoted_once(tmp_path, connectivity_panel) -> None:  # type: ignore[no-untyped-def]
    from sessionlens.pipeline import analyze, ingest
    from sessionlens.store import open_store

    report = analyze(ingest(connectivity_panel), engine="none")
    with open_store(tmp_path / "twice.db") as store:
        store.add_report(report, event="Week 1")
        store.add_report(report, event="Week 2")  # the same session stored in two events
        answer = ask(store, "How can the digital divide be closed?")
        texts = [p.citation.text for p in answer.passages]
        assert len(texts) == len(set(texts)) and len(texts) >= 5
