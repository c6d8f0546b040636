"""Importing a whole DiploAI report: every section, its quirks, and clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sessionlens.errors import InputError
from sessionlens.imports import load_report
from sessionlens.imports.records import Line, parse_records
from sessionlens.models import Report


def test_seed_002_sections_have_the_reference_counts(imported_002: Report) -> None:
    r = imported_002
    assert len(r.stats) == 16
    assert len(r.transcript.speakers) == 16
    assert len(r.arguments) == 27
    assert len(r.agreements.agreement_points) == 4
    assert len(r.agreements.similar_viewpoints) == 3  # the repeated block is not counted twice
    assert len(r.agreements.unexpected_consensus) == 2
    assert len(r.differences.different_viewpoints) == 1
    assert len(r.differences.unexpected_differences) == 2
    assert r.differences.partial_agreements == []
    assert len(r.takeaways.key_takeaways) == 9
    assert len(r.takeaways.action_items) == 8
    assert len(r.takeaways.unresolved_issues) == 7
    assert len(r.takeaways.compromises) == 5
    assert len(r.comments) == 6
    assert len(r.follow_up_questions) == 16


def test_arguments_carry_every_field(imported_002: Report) -> None:
    barrett = imported_002.arguments_of("Ko Barrett")
    assert [a.title for a in barrett] == [
        "Digital divide affects ability to tackle climate change and provide early warnings",
        "Digital infrastructure essential for flash flood warnings and impact-based forecasting",
    ]
    first = barrett[0]
    assert first.explanation and first.explanation.startswith("Barrett argues that")
    assert first.evidence and "700 million people" in first.evidence
    assert (
        first.discussion_point
        == "Digital Technologies for Climate Action and Disaster Risk Reduction"
    )
    assert first.topics == ["Development", "Infrastructure", "Sociocultural"]
    assert first.agreed_with == ["Johanna Hill", "Maximo Torero"]
    assert first.agreed_on == [
        "Digital divide creates barriers to accessing benefits of digital technologies"
    ]
    # the second argument has no agreement: fields do not leak from the first
    assert barrett[1].agreed_with == [] and barrett[1].topics == [
        "Infrastructure",
        "Development",
        "Cybersecurity",
    ]
    chauhan = imported_002.arguments_of("Sameer Chauhan")[-1]
    assert chauhan.disagreed_with == ["Maximo Torero"]
    assert chauhan.disagreed_on == [
        "Role of UN in AI/Digital Technology Development vs. Application"
    ]
    assert all(
        a.explanation and a.evidence and a.discussion_point and a.topics
        for a in imported_002.arguments
    )


def test_stats_are_the_reports_own_figures(imported_002: Report) -> None:
    stats = {s.name: s for s in imported_002.stats}
    tomas = stats["Tomas Lamanauskas"]
    assert (tomas.words, tomas.seconds, tomas.wpm, tomas.turns) == (2369, 758.0, 187.0, 15)
    assert not tomas.estimated
    torero = stats["Maximo Torero"]
    assert (torero.words, torero.seconds, torero.wpm) == (750, 208.0, 215.0)
    assert (
        stats["Ko Barrett"].role
        == "Deputy Secretary General, World Meteorological Organization (WMO)"
    )
    assert sum(s.word_share for s in imported_002.stats) == pytest.approx(1.0, abs=1e-3)


def test_glance_agreements_and_other_sections(imported_002: Report) -> None:
    r = imported_002
    assert r.info.title == "United Nations High-Level Leaders’ Dialogue"
    assert (r.info.date, r.info.start_time, r.info.end_time) == ("10 Jul 2025", "11:00", "12:00")
    assert r.glance.summary and len(r.glance.summary.split("\n\n")) == 5
    assert next(k.title for k in r.glance.keypoints) == (
        "Digital Technologies for Crisis Management and Early Warning Systems"
    )
    assert len(r.glance.keypoints) == 5 and all(k.description for k in r.glance.keypoints)
    assert r.glance.purpose and r.glance.purpose.startswith(
        "This discussion was part of the WSIS+20"
    )
    assert r.glance.tone and "collaborative" in r.glance.tone
    assert r.narrative and r.narrative.startswith("# UN Leaders Dialogue")
    point = r.agreements.agreement_points[0]
    assert (
        point.point
        == "Digital divide creates barriers to accessing benefits of digital technologies"
    )
    assert point.speakers == ["Ko Barrett", "Johanna Hill", "Maximo Torero"]
    assert (
        len(point.arguments) == 3
        and point.summary
        and point.topics == ["Development", "Infrastructure", "Economic"]
    )
    similar = r.agreements.similar_viewpoints[0]
    assert (
        similar.point is None
        and similar.summary
        and similar.summary.startswith("Both speakers emphasize")
    )
    assert r.agreements.unexpected_consensus[0].explanation
    assert r.agreements.consensus_level and r.agreements.consensus_level.startswith(
        "High level of consensus"
    )
    assert r.differences.disagreement_level and r.differences.disagreement_level.startswith(
        "Low to moderate"
    )
    assert r.differences.unexpected_differences[0].speakers == ["Maximo Torero"]
    assert (
        r.comments[3].speaker == "Tawfik Jelassi" and r.comments[3].reason and r.comments[3].impact
    )
    assert r.comments_assessment and r.comments_assessment.startswith("These key comments")
    assert r.follow_up_questions[-1].speakers == ["Maximo Torero"]
    assert r.disclaimer and r.disclaimer.startswith("This is not an official session record")
    assert (
        r.takeaways.action_items[3].text
        == "Train 20,000 African civil servants on AI and digital transformation"
    )
    # every argument's discussion point is one of the report's discussion points
    points = {p.title for p in r.discussion_points}
    assert all(a.discussion_point in points for a in r.arguments)


def test_json_round_trip(imported_002: Report, tmp_path: Path) -> None:
    path = tmp_path / "ref.json"
    path.write_text(imported_002.to_json(), encoding="utf-8")
    assert load_report(path) == imported_002


def _variant(seed_002: Path, tmp_path: Path, transform) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "variant.txt"
    path.write_text(transform(seed_002.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_blank_lines_and_ascii_dashes_parse_the_same(
    imported_002: Report, seed_002: Path, tmp_path: Path
) -> None:
    def loosen(text: str) -> str:
        text = re.sub(r"^– ", "- ", text, flags=re.M)
        return "\n\n".join(text.splitlines()) + "\n"

    variant = load_report(_variant(seed_002, tmp_path, loosen))
    a = imported_002.model_dump(exclude={"transcript": {"info": {"source"}}})
    b = variant.model_dump(exclude={"transcript": {"info": {"source"}}})
    assert a == b


@pytest.mark.parametrize(
    ("old", "new", "section"),
    [
        ("144 words per minute", "quite fast", "per-speaker analysis of Ko Barrett"),
        ("Speaker\nKamal Kishore\nReason", "Kamal Kishore\nReason", "Thought provoking comments"),
        (
            "– Sameer Chauhan\nArguments\nUN comparative advantage",
            "– Sameer Chauhan\nArguments\nSummary\nUN comparative advantage",
            "Agreements / Unexpected consensus",
        ),
        ("Takeaways\nKey takeaways\n", "Takeaways\nSome stray line\nKey takeaways\n", "Takeaways"),
    ],
)
def test_malformed_sections_are_named(
    seed_002: Path, tmp_path: Path, old: str, new: str, section: str
) -> None:
    def break_it(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    with pytest.raises(InputError) as err:
        load_report(_variant(seed_002, tmp_path, break_it))
    message = str(err.value)
    assert f"section '{section}' could not be parsed" in message
    assert "\n" not in message and "(line " in message


def test_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Alice: hello there.\nBob: hi.\n", encoding="utf-8")
    with pytest.raises(InputError, match="neither a report JSON nor a DiploAI report"):
        load_report(path)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"arguments": 3}', encoding="utf-8")
    with pytest.raises(InputError, match="not a SessionLens report JSON"):
        load_report(bad_json)
    future = tmp_path / "future.json"
    future.write_text('{"meta": {"schema_version": "9"}}', encoding="utf-8")
    with pytest.raises(InputError, match=r"\(report schema version '9' is not supported"):
        load_report(future)


def test_list_field_ends_at_the_next_record() -> None:
    lines = [
        Line(i + 1, t)
        for i, t in enumerate(
            [
                "First claim",
                "Topics",
                "Economic",
                "Agreed on",
                "Point A",
                "Point B",
                "Second claim",
                "Explanation",
                "Why",
                "Disagreed with",
                "- Ann",
            ]
        )
    ]
    records = parse_records(
        lines,
        source="x",
        section="s",
        one={"Explanation", "Topics"},
        many={"Agreed on", "Disagreed with"},
        openers={"Explanation", "Topics"},
    )
    assert [r.head for r in records] == ["First claim", "Second claim"]
    assert records[0].many("Agreed on") == ["Point A", "Point B"]
    assert records[1].many("Disagreed with") == ["Ann"]


def test_text_renderer_round_trip(imported_002: Report, tmp_path: Path) -> None:
    """The plain-text renderer writes the Diplo layout; importing it gives the report back."""
    text_renderer = pytest.importorskip("sessionlens.renderers.text")
    path = tmp_path / "rendered.txt"
    path.write_text(text_renderer.render(imported_002), encoding="utf-8")
    again = load_report(path)
    assert len(again.arguments) == len(imported_002.arguments)
    # the renderer may order speaker blocks differently; each speaker's arguments are equal
    def without_ids(report: Report, speaker: str) -> list[dict]:
        return [a.model_dump(exclude={"id"}) for a in report.arguments_of(speaker)]

    for speaker in {a.speaker for a in imported_002.arguments}:
        assert without_ids(again, speaker) == without_ids(imported_002, speaker)
    assert again.agreements == imported_002.agreements
    assert again.differences == imported_002.differences
    assert again.takeaways == imported_002.takeaways
    assert again.comments == imported_002.comments
    assert again.follow_up_questions == imported_002.follow_up_questions
    assert [(s.name, s.words, s.seconds, s.wpm) for s in again.stats] == [
        (s.name, s.words, s.seconds, s.wpm) for s in imported_002.stats
    ]


SMALL = """Budget review
3 Mar 2025 09:00h - 09:30h
Budget review
Session at a glance
Summary
The panel discussed the budget.
Speakers
**Speakers from the provided list:**
– **Ann Lee** – Chair
– **Bob Roy** – Treasurer
Session transcript
[00:00:05] Ann Lee: Welcome. The budget is 40 million this year.
[00:01:10] Bob Roy: It is too small. We need 55 million.
Ann Lee
Speech speed
120 words per minute (estimated)
Speech length
9 words
Speech time
5 seconds (estimated)
The budget is sufficient
Topics
Economic
Disagreed with
- Bob Roy
Bob Roy
Speech length
8 words
Agreements
Agreement points
Similar viewpoints
Both want a budget
Speakers
- Ann Lee
- Bob Roy
Takeaways
Key takeaways
The budget is contested
Resolutions and action items
Bob Roy: Send the revised figures
Note: nobody owns this one
Thought provoking comments
Follow-up questions
Who decides the final figure?
Speaker
Ann Lee
Bob Roy
Attribution suspects
– Turn 2 (Bob Roy): something. Begins: “It is”
Disclaimer
Written for a test.
Made by sessionlens 0.1.0 with the offline engine. Generated automatically.
"""


def test_sessionlens_text_layout_details(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text(SMALL, encoding="utf-8")
    r = load_report(path)
    assert [t.start for t in r.transcript.turns] == [5.0, 70.0]
    ann, bob = r.stats
    assert (ann.name, ann.wpm, ann.words, ann.seconds, ann.estimated) == (
        "Ann Lee",
        120.0,
        9,
        5.0,
        True,
    )
    assert (bob.name, bob.words, bob.seconds, bob.wpm) == ("Bob Roy", 8, None, None)
    assert r.arguments[0].disagreed_with == ["Bob Roy"] and r.arguments[0].topics == ["Economic"]
    assert r.agreements.agreement_points == []
    assert r.agreements.similar_viewpoints[0].summary == "Both want a budget"
    assert [(a.speaker, a.text) for a in r.takeaways.action_items] == [
        ("Bob Roy", "Send the revised figures"),
        (None, "Note: nobody owns this one"),
    ]
    assert r.comments == []
    assert r.follow_up_questions[0].speakers == ["Ann Lee", "Bob Roy"]
    assert r.disclaimer == "Written for a test."
