"""What the store answers: typed views shared by the CLI, the web pages and the JSON API.

The JSON API uses these models as its response schemas, so the OpenAPI document and the
store can never disagree.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

#: Snippet highlight markers (private-use characters): renderers turn them into <mark> or bold.
MARK_START = "\ue000"
MARK_END = "\ue001"

HitKind = Literal["turn", "argument", "quote", "takeaway"]


class EventRef(BaseModel):
    id: int
    name: str


class SessionSummary(BaseModel):
    """One stored session, without its report."""

    id: int
    event: EventRef
    title: str | None = None
    date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    duration_seconds: float | None = None
    source: str | None = None
    format: str | None = None
    engine: str | None = None
    words: int
    turns: int
    speakers: int
    added_at: str
    track: str | None = Field(None, description="Room or track, as the organiser set it.")


class SessionSpeaker(BaseModel):
    """A speaker's part in one session (statistics as the report computed them)."""

    person_id: int
    name: str
    role: str | None = None
    affiliation: str | None = None
    is_moderator: bool = False
    words: int = 0
    turns: int = 0
    seconds: float | None = None
    wpm: float | None = None
    estimated: bool = False


class IssueCount(BaseModel):
    topic: str = Field(description="The basket the issue belongs to.")
    issue: str
    arguments: int


class SessionDetail(SessionSummary):
    speaker_list: list[SessionSpeaker] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list, description="The baskets the session is about.")
    issues: list[IssueCount] = Field(default_factory=list, description="The issues it is about, best first.")


class CurationEntry(BaseModel):
    """One edit: who changed what, when."""

    id: int
    at: str
    actor: str
    action: str
    target: str = Field(description="What was edited: 'session:3', 'person:7', 'event:2'.")
    detail: dict[str, object] = Field(default_factory=dict)


class AddResult(BaseModel):
    session_id: int
    created: bool = Field(description="False when the same transcript was already in the event.")


class SearchHit(BaseModel):
    kind: HitKind
    session_id: int
    session_title: str | None = None
    event: str
    date: str | None = None
    speaker: str | None = None
    person_id: int | None = None
    snippet: str = Field(description=f"Text with matches between {MARK_START!r} and {MARK_END!r}.")
    turn_index: int | None = Field(None, description="Position of the turn, for kind 'turn'.")
    score: float = Field(description="Higher is better.")


class FacetValue(BaseModel):
    value: str
    count: int
    id: int | None = None


class SearchResults(BaseModel):
    query: str
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]] = Field(
        default_factory=dict, description="speaker, event, topic, date: counts over all hits."
    )
    took_ms: float = 0.0


class PersonRef(BaseModel):
    id: int
    name: str


class SpeakerSession(BaseModel):
    session_id: int
    title: str | None = None
    event: str
    date: str | None = None
    name: str = Field(description="The name as written in that session.")
    role: str | None = None
    words: int
    turns: int
    seconds: float | None = None
    wpm: float | None = None
    estimated: bool = False


class ArgumentView(BaseModel):
    session_id: int
    session_title: str | None = None
    speaker: str
    person_id: int | None = None
    title: str
    explanation: str | None = None
    evidence: str | None = None
    discussion_point: str | None = None
    topics: list[str] = Field(default_factory=list)


class Relation(BaseModel):
    """How often one person agreed or disagreed with another, over all sessions."""

    person_id: int | None = None
    name: str
    arguments: int
    sessions: int


class TopicCount(BaseModel):
    topic: str
    arguments: int
    sessions: int


class SpeakerProfile(BaseModel):
    id: int
    name: str
    variants: list[str]
    sessions: list[SpeakerSession]
    total_words: int
    total_turns: int
    total_seconds: float | None = Field(None, description="Sum over sessions where time is known.")
    average_wpm: float | None = Field(None, description="Words per minute over timed sessions.")
    time_estimated: bool = False
    arguments: list[ArgumentView]
    topics: list[TopicCount]
    agreed_with: list[Relation]
    disagreed_with: list[Relation]


class SpeakerSummary(BaseModel):
    id: int
    name: str
    sessions: int
    words: int


class IssueTopic(BaseModel):
    """An issue (second topic level) across the corpus."""

    topic: str = Field(description="Its basket.")
    issue: str
    arguments: int
    sessions: int


class TopicPage(BaseModel):
    topic: str
    basket: str | None = Field(None, description="For an issue: the basket it belongs to.")
    sessions: list[SessionSummary]
    session_arguments: dict[str, int] = Field(
        default_factory=dict, description="Session id -> its arguments on this topic."
    )
    arguments: list[ArgumentView]
    speakers: list[SpeakerSummary]
    issues: list[IssueTopic] = Field(default_factory=list, description="For a basket: its issues.")


class AgreementPair(BaseModel):
    a: PersonRef
    b: PersonRef
    sessions: int
    arguments: int


class EventOverview(BaseModel):
    id: int
    name: str
    sessions: int
    words: int
    turns: int
    seconds: float | None = None
    speakers: int
    top_speakers: list[SpeakerSummary]
    topics: list[TopicCount]
    agreements: list[AgreementPair] = Field(
        description="Pairs of speakers who agreed, most sessions first."
    )


class EventSummary(BaseModel):
    id: int
    name: str
    sessions: int
