"""Input readers. Each module is a `Reader`: NAME, DESCRIPTION, sniff(text) and read(source).

`read_transcript` picks the reader by sniffing (or `fmt` forces one) and returns the raw
Transcript; normalisation of speakers happens in `sessionlens.normalize`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..errors import FormatUnknown, InputError, one_line
from ..models import Transcript
from ..registry import Entry
from . import (
    diplo,
    docx,
    gpo,
    hansard,
    labelled,
    meet,
    otter,
    qa,
    rev,
    srt,
    teams,
    timeindex,
    un_record,
    vtt,
    whisper_json,
    youtube_text,
    youtube_vtt,
    zoom,
)
from .base import Reader, Source, decode, load

#: the modules, in the order detection breaks ties; all are imported: detection sniffs with each
_MODULES: tuple[Reader, ...] = (
        diplo,
        vtt,
        youtube_vtt,
        zoom,
        teams,
        srt,
        whisper_json,
        timeindex,
        qa,
        labelled,
        youtube_text,
        otter,
        rev,
        meet,
        gpo,
        un_record,
        hansard,
        docx,
)
#: input formats (`--format`), by name
READERS: dict[str, Entry] = {m.NAME: Entry(m.NAME, m.__name__, m.DESCRIPTION) for m in _MODULES}


def reader(name: str) -> Reader:
    """The reader of input format `name` (a KeyError for an unknown one)."""
    found: Reader = READERS[name].load()
    return found


def detect(source: Source) -> Reader:
    """The reader whose sniff() scores highest; an InputError when none fits."""
    score, name = max((m.sniff(source.text), m.NAME) for m in _MODULES)
    if score <= 0.0:
        raise FormatUnknown(source.name, "no speaker labels, subtitles or Q&A structure found")
    return reader(name)


def read_source(source: Source, fmt: str | None = None) -> Transcript:
    """Parse decoded text with the given or detected reader."""
    if fmt is not None and fmt not in READERS:
        raise InputError(source.name, f"unknown format {fmt!r} (one of {', '.join(READERS)})")
    reader: Reader = READERS[fmt].load() if fmt else detect(source)
    try:
        transcript: Transcript = reader.read(source)
    except InputError:
        raise
    except (ValueError, IndexError, KeyError, TypeError, OverflowError) as exc:
        raise InputError(source.name, f"not a valid {reader.NAME} file ({_reason(exc)})") from None
    except RecursionError:
        raise InputError(source.name, f"not a valid {reader.NAME} file (nested too deeply)") from None
    if not transcript.turns:
        raise InputError(source.name, f"no turns found ({reader.DESCRIPTION})")
    return transcript


def _reason(exc: Exception) -> str:
    """One line: a pydantic error as `field: problem`, anything else its first line."""
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        return f"{'.'.join(map(str, first['loc']))}: {first['msg']}"
    return one_line(exc)


def read_transcript(path: str | Path, fmt: str | None = None) -> Transcript:
    """Read a transcript file of any supported format into a raw Transcript."""
    return read_source(load(path), fmt)


def read_text(text: str | bytes, name: str = "<text>", fmt: str | None = None) -> Transcript:
    """Read transcript text (or bytes, decoded like a file) into a raw Transcript."""
    source = decode(text, name) if isinstance(text, bytes) else decode(text.encode(), name)
    return read_source(source, fmt)


__all__ = ["READERS", "Reader", "detect", "read_source", "read_text", "read_transcript", "reader"]
