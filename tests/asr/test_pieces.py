"""Speaker pieces: segments cut at sentence ends and pauses, joined again per speaker."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("numpy")
from sessionlens.asr.pieces import MIN_PAUSE, join_pieces, split_segment, split_segments
from sessionlens.asr.recording import Recognition, build_transcript, speaker_turns
from sessionlens.asr.transcribe import Segment, Word


def _segment(*spec: tuple[str, float, float]) -> Segment:
    words = tuple(Word(text, start, end, 0.9) for text, start, end in spec)
    return Segment(words[0].start, words[-1].end, " ".join(w.text for w in words), words)


STATEMENT = _segment(
    ("The", 0.0, 0.2),
    ("pipes", 0.2, 0.6),
    ("leak.", 0.6, 1.0),
    ("Exactly.", 1.4, 1.9),
    ("They", 2.3, 2.5),
    ("are", 2.5, 2.7),
    ("old", 2.7, 3.0),
    ("and", 3.0 + MIN_PAUSE, 3.7),
    ("rusty", 3.7, 4.1),
)


def test_cut_after_sentence_ends_and_at_pauses() -> None:
    texts = [p.text for p in split_segment(STATEMENT)]
    assert texts == ["The pipes leak.", "Exactly.", "They are old", "and rusty"]


def test_an_opening_word_with_a_comma_is_cut_off() -> None:
    seg = _segment(("Indeed,", 0.0, 0.4), ("tourism", 0.45, 0.9), ("brings", 0.9, 1.2), ("money,", 1.2, 1.5))
    seg2 = _segment(("Well", 2.0, 2.2), ("then,", 2.2, 2.4), ("we", 2.5, 2.6), ("go", 2.6, 2.8))
    assert [p.text for p in split_segment(seg)] == ["Indeed,", "tourism brings money,"]
    assert [p.text for p in split_segment(seg2)] == ["Well then,", "we go"]
    thanks = _segment(
        ("Thank", 0.0, 0.2), ("you,", 0.2, 0.4), ("Maria,", 0.4, 0.8), ("I", 0.9, 1.0), ("agree.", 1.0, 1.4)
    )
    assert [p.text for p in split_segment(thanks)] == ["Thank you,", "Maria, I agree."]


def test_a_segment_without_cues_stays_whole() -> None:
    seg = _segment(("one", 0.0, 0.3), ("more", 0.35, 0.6), ("word", 0.7, 1.0))
    assert split_segment(seg) == [Segment(0.0, 1.0, "one more word", seg.words)]


def test_groups_number_the_segments_from_the_offset() -> None:
    pieces, groups = split_segments([STATEMENT, _segment(("Yes.", 5.0, 5.3))], first_group=7)
    assert groups == [7, 7, 7, 7, 8] and len(pieces) == 5


def _recognition(segments: list[Segment]) -> Recognition:
    pieces, groups = split_segments(segments)
    return Recognition("x.wav", 6.0, "en", "tiny.en", segments, pieces, groups, np.zeros((len(pieces), 2)))


def test_an_interjection_by_someone_else_becomes_its_own_turn() -> None:
    rec = _recognition([STATEMENT])
    labels = ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 1"]
    turns = build_transcript(rec, labels, {}).turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("Speaker 1", "The pipes leak."),
        ("Speaker 2", "Exactly."),
        ("Speaker 1", "They are old and rusty"),
    ]
    assert [t.start for t in turns] == [0.0, 1.4, 2.3] and turns[2].end == 4.1


def test_one_speaker_keeps_the_segment_and_its_own_text() -> None:
    seg = Segment(0.0, 4.1, "The pipes leak. Exactly. They are old and rusty!", STATEMENT.words)
    rec = _recognition([seg])
    turns = speaker_turns(rec, ["Speaker 1"] * len(rec.pieces))
    assert len(turns) == 1 and turns[0][0] is seg and turns[0][2] == [0, 1, 2, 3]


def test_join_never_crosses_segments() -> None:
    a, b = _segment(("Right.", 0.0, 0.4)), _segment(("Fine.", 1.0, 1.4))
    joined = join_pieces([a, b], [0, 1], ["Speaker 1", "Speaker 1"])
    assert [m for _, _, m in joined] == [[0], [1]]
