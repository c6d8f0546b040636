"""The LLM answer against the scripted OpenAI-compatible server (real HTTP)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionlens.answers import ask
from sessionlens.engines.llm.settings import LLMOptions
from sessionlens.store import Store

from ..engines.fake_openai_server import INVENTED_QUOTE, ScriptedServer
from .conftest import assert_citations_resolve

QUESTION = "How can the digital divide be closed?"


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedServer]:
    monkeypatch.setenv("SESSIONLENS_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("SESSIONLENS_CACHE_DIR", str(tmp_path / "cache"))
    with ScriptedServer() as s:
        yield s


def _options(server: ScriptedServer, cache: bool = True) -> LLMOptions:
    return LLMOptions(url=server.url, model=server.model, use_cache=cache)


def test_written_answer_cites_retrieved_passages(corpus: Store, server: ScriptedServer) -> None:
    answer = ask(corpus, QUESTION, engine="llm", llm_options=_options(server))
    assert answer.engine == "llm" and answer.found and answer.dropped == 0
    assert len(answer.sentences) == 3
    passages = {p.ref: p for p in answer.passages}
    for s in answer.sentences:
        # each quote is the cited passage's own words, spoken by the cited speaker
        cited = passages[s.citations[0]]
        assert cited.citation.speaker in s.text
        quoted = s.text.split("“", 1)[1].rstrip("”")
        assert quoted in " ".join(c.text for c in cited.context)
    assert_citations_resolve(corpus, answer)
    calls = server.chat_calls("ask")
    assert len(calls) == 1 and "<passages>" in calls[0].messages[1]["content"]


def test_invented_quote_and_unknown_passage_are_dropped(corpus: Store, server: ScriptedServer) -> None:
    server.fail("invent", stage="ask")
    answer = ask(corpus, QUESTION, engine="llm", llm_options=_options(server, cache=False))
    assert answer.found and answer.dropped == 2
    assert all(INVENTED_QUOTE not in s.text for s in answer.sentences)
    assert len(answer.sentences) == 3
    reasons = " | ".join(answer.dropped_reasons)
    assert "quote not found in the cited passages" in reasons
    assert "cites passage 99, which was not retrieved" in reasons
    assert_citations_resolve(corpus, answer)


def test_answers_are_cached(corpus: Store, server: ScriptedServer) -> None:
    first = ask(corpus, QUESTION, engine="llm", llm_options=_options(server))
    second = ask(corpus, QUESTION, engine="llm", llm_options=_options(server))
    assert len(server.chat_calls("ask")) == 1
    assert [s.text for s in first.sentences] == [s.text for s in second.sentences]


def test_nothing_relevant_asks_no_model(corpus: Store, server: ScriptedServer) -> None:
    answer = ask(
        corpus,
        "What is the best recipe for chocolate cake with strawberries?",
        engine="llm",
        llm_options=_options(server),
    )
    assert not answer.found and answer.engine == "llm"
    assert server.chat_calls() == []
