"""The whole report: every section, the transcript it was made from, ids and pairings."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Literal

from pydantic import Field, model_validator

from .arguments import Argument, Relation, RelationKind
from .base import SCHEMA_VERSION, _Model
from .meta import ReportMeta, Verification
from .migrate import migrate
from .sections import Comment, DiscussionPoint, FollowUpQuestion, Glance, Takeaways
from .stances import Agreements, Differences, Stance, sorted_pair
from .transcript import SessionInfo, SpeakerStats, Transcript

PairKind = Literal["agreement", "disagreement"]


class Report(_Model):
    """A whole session report (REPORT_FORMAT.md sections 1-11)."""

    transcript: Transcript = Field(default_factory=Transcript)
    stats: list[SpeakerStats] = Field(default_factory=list)
    glance: Glance = Field(default_factory=Glance)
    discussion_points: list[DiscussionPoint] = Field(default_factory=list)
    narrative: str | None = Field(default=None, description="Full session report, Markdown.")
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

    def pairs(self, kind: PairKind) -> Counter[tuple[str, str]]:
        """Who agreed (or disagreed) with whom: the one definition charts, eval, the store and
        the engines use. Sorted speaker pairs, counted once per stance item and per argument
        relation naming them. Agreement items pair all their speakers; difference items pair
        speakers on different sides only (allies on one side do not disagree)."""
        out: Counter[tuple[str, str]] = Counter()
        items = self.agreements.items() if kind == "agreement" else self.differences.items()
        for st in items:
            out.update(st.pairs(across_sides=kind == "disagreement"))
        rel = "agreed" if kind == "agreement" else "disagreed"
        seen: set[tuple[str, str, str | None]] = set()
        for a in self.arguments:
            for r in a.relations:
                if r.kind != rel or r.speaker == a.speaker:
                    continue
                pair = sorted_pair(a.speaker, r.speaker)
                if r.stance_id is not None:
                    continue  # already counted with its stance item
                if (*pair, r.on) not in seen:
                    seen.add((*pair, r.on))
                    out[pair] += 1
        return out

    def assign_ids(self) -> None:
        """Give every argument, discussion point and stance item without an id a stable one
        (by position, so the same report always gets the same ids)."""
        _fill_ids(self.arguments, "arg")
        _fill_ids([*self.discussion_points, *self.glance.keypoints], "point")
        _fill_ids(self.agreements.items(), "agree")
        _fill_ids(self.differences.items() + self.differences.partial_agreements, "diff")

    def link_relations(self) -> None:
        """Fill each argument's relations from the stance items whose positions cite it, so
        the two never disagree. Relations not tied to a stance item (an imported report's
        'Agreed with') are kept."""
        self.assign_ids()
        by_id = {a.id: a for a in self.arguments}
        for a in self.arguments:
            a.relations = [r for r in a.relations if r.stance_id is None]
        groups: tuple[tuple[RelationKind, list[Stance]], ...] = (
            ("agreed", self.agreements.items()),
            ("disagreed", self.differences.items()),
        )
        for kind, items in groups:
            for st in items:
                for p in st.positions:
                    arg = by_id.get(p.argument_id)
                    if arg is None or arg.speaker != p.speaker:
                        continue
                    for q in st.positions:
                        if q.speaker == p.speaker or (kind == "disagreed" and q.side == p.side):
                            continue
                        if any(r.stance_id == st.id and r.speaker == q.speaker for r in arg.relations):
                            continue
                        arg.relations.append(
                            Relation(
                                kind=kind,
                                speaker=q.speaker,
                                on=st.point,
                                stance_id=st.id,
                                argument_id=q.argument_id,
                            )
                        )

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return migrate(data)
        return data

    @model_validator(mode="after")
    def _ids(self) -> Report:
        self.assign_ids()
        return self

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        return cls.model_validate_json(text)


def _fill_ids(items: list[Any], prefix: str) -> None:
    taken = {x.id for x in items if x.id}
    n = 0
    for x in items:
        if x.id:
            continue
        n += 1
        while f"{prefix}-{n}" in taken:
            n += 1
        x.id = f"{prefix}-{n}"
        taken.add(x.id)


def report_schema() -> dict[str, Any]:
    """JSON Schema of the Report model (what `sessionlens schema` prints)."""
    schema = Report.model_json_schema()
    schema["$id"] = f"https://sessionlens.org/schema/report-{SCHEMA_VERSION}.json"
    return schema


def schema_json() -> str:
    return json.dumps(report_schema(), indent=2)
