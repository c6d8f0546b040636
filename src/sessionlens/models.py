"""The one data model every stage takes and returns.

Transcript side (ingest, normalise, stats) and report side (engines, verify, render)
live together so that a report JSON always carries the transcript it was made from.
All analysis sections are optional: an engine fills what it can, renderers hide the rest.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "2"
#: Older report JSON versions that `Report` migrates on read.
MIGRATES_FROM = ("1",)

PairKind = Literal["agreement", "disagreement"]


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
    time_estimated: bool = Field(False, description="True when start/end were derived, not read from the input.")
    words: list[Word] | None = None


class Speaker(_Model):
    """One person. Label variants that were merged into them are kept in `aliases`."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = Field(default_factory=list)
    listed: bool = Field(True, description="False for speakers heard in the transcript but not announced.")
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

    id: str | None = Field(None, description="Stable id within the report, e.g. 'point-1'.")
    title: str
    description: str | None = None


class Relation(_Model):
    """One argument's speaker agreed or disagreed with another speaker, on one point."""

    kind: Literal["agreed", "disagreed"]
    speaker: str = Field(description="The other speaker.")
    on: str | None = Field(None, description="The point, as the stance item names it.")
    stance_id: str | None = Field(None, description="Id of the stance item that records it.")
    argument_id: str | None = Field(None, description="The other speaker's argument, if any.")


class Argument(_Model):
    """One claim of one speaker, with what supports it."""

    id: str | None = Field(None, description="Stable id within the report, e.g. 'arg-3'.")
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


class Position(_Model):
    """One speaker's own position in a stance item: who, in their own words, where."""

    speaker: str
    quote: str | None = Field(
        None, description="Verbatim words of this speaker from their own turns (engines fill it)."
    )
    turn: int | None = Field(None, description="Index of the turn the quote is from.")
    argument_id: str | None = Field(None, description="The speaker's argument on the point.")
    side: int = Field(0, description="In a difference item, which side the speaker is on; pairs cross sides.")


class Stance(_Model):
    """Speakers on one point: an agreement point, a similar or different viewpoint, an
    unexpected consensus or difference, a partial agreement."""

    id: str | None = Field(None, description="Stable id within the report, e.g. 'agree-2'.")
    point: str | None = Field(None, description="Short neutral label of the question.")
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
                out.add(tuple(sorted((a.speaker, b.speaker))))  # type: ignore[arg-type]
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
    topics: list[str] = Field(
        default_factory=list,
        description="The few taxonomy issues the whole session is about, 'Basket › Issue', best first.",
    )


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
                pair: tuple[str, str] = tuple(sorted((a.speaker, r.speaker)))  # type: ignore[assignment]
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
        groups = (("agreed", self.agreements.items()), ("disagreed", self.differences.items()))
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
                                stance_id=st.id,  # type: ignore[arg-type]
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


def _migrate_stance(st: dict[str, Any], own_sides: bool) -> dict[str, Any]:
    st = dict(st)
    if "title" in st:
        st["point"] = st.pop("title")
    names = list(dict.fromkeys(st.pop("speakers", None) or []))
    if "positions" not in st:
        st["positions"] = [{"speaker": n, "side": i if own_sides else 0} for i, n in enumerate(names)]
    return st


def paired_relations(kind: Literal["agreed", "disagreed"], names: list[str], labels: list[str]) -> list[Relation]:
    """Relations from a 'with' list and an 'on' list (schema v1, the DiploAI layout). They
    pair by position only when their lengths match, or all share a single label; otherwise
    the point is left open rather than guessed."""
    out = []
    for i, n in enumerate(names):
        on = labels[i] if len(labels) == len(names) else labels[0] if len(labels) == 1 else None
        out.append(Relation(kind=kind, speaker=n, on=on))
    return out


def _migrate_argument(a: dict[str, Any]) -> dict[str, Any]:
    a = dict(a)
    rel: list[Any] = list(a.get("relations") or [])
    for kind in ("agreed", "disagreed"):
        names, labels = a.pop(f"{kind}_with", None) or [], a.pop(f"{kind}_on", None) or []
        rel += [r.model_dump() for r in paired_relations(kind, names, labels)]  # type: ignore[arg-type]
    a["relations"] = rel
    return a


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Report JSON of an older schema version as the current one; an unknown version is an
    error naming it."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        return data  # built in code, not read from JSON
    version = str(meta.get("schema_version") or SCHEMA_VERSION)
    if version == SCHEMA_VERSION:
        return data
    if version not in MIGRATES_FROM:
        raise ValueError(
            f"report schema version {version!r} is not supported (this SessionLens reads "
            f"{', '.join((*MIGRATES_FROM, SCHEMA_VERSION))})"
        )
    data = dict(data)
    data["arguments"] = [_migrate_argument(a) for a in data.get("arguments") or []]
    for section, own_sides in (("agreements", False), ("differences", True)):
        part = dict(data.get(section) or {})
        for key, value in part.items():
            if isinstance(value, list):
                part[key] = [_migrate_stance(st, own_sides and key != "partial_agreements") for st in value]
        data[section] = part
    data["meta"] = {**meta, "schema_version": SCHEMA_VERSION}
    return data


def report_schema() -> dict[str, Any]:
    """JSON Schema of the Report model (what `sessionlens schema` prints)."""
    schema = Report.model_json_schema()
    schema["$id"] = f"https://sessionlens.org/schema/report-{SCHEMA_VERSION}.json"
    return schema


def schema_json() -> str:
    return json.dumps(report_schema(), indent=2)
