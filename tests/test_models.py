from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

import sessionlens.models as models_package
from sessionlens.models import Argument, Position, Report, Stance, report_schema, schema_json
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


# sha256 of `sessionlens schema`'s JSON. The split of models.py into a package left it unchanged;
# a change of the data model changes it on purpose: update the digest and bump SCHEMA_VERSION if
# readers of older JSON need it.
SCHEMA_DIGEST = "56b12d76b963136f618376d1c94c48e73a6dfa48fc2eaaedf21931704135774e"


def test_schema_is_unchanged_byte_for_byte() -> None:
    assert hashlib.sha256(schema_json().encode("utf-8")).hexdigest() == SCHEMA_DIGEST


def test_every_model_name_imports_from_the_package() -> None:
    names = set(models_package.__all__)
    # Every name the rest of the code imports, as it did from the one models.py.
    assert {"Transcript", "Report", "Turn", "Speaker", "SessionInfo", "Stance", "Argument", "Position"} <= names
    assert {"ActionItem", "Glance", "Comment", "ReportMeta", "Takeaways", "Agreements", "Word"} <= names
    assert {"DiscussionPoint", "FollowUpQuestion", "Differences", "AttributionSuspect", "Relation"} <= names
    assert {"Verification", "VerificationIssue", "SpeakerMerge", "PairKind", "StageUsage", "SpeakerStats"} <= names
    assert {"schema_json", "paired_relations", "report_schema", "migrate", "SCHEMA_VERSION"} <= names
    for name in names:
        value = getattr(models_package, name)
        if isinstance(value, type) and issubclass(value, BaseModel):
            assert value.__module__.startswith("sessionlens.models."), name
    # The class the package exports is the one Report's fields use (no second copy).
    assert Report.model_fields["transcript"].annotation is models_package.Transcript


def test_models_modules_stay_small() -> None:
    folder = Path(models_package.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    assert len(sizes) > 1 and max(sizes.values()) < 400, sizes
