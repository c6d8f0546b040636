"""Long recordings are processed in windows: nothing lost or doubled at the seams."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from sessionlens.asr.recording import AsrOptions, recognize_recording

from .dialogue import SCRIPT, wer

pytestmark = pytest.mark.slow


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_three_loops_in_two_minute_windows_match_the_script_three_times(need_asr, dialogue, tmp_path):
    looped = tmp_path / "looped.ogg"
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-stream_loop",
            "2",
            "-i",
            str(dialogue[0]),
            "-c:a",
            "libopus",
            str(looped),
        ],
        check=True,
    )
    seen: list[float] = []
    rec = recognize_recording(looped, AsrOptions(window_seconds=120), progress=lambda done, total: seen.append(done))
    assert rec.duration > 180  # so there were two window seams
    starts = [s.start for s in rec.segments]
    assert starts == sorted(starts)
    assert all(a.end <= b.start + 0.05 for a, b in zip(rec.segments, rec.segments[1:], strict=False))
    reference = " ".join(text for _, text in SCRIPT)
    hypothesis = " ".join(s.text for s in rec.segments)
    assert wer(" ".join([reference] * 3), hypothesis) <= 0.15
    # one voice embedding per speaker piece; every segment is cut into pieces, in order
    assert len(rec.vectors) == len(rec.pieces) == len(rec.groups) >= len(rec.segments)
    assert rec.groups == sorted(rec.groups) and set(rec.groups) == set(range(len(rec.segments)))
    assert [p.start for p in rec.pieces] == sorted(p.start for p in rec.pieces)
    assert seen == sorted(seen) and seen[-1] == pytest.approx(rec.duration, abs=0.5)
