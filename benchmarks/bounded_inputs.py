"""Hostile sizes through every reader: many speakers and one huge line, each within 10 s.

For each reader (in its own format) and each case, the input is generated, then read and
prepared (`read_text` + `prepare`: what every upload job does before the engine), and with
`--engine` also analysed. A case passes when it is refused with a one-line SessionLens error
or processed, within --limit seconds.

Cases: N speakers (one short turn each; default 20,000 and 100,000), the speaker limit minus
one (processed, the largest accepted), and a single 5 MB line of speech.

Usage: python benchmarks/bounded_inputs.py [--speakers 20000 100000] [--engine none|offline]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sessionlens.errors import SessionLensError  # noqa: E402
from sessionlens.readers.base import MAX_SPEAKERS  # noqa: E402

WORDS = "we need more funding for resilient digital infrastructure in every region "


def _ts(seconds: float, sep: str) -> str:
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}000"


def labelled(turns: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{name}: {text}" for name, text in turns) + "\n"


def vtt(turns: list[tuple[str, str]]) -> str:
    cues = [f"{_ts(i, '.')} --> {_ts(i + 1, '.')}\n<v {name}>{text}" for i, (name, text) in enumerate(turns)]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def srt(turns: list[tuple[str, str]]) -> str:
    cues = [f"{i + 1}\n{_ts(i, ',')} --> {_ts(i + 1, ',')}\n{name}: {text}" for i, (name, text) in enumerate(turns)]
    return "\n\n".join(cues) + "\n"


def whisper_json(turns: list[tuple[str, str]]) -> str:
    segs = [{"start": float(i), "end": i + 1.0, "speaker": name, "text": text} for i, (name, text) in enumerate(turns)]
    return json.dumps({"segments": segs})


def diplo(turns: list[tuple[str, str]]) -> str:
    body = "\n".join(f"{name}: {text}" for name, text in turns)
    return f"Session transcript\n{body}\n"


def timeindex(turns: list[tuple[str, str]]) -> str:
    lines = [f":{i // 60:02d}:{i % 60:02d}: {text}?\n\n“{text}”" for i, (_, text) in enumerate(turns)]
    return "\n\n".join(lines) + "\n"


def qa(turns: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"What about {i}?\n\n{text} {WORDS * 2}" for i, (_, text) in enumerate(turns)) + "\n"


FORMATS: dict[str, Callable[[list[tuple[str, str]]], str]] = {
    "labelled": labelled,
    "vtt": vtt,
    "srt": srt,
    "json": whisper_json,
    "diplo": diplo,
    "timeindex": timeindex,
    "qa": qa,
}


def case(fmt: str, text: str, engine: str) -> tuple[str, float]:
    from sessionlens.pipeline import analyze, prepare
    from sessionlens.readers import read_text

    t0 = time.perf_counter()
    try:
        transcript = prepare(read_text(text.encode(), name=f"bench.{fmt}", fmt=fmt))
        if engine != "none":
            analyze(transcript, engine)
        outcome = f"processed ({len(transcript.speakers)} speakers)"
    except SessionLensError as exc:
        outcome = "refused: " + str(exc)[:90]
    return outcome, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speakers", type=int, nargs="+", default=[20_000, 100_000])
    ap.add_argument("--line-mb", type=float, default=5.0)
    ap.add_argument("--engine", default="none")
    ap.add_argument("--limit", type=float, default=10.0)
    ap.add_argument("--formats", nargs="+", default=list(FORMATS))
    args = ap.parse_args()
    worst = 0.0
    for fmt in args.formats:
        make = FORMATS[fmt]
        line = (WORDS * int(args.line_mb * 1e6 / len(WORDS)))[: int(args.line_mb * 1e6)]
        cases = [
            (f"{n:,} speakers", [(f"Participant {i}", f"I agree with point {i}.") for i in range(n)])
            for n in [*args.speakers, MAX_SPEAKERS - 1]
        ]
        cases.append((f"one {args.line_mb:g} MB line", [("Amara Osei", line), ("Bob Lee", "Thank you.")]))
        for label, turns in cases:
            outcome, seconds = case(fmt, make(turns), args.engine)
            worst = max(worst, seconds)
            flag = "ok" if seconds <= args.limit else "TOO SLOW"
            print(f"{fmt:10s} {label:22s} {seconds:7.2f} s  {flag:8s} {outcome}", flush=True)
    print(f"worst case {worst:.2f} s (limit {args.limit:g} s)")


if __name__ == "__main__":
    main()
