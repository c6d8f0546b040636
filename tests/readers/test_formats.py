"""Labelled text, Whisper JSON, encodings and auto-detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionlens.errors import InputError
from sessionlens.pipeline import ingest
from sessionlens.readers import read_transcript
from sessionlens.stats import compute_stats

LABELLED = """Moderator: Good morning and welcome.
We begin with the first question.

Dr. Maria Santos: Thank you. Our data shows 12 new stations
were installed last year.

MARIA SANTOS: And more are coming.
Moderator: Thank you, Maria.
"""


def test_labelled_multiline_and_merges(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text(LABELLED, encoding="utf-8")
    t = ingest(p)
    assert t.info.format == "labelled"
    assert [s.name for s in t.speakers] == ["Moderator", "Maria Santos"]
    assert t.turns[0].text == "Good morning and welcome. We begin with the first question."
    # the two labels were merged and the merge is reported, with both variants
    assert len(t.merges) == 1 and set(t.merges[0].variants) == {"Dr. Maria Santos", "MARIA SANTOS"}
    stats = {s.name: s for s in compute_stats(t)}
    assert stats["Maria Santos"].words == 16 and stats["Maria Santos"].turns == 1
    assert stats["Moderator"].seconds is None  # nothing known: absent, not zero


def test_different_people_are_never_merged(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text("Maria Santos: One.\nMario Santos: Two.\nM. Santos: Three.\n", encoding="utf-8")
    t = ingest(p)
    assert len(t.speakers) == 3 and t.merges == []


def test_timestamped_labels(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text("[00:00:05] Ana: Hello there all.\n[00:00:15] Ben: Hi Ana.\n[00:00:20] Ana: Bye.\n")
    t = ingest(p)
    assert [(x.start, x.end) for x in t.turns] == [(5, 15), (15, 20), (20, None)]


def test_whisper_json(tmp_path: Path) -> None:
    data = {
        "language": "en",
        "segments": [
            {"start": 0.0, "end": 4.0, "text": " Hello and welcome.", "speaker": "SPEAKER_00",
             "words": [{"word": " Hello", "start": 0.0, "end": 0.5, "probability": 0.9}]},
            {"start": 4.5, "end": 10.5, "text": " Thanks for having me here.", "speaker": "SPEAKER_01"},
            {"start": 10.5, "end": 12.0, "text": " Indeed.", "speaker": "SPEAKER_01"},
        ],
    }
    p = tmp_path / "t.json"
    p.write_text(json.dumps(data))
    t = ingest(p)
    assert t.info.format == "json" and t.info.language == "en"
    assert t.turns[0].words[0].text == "Hello"
    stats = {s.name: s for s in compute_stats(t)}
    assert stats["SPEAKER_01"].seconds == 7.5 and stats["SPEAKER_01"].turns == 1
    assert stats["SPEAKER_01"].wpm == pytest.approx(6 / 7.5 * 60)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_encodings_keep_typography(tmp_path: Path, encoding: str) -> None:
    text = "Ana Lima: We\u2019re \u201cready\u201d\u00a0now.\nBen Ode: Good.\n"
    p = tmp_path / "t.txt"
    p.write_bytes(text.encode(encoding))
    t = read_transcript(p)
    assert t.turns[0].text == "We\u2019re \u201cready\u201d\u00a0now."


def test_forced_format_that_does_not_fit(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text(LABELLED)
    with pytest.raises(InputError, match=r"t\.txt"):
        read_transcript(p, "vtt")
