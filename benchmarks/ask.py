"""`sessionlens ask` on a corpus of >= 1,000 sessions: a question answers in under 1 s, warm.

Corpus: the one of benchmarks/search.py (the 78 real transcripts we have, each stored once per
"week" event, engine none), built in its own file because `ask` needs the sentences and
their vectors that `add` now stores. Each question is asked of the whole corpus (no filter)
and of one event, offline; the first ask of a process loads the embedding model (cold), the
rest are warm.

Usage: python benchmarks/ask.py [--sessions 1000] [--db out/bench/ask.db] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import build_corpus

from sessionlens.answers import ask
from sessionlens.store import open_store

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
QUESTIONS = [
    "How can the digital divide be closed?",
    "What did speakers say about vaccines for children?",
    "Why did the team choose a rubber case for the remote control?",
    "What was said about funding for schools?",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--db", default=str(REPO / "out" / "bench" / "ask.db"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    n, words, built = build_corpus(Path(args.db), args.sessions)
    ok = True
    with open_store(args.db) as store:
        sentences = store.count_sentences(__import__("sessionlens.store.sentences", fromlist=["Scope"]).Scope())
        print(
            f"ask over {n} sessions, {words:,} words, {sentences:,} stored sentences"
            + (f" (built in {built:.0f} s)" if built else "")
        )
        t0 = time.perf_counter()
        ask(store, QUESTIONS[0])
        print(f"  cold (first question of the process, model load included): {time.perf_counter() - t0:.2f} s")
        for scope in (None, "Week 01"):
            for q in QUESTIONS:
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    answer = ask(store, q, event=scope)
                    times.append(time.perf_counter() - t0)
                med, worst = statistics.median(times), max(times)
                ok = ok and worst < TARGET_S
                print(
                    f"  {'all events' if scope is None else scope:10} {q[:60]:60} "
                    f"median {med * 1000:4.0f} ms, max {worst * 1000:4.0f} ms, "
                    f"{len(answer.citations)} citations, found={answer.found}"
                )
    print(f"  target: every warm question < {TARGET_S:.0f} s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
