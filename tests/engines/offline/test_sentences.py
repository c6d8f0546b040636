"""Sentence splitting on transcript text: spans are exact, hard cases stay whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sessionlens.engines.offline.sentences import MAX_WORDS, split_sentences, split_spans


def test_titles_initials_and_decimals_do_not_end_sentences() -> None:
    text = "Dr. Smith and Kelly T. Clements said it was 1.5°C. That is a record. Mr. Lee agreed."
    assert split_sentences(text) == [
        "Dr. Smith and Kelly T. Clements said it was 1.5°C.",
        "That is a record.",
        "Mr. Lee agreed.",
    ]


def test_ellipsis_is_a_pause_unless_a_new_sentence_starts() -> None:
    assert split_sentences("We tried… and then it failed. Next year… We will see.") == [
        "We tried… and then it failed.",
        "Next year…",
        "We will see.",
    ]
    assert split_sentences("Well... maybe not.") == ["Well... maybe not."]


def test_questions_exclamations_and_quotes() -> None:
    assert split_sentences('Why now? Because "it works." Then we left!') == [
        "Why now?",
        'Because "it works."',
        "Then we left!",
    ]


def test_unpunctuated_speech_is_cut_at_soft_boundaries() -> None:
    clause = "we talked about the water supply in the northern villages for a long time"
    text = ", ".join([clause] * 12)  # ~170 words, no full stop
    parts = split_sentences(text)
    assert len(parts) >= 3
    assert all(len(p.split()) <= 2 * MAX_WORDS for p in parts)


def test_no_boundary_without_a_capital_after_it() -> None:
    assert split_sentences("e.g. the first one. no. the second") == ["e.g. the first one. no. the second"]


@given(
    st.lists(
        st.sampled_from(["Dr.", "Hello.", "world", "1.5°C.", "…", "and", "Yes?", "U.N.", "It", "works!", "  ", "\n"]),
        max_size=40,
    )
)
def test_spans_are_exact_ordered_and_cover_every_word(tokens: list[str]) -> None:
    text = " ".join(tokens)
    spans = split_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.split() == [w for w in "".join(text.split()).split()] or (
        "".join(covered.split()) == "".join(text.split())
    )
