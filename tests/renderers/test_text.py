"""The DiploAI text layout: the foundation's `diplo` reader reads it back, and so does the
evaluation importer once it exists (`sessionlens import`)."""

from __future__ import annotations

import json
import re

import pytest

from sessionlens import pipeline
from sessionlens.renderers import text

# The section headings of a DiploAI report (as in ../shared/seeds/002_…) in their order.
DIPLO_HEADINGS = [
    "Session at a glance",
    "Summary",
    "Keypoints",
    "Speakers",
    "Full session report",
    "Session transcript",
    "Agreements",
    "Agreement points",
    "Similar viewpoints",
    "Unexpected consensus",
    "Overall assessment",
    "Differences",
    "Different viewpoints",
    "Unexpected differences",
    "Partial agreements",
    "Takeaways",
    "Key takeaways",
    "Resolutions and action items",
    "Unresolved issues",
    "Suggested compromises",
    "Thought provoking comments",
    "Follow-up questions",
]


def test_headings_in_diplo_order(panel_report):
    lines = text.render(panel_report).splitlines()
    pos = [lines.index(h) for h in DIPLO_HEADINGS]
    assert pos == sorted(pos)


def test_diplo_reader_reads_back_transcript_header_and_speakers(panel_report, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(text.render(panel_report), encoding="utf-8")
    back = pipeline.ingest(path)
    assert back.info.format == "diplo"
    original = panel_report.transcript
    assert [(t.speaker, t.text) for t in back.turns] == [(t.speaker, t.text) for t in original.turns]
    assert [(s.name, s.role, s.listed) for s in back.speakers] == [
        (s.name, s.role, s.listed) for s in original.speakers
    ]
    for field in ("title", "date", "start_time", "end_time", "duration_seconds"):
        assert getattr(back.info, field) == getattr(original.info, field)


def test_speaker_blocks_follow_the_layout(panel_report):
    out = text.render(panel_report)
    s = next(x for x in panel_report.stats if x.name == "Rafael Quispe")
    block = (
        "Rafael Quispe\nSpeech speed\n–\n"
        f"Speech length\n{s.words} words\nSpeech time\n{s.seconds:.0f} seconds (estimated)\n"
    )
    assert block in out
    arg = panel_report.arguments_of("Rafael Quispe")[0]
    assert f"{arg.title}\nExplanation\n{arg.explanation}\nEvidence\n{arg.evidence}\n" in out
    assert "Topics\n" + " | ".join(arg.topics) + "\nAgreed with\n– Nadia Haddad\n" in out


def test_timestamps_written_where_measured(panel_report):
    from sessionlens.models import Turn

    turns = [
        Turn(index=0, speaker="Ana Lima", text="Hello all.", start=0.0, end=4.0),
        Turn(index=1, speaker="Ben Okafor", text="Thanks, Ana.", start=65.0, end=70.0, time_estimated=True),
    ]
    tr = panel_report.transcript.model_copy(update={"turns": turns, "suspects": []})
    out = text.render(panel_report.model_copy(update={"transcript": tr}))
    assert "\n[00:00:00] Ana Lima: Hello all.\n" in out
    assert "\nBen Okafor: Thanks, Ana.\n" in out  # estimated times are not written as read


def test_evaluation_importer_reads_back_an_equal_report(panel_report, tmp_path):
    """Round trip through `sessionlens import` (issue 3); skipped until that command lands."""
    from click.testing import CliRunner

    from sessionlens.cli import COMMANDS, cli

    if "import" not in COMMANDS:
        pytest.skip("`sessionlens import` (the evaluation issue) is not on this branch yet")
    path = tmp_path / "report.txt"
    path.write_text(text.render(panel_report), encoding="utf-8")
    out = tmp_path / "back.json"
    result = CliRunner().invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = json.loads(out.read_text(encoding="utf-8"))

    def args(rep):
        return sorted(
            (
                a["speaker"],
                a["title"],
                a.get("explanation"),
                a.get("evidence"),
                a.get("discussion_point"),
                tuple(a.get("topics", [])),
                tuple((r["kind"], r["speaker"]) for r in a.get("relations", [])),
            )
            for a in rep["arguments"]
        )

    def stances(rep):  # each speaker's words come back beside their name
        return [
            (st.get("point"), [(p["speaker"], p.get("quote")) for p in st["positions"]])
            for part in ("agreements", "differences")
            for key, items in rep[part].items()
            if isinstance(items, list)
            for st in items
        ]

    original = json.loads(panel_report.to_json())
    assert stances(back) == stances(original) and any(q for _, ps in stances(back) for _, q in ps)
    assert args(back) == args(original)
    assert [c["quote"] for c in back["comments"]] == [c.quote for c in panel_report.comments]
    assert [q["question"] for q in back["follow_up_questions"]] == [
        q.question for q in panel_report.follow_up_questions
    ]
    words = {s["name"]: s["words"] for s in back["stats"]}
    assert words == {s.name: s.words for s in panel_report.stats}
    assert (
        re.sub(r"\s+", " ", back["glance"]["summary"]).strip()
        == re.sub(r"\s+", " ", panel_report.glance.summary).strip()
    )
