from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from sessionlens.models import Argument, Position, Report, Stance, report_schema
from sessionlens.pipeline import analyze, ingest


def test_report_json_round_trip(connectivity_panel: Path) -> None:
    report = analyze(ingest(connectivity_panel), engine="none")
    report.arguments.append(Argument(speaker="Tariq Aziz", title="t", topics=["Development"]))
    report.assign_ids()
    again = Report.from_json(report.to_json())
    assert again == report
    assert again.arguments[-1].id == f"arg-{len(report.arguments)}"


V1 = {
    "meta": {"schema_version": "1"},
    "arguments": [
        {
            "speaker": "Ann Lee",
            "title": "Tax carbon",
            "agreed_with": ["Bob Roy", "Cy Dow"],
            "agreed_on": ["Carbon price"],
            "disagreed_with": ["Di Fox"],
            "disagreed_on": [],
        },
    ],
    "agreements": {
        "agreement_points": [
            {"title": "Carbon price", "speakers": ["Ann Lee", "Bob Roy", "Cy Dow"], "arguments": []},
        ]
    },
    "differences": {
        "different_viewpoints": [
            {"title": "Pace", "speakers": ["Ann Lee", "Bob Roy", "Di Fox"], "summary": "s"},
        ]
    },
}


def test_schema_v1_report_migrates_on_read() -> None:
    r = Report.model_validate(json.loads(json.dumps(V1)))
    assert r.meta.schema_version == "2"
    ann = r.arguments[0]
    assert ann.id == "arg-1"
    # one label for two names: it applies to both; no label for Di Fox: left open
    assert [(x.kind, x.speaker, x.on) for x in ann.relations] == [
        ("agreed", "Bob Roy", "Carbon price"),
        ("agreed", "Cy Dow", "Carbon price"),
        ("disagreed", "Di Fox", None),
    ]
    point = r.agreements.agreement_points[0]
    assert point.point == "Carbon price" and point.speakers == ["Ann Lee", "Bob Roy", "Cy Dow"]
    # v1 had no sides: each speaker of a difference is their own
    assert len(r.differences.different_viewpoints[0].sides) == 3
    assert r.pairs("disagreement")[("Ann Lee", "Di Fox")] == 2  # the item and the relation


def test_unknown_schema_version_is_one_line_naming_it() -> None:
    with pytest.raises(ValidationError) as exc:
        Report.model_validate({"meta": {"schema_version": "7"}})
    assert "report schema version '7' is not supported" in str(exc.value)


def test_difference_pairs_cross_sides_only() -> None:
    st = Stance(
        point="p",
        positions=[Position(speaker="A", side=0), Position(speaker="B", side=0), Position(speaker="C", side=1)],
    )
    r = Report(differences={"different_viewpoints": [st]}, agreements={"similar_viewpoints": [st.model_copy()]})
    assert set(r.pairs("disagreement")) == {("A", "C"), ("B", "C")}
    assert set(r.pairs("agreement")) == {("A", "B"), ("A", "C"), ("B", "C")}
    assert r.differences.different_viewpoints[0].id == "diff-1"


def test_schema_command_prints_the_schema() -> None:
    r = subprocess.run([sys.executable, "-m", "sessionlens", "schema"], capture_output=True, text=True, check=True)
    schema = json.loads(r.stdout)
    assert schema == json.loads(json.dumps(report_schema()))
    for section in (
        "transcript",
        "stats",
        "arguments",
        "agreements",
        "differences",
        "takeaways",
        "comments",
        "follow_up_questions",
        "glance",
        "narrative",
        "disclaimer",
    ):
        assert section in schema["properties"]
