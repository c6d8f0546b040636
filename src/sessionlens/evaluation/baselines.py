"""A trivial engine for sanity floors: what any real engine must beat.

Arguments are the first sentence of each turn (title only); the summary is the lead of the
transcript: its first sentences of at least four words, up to a word budget. Nothing else.
It has the engine interface, so the harness runs it like any engine.
"""

from __future__ import annotations

from typing import ClassVar

from ..engines import Analysis, Engine, EngineOptions, Progress, no_progress
from ..models import Argument, Glance, Report, Transcript
from ..stats import word_count
from .text import split_sentences

NAME = "baseline"
#: Default summary budget in words (QMSum general summaries average 106-130 words).
LEAD_WORDS = 120
MIN_SENTENCE_WORDS = 4


def lead_summary(transcript: Transcript, budget: int = LEAD_WORDS) -> str:
    """The first transcript sentences of at least four words, until `budget` words are reached
    (the last sentence may cross it: the protocol of the floors in evaluation-protocol.md)."""
    out: list[str] = []
    used = 0
    for turn in transcript.turns:
        for sentence in split_sentences(turn.text):
            n = word_count(sentence)
            if n < MIN_SENTENCE_WORDS:
                continue
            out.append(sentence)
            used += n
            if used >= budget:
                return " ".join(out)
    return " ".join(out)


def first_sentence_arguments(transcript: Transcript) -> list[Argument]:
    """One argument per turn: its first sentence, as the title."""
    out = []
    for turn in transcript.turns:
        sentences = split_sentences(turn.text)
        if sentences:
            out.append(
                Argument(speaker=turn.speaker, title=sentences[0], source_turns=[turn.index])
            )
    return out


class BaselineOptions(EngineOptions):
    lead_words: int | None = None  # the summary budget in words (default LEAD_WORDS)


class BaselineEngine(Engine):
    """First sentence of each turn as arguments, lead-N summary of `lead_words` words."""

    name = NAME
    Options: ClassVar[type[EngineOptions]] = BaselineOptions

    def analyze(self, transcript: Transcript, options: EngineOptions, progress: Progress = no_progress) -> Analysis:
        budget = getattr(options, "lead_words", None) or LEAD_WORDS
        return Analysis(
            glance=Glance(summary=lead_summary(transcript, budget) or None),
            arguments=first_sentence_arguments(transcript),
            disclaimer="Trivial baseline: first sentence of each turn, lead summary.",
        )


def baseline_report(transcript: Transcript, lead_words: int = LEAD_WORDS) -> Report:
    """The baseline's report of a transcript (statistics computed from the transcript), not
    verified: the floor is what the method itself yields."""
    from ..pipeline import assemble
    from ..stats import compute_stats

    analysis = BaselineEngine().analyze(transcript, BaselineOptions(lead_words=lead_words))
    return assemble(transcript, compute_stats(transcript), analysis, NAME)
