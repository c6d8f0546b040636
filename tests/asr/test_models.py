"""Model choice: packaged names, the joined multilingual base, a directory path."""

from __future__ import annotations

import hashlib

import pytest

from sessionlens.errors import InputError

from .dialogue import wer


def test_directory_path_and_bad_directory(need_asr, tmp_path) -> None:
    from sessionlens.asr.transcribe import resolve_model

    packaged = resolve_model("tiny.en")
    assert (packaged / "model.bin").is_file()
    assert resolve_model(str(packaged)) == packaged
    with pytest.raises(InputError, match=r"no model\.bin"):
        resolve_model(str(tmp_path))


@pytest.mark.slow
def test_base_is_joined_once_and_detects_english(need_asr, short_clip, tmp_path, monkeypatch) -> None:
    from sessionlens.asr import AsrOptions, transcribe_recording
    from sessionlens.asr.transcribe import _BASE_SHA256, resolve_model

    monkeypatch.setenv("SESSIONLENS_CACHE", str(tmp_path))
    path = resolve_model("base")
    assert path == tmp_path / "whisper-base"
    digest = hashlib.sha256((path / "model.bin").read_bytes()).hexdigest()
    assert digest == _BASE_SHA256
    mtime = (path / "model.bin").stat().st_mtime_ns
    assert resolve_model("base") == path and (path / "model.bin").stat().st_mtime_ns == mtime

    result = transcribe_recording(short_clip[0], AsrOptions(model="base", speakers=2))
    assert result.recognition.language == "en"
    reference = " ".join(t.text for t in short_clip[1])
    assert wer(reference, " ".join(t.text for t in result.transcript.turns)) <= 0.15
