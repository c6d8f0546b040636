"""What every reader shares: loading text safely and building a Transcript."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import InputError, LimitError
from ..models import SessionInfo, Speaker, Transcript, Turn

#: Larger inputs are refused: a week-long transcript is ~5 MB, anything bigger is a mistake.
MAX_INPUT_BYTES = 50 * 1024 * 1024
#: Times beyond a week are a broken file (a 400-digit hour), never a real session.
MAX_SECONDS = 7 * 24 * 3600.0
#: A plenary with every member state speaking has ~200 speakers; 2,000 is a broken label grammar.
MAX_SPEAKERS = 2000
#: ~2 hours of uninterrupted speech; a longer "turn" is a file without line breaks or labels.
MAX_TURN_CHARS = 100_000

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (DOCX/XLSX?)",
    b"\x7fELF": "an executable",
    b"ID3": "an MP3 audio file",
    b"RIFF": "a RIFF (WAV/AVI) media file",
    b"OggS": "an Ogg media file",
    b"\x1a\x45\xdf\xa3": "a Matroska/WebM media file",
    b"fLaC": "a FLAC audio file",
    b"SQLite format 3": "an SQLite database",
}


@dataclass(frozen=True)
class Source:
    """Decoded input text with the name used in messages."""

    text: str
    name: str
    encoding: str


class Reader(Protocol):
    """One input format (a module of this package): `sniff` scores how likely the text is
    this format (0..1); `NAME` is its `--format` name, `DESCRIPTION` what it reads."""

    __name__: str  # the module's
    NAME: str
    DESCRIPTION: str

    def sniff(self, text: str) -> float: ...

    def read(self, source: Source) -> Transcript: ...


def decode(data: bytes, name: str) -> Source:
    """Decode bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if not data.strip():
        raise InputError(name, "the file is empty")
    if data.startswith(b"PK\x03\x04"):
        from .docx import docx_source, is_docx

        if is_docx(data):
            return docx_source(data, name)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(name, f"this is {what}, not a transcript")
    if data.startswith(b"\xef\xbb\xbf"):
        return Source(data[3:].decode("utf-8", errors="replace"), name, "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Source(data.decode("utf-16"), name, "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(name, f"broken UTF-16 text ({exc.reason})") from None
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _guess_legacy(data, name)
    if _looks_binary(text):
        raise InputError(name, "this is a binary file, not a transcript")
    return Source(text, name, encoding)


def _guess_legacy(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    # Western transcripts in legacy encodings are nearly always cp1252; charset-normalizer
    # tends to pick exotic code pages on short samples, so prefer cp1252 when it decodes.
    for candidate in ("cp1252", encoding):
        try:
            return data.decode(candidate), candidate
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1"), "latin-1"


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if "\x00" in sample:
        return True
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    return controls > max(4, len(sample) // 100)


def load(path: str | Path) -> Source:
    """Read and decode a text input, with one-line errors for everything that can go wrong."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory, not a file")
    size = p.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            name, f"too large for a transcript ({size / 1e6:.0f} MB > {MAX_INPUT_BYTES // 2**20} MiB)"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from None
    return decode(data, name)




def clean_line(line: str) -> str:
    """Strip line ends; inner spacing and typography (smart quotes, NBSP) are kept."""
    return line.strip(" \t\r\n")


def check_time(value: float | None, name: str, what: str) -> float | None:
    """A time in seconds as read: finite and within a week, else a one-line InputError."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except OverflowError:
        raise InputError(name, f"{what} is too large to be a time") from None
    if not math.isfinite(seconds):
        raise InputError(name, f"{what} is not a finite number ({value})")
    if not 0.0 <= seconds <= MAX_SECONDS:
        raise InputError(name, f"{what} is out of range ({seconds:g} s; a session lasts at most a week)")
    return seconds


def check_limits(turns: list[tuple[str, str, float | None, float | None]], name: str) -> None:
    """Refuse inputs whose size would make the analysis unbounded (one line each)."""
    speakers: set[str] = set()
    for i, (speaker, text, start, end) in enumerate(turns):
        check_time(start, name, f"turn {i + 1} start")
        check_time(end, name, f"turn {i + 1} end")
        if len(text) > MAX_TURN_CHARS:
            raise LimitError(name, f"turn {i + 1} is {len(text):,} characters long (at most "
                                   f"{MAX_TURN_CHARS:,}); is the file missing line breaks or speaker labels?")
        speakers.add(speaker)
        if len(speakers) > MAX_SPEAKERS:
            raise LimitError(name, f"more than {MAX_SPEAKERS:,} speakers; is the speaker label format right "
                                   "(see `sessionlens formats`)?")


def build(
    turns: list[tuple[str, str, float | None, float | None]],
    source: Source,
    fmt: str,
    info: SessionInfo | None = None,
    speakers: list[Speaker] | None = None,
    time_estimated: bool = False,
) -> Transcript:
    """Make a Transcript from (speaker, text, start, end) tuples; merge-free, raw labels.
    Times and sizes are checked here, once for every reader."""
    check_limits(turns, source.name)
    if speakers is not None and len(speakers) > MAX_SPEAKERS:
        raise LimitError(source.name, f"{len(speakers):,} speakers announced (at most {MAX_SPEAKERS:,})")
    if info is not None and info.duration_seconds is not None:
        check_time(info.duration_seconds, source.name, "the duration")
    info = (info or SessionInfo()).model_copy(update={"source": source.name, "format": fmt})
    out = [
        Turn(index=i, speaker=s, text=t, start=a, end=b, time_estimated=time_estimated and a is not None)
        for i, (s, t, a, b) in enumerate(turns)
    ]
    known = {s.name for s in speakers or []}
    spk = list(speakers or [])
    for t in out:
        if t.speaker not in known:
            known.add(t.speaker)
            spk.append(Speaker(name=t.speaker, listed=not speakers))
    if info.duration_seconds is None and any(t.end is not None for t in out):
        starts = [t.start for t in out if t.start is not None]
        ends = [t.end for t in out if t.end is not None]
        if starts and ends:
            info = info.model_copy(update={"duration_seconds": max(ends) - min(starts)})
    return Transcript(info=info, speakers=spk, turns=out)
