"""Checks of one written answer sentence against the passages it cites (LLM answers).

A sentence passes when it cites at least one passage that exists, every quotation in it
("…", “…”) is verbatim in a cited passage (case, spacing and quote marks aside), and it is
supported: its vector is close to a cited passage's, or most of its content words are there.
"""

from __future__ import annotations

import re

from ..store.sentences import embed_texts
from .models import Passage
from .query import content_words

#: cosine of sentence and cited passage that counts as support
SUPPORT_COSINE = 0.5
#: or this share of the sentence's content words found in the cited passages
SUPPORT_WORDS = 0.6
_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    return _SPACE.sub(" ", text).strip(" .,;:!?'").lower()


def quotes(text: str) -> list[str]:
    """The quotations in `text` (three characters or more between quote marks)."""
    return [q for q in _QUOTED.findall(text) if q.strip()]


def passage_text(p: Passage) -> str:
    """The passage as the model sees it: the hit with its neighbours of the same turn (one
    speaker, so that nothing said by another can be attributed to them)."""
    same = [c.text for c in p.context if c.turn == p.citation.turn]
    return " ".join(same) or p.citation.text


def supported(text: str, cited: list[Passage]) -> bool:
    """Whether `text` says what the cited passages say (vector or word overlap)."""
    sources = [passage_text(p) for p in cited]
    words = content_words(text)
    if words:
        pool = set(_WORD.findall(_norm(" ".join(sources))))
        share = sum(w.lower().replace("’", "'") in pool for w in words) / len(words)
        if share >= SUPPORT_WORDS:
            return True
    vecs = embed_texts([text, *sources])
    if vecs is None:
        return False
    return float((vecs[1:] @ vecs[0]).max()) >= SUPPORT_COSINE


def check_sentence(text: str, refs: list[int], passages: dict[int, Passage]) -> str | None:
    """None when the sentence may stay, else why it is dropped."""
    if not text.strip():
        return "empty sentence"
    if not refs:
        return "cites no passage"
    missing = [r for r in refs if r not in passages]
    if missing:
        return f"cites passage {missing[0]}, which was not retrieved"
    cited = [passages[r] for r in refs]
    pool = _norm(" ".join(passage_text(p) for p in cited))
    for q in quotes(text):
        if _norm(q) not in pool:
            return "quote not found in the cited passages"
    if not supported(text, cited):
        return "not supported by the cited passages"
    return None
