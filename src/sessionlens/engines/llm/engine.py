"""The `llm` engine's class: what it needs and its options; its work is in `run` (map-reduce)."""

from __future__ import annotations

from typing import ClassVar

from ...models import Transcript
from ..base import Analysis, Engine, EngineOptions, Progress, no_progress
from .settings import LLMOptions


class LLMEngine(Engine):
    """Abstractive reports from any OpenAI-compatible chat endpoint, verified by the pipeline."""

    name = "llm"
    requires = ("openai", "tenacity")
    extra = "llm"
    Options: ClassVar[type[EngineOptions]] = LLMOptions

    def analyze(self, transcript: Transcript, options: EngineOptions, progress: Progress = no_progress) -> Analysis:
        """The sections of `transcript`'s report (see `sessionlens.engines.llm.run`)."""
        from .client import LLMClient
        from .run import Run
        from .settings import resolve_settings

        llm_options = options if isinstance(options, LLMOptions) else LLMOptions(**options.model_dump())
        settings = resolve_settings(llm_options)
        client = LLMClient(settings)
        try:
            return Run(transcript, llm_options, settings, client, progress).execute()
        finally:
            if client.cache is not None:
                client.cache.close()
