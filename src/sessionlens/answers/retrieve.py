"""Passages that answer a question: full-text candidates re-ranked by sentence embeddings.

Candidates are the sentences holding any of the question's terms (BM25 / ts_rank) and the
sentences of the best-matching turns; when the filters leave a small scope (one session, one
speaker), every sentence in it is a candidate too, so that a paraphrase with none of the
question's words can still be found. Each candidate is scored by the cosine of its stored
vector with the question's, plus the share of the question's terms it holds, plus a boost
when the question names its speaker. The best ones, with a window of neighbouring sentences,
are the passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..renderers.formatting import clock
from ..store import Store
from ..store.sentences import Scope, SentenceContext, StoredSentence, decode_vectors, embed_texts
from .models import Citation, Passage
from .query import Question, content_words

#: a scope with at most this many sentences is ranked whole (one session has ~300-3,000)
DENSE_SCOPE = 20_000
FTS_SENTENCES = 300
FTS_TURNS = 40
#: weight of the share of question terms a sentence holds, beside the cosine (0-1)
LEXICAL_WEIGHT = 0.3
#: added when the question names the sentence's speaker
SPEAKER_BOOST = 0.15
#: a hit sentence needs this many content words ("Yes, I think so." answers nothing alone)
MIN_WORDS = 3
#: below this cosine with the question, the best sentence is not an answer
MIN_COSINE = 0.3
#: sentences either side whose scores count towards a sentence's, and their weight
NEIGHBOURS = 4
SUBJECT_VECTOR = True
SMOOTHING = 1.0
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Scored:
    sentence: StoredSentence
    cosine: float
    lexical: float
    score: float


def _stem(word: str) -> str:
    # a crude stem, enough to match "localisation" / "localise" in the term share
    return word.lower()[:6]


def lexical_share(terms: list[str], text: str) -> float:
    """Share of `terms` (by crude stem) that occur in `text`."""
    if not terms:
        return 0.0
    have = {_stem(w) for w in _WORD.findall(text)}
    stems = [_stem(w) for t in terms for w in _WORD.findall(t)]
    return sum(s in have for s in stems) / max(1, len(stems))


def candidates(store: Store, question: Question, scope: Scope) -> list[StoredSentence]:
    """Every sentence worth scoring, without repeats."""
    found: dict[int, StoredSentence] = {}
    for s in store.matching_sentences(question.terms, scope, FTS_SENTENCES):
        found[s.id] = s
    for s in store.sentences_of_matching_turns(question.terms, scope, FTS_TURNS):
        found.setdefault(s.id, s)
    if store.count_sentences(scope) <= DENSE_SCOPE:
        for s in store.scope_sentences(scope, DENSE_SCOPE):
            found.setdefault(s.id, s)
    return list(found.values())


def question_vector(question: Question) -> np.ndarray | None:
    """The question's vector: the mean of the whole question's and its subject's, so that
    "What did X say about Y?" looks for Y more than for sayings."""
    texts = [question.text, question.subject] if SUBJECT_VECTOR and question.subject else [question.text]
    vecs = embed_texts(texts)
    if vecs is None:
        return None
    v = vecs.mean(axis=0, keepdims=True)
    return v / max(float(np.linalg.norm(v)), 1e-9)


def rank(question: Question, found: list[StoredSentence], speaker_ids: set[int] | None = None) -> list[Scored]:
    """Candidates scored, best first; sentences too short to answer are left out."""
    found = [s for s in found if len(content_words(s.text)) >= MIN_WORDS]
    if not found:
        return []
    qv = question_vector(question)
    vecs, have = decode_vectors([s.vector for s in found])
    if qv is None:
        cos = np.zeros(len(found), dtype=np.float32)
    else:
        if not have.all():  # stored without a model: embed now
            missing = [i for i in range(len(found)) if not have[i]]
            extra = embed_texts([found[i].text for i in missing])
            if extra is not None:
                vecs[missing] = extra
        cos = vecs @ qv[0]
    out = []
    for i, s in enumerate(found):
        lex = lexical_share(question.terms, s.text)
        boost = SPEAKER_BOOST if speaker_ids and s.person_id in speaker_ids else 0.0
        score = float(cos[i]) + LEXICAL_WEIGHT * lex + boost
        out.append(Scored(s, float(cos[i]), lex, score))
    _smooth(out)
    out.sort(key=lambda x: (-x.score, x.sentence.session_id, x.sentence.idx))
    return out


def _smooth(scored: list[Scored]) -> None:
    """Add the mean score of the sentences around each one (a stretch where the subject is
    discussed beats a lone sentence that shares its words); missing neighbours count 0."""
    if NEIGHBOURS <= 0 or SMOOTHING <= 0:
        return
    by_pos = {(x.sentence.session_id, x.sentence.idx): x.score for x in scored}
    width = 2 * NEIGHBOURS
    for x in scored:
        sid, idx = x.sentence.session_id, x.sentence.idx
        around = sum(by_pos.get((sid, j), 0.0) for j in range(idx - NEIGHBOURS, idx + NEIGHBOURS + 1) if j != idx)
        x.score += SMOOTHING * around / width


def relevant(ranked: list[Scored], embedded: bool) -> bool:
    """Whether the best candidate answers at all (else: "The sessions do not say")."""
    if not ranked:
        return False
    best = ranked[0]
    return best.cosine >= MIN_COSINE if embedded else best.lexical > 0


def citation(ref: int, c: SentenceContext) -> Citation:
    return Citation(
        ref=ref,
        session_id=c.session_id,
        session_title=c.session_title,
        event=c.event,
        date=c.date,
        sentence=c.idx,
        turn=c.turn_idx,
        speaker=c.speaker,
        start=c.start,
        time=clock(c.start) or None,
        text=c.text,
        url=f"/sessions/{c.session_id}/report#turn-{c.turn_idx}",
    )


def passages(store: Store, ranked: list[Scored], k: int = 10, window: int = 1) -> list[Passage]:
    """The `k` best sentences, each with `window` sentences either side; a sentence already
    inside an earlier passage's window is not a passage of its own."""
    out: list[Passage] = []
    covered: set[tuple[int, int]] = set()
    said: set[str] = set()  # the same words twice (a repeated line, a session stored twice) once
    for item in ranked:
        if len(out) >= k:
            break
        s = item.sentence
        key = " ".join(_WORD.findall(s.text.lower()))
        if (s.session_id, s.idx) in covered or key in said:
            continue
        said.add(key)
        ctx = store.sentence_contexts(s.session_id, s.idx - window, s.idx + window)
        hit = next((c for c in ctx if c.idx == s.idx), None)
        if hit is None:
            continue
        covered.update((c.session_id, c.idx) for c in ctx)
        ref = len(out) + 1
        out.append(
            Passage(
                ref=ref,
                citation=citation(ref, hit),
                context=[citation(ref, c) for c in ctx],
                score=round(item.score, 4),
            )
        )
    return out
