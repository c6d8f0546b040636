"""The offline engine: every section filled, faithful to the transcript, symmetric, offline."""

from __future__ import annotations

import json
import re
import socket
from itertools import combinations
from pathlib import Path

import pytest

from sessionlens.engines.offline.topic_levels import ISSUE_SEP
from sessionlens.errors import InputError
from sessionlens.models import Report
from sessionlens.pipeline import analyze, ingest

PANEL = Path(__file__).parents[1] / "data" / "panel.txt"
_NUMBER = re.compile(r"\d[\d,.]*")


def _fragments_in(quote: str, text: str) -> bool:
    return all(f.strip() in text for f in re.split(r"\s*…\s*", quote) if f.strip())


def _turn_text(report: Report, speaker: str | None = None) -> str:
    return "\n".join(t.text for t in report.transcript.turns if speaker in (None, t.speaker))


def check_invariants(report: Report) -> None:
    """The faithfulness rules every offline report must keep."""
    names = {s.name for s in report.transcript.speakers}
    points = {p.title for p in report.discussion_points}
    for a in report.arguments:
        own = _turn_text(report, a.speaker)
        assert a.speaker in names
        for part in (a.title, a.explanation, a.evidence):
            if part:
                assert _fragments_in(part, own), (a.speaker, part)
        for number in _NUMBER.findall(a.evidence or ""):
            assert number.rstrip(".,") in own, (a.speaker, number)
        assert a.source_turns
        assert all(report.transcript.turns[i].speaker == a.speaker for i in a.source_turns)
        assert a.discussion_point in points
        baskets = [t for t in a.topics if ISSUE_SEP not in t]
        issues = [t for t in a.topics if ISSUE_SEP in t]
        assert 1 <= len(baskets) <= 3 and len(issues) <= 1 and len(a.topic_confidence) == len(a.topics)
        assert all(i.split(ISSUE_SEP)[0] in baskets for i in issues), a.topics
    # Symmetry: A agreed with B  <=>  some argument of B agreed with A (same for disagreement).
    for field in ("agreed_with", "disagreed_with"):
        rel = {(a.speaker, b) for a in report.arguments for b in getattr(a, field)}
        assert rel == {(b, a) for a, b in rel}, field
    for c in report.comments:
        assert c.speaker in names
        assert _fragments_in(c.quote, _turn_text(report, c.speaker))
    stances = [
        *report.agreements.agreement_points,
        *report.agreements.similar_viewpoints,
        *report.agreements.unexpected_consensus,
        *report.differences.different_viewpoints,
        *report.differences.partial_agreements,
        *report.differences.unexpected_differences,
    ]
    assert all(set(s.speakers) <= names for s in stances)
    agree: set[frozenset[str]] = set()
    for s in (*report.agreements.agreement_points, *report.agreements.similar_viewpoints):
        agree |= {frozenset(p) for p in combinations(s.speakers, 2)}
    differ = {frozenset(p) for s in report.differences.different_viewpoints for p in combinations(s.speakers, 2)}
    assert not agree & differ, "a pair both agrees and differs without explanation"
    for item in report.takeaways.action_items:
        assert item.speaker in names and item.text in _turn_text(report, item.speaker)


@pytest.fixture(scope="module")
def panel_report() -> Report:
    return analyze(ingest(PANEL), "offline")


def test_panel_fills_every_section(panel_report: Report) -> None:
    r = panel_report
    assert r.arguments and r.discussion_points and r.narrative
    assert r.glance.summary and r.glance.keypoints and r.glance.purpose and r.glance.tone
    assert r.takeaways.key_takeaways and r.takeaways.action_items
    assert r.comments and r.follow_up_questions
    assert r.agreements.consensus_level and r.differences.disagreement_level
    assert r.disclaimer and "offline" in r.disclaimer
    assert r.meta.engine == "offline" and r.meta.taxonomy == "diplo"
    assert "MiniLM" in (r.meta.model or "")
    check_invariants(r)


def test_moderator_makes_no_argument(panel_report: Report) -> None:
    assert "Moderator" not in {a.speaker for a in panel_report.arguments}


def test_explicit_disagreement_is_a_difference_not_an_agreement(panel_report: Report) -> None:
    pairs = [set(s.speakers) for s in panel_report.differences.different_viewpoints]
    assert {"Dana Levi", "Ben Okafor"} in pairs
    dana = [a for a in panel_report.arguments if a.speaker == "Dana Levi"]
    assert any("Ben Okafor" in a.disagreed_with for a in dana)


