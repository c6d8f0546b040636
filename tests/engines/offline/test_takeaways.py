"""List sections: each kind has its own test, and no procedural line reaches any of them."""

from __future__ import annotations

from sessionlens.engines.offline import units
from sessionlens.engines.offline.takeaways import is_action, is_compromise
from sessionlens.models import Report, Transcript

from .conftest import sentence


def test_a_chairing_line_is_never_an_action_item(hearing_transcript: Transcript) -> None:
    for key in ("turn to my Ranking Member", "Now we'll go into rounds of questions", "Senator Klobuchar is next."):
        assert not is_action(sentence(hearing_transcript, key).text), key


def test_a_commitment_with_an_actor_is_an_action_item(
    hearing_transcript: Transcript, seed_002_transcript: Transcript
) -> None:
    assert is_action(sentence(seed_002_transcript, "now we are launching in Africa a major program").text)
    assert is_action(sentence(hearing_transcript, "I intend to invest more than $2 billion").text)


def test_a_fear_or_a_figure_is_not_a_commitment(hearing_transcript: Transcript) -> None:
    assert not is_action(sentence(hearing_transcript, "I worry that in 2024 our democracy").text)
    assert not is_action(sentence(hearing_transcript, "By 2023, just 10 years later").text)


def test_a_compromise_balances_a_position(hearing_transcript: Transcript) -> None:
    assert is_compromise(sentence(hearing_transcript, "although the average age on TikTok").text)
    # A concession that only narrates is not a compromise.
    assert not is_compromise(sentence(hearing_transcript, "While groundbreaking at the time").text)


def test_no_procedural_line_in_any_list_section(seed_002_analysis: Report, hearing_report: Report) -> None:
    for report in (seed_002_analysis, hearing_report):
        t = report.takeaways
        items = [*t.key_takeaways, *(a.text for a in t.action_items), *t.unresolved_issues, *t.compromises]
        assert len(items) >= 8
        for item in items:
            assert not units.is_procedural_line(item), item
            assert not units.is_question(item), item
        assert all(is_action(a.text) for a in t.action_items)
