"""POST /api/ask and the /ask page over a live server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionlens.pipeline import analyze, ingest
from sessionlens.store import open_store

from .conftest import Live, start_server


def _fill(db: Path, connectivity_panel: Path) -> None:
    with open_store(db) as store:
        store.add_report(analyze(ingest(connectivity_panel), engine="none"), event="IGF 2025")


@pytest.fixture
def corpus_live(tmp_path: Path, connectivity_panel: Path) -> Iterator[Live]:
    _fill(tmp_path / "corpus.db", connectivity_panel)
    server, stop = start_server(tmp_path / "corpus.db")
    yield server
    stop()


def test_api_answers_with_citations(corpus_live: Live) -> None:
    with corpus_live.client() as c:
        r = c.post("/api/ask", json={"question": "How can the digital divide be closed?", "event": "IGF 2025"})
        assert r.status_code == 200, r.text
        answer = r.json()
        assert answer["found"] and answer["citations"]
        first = answer["citations"][0]
        report = c.get(first["url"].split("#")[0])
        assert report.status_code == 200
        assert f'id="{first["url"].split("#")[1]}"' in report.text
        nothing = c.post("/api/ask", json={"question": "chocolate cake recipe with strawberries"})
        assert nothing.json()["found"] is False
        assert nothing.json()["lead"] == "The sessions do not say."


def test_api_rejects_bad_bodies_and_llm_without_endpoint(corpus_live: Live, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSIONLENS_CONFIG", "/nonexistent/config.toml")
    monkeypatch.delenv("SESSIONLENS_LLM_URL", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with corpus_live.client() as c:
        assert c.post("/api/ask", json={"question": ""}).status_code == 422
        assert c.post("/api/ask", json={"question": "x" * 501}).status_code == 422
        r = c.post("/api/ask", json={"question": "digital divide", "engine": "llm"})
        assert r.status_code == 400 and "not configured" in r.json()["detail"]


def test_private_corpus_needs_the_read_token(tmp_path: Path, connectivity_panel: Path) -> None:
    _fill(tmp_path / "corpus.db", connectivity_panel)
    server, stop = start_server(tmp_path / "corpus.db", read_token="reader-7")
    try:
        with server.client() as c:
            assert c.post("/api/ask", json={"question": "digital divide"}).status_code == 401
            assert c.get("/ask", params={"q": "digital divide"}).status_code == 401
            ok = c.post("/api/ask", json={"question": "digital divide"}, headers={"Authorization": "Bearer reader-7"})
            assert ok.status_code == 200 and ok.json()["found"]
    finally:
        stop()


def test_page_shows_answer_and_sources(corpus_live: Live) -> None:
    with corpus_live.client() as c:
        page = c.get("/ask", params={"q": "How can the digital divide be closed?"})
        assert page.status_code == 200
        assert 'id="answer-lead"' in page.text and "/report#turn-" in page.text
        assert c.get("/ask").status_code == 200 and 'id="answer"' not in c.get("/ask").text
        assert '<a href="/ask">Ask</a>' in c.get("/").text
