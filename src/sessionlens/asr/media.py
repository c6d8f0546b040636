"""Is this input a recording? By suffix or by magic bytes; no media library needed."""

from __future__ import annotations

from pathlib import Path

#: Suffixes routed to speech recognition.
MEDIA_SUFFIXES = frozenset(
    [
        ".wav",
        ".mp3",
        ".m4a",
        ".aac",
        ".ogg",
        ".oga",
        ".opus",
        ".flac",
        ".wma",
        ".mp4",
        ".m4v",
        ".mov",
        ".mkv",
        ".webm",
        ".avi",
        ".mpg",
        ".mpeg",
        ".ts",
    ]
)

_MAGIC: tuple[tuple[int, bytes], ...] = (
    (0, b"RIFF"),  # WAV, AVI
    (0, b"ID3"),  # MP3 with tags
    (0, b"\xff\xfb"),  # MP3 frame
    (0, b"\xff\xf3"),
    (0, b"\xff\xf2"),
    (0, b"OggS"),
    (0, b"fLaC"),
    (0, b"\x1a\x45\xdf\xa3"),  # Matroska / WebM
    (4, b"ftyp"),  # MP4, M4A, MOV
    (0, b"\x30\x26\xb2\x75"),  # ASF / WMA
)


def is_media(path: str | Path) -> bool:
    """True for audio/video files: a known suffix, or a known container signature."""
    p = Path(path)
    if p.suffix.lower() in MEDIA_SUFFIXES:
        return True
    try:
        with p.open("rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return any(head[at : at + len(magic)] == magic for at, magic in _MAGIC)
