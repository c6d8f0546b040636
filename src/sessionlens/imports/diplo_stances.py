"""Agreements and differences of a DiploAI report: stances, who took them, the overall assessments."""

from __future__ import annotations

import re

from ..models import Agreements, Differences, Position, Stance
from .diplo_base import ReportParser, topic_list
from .records import Line, parse_records, strip_marker

_STANCE_ONE = {"Summary", "Explanation", "Topics"}
_STANCE_MANY = {"Speakers", "Arguments"}
_SAID = re.compile(r"^(?P<name>[^:“]+?):\s*“(?P<quote>.+)”$")


class StanceSections(ReportParser):
    """Parses the Agreements and Differences sections."""

    def position(self, text: str, side: int) -> Position:
        """'Name' or 'Name: “their words”' (SessionLens writes each speaker's quote)."""
        m = _SAID.match(strip_marker(text))
        if m is None:
            return Position(speaker=self.speaker(text), side=side)
        return Position(speaker=self.speaker(m["name"]), quote=m["quote"], side=side)

    def _stances(self, lines: list[Line], section: str, untitled: bool = False, opposed: bool = False) -> list[Stance]:
        """Stance items; in a difference (`opposed`) each speaker is their own side, since
        the layout records no sides."""
        records = parse_records(
            lines,
            source=self.name,
            section=section,
            one=_STANCE_ONE,
            many=_STANCE_MANY,
            openers={"Speakers"},
        )
        out = []
        for r in records:
            if not r.fields:
                raise self.error(section, r.line, f"item {r.head[:40] if r.head else ''!r} has no Speakers")
            topics = r.one("Topics")
            title, summary = r.head, r.one("Summary")
            if untitled and summary is None:
                # "Similar viewpoints" items open with their summary, not a title
                title, summary = None, r.head
            out.append(
                Stance(
                    point=title,
                    positions=[self.position(x, n if opposed else 0) for n, x in enumerate(r.many("Speakers"))],
                    arguments=r.many("Arguments"),
                    summary=summary,
                    explanation=r.one("Explanation"),
                    topics=topic_list(topics),
                )
            )
        return out

    def _assessment(self, lines: list[Line], section: str, level: str) -> tuple[str | None, str | None]:
        records = parse_records(
            lines,
            source=self.name,
            section=section,
            one={"Summary", level},
            many=set(),
            openers=set(),
            headless=True,
        )
        if not records:
            return None, None
        rec = records[0]
        if rec.head is not None or len(records) > 1:
            # an assessment written as plain paragraphs
            text = "\n\n".join(x.text for x in lines)
            return text or None, None
        return rec.one("Summary"), rec.one(level)

    def agreements(self, lines: list[Line]) -> tuple[Agreements, list[Stance]]:
        section = "Agreements"
        names = {
            "agreement points": "points",
            "similar viewpoints": "similar",
            "unexpected consensus": "unexpected",
            "overall assessment": "assessment",
        }
        out = Agreements()
        for key, part in self._subsections(lines, names, section):
            if key == "points":
                out.agreement_points += self._stances(part, f"{section} / Agreement points")
            elif key == "similar":
                out.similar_viewpoints += self._stances(part, f"{section} / Similar viewpoints", untitled=True)
            elif key == "unexpected":
                out.unexpected_consensus += self._stances(part, f"{section} / Unexpected consensus")
            else:
                out.assessment, out.consensus_level = self._assessment(
                    part, f"{section} / Overall assessment", "Consensus level"
                )
        return out, []

    def differences(self, lines: list[Line]) -> tuple[Differences, list[Stance]]:
        section = "Differences"
        names = {
            "different viewpoints": "different",
            "unexpected differences": "unexpected",
            "partial agreements": "partial",
            "overall assessment": "assessment",
            "similar viewpoints": "similar",
        }
        out = Differences()
        similar: list[Stance] = []
        for key, part in self._subsections(lines, names, section):
            if key == "different":
                out.different_viewpoints += self._stances(part, f"{section} / Different viewpoints", opposed=True)
            elif key == "unexpected":
                out.unexpected_differences += self._stances(part, f"{section} / Unexpected differences", opposed=True)
            elif key == "partial":
                out.partial_agreements += self._stances(part, f"{section} / Partial agreements")
            elif key == "similar":
                similar += self._stances(part, f"{section} / Similar viewpoints", untitled=True)
            else:
                out.assessment, out.disagreement_level = self._assessment(
                    part, f"{section} / Overall assessment", "Disagreement level"
                )
        return out, similar
