"""Rendering speed of seed 002's report in every format (target: HTML < 1 s).

The report is the real transcript and statistics of seed 002 (engine none) plus the
renderers' analysis fixture, so that every section and chart is drawn.

    SESSIONLENS_SHARED=../shared .venv/bin/python benchmarks/render.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from sessionlens import pipeline
from sessionlens.models import Report
from sessionlens.renderers import render

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "renderers" / "fixtures" / "analysis.json"


def seed_report() -> Report:
    shared = Path(os.environ.get("SESSIONLENS_SHARED", REPO.parent / "shared"))
    seed = shared / "seeds" / "002_db38eb7dc8a1be04.txt"
    if not seed.exists():
        sys.exit(f"seed 002 not found at {seed}: set SESSIONLENS_SHARED")
    base = pipeline.analyze(pipeline.ingest(seed), engine="none")
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    fixture.pop("_comment", None)
    return Report.model_validate({**base.model_dump(), **fixture})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--formats", default="html,md,text,docx,pdf")
    args = parser.parse_args()
    report = seed_report()
    print(f"seed 002: {len(report.transcript.turns)} turns, {sum(s.words for s in report.stats)} "
          f"words, {len(report.arguments)} arguments; {args.repeat} runs each (first run apart)")
    print(f"{'format':<6} {'first s':>8} {'median s':>9} {'max s':>7} {'size':>9}")
    for fmt in args.formats.split(","):
        times = []
        for _ in range(args.repeat + 1):
            t0 = time.perf_counter()
            out = render(report, fmt)
            times.append(time.perf_counter() - t0)
        first, rest = times[0], times[1:]
        print(f"{fmt:<6} {first:>8.3f} {statistics.median(rest):>9.3f} {max(rest):>7.3f} "
              f"{len(out):>9,}")
        if fmt == "html":
            verdict = "OK" if first < 1.0 else "TOO SLOW"
            print(f"       HTML target < 1 s (first run, templates compiled): {verdict}")


if __name__ == "__main__":
    main()
