"""What the report says about itself: verification results, engine, usage, timings."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import SCHEMA_VERSION, _Model


class VerificationIssue(_Model):
    section: str
    item: str
    problem: str
    action: Literal["dropped", "fixed", "flagged"]


class Verification(_Model):
    """What the engine-independent checks found."""

    checked: int = 0
    fixed: int = 0
    dropped: int = 0
    flagged: int = 0
    issues: list[VerificationIssue] = Field(default_factory=list)


class StageUsage(_Model):
    stage: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cached: int = 0


class ReportMeta(_Model):
    schema_version: str = SCHEMA_VERSION
    generator: str | None = Field(default=None, description="sessionlens version that wrote it.")
    engine: str | None = None
    model: str | None = Field(default=None, description="Embedding or language model used.")
    taxonomy: str | None = None
    generated_at: str | None = None
    degraded_sections: list[str] = Field(
        default_factory=list, description="Sections filled by a fallback after a failure."
    )
    usage: list[StageUsage] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
