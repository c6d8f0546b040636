"""The optional torch embedder (extra `diarize-torch`): same acceptance as the default."""

from __future__ import annotations

import pytest

from sessionlens.asr.recording import AsrResult, speaker_labels

from .test_quality import _true_turn, _voice_of_label

pytestmark = pytest.mark.slow
pytest.importorskip("resemblyzer", reason="the diarize-torch extra is not installed")


def test_resemblyzer_attributes_every_turn(dialogue) -> None:
    from sessionlens.asr import AsrOptions, transcribe_recording

    _, truth = dialogue
    result: AsrResult = transcribe_recording(dialogue[0], AsrOptions(speakers=3, embedder="resemblyzer"))
    voice_of = _voice_of_label(result, truth)
    assert sorted(voice_of.values()) == sorted({t.speaker for t in truth})
    for turn in result.transcript.turns:
        for w in turn.words or []:
            true = _true_turn(truth, (w.start + w.end) / 2)
            assert true is None or voice_of[turn.speaker] == true.speaker
    assert len(set(speaker_labels(result.recognition, 3, "resemblyzer")[0])) == 3
