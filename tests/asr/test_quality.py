"""Acceptance: WER, speaker attribution and speech time on a scripted three-voice dialogue."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sessionlens.asr.recording import AsrResult, speaker_labels
from sessionlens.stats import compute_stats

from .dialogue import VOICES, TrueTurn, wer

pytestmark = pytest.mark.slow


def _true_turn(truth: list[TrueTurn], t: float) -> TrueTurn | None:
    return next((x for x in truth if x.start - 0.35 <= t <= x.end + 0.35), None)


def _voice_of_label(result: AsrResult, truth: list[TrueTurn]) -> dict[str, str]:
    """Each diarized speaker -> the voice most of its words were spoken by."""
    votes: dict[str, Counter[str]] = {}
    for turn in result.transcript.turns:
        for w in turn.words or []:
            true = _true_turn(truth, (w.start + w.end) / 2)
            if true is not None:
                votes.setdefault(turn.speaker, Counter())[true.speaker] += 1
    return {label: c.most_common(1)[0][0] for label, c in votes.items()}


def test_word_error_rate_is_at_most_15_percent(asr_run: AsrResult, dialogue) -> None:
    _, truth = dialogue
    reference = " ".join(t.text for t in truth)
    hypothesis = " ".join(t.text for t in asr_run.transcript.turns)
    assert wer(reference, hypothesis) <= 0.15


def test_every_turn_goes_to_the_right_voice(asr_run: AsrResult, dialogue) -> None:
    _, truth = dialogue
    voice_of = _voice_of_label(asr_run, truth)
    assert sorted(voice_of.values()) == sorted(VOICES), "one diarized speaker per voice"
    for true in truth:
        heard = {
            voice_of[turn.speaker]
            for turn in asr_run.transcript.turns
            for w in turn.words or []
            if _true_turn(truth, (w.start + w.end) / 2) is true
        }
        assert heard == {true.speaker}, f"turn {true.text[:30]!r} heard as {heard}"


def test_speech_time_per_speaker_within_10_percent_of_the_script(asr_run: AsrResult, dialogue) -> None:
    _, truth = dialogue
    voice_of = _voice_of_label(asr_run, truth)
    stats = compute_stats(asr_run.transcript)
    assert all(not s.estimated for s in stats)
    for s in stats:
        scripted = sum(t.end - t.start for t in truth if t.speaker == voice_of[s.name])
        assert s.seconds is not None
        assert abs(s.seconds - scripted) <= 0.10 * scripted, (s.name, s.seconds, scripted)


def test_turn_times_come_from_the_words(asr_run: AsrResult) -> None:
    for turn in asr_run.transcript.turns:
        assert turn.words and not turn.time_estimated
        assert turn.start == turn.words[0].start and turn.end == turn.words[-1].end


def test_speaker_count_is_estimated_when_not_given(asr_run: AsrResult) -> None:
    labels, _ = speaker_labels(asr_run.recognition, None)
    assert len(set(labels)) == len(VOICES)


def test_names_are_proposed_from_introductions_and_addresses(asr_run: AsrResult, dialogue) -> None:
    _, truth = dialogue
    voice_of = _voice_of_label(asr_run, truth)
    proposed = {p.label: p.name for p in asr_run.proposals}
    # every voice is named in the script ("I am Maria", "David, would you…", "Anna, what…")
    assert proposed == {label: voice for label, voice in voice_of.items()}


def test_audio_is_16_khz_resampled_from_espeak_rate(dialogue) -> None:
    from sessionlens.asr.decode import SAMPLE_RATE, probe, read_all

    path: Path = dialogue[0]
    info = probe(path)
    audio = read_all(path)
    assert info.duration is not None
    assert abs(len(audio) / SAMPLE_RATE - info.duration) < 0.01


def test_one_voice_is_estimated_as_one_speaker(need_asr, tmp_path) -> None:
    """The whole script read by one voice (about a minute, a dozen segments).

    Known limit: with only a handful of segments the estimate can split one voice
    (docs/asr.md); give --speakers there.
    """
    from sessionlens.asr import AsrOptions, transcribe_recording

    from .dialogue import SCRIPT, synthesize

    path, _ = synthesize(tmp_path, [("David", text) for _, text in SCRIPT])
    result = transcribe_recording(path, AsrOptions())
    assert {t.speaker for t in result.transcript.turns} == {"Speaker 1"}
