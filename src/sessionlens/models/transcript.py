"""The transcript side: who said what, when (ingest, normalise, stats)."""

from __future__ import annotations

from pydantic import Field

from .base import _Model


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
    start: float | None = Field(default=None, description="Seconds from the start of the session.")
    end: float | None = None
    time_estimated: bool = Field(
        default=False, description="True when start/end were derived, not read from the input."
    )
    words: list[Word] | None = None


class Speaker(_Model):
    """One person. Label variants that were merged into them are kept in `aliases`."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = Field(default_factory=list)
    listed: bool = Field(default=True, description="False for speakers heard in the transcript but not announced.")
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
    start_time: str | None = Field(default=None, description="Clock time as written, e.g. '11:00'.")
    end_time: str | None = None
    event: str | None = None
    duration_seconds: float | None = Field(
        default=None, description="Session length when known (from timestamps or the header)."
    )
    source: str | None = Field(default=None, description="Input file name.")
    format: str | None = Field(default=None, description="Reader that parsed the input.")
    attributed: bool = Field(
        default=True,
        description="False where the input names no speakers (captions): no per-speaker attribution exists.",
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
    seconds: float | None = Field(default=None, description="Speech time; null where unknown.")
    wpm: float | None = Field(default=None, description="Words per minute; null where unknown.")
    estimated: bool = Field(default=False, description="True where time/speed are estimates.")
    word_share: float = 0.0
    time_share: float | None = None
