"""ASR benchmark: real-time factor of decode -> ASR -> diarization -> report, and peak memory.

    python benchmarks/asr.py                      # tiny.en and base on the 64-s espeak dialogue
    python benchmarks/asr.py --long-minutes 60    # + tiny.en on the dialogue looped to 1 hour
    python benchmarks/asr.py --long-minutes 180 --models tiny.en

Each run is its own process, so its peak RSS is its own. RTF = wall time / audio time,
model loading included (reported apart as well). On a shared machine the wall time
depends on the neighbours; `cpu_per_audio_s` (CPU seconds per audio second) does not.
The report step uses `--engine none`: the analysis engines have their own benchmarks.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def one(model: str, path: str, speakers: int | None, window: float) -> dict[str, object]:
    """Run the whole path once in this process; figures as a dict."""
    from sessionlens.asr import AsrOptions, transcribe_recording
    from sessionlens.asr.transcribe import resolve_model
    from sessionlens.pipeline import analyze, prepare
    from sessionlens.renderers import render
    from tests.asr.dialogue import SCRIPT, wer

    resolve_model(model)  # a one-time join of the base model parts is not part of a run
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    result = transcribe_recording(path, AsrOptions(model=model, speakers=speakers, window_seconds=window))
    t1 = time.perf_counter()
    report = analyze(prepare(result.transcript), engine="none")
    render(report, "json")
    t2 = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - usage0.ru_utime - usage0.ru_stime
    rec = result.recognition
    loops = max(1, round(rec.duration / 64.0))
    hyp = " ".join(t.text for t in result.transcript.turns)
    ref = " ".join(text for _, text in SCRIPT)
    return {
        "model": model,
        "audio_s": round(rec.duration, 1),
        "wall_s": round(t2 - t0, 2),
        "rtf": round((t2 - t0) / rec.duration, 3),
        # CPU seconds per audio second: what the run costs whatever else shares the machine
        "cpu_per_audio_s": round(cpu / rec.duration, 3),
        "load_s": round(rec.timings["load"], 2),
        "asr_s": round(rec.timings["asr"], 2),
        "diarize_s": round(rec.timings["embed"] + rec.timings.get("cluster", 0.0), 2),
        "report_s": round(t2 - t1, 2),
        "speakers": len(result.transcript.speakers),
        "segments": len(rec.segments),
        "wer": round(wer(" ".join([ref] * loops), hyp), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _child(model: str, path: Path, speakers: int | None, window: float) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--one", model, str(path), "--window", str(window)]
    if speakers:
        cmd += ["--speakers", str(speakers)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _loop(src: Path, minutes: float, out: Path) -> Path:
    if not out.exists():  # Opus in Ogg: a compressed, streamed input like a real recording
        subprocess.run(
            [
                "ffmpeg",
                "-loglevel",
                "error",
                "-y",
                "-stream_loop",
                "-1",
                "-i",
                str(src),
                "-t",
                str(minutes * 60),
                "-c:a",
                "libopus",
                "-b:a",
                "32k",
                str(out),
            ],
            check=True,
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--models", nargs="+", default=["tiny.en", "base"])
    ap.add_argument("--speakers", type=int, default=3)
    ap.add_argument("--long-minutes", type=float, default=0.0)
    ap.add_argument("--window", type=float, default=600.0)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sessionlens-asr-bench")
    ap.add_argument("--one", nargs=2, metavar=("MODEL", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], args.one[1], args.speakers, args.window)))
        return
    from tests.asr.dialogue import synthesize

    dialogue = args.work / "dialogue.wav"
    if not dialogue.exists():
        synthesize(args.work)
    rows = [_child(m, dialogue, args.speakers, args.window) for m in args.models]
    if args.long_minutes:
        long = _loop(dialogue, args.long_minutes, args.work / f"loop-{args.long_minutes:g}min.ogg")
        rows.append(_child(args.models[0], long, args.speakers, args.window))
    cols = list(rows[0])
    print(" | ".join(cols))
    for r in rows:
        print(" | ".join(str(r[c]) for c in cols))
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
