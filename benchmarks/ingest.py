"""Reading + normalising + statistics for a one-hour session (seed 002), and a 3-hour one.

Prints best-of-N wall times; target: well under a second for one hour.
Usage: python benchmarks/ingest.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from sessionlens.pipeline import ingest, prepare
from sessionlens.readers import read_text
from sessionlens.stats import compute_stats

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SESSIONLENS_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "002_db38eb7dc8a1be04.txt"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not SEED.exists():
        print(f"skipped: {SEED} not found (set SESSIONLENS_SHARED)")
        return 0
    one_hour = best(lambda: compute_stats(ingest(SEED)), args.repeat)
    t = ingest(SEED)
    labelled = "\n".join(f"{x.speaker}: {x.text}" for x in t.turns)
    three_hours = "\n".join([labelled] * 3)
    three = best(lambda: compute_stats(prepare(read_text(three_hours, "3h.txt"))), args.repeat)
    words = sum(len(x.text.split()) for x in t.turns)
    print("benchmark: ingest + normalise + stats")
    print(f"  seed 002 (1 h, {len(t.turns)} turns, {words} words): {one_hour * 1000:.1f} ms  "
          f"(target < 1000 ms, ratio {one_hour / 1.0:.3f})")
    print(f"  3 h labelled text ({3 * len(t.turns)} turns): {three * 1000:.1f} ms  "
          f"(x{three / one_hour:.1f} of 1 h)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
