"""The offline engine's class: what it needs; its work is in `analysis` (imported when it runs)."""

from __future__ import annotations

from ...models import Transcript
from ..base import Analysis, Engine, EngineOptions, Progress, no_progress


class OfflineEngine(Engine):
    """Extractive reports from sentence embeddings, on the CPU, without network."""

    name = "offline"
    requires = ("numpy", "onnxruntime", "tokenizers", "vaderSentiment")
    extra = "nlp"

    def analyze(self, transcript: Transcript, options: EngineOptions, progress: Progress = no_progress) -> Analysis:
        from .analysis import analyze

        return analyze(transcript, options, progress)
