"""A trivial engine for sanity floors: what any real engine must beat.

Arguments are the first sentence of each turn (title only); the summary is the lead of the
transcript: its first sentences of at least four words, up to a word budget. Nothing else.
It has the engine interface, so the harness runs it like any engine.
"""

from __future__ import annotations

from ..engines import AnalysisOptions
from ..models import Argument, Glance, Report, ReportMeta, SpeakerStats, Transcript
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


class BaselineEngine:
    """First sentence of each turn as arguments, lead-N summary. `options.extra['lead_words']`
    sets the summary budget."""

    name = NAME

    def analyze(
        self, transcript: Transcript, stats: list[SpeakerStats], options: AnalysisOptions
    ) -> Report:
        budget = int(options.extra.get("lead_words", LEAD_WORDS))
        return Report(
            transcript=transcript,
            stats=stats,
            glance=Glance(summary=lead_summary(transcript, budget) or None),
            arguments=first_sentence_arguments(transcript),
            meta=ReportMeta(engine=NAME),
            disclaimer="Trivial baseline: first sentence of each turn, lead summary.",
        )


def baseline_report(transcript: Transcript, lead_words: int = LEAD_WORDS) -> Report:
    """The baseline's report of a transcript (statistics computed from the transcript)."""
    from ..stats import compute_stats

    options = AnalysisOptions(extra={"lead_words": str(lead_words)})
    return BaselineEngine().analyze(transcript, compute_stats(transcript), options)
