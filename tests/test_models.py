from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sessionlens.models import Argument, Report, report_schema
from sessionlens.pipeline import analyze, ingest


def test_report_json_round_trip(seed_002: Path) -> None:
    report = analyze(ingest(seed_002), engine="none")
    report.arguments.append(Argument(speaker="Ko Barrett", title="t", topics=["Development"]))
    again = Report.from_json(report.to_json())
    assert again == report


def test_schema_command_prints_the_schema() -> None:
    r = subprocess.run([sys.executable, "-m", "sessionlens", "schema"], capture_output=True, text=True, check=True)
    schema = json.loads(r.stdout)
    assert schema == json.loads(json.dumps(report_schema()))
    for section in ("transcript", "stats", "arguments", "agreements", "differences", "takeaways",
                    "comments", "follow_up_questions", "glance", "narrative", "disclaimer"):
        assert section in schema["properties"]
