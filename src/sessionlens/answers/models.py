"""What an answer holds: cited passages and sentences; the JSON of `ask --json` and POST /api/ask."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Citation(BaseModel):
    """One stored sentence, where it was said and by whom."""

    ref: int = Field(description="Number of the citation in the answer, from 1.")
    session_id: int
    session_title: str | None = None
    event: str
    date: str | None = None
    sentence: int = Field(description="Index of the sentence in its session, from 0.")
    turn: int = Field(description="Index of the turn in its session, from 0.")
    speaker: str
    start: float | None = Field(None, description="Seconds from the start of the session.")
    time: str | None = Field(None, description="`start` as h:mm:ss or m:ss.")
    text: str = Field(description="The sentence, verbatim.")
    url: str = Field(description="The session report at the turn.")


class Passage(BaseModel):
    """A retrieved sentence with its neighbours (the window) and its score."""

    ref: int
    citation: Citation
    context: list[Citation] = Field(default_factory=list, description="The window, in order.")
    score: float


class AnswerSentence(BaseModel):
    text: str
    citations: list[int] = Field(default_factory=list, description="Citation `ref`s.")


class AnswerGroup(BaseModel):
    """What one speaker said in one session (offline answers)."""

    session_id: int
    session_title: str | None = None
    speaker: str
    sentences: list[AnswerSentence]


class Answer(BaseModel):
    """An answer to a question about the stored sessions."""

    question: str
    engine: Literal["offline", "llm"]
    found: bool = Field(description="False when nothing relevant was retrieved.")
    lead: str
    sentences: list[AnswerSentence] = Field(default_factory=list)
    groups: list[AnswerGroup] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    dropped: int = Field(0, description="LLM sentences dropped by verification.")
    dropped_reasons: list[str] = Field(default_factory=list)
    took_ms: float = 0.0

    def plain_text(self) -> str:
        """The answer as plain text: the lead, then each speaker's sentences (offline) or the
        written sentences (LLM), one line each."""
        if self.groups:
            body = [f"{g.speaker}: " + " ".join(s.text for s in g.sentences) for g in self.groups]
        else:
            body = [s.text for s in self.sentences]
        return "\n".join([self.lead, *body])


class AskRequest(BaseModel):
    """Body of POST /api/ask."""

    question: str = Field(min_length=1, max_length=500)
    event: str | None = Field(None, max_length=200)
    session: int | None = Field(None, ge=1, le=2**62)
    speaker: str | None = Field(None, max_length=200)
    topic: str | None = Field(None, max_length=200)
    date: str | None = Field(None, max_length=200)
    engine: Literal["offline", "llm"] = "offline"
