"""Caption cues and words attributed from synthetic voice segments (no audio)."""

from __future__ import annotations

import pytest

from sessionlens.asr.align_captions import attribute_captions, attribute_from_recording, overlap_speaker
from sessionlens.asr.voices import VoiceSegment
from sessionlens.errors import InputError
from sessionlens.models import AttributionSuspect, SessionInfo, Speaker, Transcript, Turn, Word

# voice 0 speaks 0-5 s, voice 1 6-10 s, voice 0 again 11-14 s
SEGMENTS = [VoiceSegment(0.0, 5.0, 0), VoiceSegment(6.0, 10.0, 1), VoiceSegment(11.0, 14.0, 0)]


def _captions(cues: list[tuple[float, float, str]], timed_words: bool = False) -> Transcript:
    turns = []
    for i, (start, end, text) in enumerate(cues):
        words = None
        if timed_words:
            ws = text.split()
            step = (end - start) / len(ws)
            words = [Word(text=w, start=start + k * step, end=start + (k + 1) * step) for k, w in enumerate(ws)]
        turns.append(Turn(index=i, speaker="Speaker 1", text=text, start=start, end=end, words=words))
    return Transcript(info=SessionInfo(attributed=False), speakers=[Speaker(name="Speaker 1")], turns=turns)


def _words_by_speaker(t: Transcript) -> dict[str, int]:
    out: dict[str, int] = {}
    for turn in t.turns:
        out[turn.speaker] = out.get(turn.speaker, 0) + len(turn.text.split())
    return out


def test_overlap_speaker_sums_a_voices_segments() -> None:
    # 0.4 + 0.4 s of voice 0 against 0.6 s of voice 1: voice 0 is heard most
    segs = [VoiceSegment(0.0, 0.4, 0), VoiceSegment(0.4, 1.0, 1), VoiceSegment(1.0, 1.4, 0)]
    assert overlap_speaker(0.0, 1.4, segs) == 0
    assert overlap_speaker(0.45, 0.95, segs) == 1
    assert overlap_speaker(2.0, 3.0, segs) is None
    assert overlap_speaker(0.7, 0.7, segs) == 1  # a zero-length word inside a segment


def test_cues_go_to_the_voice_heard_most_and_runs_become_turns() -> None:
    t = attribute_captions(
        _captions([(0.2, 2.5, "one two three"), (2.5, 5.5, "four five"), (5.5, 9.0, "six seven eight nine")]),
        SEGMENTS,
    )
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("Speaker 1", "one two three four five"),
        ("Speaker 2", "six seven eight nine"),
    ]
    assert t.info.attributed and [s.name for s in t.speakers] == ["Speaker 1", "Speaker 2"]
    assert (t.turns[1].start, t.turns[1].end) == (5.5, 9.0)
    assert not t.suspects


def test_a_cue_spanning_a_change_of_voice_is_split_at_its_words() -> None:
    # words of 1 s each: 3.5-4.5 and 4.5-5.5 are voice 0's, 6-7 ... voice 1's; 5.5-6.5 overlaps voice 1 only
    t = attribute_captions(_captions([(3.5, 8.5, "alpha beta gamma delta epsilon")], timed_words=True), SEGMENTS)
    assert [(x.speaker, x.text) for x in t.turns] == [("Speaker 1", "alpha beta"), ("Speaker 2", "gamma delta epsilon")]
    assert [w.text for w in t.turns[1].words or []] == ["gamma", "delta", "epsilon"]
    assert t.turns[1].start == pytest.approx(5.5)


def test_a_word_in_a_pause_stays_with_the_word_before_it() -> None:
    segs = [VoiceSegment(0.0, 1.0, 0), VoiceSegment(2.0, 3.0, 0), VoiceSegment(5.0, 9.0, 1)]
    t = attribute_captions(_captions([(0.0, 3.0, "yes and so")], timed_words=True), segs)  # "and" is 1-2 s: silence
    assert [(x.speaker, x.text) for x in t.turns] == [("Speaker 1", "yes and so")]