def test_commitments_name_who_committed(panel_report: Report) -> None:
    items = {(a.speaker, a.text) for a in panel_report.takeaways.action_items}
    assert any(who == "Ana Ruiz" and "12,000 smallholders" in text for who, text in items)


def test_runs_with_sockets_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    report = analyze(ingest(PANEL), "offline")
    assert report.arguments and report.glance.summary


def test_other_taxonomies_and_files(tmp_path: Path) -> None:
    sdg = analyze(ingest(PANEL), "offline", {"taxonomy": "sdg"})
    assert sdg.meta.taxonomy == "sdg"
    assert all(t.startswith("SDG ") for a in sdg.arguments for t in a.topics)
    custom = tmp_path / "mine.json"
    custom.write_text(
        json.dumps(
            {
                "name": "mine",
                "topics": [
                    {"label": "Water", "description": "water supply, irrigation, leaks, droughts"},
                    {"label": "Space", "description": "rockets, orbits and planets"},
                ],
            }
        )
    )
    r = analyze(ingest(PANEL), "offline", {"taxonomy": str(custom)})
    assert r.meta.taxonomy == "mine"
    assert all(a.topics[0] == "Water" for a in r.arguments)


def test_bad_taxonomy_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        analyze(ingest(PANEL), "offline", {"taxonomy": str(bad)})
    with pytest.raises(InputError, match="no such taxonomy"):
        analyze(ingest(PANEL), "offline", {"taxonomy": "nope"})


def test_embedding_cache_is_written_and_reused(tmp_path: Path) -> None:
    opts = {"cache_dir": tmp_path}
    first = analyze(ingest(PANEL), "offline", opts)
    assert list(tmp_path.glob("embeddings-*.npz"))
    second = analyze(ingest(PANEL), "offline", opts)
    assert [a.title for a in first.arguments] == [a.title for a in second.arguments]


# ---------------------------------------------------------------------- shared seeds


@pytest.fixture(scope="module")
def seed_002_report(seed_002: Path) -> Report:
    return analyze(ingest(seed_002), "offline")


@pytest.mark.slow
def test_seed_002_every_section_and_invariants(seed_002_report: Report) -> None:
    r = seed_002_report
    check_invariants(r)
    assert 3 <= len(r.discussion_points) <= 10
    assert 3 <= len(r.glance.keypoints) <= 6
    assert 4 <= len(r.glance.summary.split("\n\n")) <= 6
    speakers = {a.speaker for a in r.arguments}
    assert len(speakers) >= 14  # every panellist has at least one argument
    assert r.agreements.agreement_points and r.comments and r.follow_up_questions
    assert r.takeaways.action_items and r.takeaways.unresolved_issues


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["seed_000", "seed_001"])
def test_interviews_invent_no_agreements(fixture: str, request: pytest.FixtureRequest) -> None:
    r = analyze(ingest(request.getfixturevalue(fixture)), "offline")
    check_invariants(r)
    assert r.arguments
    assert not r.agreements.agreement_points
    assert not r.agreements.similar_viewpoints and not r.agreements.unexpected_consensus
    assert not r.differences.different_viewpoints and not r.differences.partial_agreements
    assert all(not a.agreed_with and not a.disagreed_with for a in r.arguments)
    assert r.agreements.consensus_level is None  # nothing to assess: renderers say none found


def test_cues_naming_a_speaker_without_arguments(tmp_path: Path) -> None:
    """'I agree with Eve' where Eve said too little to have an argument: no crash, no pair."""
    text = PANEL.read_text(encoding="utf-8") + (
        "Eve Short: Yes, briefly.\n"
        "Ana Ruiz: I agree with Eve that this matters for the new irrigation programme in "
        "the northern provinces.\n"
        "Ben Okafor: I disagree with Eve on the timing of the sensor network for the city.\n"
    )
    path = tmp_path / "panel-eve.txt"
    path.write_text(text, encoding="utf-8")
    report = analyze(ingest(path), "offline")
    check_invariants(report)
    assert all("Eve Short" not in a.agreed_with + a.disagreed_with for a in report.arguments)


@pytest.mark.slow
def test_interviewer_prompts_are_not_arguments(seed_001: Path) -> None:
    r = analyze(ingest(seed_001), "offline")
    chairs = {s.name for s in r.transcript.speakers if s.is_moderator}
    assert chairs and not chairs & {a.speaker for a in r.arguments}
