"""The llm engine offers the chosen taxonomy's topics (issue 17: it offered the Diplo baskets only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionlens.models import Transcript
from sessionlens.pipeline import analyze
from sessionlens.taxonomy import load_taxonomy

from ..conftest import options_for
from ..fake_openai_server import ScriptedServer


def _enums(schema: object) -> list[list[str]]:
    """Every enum list anywhere in a JSON schema."""
    if isinstance(schema, dict):
        found = [schema["enum"]] if isinstance(schema.get("enum"), list) else []
        return found + [e for v in schema.values() for e in _enums(v)]
    if isinstance(schema, list):
        return [e for v in schema for e in _enums(v)]
    return []


@pytest.mark.parametrize("name", ["sdg", "wsis", "diplo"])
def test_the_chosen_taxonomy_reaches_prompt_schema_and_report(
    name: str, panel: Transcript, server: ScriptedServer, tmp_path: Path
) -> None:
    labels = [t.label for t in load_taxonomy(name).topics]
    report = analyze(panel, "llm", options_for(server.url, tmp_path, taxonomy=name))
    (call,) = server.chat_calls("discussion_points")
    user = next(m["content"] for m in call.messages if m["role"] == "user")
    assert all(label in user for label in labels)
    assert labels in _enums(call.response_format)
    # the scripted model picks the first topic it is offered: it is kept, not dropped
    kept = {t for a in report.arguments for t in a.topics}
    assert kept == {labels[0]}
    assert report.meta.taxonomy == name


def test_a_taxonomy_file_is_honoured(panel: Transcript, server: ScriptedServer, tmp_path: Path) -> None:
    path = tmp_path / "city.json"
    topics = [{"label": "Water"}, {"label": "Transport"}]
    path.write_text(json.dumps({"name": "city", "topics": topics}), encoding="utf-8")
    report = analyze(panel, "llm", options_for(server.url, tmp_path, taxonomy=str(path)))
    assert {t for a in report.arguments for t in a.topics} == {"Water"}
    assert report.meta.taxonomy == "city"