def test_a_cue_where_no_one_is_heard_is_a_suspect_not_a_silent_guess() -> None:
    cues = [(0.5, 4.5, "first words"), (10.2, 10.8, "lost words"), (11.5, 13.0, "last words")]
    t = attribute_captions(_captions(cues), SEGMENTS)
    # 10.2-10.8 falls in the pause between voice 1 (to 10 s) and voice 0 (from 11 s): nearest is voice 1
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("Speaker 1", "first words"),
        ("Speaker 2", "lost words"),
        ("Speaker 1", "last words"),
    ]
    (suspect,) = t.suspects
    assert suspect.turn_index == 1 and suspect.speaker == "Speaker 2"
    assert "no voice is heard" in suspect.reason and suspect.excerpt == "lost words"


def test_an_unheard_cue_is_never_merged_into_its_neighbours_turn() -> None:
    t = attribute_captions(_captions([(0.5, 4.5, "heard"), (5.2, 5.8, "unheard"), (6.5, 9.0, "heard too")]), SEGMENTS)
    assert [x.text for x in t.turns] == ["heard", "unheard", "heard too"]
    assert [s.turn_index for s in t.suspects] == [1]


def test_voices_are_numbered_in_order_of_first_speech_in_the_captions() -> None:
    # the captions start where voice 1 speaks: it becomes Speaker 1
    t = attribute_captions(_captions([(6.5, 9.0, "b b"), (11.5, 13.0, "a a")]), SEGMENTS)
    assert [x.speaker for x in t.turns] == ["Speaker 1", "Speaker 2"]


def test_no_word_is_dropped_or_counted_twice() -> None:
    cues = [(0.1 + 1.3 * i, 1.4 + 1.3 * i, f"w{i}a w{i}b w{i}c") for i in range(10)]
    for timed in (False, True):
        before = _captions(cues, timed_words=timed)
        after = attribute_captions(before, SEGMENTS)
        assert sum(_words_by_speaker(after).values()) == sum(len(t.text.split()) for t in before.turns)
        assert " ".join(t.text for t in after.turns) == " ".join(t.text for t in before.turns)


def test_captions_off_the_recordings_clock_are_refused() -> None:
    with pytest.raises(InputError, match="same session"):
        attribute_captions(_captions([(20.0, 21.0, "a"), (22.0, 23.0, "b"), (1.0, 2.0, "c")]), SEGMENTS)


def test_only_unattributed_timed_captions_are_aligned(tmp_path) -> None:
    named = _captions([(0.0, 1.0, "a")]).model_copy(update={"info": SessionInfo(attributed=True)})
    with pytest.raises(InputError, match="already names its speakers"):
        attribute_from_recording(named, tmp_path / "a.wav", 2)
    untimed = _captions([(0.0, 1.0, "a")])
    untimed.turns[0].start = None
    with pytest.raises(InputError, match="need cue times"):
        attribute_from_recording(untimed, tmp_path / "a.wav", 2)
    with pytest.raises(InputError, match="not an audio or video recording"):
        attribute_from_recording(_captions([(0.0, 1.0, "a")]), tmp_path / "notes.txt", 2)


def test_a_readers_suspect_follows_its_words_into_the_new_turns() -> None:
    captions = _captions([(0.5, 2.0, "one"), (2.0, 4.0, "two"), (6.5, 9.0, "AT&T Rep: three")])
    captions.suspects = [AttributionSuspect(turn_index=2, speaker="Speaker 1", reason="line 9: …", excerpt="AT&T")]
    t = attribute_captions(captions, SEGMENTS)
    assert [x.text for x in t.turns] == ["one two", "AT&T Rep: three"]
    (suspect,) = t.suspects
    assert (suspect.turn_index, suspect.speaker, suspect.reason) == (1, "Speaker 2", "line 9: …")
