"""Recordings in: offline speech recognition and speaker diarization (extra `asr`).

    result = transcribe_recording("panel.mp4", AsrOptions(speakers=3))
    result.transcript   # a Transcript like any reader's, one turn per ASR segment

Modules: `decode` (PyAV streaming to 16 kHz mono), `transcribe` (faster-whisper, packaged
models), `diarize` (voice embeddings + clustering), `naming` (user names and proposals),
`writers` (JSON, WebVTT, SRT), `media` (is this a recording?), `recording` (the path).
Heavy imports (PyAV, faster-whisper) happen only when a recording is processed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .media import MEDIA_SUFFIXES, is_media

if TYPE_CHECKING:
    from .recording import AsrOptions, AsrResult, Progress

#: Modules the asr extra installs; checked before a recording is opened.
REQUIRED = ("numpy", "av", "faster_whisper")


def transcribe_recording(
    path: str | Path, options: AsrOptions | None = None, progress: Progress | None = None
) -> AsrResult:
    """Recording -> speaker-attributed Transcript (see `recording.transcribe_recording`).

    Raises InputError, with the install command, where the asr extra is missing.
    """
    missing = [m for m in REQUIRED if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(
            path,
            f"this is a recording; transcribing it needs the asr extra "
            f"({missing[0]} is missing): pip install 'sessionlens[asr]'",
        )
    from .recording import transcribe_recording as run

    return run(path, options, progress)


def __getattr__(name: str) -> Any:
    # numpy and friends load only when a recording is processed, so that the media check
    # in `pipeline.ingest` works on an install without the asr extra.
    if name in ("AsrOptions", "AsrResult"):
        from . import recording

        return getattr(recording, name)
    raise AttributeError(name)


__all__ = ["MEDIA_SUFFIXES", "AsrOptions", "AsrResult", "is_media", "transcribe_recording"]
