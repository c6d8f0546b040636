"""The one data model every stage takes and returns.

Transcript side (ingest, normalise, stats) and report side (engines, verify, render)
live together so that a report JSON always carries the transcript it was made from.
All analysis sections are optional: an engine fills what it can, renderers hide the rest.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# --------------------------------------------------------------------------- transcript


class Word(_Model):
    """One recognised word with its timing (from ASR or a word-level JSON)."""

    text: str
    start: float
    end: float
    probability: float | None = None


class Turn(_Model):
    """One uninterrupted stretch of speech by one speaker."""

    index: int = Field(description="Position of the turn in the session, from 0.")
    speaker: str = Field(description="Canonical speaker name (Speaker.name).")
    text: str
    start: float | None = Field(None, description="Seconds from the start of the session.")
    end: float | None = None
    time_estimated: bool = Field(
        False, description="True when start/end were derived, not read from the input."
    )
    words: list[Word] | None = None


class Speaker(_Model):
    """One person. Label variants that were merged into them are kept in `aliases`."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = Field(default_factory=list)
    listed: bool = Field(
        True, description="False for speakers heard in the transcript but not announced."
    )
    is_moderator: bool = False


class SpeakerMerge(_Model):
    """A record that several labels were treated as one person (never silent)."""

    name: str
    variants: list[str]
    reason: str


class AttributionSuspect(_Model):
    """A turn that probably starts with the previous speaker's words. Flag only."""

    turn_index: int
    speaker: str
    reason: str
    excerpt: str


class SessionInfo(_Model):
    """Header of a session: what, when, from which input."""

    title: str | None = None
    date: str | None = None
    start_time: str | None = Field(None, description="Clock time as written, e.g. '11:00'.")
    end_time: str | None = None
    event: str | None = None
    duration_seconds: float | None = Field(
        None, description="Session length when known (from timestamps or the header)."
    )
    source: str | None = Field(None, description="Input file name.")
    format: str | None = Field(None, description="Reader that parsed the input.")
    attributed: bool = Field(
        True, description="False where the input names no speakers (captions): no per-speaker attribution exists."
    )
    language: str | None = None


class Transcript(_Model):
    """A speaker-attributed session: the input of every analysis."""

    info: SessionInfo = Field(default_factory=SessionInfo)
    speakers: list[Speaker] = Field(default_factory=list)
    turns: list[Turn] = Field(default_factory=list)
    merges: list[SpeakerMerge] = Field(default_factory=list)
    suspects: list[AttributionSuspect] = Field(default_factory=list)

    def speaker(self, name: str) -> Speaker | None:
        """The speaker called `name`, if any."""
        return next((s for s in self.speakers if s.name == name), None)

    @property
    def has_timestamps(self) -> bool:
        return any(t.start is not None and t.end is not None for t in self.turns)


class SpeakerStats(_Model):
    """Exact per-speaker statistics, a pure function of the transcript."""

    name: str
    role: str | None = None
    words: int
    turns: int
    seconds: float | None = Field(None, description="Speech time; null where unknown.")
    wpm: float | None = Field(None, description="Words per minute; null where unknown.")
    estimated: bool = Field(False, description="True where time/speed are estimates.")
    word_share: float = 0.0
    time_share: float | None = None


# --------------------------------------------------------------------------- analysis


class DiscussionPoint(_Model):
    """A session-level theme (keypoint / major discussion point)."""

    title: str
    description: str | None = None


class Argument(_Model):
    """One claim of one speaker, with what supports it."""

    speaker: str
    title: str
    explanation: str | None = None
    evidence: str | None = None
    discussion_point: str | None = None
    topics: list[str] = Field(default_factory=list)
    topic_confidence: list[float] = Field(default_factory=list)
    agreed_with: list[str] = Field(default_factory=list)
    agreed_on: list[str] = Field(default_factory=list)
    disagreed_with: list[str] = Field(default_factory=list)
    disagreed_on: list[str] = Field(default_factory=list)
    source_turns: list[int] = Field(
        default_factory=list, description="Turn indices the argument was taken from."
    )


