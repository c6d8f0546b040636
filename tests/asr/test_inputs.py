"""Recordings in many containers decode alike; bad recordings end in one line and exit 2."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from sessionlens.asr.media import is_media
from sessionlens.cli import main

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", *args], check=True)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    return int(exc.value.code or 0), capsys.readouterr().err


@needs_ffmpeg
@pytest.mark.parametrize(
    "suffix,codec",
    [
        ("mp3", ["-c:a", "libmp3lame"]),
        ("m4a", ["-c:a", "aac"]),
        ("ogg", ["-c:a", "libvorbis"]),
        ("webm", ["-c:a", "libopus"]),
        ("flac", []),
    ],
)
def test_audio_containers_decode_to_the_same_length(need_asr, short_clip, tmp_path, suffix, codec):
    from sessionlens.asr.decode import SAMPLE_RATE, read_all

    src: Path = short_clip[0]
    out = tmp_path / f"clip.{suffix}"
    _ffmpeg("-i", str(src), *codec, str(out))
    assert is_media(out)
    reference = read_all(src)
    audio = read_all(out)
    # encoders add or trim a few ms of padding at the ends
    assert abs(len(audio) - len(reference)) < 0.1 * SAMPLE_RATE
    assert audio.dtype == np.float32 and 0.01 < np.abs(audio).max() <= 1.0


@needs_ffmpeg
@pytest.mark.parametrize("suffix", ["mp4", "mkv"])
def test_video_files_yield_their_soundtrack(need_asr, short_clip, tmp_path, suffix):
    from sessionlens.asr.decode import SAMPLE_RATE, probe, read_all

    src: Path = short_clip[0]
    out = tmp_path / f"clip.{suffix}"
    _ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=c=black:s=64x64:r=5",
        "-i",
        str(src),
        "-shortest",
        "-c:v",
        "libx264" if suffix == "mp4" else "mpeg4",
        "-c:a",
        "aac",
        str(out),
    )
    info = probe(out)
    assert info.has_video
    assert abs(len(read_all(out)) / SAMPLE_RATE - len(read_all(src)) / SAMPLE_RATE) < 0.3


def test_media_is_recognised_by_magic_without_suffix(short_clip, tmp_path) -> None:
    blind = tmp_path / "recording.bin"
    blind.write_bytes(short_clip[0].read_bytes())
    assert is_media(blind)
    text = tmp_path / "notes.txt"
    text.write_text("Maria: hello\n")
    assert not is_media(text)


def _silent(path: Path, seconds: float = 4.0) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(np.zeros(int(16000 * seconds), np.int16).tobytes())
    return path


def _no_audio(path: Path) -> Path:
    _ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x64:d=1", "-c:v", "mpeg4", str(path))
    return path


BAD = {
    "empty.wav": (lambda p: p.write_bytes(b"") and p, "the file is empty"),
    "corrupt.mp3": (
        lambda p: p.write_bytes(bytes(range(256)) * 40) and p,
        "not a readable audio or video file",
    ),
    "cut.wav": (
        lambda p: p.write_bytes(b"RIFF\x24\x08\x00\x00WAVEfmt ") and p,
        "not a readable audio or video file",
    ),
    "video-only.mp4": (_no_audio, "has no audio stream"),
    "silence.wav": (_silent, "no speech found"),
}


@needs_ffmpeg
@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("cmd", ["transcribe", "report"])
def test_bad_recordings_exit_2_with_one_line(need_asr, capsys, tmp_path, name, cmd) -> None:
    make, problem = BAD[name]
    path = tmp_path / name
    make(path)
    argv = [cmd, str(path)] + (["--engine", "none"] if cmd == "report" else [])
    code, err = _run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert name in err and problem in err


def test_missing_file_exits_2(capsys, tmp_path) -> None:
    code, err = _run(capsys, "transcribe", str(tmp_path / "nope.wav"))
    assert code == 2 and "no such file" in err


def test_english_only_model_refuses_another_language(need_asr, short_clip, capsys) -> None:
    code, err = _run(capsys, "transcribe", str(short_clip[0]), "--language", "fr")
    assert code == 2 and "English only" in err and "--asr-model base" in err


def test_unknown_model_name_exits_2(need_asr, short_clip, capsys) -> None:
    code, err = _run(capsys, "transcribe", str(short_clip[0]), "--asr-model", "large-v3")
    assert code == 2 and "unknown ASR model 'large-v3'" in err
