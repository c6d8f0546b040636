"""Questions answered from what was said in the stored sessions, every sentence cited.

    from sessionlens.answers import ask
    answer = ask(store, "What did speakers say about data localisation?", event="IGF 2025")

Retrieval (`retrieve`) finds passages; `offline` quotes them, `llm` writes an answer whose
sentences are verified against them (`verify`).
"""

from __future__ import annotations

import time
from typing import Any

from ..store import Store
from ..store.sentences import Scope
from .models import Answer, AnswerSentence, AskRequest, Citation, Passage
from .offline import NOT_SAID, offline_answer
from .query import Question, parse_question
from .retrieve import candidates, passages, rank, relevant

#: passages retrieved per question, and sentences of context either side of each
PASSAGES = 10
WINDOW = 1


def find_passages(
    store: Store, question: str, scope: Scope, k: int = PASSAGES, window: int = WINDOW
) -> tuple[Question, list[Passage]]:
    """The parsed question and its best `k` passages (none when nothing is relevant)."""
    if not getattr(store, "_sentences_ready", False):
        store.backfill_sentences()  # a store made before sentences were stored
        store._sentences_ready = True  # type: ignore[attr-defined]
    names = store.speaker_names(scope)
    q = parse_question(question, [n for _, n in names])
    if not q.terms:  # nothing asked about ("Why?", "What did Ko Barrett say?")
        return q, []
    named = {pid for pid, n in names if n in q.speakers}
    ranked = rank(q, candidates(store, q, scope), named)
    embedded = any(s.cosine != 0.0 for s in ranked[:5])  # False: no embedding model here
    if not relevant(ranked, embedded):
        return q, []
    return q, passages(store, ranked, k, window)


def ask(
    store: Store,
    question: str,
    *,
    event: str | None = None,
    session: int | None = None,
    speaker: str | None = None,
    topic: str | None = None,
    date: str | None = None,
    engine: str = "offline",
    llm_options: Any = None,
    k: int = PASSAGES,
) -> Answer:
    """Answer `question` from the sessions in scope; "The sessions do not say" when nothing
    relevant is found. `engine` is "offline" (extractive) or "llm" (needs `llm_options`)."""
    t0 = time.perf_counter()
    question = question.replace("\x00", " ")  # PostgreSQL refuses NUL in text
    scope = Scope(event=event, session_id=session, topic=topic, date=date)
    found: list[Passage] = []
    q = parse_question(question)
    person = store.find_person(speaker) if speaker else None
    if not speaker or person is not None:
        scope.person_id = person.id if person else None
        q, found = find_passages(store, question, scope, k)
    if engine == "llm" and found:
        from .llm import llm_answer

        answer = llm_answer(q, found, llm_options)
    else:
        answer = offline_answer(q, found)
        answer.engine = "llm" if engine == "llm" else "offline"
    answer.took_ms = round((time.perf_counter() - t0) * 1000, 1)
    return answer


__all__ = [
    "NOT_SAID",
    "Answer",
    "AnswerSentence",
    "AskRequest",
    "Citation",
    "Passage",
    "ask",
    "find_passages",
]
