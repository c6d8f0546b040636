"""The engine that analyses nothing: the report holds header, speakers, statistics, suspects, transcript."""

from __future__ import annotations

from ..models import Transcript
from .base import Analysis, Engine, EngineOptions, Progress, no_progress


class NoAnalysisEngine(Engine):
    """No sections; the disclaimer says so."""

    name = "none"

    def analyze(self, transcript: Transcript, options: EngineOptions, progress: Progress = no_progress) -> Analysis:
        return Analysis(
            disclaimer=(
                "This report holds the transcript and exact statistics only; "
                "no analysis engine was run (--engine none)."
            )
        )
