"""Theme titles are noun phrases people would write, and they occur in the session."""

from __future__ import annotations

from sessionlens.engines.offline.keywords import key_phrases, noun_phrases
from sessionlens.models import Report


def test_noun_phrases_keep_names_and_drop_verb_forms() -> None:
    found = noun_phrases("Senator, using early warning systems closes the digital divide under Section 230.")
    assert {"early warning systems", "digital divide", "Section 230"} <= set(found)
    assert not any(p.split()[0] in {"using", "Senator"} for p in found)


def test_each_group_gets_its_own_phrase() -> None:
    a = "The digital divide keeps rural schools offline. Closing the digital divide needs money."
    b = "Early warning systems save lives. We need early warning systems, and data from the digital divide."
    assert key_phrases([a, b]) == ["digital divide", "early warning systems"]


def test_theme_titles_occur_in_the_session(seed_002_analysis: Report, hearing_report: Report) -> None:
    for report in (seed_002_analysis, hearing_report):
        text = " ".join(t.text for t in report.transcript.turns).lower()
        for p in report.discussion_points:
            assert "," not in p.title and " and " not in p.title, p.title
            assert p.title.lower() in text, p.title
