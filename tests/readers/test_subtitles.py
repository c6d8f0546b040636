"""VTT and SRT written here with known durations: time exact to the second, right speeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.pipeline import ingest
from sessionlens.stats import compute_stats

CUES = [  # speaker, start, end, text
    ("Ana Lima", 0.0, 12.5, "Welcome everyone to this session on connectivity in rural areas today."),
    ("Ben Okoro", 13.0, 31.0,
     "Thank you Ana. Forty percent of villages in our region still lack any mobile signal, and that shuts them out."),
    ("Ana Lima", 31.5, 36.5, "And what would you change first?"),
    ("Ben Okoro", 37.0, 52.0,
     "Spectrum rules. Licences cost too much for small operators who would serve those villages."),
    ("Chen Wei", 52.5, 70.25,
     "I partly disagree: the cost of backhaul, not spectrum, is what stops small operators in my experience."),
]


def _ts(sec: float, sep: str) -> str:
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{round((s % 1) * 1000):03d}"


def write_vtt(path: Path, voice_tags: bool = True) -> Path:
    lines = ["WEBVTT", ""]
    for i, (who, a, b, text) in enumerate(CUES, 1):
        lines += [str(i), f"{_ts(a, '.')} --> {_ts(b, '.')}"]
        lines.append(f"<v {who}>{text}</v>" if voice_tags else f"{who}: {text}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_srt(path: Path) -> Path:
    lines = []
    for i, (who, a, b, text) in enumerate(CUES, 1):
        lines += [str(i), f"{_ts(a, ',')} --> {_ts(b, ',')}", f"{who}: {text}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def expected() -> dict[str, tuple[int, float]]:
    out: dict[str, tuple[int, float]] = {}
    for who, a, b, text in CUES:
        words, secs = out.get(who, (0, 0.0))
        out[who] = (words + len(text.split()), secs + b - a)
    return out


@pytest.mark.parametrize("kind", ["vtt-voice", "vtt-prefix", "srt"])
def test_times_exact_and_speeds(tmp_path: Path, kind: str) -> None:
    if kind == "srt":
        path = write_srt(tmp_path / "s.srt")
    else:
        path = write_vtt(tmp_path / "s.vtt", voice_tags=kind == "vtt-voice")
    t = ingest(path)
    stats = {s.name: s for s in compute_stats(t)}
    for who, (words, secs) in expected().items():
        s = stats[who]
        assert s.words == words
        assert round(s.seconds) == round(secs) and abs(s.seconds - secs) < 0.01
        assert s.wpm == pytest.approx(words / secs * 60, abs=0.05)
        assert s.estimated is False
    assert stats["Ana Lima"].turns == 2 and stats["Chen Wei"].turns == 1
    assert t.turns[1].start == 13.0 and t.turns[-1].end == 70.25
