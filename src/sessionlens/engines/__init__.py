"""Analysis engines behind one interface: `analyze(transcript, stats, options) -> Report`.

Engines are imported lazily so that `sessionlens stats` never pays for a model load.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import InputError
from ..models import Report, SpeakerStats, Transcript

#: name -> "module:class"
ENGINES: dict[str, str] = {
    "none": "sessionlens.engines.none:NoAnalysisEngine",
    "offline": "sessionlens.engines.offline.engine:OfflineEngine",
    "llm": "sessionlens.engines.llm.engine:LLMEngine",
}

Progress = Callable[[str, float], None]


@dataclass
class AnalysisOptions:
    """Everything an engine may be told; each engine reads what concerns it."""

    taxonomy: str = "diplo"
    cache_dir: Path | None = None
    use_cache: bool = True
    llm_url: str | None = None
    llm_model: str | None = None
    llm_key: str | None = None
    llm_context: int = 8192
    llm_concurrency: int = 4
    progress: Progress | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def report(self, stage: str, fraction: float) -> None:
        if self.progress is not None:
            self.progress(stage, fraction)


class Engine(Protocol):
    name: str

    def analyze(
        self, transcript: Transcript, stats: list[SpeakerStats], options: AnalysisOptions
    ) -> Report: ...


def get_engine(name: str) -> Engine:
    """Instantiate the engine called `name`."""
    if name not in ENGINES:
        raise InputError(None, f"unknown engine {name!r} (one of {', '.join(ENGINES)})")
    module_name, cls = ENGINES[name].split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise InputError(
            None, f"engine {name!r} needs a package that is not installed ({exc.name}); "
            "install sessionlens[all]"
        ) from None
    return getattr(module, cls)()
