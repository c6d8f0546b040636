"""What each LLM step must answer: pydantic models derived from the data model, and the
bounded JSON Schemas sent to the server.

Field descriptions are taken from `models.py` where the field exists there, so the schema a
model sees says what the report means. Every array gets `maxItems` and every string
`maxLength`: small models otherwise repeat an item until the answer is cut off. Validation is
lenient where leniency is safe (extra keys ignored, "#3"/"A3" read as 3, long lists cut);
speakers are free strings here because verification checks them against the transcript.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ... import models as dm


def _doc(model: type[BaseModel], field: str, fallback: str) -> str:
    return dm_description(model, field) or fallback


def dm_description(model: type[BaseModel], field: str) -> str | None:
    """The data model's description of `model.field`, if it has one."""
    info = model.model_fields.get(field)
    return info.description if info is not None else None


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _as_int(value: Any) -> Any:
    """'#3', 'A3', 'Q3' or ' 3 ' -> 3 (models often copy the label they were shown)."""
    if isinstance(value, str):
        digits = re.search(r"\d+", value)
        return int(digits.group()) if digits else value
    return value


class ExtractedArgument(_Out):
    """One claim found in a chunk (map step)."""

    speaker: str = Field(description="The speaker's name exactly as written in the transcript.")
    title: str = Field(description="The speaker's claim in one sentence.")
    explanation: str | None = Field(None, description="What the speaker argues and why.")
    evidence: str | None = Field(None, description="Facts, figures and examples the speaker gave; numbers as spoken.")
    quote: str | None = Field(
        None, description="One sentence of this speaker copied word for word from the transcript."
    )
    turns: list[int] = Field(default_factory=list, description=_doc(dm.Argument, "source_turns", "Turn numbers."))

    @field_validator("turns", mode="before")
    @classmethod
    def _turns(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [_as_int(v) for v in value if isinstance(_as_int(v), int)]
        return [] if value is None else value


class ChunkArguments(_Out):
    arguments: list[ExtractedArgument]


class PointOut(_Out):
    title: str = Field(description="A major discussion point of the session, a few words.")
    description: str | None = Field(None, description="One paragraph on what was said about it.")


class Assignment(_Out):
    argument: int = Field(description="Number of the argument (#3 -> 3).")
    point: int = Field(description="Number of its discussion point in `points`, from 1.")
    topics: list[str] = Field(default_factory=list, description="1-3 topics from the list.")

    @field_validator("argument", "point", mode="before")
    @classmethod
    def _ints(cls, value: Any) -> Any:
        return _as_int(value)


class DiscussionPointsOut(_Out):
    points: list[PointOut]
    assignments: list[Assignment]


class PositionOut(_Out):
    """One speaker's own position in a stance item."""

    speaker: str = Field(description="The speaker's name exactly as in the list of speakers.")
    quote: str = Field(description=_doc(dm.Position, "quote", "The speaker's own words, verbatim."))
    turn: int | None = Field(None, description="The [number] of the turn the quote is from.")
    argument: int | None = Field(None, description="Number of the speaker's argument on the point (#3 -> 3).")
    side: int = Field(
        1, description="In a difference: 1 or 2, the side this speaker takes (allies share a side). In an agreement: 1."
    )

    @field_validator("turn", "argument", "side", mode="before")
    @classmethod
    def _ints(cls, value: Any) -> Any:
        return _as_int(value)


class StanceOut(_Out):
    point: str = Field(description=_doc(dm.Stance, "point", "Short neutral label of the question."))
    positions: list[PositionOut] = Field(default_factory=list, description="Every speaker named, at least two.")
    summary: str | None = Field(None, description=_doc(dm.Stance, "summary", "One paragraph."))
    explanation: str | None = Field(None, description="Why this is notable (unexpected ones).")


class StancesOut(_Out):
    agreement_points: list[StanceOut]
    similar_viewpoints: list[StanceOut] = Field(default_factory=list)
    unexpected_consensus: list[StanceOut] = Field(default_factory=list)
    agreement_assessment: str | None = None
    consensus_level: str | None = None
    different_viewpoints: list[StanceOut]
    unexpected_differences: list[StanceOut] = Field(default_factory=list)
    partial_agreements: list[StanceOut] = Field(default_factory=list)
    disagreement_assessment: str | None = None
    disagreement_level: str | None = None


class ActionOut(_Out):
    text: str = Field(description=_doc(dm.ActionItem, "text", "A commitment or resolution."))
    speaker: str | None = Field(None, description="Who committed, where known.")


class TakeawaysOut(_Out):
    key_takeaways: list[str]
    action_items: list[ActionOut] = Field(default_factory=list)
    unresolved_issues: list[str] = Field(default_factory=list)
    compromises: list[str] = Field(default_factory=list)


class CommentOut(_Out):
    quote: int = Field(description="Number of the chosen quote (Q3 -> 3).")
    reason: str | None = Field(None, description="Why the comment matters.")
    impact: str | None = Field(None, description="How it moved the discussion.")

    @field_validator("quote", mode="before")
    @classmethod
    def _ints(cls, value: Any) -> Any:
        return _as_int(value)


class CommentsOut(_Out):
    comments: list[CommentOut]
    assessment: str | None = Field(None, description="Overall assessment of the comments.")


class QuestionOut(_Out):
    question: str
    speakers: list[str] = Field(default_factory=list, description="Who raised the need.")
    explanation: str | None = None


class QuestionsOut(_Out):
    questions: list[QuestionOut]


class GlanceOut(_Out):
    # paragraphs as items: a bounded array of bounded strings instead of one huge string
    # (llama.cpp cannot compile a grammar for a string of several thousand characters)
    summary: list[str] = Field(description="4-6 paragraphs on what was discussed and concluded.")
    purpose: str | None = Field(None, description="The overall purpose, one paragraph.")
    tone: str | None = Field(None, description="The tone and how it shifted, one paragraph.")


class NarrativeSection(_Out):
    heading: str = Field(description="Section heading, a few words.")
    text: str = Field(description="The section's text, Markdown without headings.")


class NarrativeOut(_Out):
    sections: list[NarrativeSection] = Field(
        description="Executive summary, one section per discussion point, consensus, tensions, "
        "unresolved challenges, conclusion."
    )


# --------------------------------------------------------------------------- bounded schemas

#: Longest string a schema allows: llama.cpp's server crashes compiling the grammar of a
#: string with maxLength 2000 (measured; 1000 works). Longer text is an array of strings.
MAX_STRING = 1000


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace every `$ref` by its definition (some servers' grammar converters lack $ref)."""
    defs = schema.get("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                name = node["$ref"].rsplit("/", 1)[-1]
                return walk(copy.deepcopy(defs[name]))
            return {k: walk(v) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def bounded_schema(
    model: type[BaseModel],
    *,
    items: dict[str, int],
    lengths: dict[str, int] | None = None,
    enums: dict[str, list[str]] | None = None,
    default_items: int = 5,
    default_length: int = 400,
    budget_chars: int | None = None,
    keep_items: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The JSON Schema of `model` with every array and string bounded.

    Args:
        items: maxItems per property name (e.g. {"arguments": 10}).
        lengths: maxLength per property name; others get `default_length`.
        enums: allowed values per property name (strings, or the items of string arrays).
        budget_chars: when given, the bounds shrink until the longest answer the schema
            allows fits (first fewer items, then shorter strings): a model that loops to
            the limits is then never cut off by max_tokens.
        keep_items: arrays (by property name) whose maxItems never shrink.
    Returns:
        A self-contained schema (no $ref) where every object requires all its properties
        (nullable ones may be null) and allows no others.
    """
    lengths = lengths or {}
    enums = {k: v for k, v in (enums or {}).items() if v}
    arrays: list[dict[str, Any]] = []  # what _shrink may cut, in document order
    strings: list[dict[str, Any]] = []

    def walk(node: Any, prop: str | None) -> Any:
        if not isinstance(node, dict):
            return node
        node = dict(node)
        node.pop("default", None)
        node.pop("title", None) if prop is not None else None
        for key in ("anyOf", "oneOf", "allOf"):
            if key in node:
                node[key] = [walk(n, prop) for n in node[key]]
        kind = node.get("type")
        if kind == "object":
            props = node.get("properties", {})
            node["properties"] = {name: walk(sub, name) for name, sub in props.items()}
            node["required"] = list(props)
            node["additionalProperties"] = False
        elif kind == "array":
            node["maxItems"] = items.get(prop or "", default_items)
            node["items"] = walk(node.get("items", {}), prop)
            if prop not in keep_items:
                arrays.append(node)
        elif kind == "string":
            if prop in enums:
                node["enum"] = list(enums[prop])
            else:
                node["maxLength"] = min(MAX_STRING, lengths.get(prop or "", default_length))
                strings.append(node)
        return node

    schema = walk(_inline(model.model_json_schema()), None)
    schema["title"] = model.__name__
    if budget_chars is not None:
        _shrink(schema, budget_chars, arrays, strings)
    return schema


def _shrink(schema: dict[str, Any], budget: int, arrays: list[dict[str, Any]], strings: list[dict[str, Any]]) -> None:
    """Scale maxItems, then maxLength, down (in place) until the worst case fits `budget`."""
    for key, floor, group in (("maxItems", 1, arrays), ("maxLength", 40, strings)):
        for _ in range(30):
            worst = worst_case_chars(schema)
            if worst <= budget:
                return
            nodes = [n for n in group if n[key] > floor]
            if not nodes:
                break
            factor = max(0.5, budget / worst)
            for n in nodes:
                n[key] = max(floor, min(n[key] - 1, int(n[key] * factor)))


def clamp(data: Any, schema: dict[str, Any]) -> Any:
    """Cut arrays longer than the schema allows (a validation error would waste the answer)."""
    if isinstance(data, dict) and schema.get("type") == "object":
        props = schema.get("properties", {})
        return {k: clamp(v, props[k]) if k in props else v for k, v in data.items()}
    if isinstance(data, list):
        sub = schema
        if "anyOf" in schema:
            sub = next((s for s in schema["anyOf"] if s.get("type") == "array"), schema)
        limit = sub.get("maxItems")
        kept = data[:limit] if limit is not None else data
        return [clamp(v, sub.get("items", {})) for v in kept]
    return data


def worst_case_chars(schema: dict[str, Any]) -> int:
    """The longest JSON text a bounded schema allows (what a looping model writes)."""
    if "enum" in schema:
        return max(len(json.dumps(v)) for v in schema["enum"]) if schema["enum"] else 4
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return max(worst_case_chars(s) for s in schema[key])
    kind = schema.get("type")
    if kind == "object":
        return 2 + sum(len(name) + 6 + worst_case_chars(sub) for name, sub in schema.get("properties", {}).items())
    if kind == "array":
        return 2 + schema.get("maxItems", 10) * (2 + worst_case_chars(schema.get("items", {})))
    if kind == "string":
        return 2 + schema.get("maxLength", MAX_STRING)
    return 8  # numbers, booleans, null
