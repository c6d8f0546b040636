"""Recordings in: offline speech recognition and speaker diarization (extra `asr`).

    result = transcribe_recording("panel.mp4", AsrOptions(speakers=3))
    result.transcript   # a Transcript like any reader's, one turn per ASR segment

Modules: `decode` (PyAV streaming to 16 kHz mono), `transcribe` (faster-whisper, packaged
models), `diarize` (voice embeddings + clustering), `naming` (user names and proposals),
`writers` (JSON, WebVTT, SRT), `media` (is this a recording?), `recording` (the path).
Heavy imports (PyAV, faster-whisper) happen only when a recording is processed.
"""

from __future__ import annotations

from typing import Any

from .media import MEDIA_SUFFIXES, is_media

_LAZY = {"AsrOptions", "AsrResult", "transcribe_recording"}


def __getattr__(name: str) -> Any:
    # numpy and friends load only when a recording is processed, so that the media check
    # in `pipeline.ingest` works on an install without the asr extra.
    if name in _LAZY:
        from . import recording

        return getattr(recording, name)
    raise AttributeError(name)

__all__ = ["MEDIA_SUFFIXES", "AsrOptions", "AsrResult", "is_media", "transcribe_recording"]
