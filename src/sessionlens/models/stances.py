"""Stance items: speakers on one point, in their own words (agreements and differences)."""

from __future__ import annotations

from itertools import combinations

from pydantic import Field

from .base import _Model


def sorted_pair(a: str, b: str) -> tuple[str, str]:
    """Two speakers in sorted order: how every pairing is keyed."""
    return (a, b) if a <= b else (b, a)


class Position(_Model):
    """One speaker's own position in a stance item: who, in their own words, where."""

    speaker: str
    quote: str | None = Field(
        default=None, description="Verbatim words of this speaker from their own turns (engines fill it)."
    )
    turn: int | None = Field(default=None, description="Index of the turn the quote is from.")
    argument_id: str | None = Field(default=None, description="The speaker's argument on the point.")
    side: int = Field(default=0, description="In a difference item, which side the speaker is on; pairs cross sides.")


class Stance(_Model):
    """Speakers on one point: an agreement point, a similar or different viewpoint, an
    unexpected consensus or difference, a partial agreement."""

    id: str | None = Field(default=None, description="Stable id within the report, e.g. 'agree-2'.")
    point: str | None = Field(default=None, description="Short neutral label of the question.")
    positions: list[Position] = Field(default_factory=list)
    arguments: list[str] = Field(default_factory=list, description="Argument titles.")
    summary: str | None = None
    explanation: str | None = None
    topics: list[str] = Field(default_factory=list)

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(p.speaker for p in self.positions))

    @property
    def sides(self) -> list[list[Position]]:
        """Positions grouped by side, in order of first appearance."""
        groups: dict[int, list[Position]] = {}
        for p in self.positions:
            groups.setdefault(p.side, []).append(p)
        return list(groups.values())

    def pairs(self, across_sides: bool) -> set[tuple[str, str]]:
        """Sorted speaker pairs: all of them, or only those on different sides."""
        out: set[tuple[str, str]] = set()
        for a, b in combinations(self.positions, 2):
            if a.speaker != b.speaker and (not across_sides or a.side != b.side):
                out.add(sorted_pair(a.speaker, b.speaker))
        return out


class Agreements(_Model):
    agreement_points: list[Stance] = Field(default_factory=list)
    similar_viewpoints: list[Stance] = Field(default_factory=list)
    unexpected_consensus: list[Stance] = Field(default_factory=list)
    assessment: str | None = None
    consensus_level: str | None = None

    def items(self) -> list[Stance]:
        return [*self.agreement_points, *self.similar_viewpoints, *self.unexpected_consensus]


class Differences(_Model):
    different_viewpoints: list[Stance] = Field(default_factory=list)
    unexpected_differences: list[Stance] = Field(default_factory=list)
    partial_agreements: list[Stance] = Field(default_factory=list)
    assessment: str | None = None
    disagreement_level: str | None = None

    def items(self) -> list[Stance]:
        """The items that set speakers against each other (partial agreements do not)."""
        return [*self.different_viewpoints, *self.unexpected_differences]
