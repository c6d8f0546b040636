"""Seed 002 (a real DiploAI report): speakers, roles, header and exact speech lengths."""

from __future__ import annotations

import re
from pathlib import Path

from sessionlens.pipeline import ingest
from sessionlens.stats import compute_stats


def reference_lengths(path: Path) -> dict[str, int]:
    """The report's own 'Speech length' figures, read from its per-speaker blocks."""
    lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines()]
    out: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line == "Speech speed" and i > 0:
            name = lines[i - 1]
            j = lines.index("Speech length", i)
            out[name] = int(re.match(r"(\d+) words", lines[j + 1]).group(1))
    return out


def test_speech_lengths_equal_the_reference(seed_002: Path) -> None:
    expected = reference_lengths(seed_002)
    assert len(expected) == 16
    stats = {s.name: s.words for s in compute_stats(ingest(seed_002))}
    assert stats == expected
    assert stats["Ko Barrett"] == 436 and stats["Tomas Lamanauskas"] == 2369


def test_header_and_roles(seed_002: Path) -> None:
    t = ingest(seed_002)
    assert t.info.title == "United Nations High-Level Leaders’ Dialogue"
    assert t.info.date == "10 Jul 2025"
    assert (t.info.start_time, t.info.end_time) == ("11:00", "12:00")
    assert t.info.duration_seconds == 3600
    assert t.info.format == "diplo"
    roles = {s.name: s.role for s in t.speakers}
    assert roles["Ko Barrett"] == "Deputy Secretary General, World Meteorological Organization (WMO)"
    assert roles["Tomas Lamanauskas"].startswith("ITU Deputy Secretary General")
    assert len(t.speakers) == 16 and all(s.listed for s in t.speakers)
    moderators = [s.name for s in t.speakers if s.is_moderator]
    assert moderators == ["Tomas Lamanauskas"]


def test_turns_are_in_order_and_verbatim(seed_002: Path) -> None:
    t = ingest(seed_002)
    raw = seed_002.read_text(encoding="utf-8")
    assert len(t.turns) == 30
    assert [x.index for x in t.turns] == list(range(30))
    for turn in t.turns:
        assert f"{turn.speaker}: {turn.text}" in raw  # smart quotes and spacing kept


def test_time_is_an_estimate_from_the_session_length(seed_002: Path) -> None:
    t = ingest(seed_002)
    stats = compute_stats(t)
    total = sum(len(x.text.split()) for x in t.turns)
    assert all(s.estimated for s in stats)
    assert abs(sum(s.seconds for s in stats) - 3600) < 1
    ko = next(s for s in stats if s.name == "Ko Barrett")
    assert ko.wpm is not None and abs(ko.wpm - total / 60) < 0.1  # the session's average rate


def test_attribution_suspects_found(seed_002: Path) -> None:
    t = ingest(seed_002)
    flagged = {(s.turn_index, s.speaker) for s in t.suspects}
    # "Kamal Kishore: please. Thank you…" and Kelly T. Clements' opening under the moderator
    assert (4, "Kamal Kishore") in flagged
    assert (25, "Tomas Lamanauskas") in flagged
    # flags only: the counts stay as attributed
    assert sum(s.words for s in compute_stats(t)) == sum(len(x.text.split()) for x in t.turns)
