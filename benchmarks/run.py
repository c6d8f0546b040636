"""`make bench`: run every benchmark script in this folder and print its figures.

Each benchmark is a script that prints its own figures and ratios to targets.
Heavy ones (ASR) run only with --all.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"run.py", "eval.py", "diarization_data.py"}
HEAVY = {"asr.py", "diarization.py"}


def main() -> int:
    run_all = "--all" in sys.argv
    failed = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in SKIP or script.name.startswith("_") or (script.name in HEAVY and not run_all):
            continue
        print(f"=== {script.stem} ===", flush=True)
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, str(script)], check=False)
        print(f"--- {script.stem}: exit {r.returncode}, {time.perf_counter() - t0:.1f} s\n", flush=True)
        failed += r.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
