"""Arguments: one speaker's claims, and whom they agreed or disagreed with on what."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import _Model

RelationKind = Literal["agreed", "disagreed"]


class Relation(_Model):
    """One argument's speaker agreed or disagreed with another speaker, on one point."""

    kind: RelationKind
    speaker: str = Field(description="The other speaker.")
    on: str | None = Field(default=None, description="The point, as the stance item names it.")
    stance_id: str | None = Field(default=None, description="Id of the stance item that records it.")
    argument_id: str | None = Field(default=None, description="The other speaker's argument, if any.")


class Argument(_Model):
    """One claim of one speaker, with what supports it."""

    id: str | None = Field(default=None, description="Stable id within the report, e.g. 'arg-3'.")
    speaker: str
    title: str
    explanation: str | None = None
    evidence: str | None = None
    discussion_point: str | None = None
    topics: list[str] = Field(default_factory=list)
    topic_confidence: list[float] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    source_turns: list[int] = Field(default_factory=list, description="Turn indices the argument was taken from.")

    def _related(self, kind: str) -> list[Relation]:
        return [r for r in self.relations if r.kind == kind and r.speaker != self.speaker]

    @property
    def agreed_with(self) -> list[str]:
        return list(dict.fromkeys(r.speaker for r in self._related("agreed")))

    @property
    def agreed_on(self) -> list[str]:
        return list(dict.fromkeys(r.on for r in self._related("agreed") if r.on))

    @property
    def disagreed_with(self) -> list[str]:
        return list(dict.fromkeys(r.speaker for r in self._related("disagreed")))

    @property
    def disagreed_on(self) -> list[str]:
        return list(dict.fromkeys(r.on for r in self._related("disagreed") if r.on))
