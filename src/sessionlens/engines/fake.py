"""A deterministic engine for tests: no model, the same sections for the same transcript.

Not registered by default (it is no use to a reader); a test passes an instance to
`pipeline.analyze`, or registers it through an entry point as any third party would. Each
speaker's first `arguments_per_speaker` turns give one argument each (title: the turn's first
words); the longest turn gives the one comment, quoted verbatim; `invent` adds what
verification must catch (an unknown speaker, a quote nobody said).
"""

from __future__ import annotations

from typing import ClassVar

from ..models import Argument, Comment, Glance, Transcript
from .base import Analysis, Engine, EngineOptions, Progress, no_progress

TITLE_WORDS = 12
INVENTED_SPEAKER = "Nobody Atall"
INVENTED_QUOTE = "words that nobody in this session ever said aloud"


class FakeOptions(EngineOptions):
    arguments_per_speaker: int | None = None  # default 1
    invent: bool | None = None  # add an invented speaker's argument and an invented quote


class FakeEngine(Engine):
    """Sections made from the transcript by fixed rules; see the module docstring."""

    name = "fake"
    Options: ClassVar[type[EngineOptions]] = FakeOptions

    def analyze(self, transcript: Transcript, options: EngineOptions, progress: Progress = no_progress) -> Analysis:
        per_speaker = getattr(options, "arguments_per_speaker", None) or 1
        taken: dict[str, int] = {}
        arguments = []
        for turn in transcript.turns:
            if taken.get(turn.speaker, 0) >= per_speaker or not turn.text.strip():
                continue
            taken[turn.speaker] = taken.get(turn.speaker, 0) + 1
            title = " ".join(turn.text.split()[:TITLE_WORDS])
            arguments.append(Argument(speaker=turn.speaker, title=title, source_turns=[turn.index]))
        progress("fake", 0.5)
        longest = max(transcript.turns, key=lambda t: len(t.text), default=None)
        comments = [Comment(quote=" ".join(longest.text.split()[:20]), speaker=longest.speaker)] if longest else []
        if getattr(options, "invent", None):
            arguments.append(Argument(speaker=INVENTED_SPEAKER, title="An argument nobody made"))
            comments.append(Comment(quote=INVENTED_QUOTE, speaker=comments[0].speaker if comments else "?"))
        progress("done", 1.0)
        return Analysis(
            arguments=arguments,
            comments=comments,
            glance=Glance(summary=f"{len(taken)} speakers, {len(transcript.turns)} turns."),
            disclaimer="Made by the fake engine, for tests.",
            model="fake",
        )
