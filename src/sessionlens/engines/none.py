"""The engine that analyses nothing: header, speakers, statistics, suspects, transcript."""

from __future__ import annotations

from ..models import Report, SpeakerStats, Transcript
from . import AnalysisOptions


class NoAnalysisEngine:
    name = "none"

    def analyze(
        self, transcript: Transcript, stats: list[SpeakerStats], options: AnalysisOptions
    ) -> Report:
        return Report(
            transcript=transcript,
            stats=stats,
            disclaimer=(
                "This report holds the transcript and exact statistics only; "
                "no analysis engine was run (--engine none)."
            ),
        )
