"""Text helpers behind the metrics."""

from __future__ import annotations

import pytest

from sessionlens.evaluation.text import (
    contains_words,
    numbers,
    quote_fragments,
    split_sentences,
    token_f1,
    words,
)


def test_split_sentences_follows_the_qmsum_protocol() -> None:
    assert split_sentences("the team met . they agreed ! why ? ok") == [
        "the team met .",
        "they agreed !",
        "why ?",
        "ok",
    ]
    assert split_sentences("It cost 1.5 million. Next.") == ["It cost 1.5 million.", "Next."]


def test_token_f1() -> None:
    assert token_f1("AI is not food", "ai is not food") == 1.0
    assert token_f1("a b c d", "a b") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert token_f1("x", "y") == 0.0


def test_numbers_drop_thousands_separators() -> None:
    assert numbers("20,000 civil servants, 1.5°C, $3 trillion in 2040.") == [
        "20000",
        "1.5",
        "3",
        "2040",
    ]


def test_quote_fragments_split_at_elisions_and_insertions() -> None:
    quote = "Without facts there is no truth… disinformation [is] number one global risk"
    assert quote_fragments(quote) == [
        "Without facts there is no truth",
        " disinformation ",
        " number one global risk",
    ]
    haystack = (
        " "
        + " ".join(
            words("Without facts, there is no truth. And disinformation is number one global risk.")
        )
        + " "
    )
    assert all(contains_words(haystack, f) for f in quote_fragments(quote))
    assert not contains_words(haystack, "there is no trust")
