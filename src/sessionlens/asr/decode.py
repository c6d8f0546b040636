"""Streaming decode of any audio or video file to 16 kHz mono float32, through PyAV.

The recording is never held whole in memory: `blocks()` yields fixed-size blocks as the
demuxer reads packets, so a 3-hour file costs the same memory as a 3-minute one.
Everything that can be wrong with a file ends in an `InputError` naming it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError

SAMPLE_RATE = 16_000

#: Packets that fail to decode are skipped (a damaged stretch of a long recording);
#: more than this many in a row means the file is broken, not scratched.
MAX_BAD_PACKETS = 50


@dataclass(frozen=True)
class MediaInfo:
    """What the container says about a recording."""

    duration: float | None
    codec: str
    has_video: bool


def _open(path: Path):  # type: ignore[no-untyped-def]  # av has no stubs
    import av

    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a recording")
    if path.stat().st_size == 0:
        raise InputError(path, "the file is empty")
    try:
        container = av.open(str(path), metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise InputError(path, f"not a readable audio or video file ({_reason(exc)})") from None
    if not container.streams.audio:
        container.close()
        raise InputError(path, "the recording has no audio stream")
    return container


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "strerror", None) or exc).split(":")[0].strip() or type(exc).__name__


def probe(path: str | Path) -> MediaInfo:
    """Duration (seconds, None when the container does not say), audio codec, video presence."""
    p = Path(path)
    with _open(p) as container:
        stream = container.streams.audio[0]
        duration = None
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000  # AV_TIME_BASE
        return MediaInfo(duration, stream.codec_context.name, bool(container.streams.video))


def _samples(path: Path) -> Iterator[np.ndarray]:
    import av

    with _open(path) as container:
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        bad = decoded = 0
        packets = container.demux(stream)
        while True:
            try:
                packet = next(packets)
                frames = packet.decode()
            except StopIteration:
                break
            except av.error.FFmpegError as exc:
                bad += 1
                if bad > MAX_BAD_PACKETS:
                    raise InputError(path, f"audio cannot be decoded ({_reason(exc)})") from None
                continue
            bad = 0
            for frame in frames:
                for out in resampler.resample(frame):
                    decoded += out.samples
                    yield out.to_ndarray().reshape(-1)
        for out in resampler.resample(None):
            decoded += out.samples
            yield out.to_ndarray().reshape(-1)
        if decoded == 0:
            raise InputError(path, "no audio could be decoded from the file")


def blocks(path: str | Path, seconds: float = 30.0) -> Iterator[np.ndarray]:
    """Yield the recording as consecutive 16 kHz mono float32 blocks of `seconds` (last shorter)."""
    size = int(seconds * SAMPLE_RATE)
    pending: list[np.ndarray] = []
    have = 0
    for chunk in _samples(Path(path)):
        pending.append(chunk)
        have += len(chunk)
        while have >= size:
            joined = np.concatenate(pending)
            yield joined[:size]
            rest = joined[size:]
            pending, have = [rest], len(rest)
    if have:
        yield np.concatenate(pending)


def read_all(path: str | Path) -> np.ndarray:
    """The whole recording as one array (for short clips and tests; long ones use `blocks`)."""
    parts = list(blocks(path))
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)