class Stance(_Model):
    """A group of speakers on one question: an agreement point, a similar or different
    viewpoint, an unexpected consensus or difference, a partial agreement."""

    title: str | None = None
    speakers: list[str] = Field(default_factory=list)
    arguments: list[str] = Field(default_factory=list, description="Argument titles.")
    summary: str | None = None
    explanation: str | None = None
    topics: list[str] = Field(default_factory=list)


class Agreements(_Model):
    agreement_points: list[Stance] = Field(default_factory=list)
    similar_viewpoints: list[Stance] = Field(default_factory=list)
    unexpected_consensus: list[Stance] = Field(default_factory=list)
    assessment: str | None = None
    consensus_level: str | None = None


class Differences(_Model):
    different_viewpoints: list[Stance] = Field(default_factory=list)
    unexpected_differences: list[Stance] = Field(default_factory=list)
    partial_agreements: list[Stance] = Field(default_factory=list)
    assessment: str | None = None
    disagreement_level: str | None = None


class ActionItem(_Model):
    """A commitment or resolution, with who made it where known."""

    text: str
    speaker: str | None = None


class Takeaways(_Model):
    key_takeaways: list[str] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    unresolved_issues: list[str] = Field(default_factory=list)
    compromises: list[str] = Field(default_factory=list)


class Comment(_Model):
    """A thought-provoking comment: a verbatim quote (fragments joined by '…')."""

    quote: str
    speaker: str
    reason: str | None = None
    impact: str | None = None


class FollowUpQuestion(_Model):
    question: str
    speakers: list[str] = Field(default_factory=list)
    explanation: str | None = None


class Glance(_Model):
    """Session at a glance."""

    summary: str | None = Field(None, description="4-6 paragraphs separated by blank lines.")
    keypoints: list[DiscussionPoint] = Field(default_factory=list)
    purpose: str | None = None
    tone: str | None = None


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
    generator: str | None = Field(None, description="sessionlens version that wrote it.")
    engine: str | None = None
    model: str | None = Field(None, description="Embedding or language model used.")
    taxonomy: str | None = None
    generated_at: str | None = None
    degraded_sections: list[str] = Field(
        default_factory=list, description="Sections filled by a fallback after a failure."
    )
    usage: list[StageUsage] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)


class Report(_Model):
    """A whole session report (REPORT_FORMAT.md sections 1-11)."""

    transcript: Transcript = Field(default_factory=Transcript)
    stats: list[SpeakerStats] = Field(default_factory=list)
    glance: Glance = Field(default_factory=Glance)
    discussion_points: list[DiscussionPoint] = Field(default_factory=list)
    narrative: str | None = Field(None, description="Full session report, Markdown.")
    arguments: list[Argument] = Field(default_factory=list)
    agreements: Agreements = Field(default_factory=Agreements)
    differences: Differences = Field(default_factory=Differences)
    takeaways: Takeaways = Field(default_factory=Takeaways)
    comments: list[Comment] = Field(default_factory=list)
    comments_assessment: str | None = None
    follow_up_questions: list[FollowUpQuestion] = Field(default_factory=list)
    verification: Verification | None = None
    disclaimer: str | None = None
    meta: ReportMeta = Field(default_factory=ReportMeta)

    @property
    def info(self) -> SessionInfo:
        return self.transcript.info

    def arguments_of(self, speaker: str) -> list[Argument]:
        return [a for a in self.arguments if a.speaker == speaker]

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        return cls.model_validate_json(text)


def report_schema() -> dict[str, Any]:
    """JSON Schema of the Report model (what `sessionlens schema` prints)."""
    schema = Report.model_json_schema()
    schema["$id"] = f"https://sessionlens.org/schema/report-{SCHEMA_VERSION}.json"
    return schema


def schema_json() -> str:
    return json.dumps(report_schema(), indent=2)
