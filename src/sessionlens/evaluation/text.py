"""Small text helpers shared by the metrics: sentences, word tokens, numbers, token F1."""

from __future__ import annotations

import re
from collections import Counter

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Typography that differs between a quote and its transcript without changing the words.
_TYPO = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def split_sentences(text: str) -> list[str]:
    """Sentences split after `.`, `!` or `?` followed by whitespace (the QMSum protocol)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, underscore), typography unified."""
    return _WORD.findall(text.translate(_TYPO).lower())


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 of two texts (SQuAD-style overlap)."""
    ta, tb = Counter(words(a)), Counter(words(b))
    common = sum((ta & tb).values())
    if common == 0:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def numbers(text: str) -> list[str]:
    """Numbers as written, without thousands separators or a trailing dot ('20,000' -> '20000')."""
    out = []
    for m in _NUMBER.findall(text):
        n = m.rstrip(".,")
        # a comma followed by exactly three digits is a thousands separator
        n = re.sub(r",(?=\d{3}(?:\D|$))", "", n)
        out.append(n)
    return out


def quote_fragments(quote: str) -> list[str]:
    """The verbatim parts of a quote: split at elisions (`…`, `...`) and [editorial] insertions."""
    parts = re.split(r"…|\.\.\.|\[[^\]]*\]", quote)
    return [p for p in parts if words(p)]


def contains_words(haystack_words: str, fragment: str) -> bool:
    """Whether the words of `fragment` occur contiguously in a ' '-joined word string."""
    needle = " ".join(words(fragment))
    return bool(needle) and f" {needle} " in haystack_words
