"""Bounded JSON Schemas and lenient validation of the steps' answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel

from sessionlens.engines.llm.schemas import (
    MAX_STRING,
    ChunkArguments,
    CommentsOut,
    DiscussionPointsOut,
    GlanceOut,
    NarrativeOut,
    QuestionsOut,
    StancesOut,
    TakeawaysOut,
    bounded_schema,
    clamp,
    worst_case_chars,
)

OUTPUTS = [ChunkArguments, DiscussionPointsOut, StancesOut, TakeawaysOut, CommentsOut,
           QuestionsOut, GlanceOut, NarrativeOut]


def _walk(node: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    out = []
    if isinstance(node, dict):
        out.append((path, node))
        for k, v in node.items():
            out += _walk(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _walk(v, f"{path}[{i}]")
    return out


@pytest.mark.parametrize("model", OUTPUTS, ids=lambda m: m.__name__)
def test_every_array_and_string_is_bounded(model: type[BaseModel]) -> None:
    schema = bounded_schema(model, items={}, enums={"speaker": ["A", "B"]})
    assert "$ref" not in json.dumps(schema) and "$defs" not in schema
    for path, node in _walk(schema):
        if node.get("type") == "array":
            assert "maxItems" in node, path
        if node.get("type") == "string":
            assert "enum" in node or 0 < node["maxLength"] <= MAX_STRING, path
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert set(node["required"]) == set(node["properties"])


def test_worst_case_grows_with_the_bounds() -> None:
    small = bounded_schema(ChunkArguments, items={"arguments": 2})
    big = bounded_schema(ChunkArguments, items={"arguments": 8})
    assert worst_case_chars(big) > 3.5 * worst_case_chars(small)
    # a real answer at the bounds is no longer than the estimate
    item = {"speaker": "x" * 400, "title": "t" * 400, "explanation": "e" * 400,
            "evidence": "v" * 400, "quote": "q" * 400, "turns": [1, 2, 3, 4, 5]}
    assert len(json.dumps({"arguments": [item, item]})) <= worst_case_chars(small)


def test_labels_are_read_as_numbers_and_long_lists_cut() -> None:
    schema = bounded_schema(DiscussionPointsOut, items={"points": 2})
    data = {"points": [{"title": "a"}, {"title": "b"}, {"title": "c"}],
            "assignments": [{"argument": "#3", "point": "A2", "topics": []}], "extra": 1}
    out = DiscussionPointsOut.model_validate(clamp(data, schema))
    assert [p.title for p in out.points] == ["a", "b"]
    assert (out.assignments[0].argument, out.assignments[0].point) == (3, 2)


def test_a_missing_top_level_list_is_invalid() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        ChunkArguments.model_validate({"pwned": True})
