"""The engine interface (issue 17): options in, `Analysis` out; the pipeline makes the `Report`.

An engine is a class with one method to write, `analyze(transcript, options, progress)`, and
class attributes that say what it needs:

- `name`: what `--engine` calls it;
- `requires`: the importable modules it needs beyond the core (checked by `engines.missing`);
- `extra`: the pip extra that installs them (named in the "not installed" error);
- `Options`: a pydantic model of its settings, `extra="forbid"` so a misspelt setting is an
  error, every field `None` = "not given" (precedence is resolved in `engines.settings`).

It returns an `Analysis`, the report sections it wrote; the pipeline adds the transcript, the
statistics and the meta, and verifies the whole once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..models import (
    Agreements,
    Argument,
    Comment,
    Differences,
    DiscussionPoint,
    FollowUpQuestion,
    Glance,
    Report,
    StageUsage,
    Takeaways,
    Transcript,
    Verification,
)

#: progress(stage, fraction done in 0..1)
Progress = Callable[[str, float], None]


def no_progress(stage: str, fraction: float) -> None:
    """The progress callback of a caller that shows none."""


class EngineOptions(BaseModel):
    """Settings every engine understands; an engine's `Options` subclasses it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    taxonomy: str | None = Field(None, description="Topic taxonomy: diplo, sdg, wsis or a JSON file (default diplo).")
    cache_dir: Path | None = Field(None, description="Folder of the engine's caches.")
    use_cache: bool | None = Field(None, description="False: neither read nor write a cache (--no-cache).")


class Analysis(BaseModel):
    """The sections an engine wrote, and what it says about how (model, usage, timings)."""

    model_config = ConfigDict(extra="forbid")

    glance: Glance = Field(default_factory=Glance)
    discussion_points: list[DiscussionPoint] = Field(default_factory=list)
    narrative: str | None = None
    arguments: list[Argument] = Field(default_factory=list)
    agreements: Agreements = Field(default_factory=Agreements)
    differences: Differences = Field(default_factory=Differences)
    takeaways: Takeaways = Field(default_factory=Takeaways)
    comments: list[Comment] = Field(default_factory=list)
    comments_assessment: str | None = None
    follow_up_questions: list[FollowUpQuestion] = Field(default_factory=list)
    disclaimer: str | None = None
    prechecked: Verification | None = Field(
        None,
        description="What the engine's own checks fixed or dropped before it wrote; `checked` counts only what "
        "never reached these sections (the rest is checked once more, and counted, in the report).",
    )
    model: str | None = None
    taxonomy: str | None = None
    degraded_sections: list[str] = Field(default_factory=list)
    usage: list[StageUsage] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)


#: Analysis fields that are report sections (the rest go into the report's meta or verification)
SECTIONS = (
    "glance",
    "discussion_points",
    "narrative",
    "arguments",
    "agreements",
    "differences",
    "takeaways",
    "comments",
    "comments_assessment",
    "follow_up_questions",
    "disclaimer",
)


def sections_of(report: Report) -> dict[str, Any]:
    """The `SECTIONS` of a report (an engine that drafts a `Report` returns these)."""
    return {name: getattr(report, name) for name in SECTIONS}


class Engine(ABC):
    """One analysis engine; see the module docstring."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    extra: ClassVar[str | None] = None
    Options: ClassVar[type[EngineOptions]] = EngineOptions

    @abstractmethod
    def analyze(self, transcript: Transcript, options: EngineOptions, progress: Progress = no_progress) -> Analysis:
        """The sections of `transcript`'s report.

        Args:
            transcript: the normalised transcript (speakers, turns, suspects).
            options: an instance of this engine's `Options`.
            progress: called with (stage, fraction done) as the work goes on.

        Returns:
            The sections this engine wrote.
        """
