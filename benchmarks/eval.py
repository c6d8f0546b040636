"""`make eval`: run engines over the reference sets and write docs/quality.md.

    python benchmarks/eval.py                       # baseline + offline, all sets
    python benchmarks/eval.py --engines baseline,offline,llm --budget 300
    python benchmarks/eval.py --sets seed-002,qmsum-committee --limit 2 --output -

The trivial baseline always runs, so the page is never empty. An engine that cannot load
gets one line saying why. Per-meeting scores go to out/eval/<engine>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sessionlens.evaluation.harness import SETS, EngineScore, load_cases, run
from sessionlens.evaluation.literature import SOURCES, figures_for
from sessionlens.evaluation.metrics import LOWER_IS_BETTER, settings
from sessionlens.evaluation.rouge import corpus_rouge

REPO = Path(__file__).resolve().parent.parent
ROUGE_METRICS = {"summary_rouge1", "summary_rouge2", "summary_rougeLsum"}


def shared_dir() -> Path:
    env = os.environ.get("SESSIONLENS_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def fmt(metric: str, value: float | None) -> str:
    if value is None:
        return "–"
    if metric in ROUGE_METRICS:
        return f"{100 * value:.2f}"
    if metric in LOWER_IS_BETTER:
        return f"{value:.1f}"
    return f"{value:.3f}"


def engine_section(score: EngineScore, command: str) -> list[str]:
    lines = [f"## Engine `{score.engine}`", ""]
    if score.status != "ok":
        lines += [f"**Not evaluated** — {score.status}.", ""]
        return lines
    lines += [
        f"Command: `{command}` · {score.seconds:.0f} s for this engine.",
        "",
        "| set | metric | value | n | reference figures |",
        "|---|---|---:|---:|---|",
    ]
    for set_name, result in score.sets.items():
        shown = SETS[set_name][1] or tuple(result.cases[0].metrics) if result.cases else ()
        for metric in shown:
            value = result.mean(metric)
            n = sum(c.metrics.get(metric) is not None for c in result.cases)
            refs = "; ".join(
                f"{label} {v:.2f} [{src}]" for label, v, src in figures_for(set_name, metric)
            )
            if set_name == "seed-002" and not refs:
                best = 0.0 if metric in LOWER_IS_BETTER else 1.0
                refs = f"{fmt(metric, best)} (reference vs itself)"
            arrow = " ↓" if metric in LOWER_IS_BETTER else ""
            lines.append(f"| {set_name} | {metric}{arrow} | {fmt(metric, value)} | {n} | {refs} |")
        for skipped in result.skipped:
            lines.append(f"| {set_name} | *skipped* {skipped} | | | |")
    lines.append("")
    return lines


def calibration(shared: Path) -> str:
    folder = shared / "data" / "qmsum" / "model_output"
    preds = (folder / "preds.txt").read_text(encoding="utf-8").splitlines()
    refs = (folder / "refs.txt").read_text(encoding="utf-8").splitlines()
    r = corpus_rouge(preds, refs)
    return (
        f"ROUGE calibration: QMSum's shipped HMNet outputs ({len(preds)} pairs) score "
        f"**{r['rouge1']:.2f} / {r['rouge2']:.2f} / {r['rougeLsum']:.2f}** (R-1 / R-2 / R-Lsum) "
        "here; the paper reports 36.06 / 11.36 / 31.27."
    )


def ask_section(shared: Path, limit: int | None, command: str, log) -> list[str]:  # type: ignore[no-untyped-def]
    """`sessionlens ask` on QMSum's specific test queries (the store is kept in out/eval)."""
    from sessionlens.evaluation import ask_qmsum
    from sessionlens.store import open_store

    with open_store(REPO / "out" / "eval" / "ask-qmsum.db") as store:
        score = ask_qmsum.evaluate(store, shared / "data" / "qmsum", limit=limit, log=log)
    ask_qmsum.dump(score, REPO / "out" / "eval" / "ask.json")
    return ask_qmsum.section(score, command)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="offline", help="comma-separated engine names")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated sets")
    parser.add_argument("--limit", type=int, default=None, help="at most N meetings per set")
    parser.add_argument(
        "--budget",
        type=float,
        default=420.0,
        help="seconds per engine before the remaining meetings are skipped",
    )
    parser.add_argument("--no-ask", action="store_true",
                        help="skip `ask` on QMSum's specific queries (its own section)")
    parser.add_argument(
        "--output",
        default=str(REPO / "docs" / "quality.md"),
        help="Markdown file to write ('-' for stdout)",
    )
    args = parser.parse_args(argv)

    shared = shared_dir()
    if not (shared / "data").is_dir():
        print(f"eval: {shared} has no data/ (set SESSIONLENS_SHARED)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    engines = ["baseline", *[e for e in args.engines.split(",") if e and e != "baseline"]]
    sets = [s for s in args.sets.split(",") if s]
    cases = load_cases(shared, sets, args.limit)
    command = (
        "make eval"
        if args.engines == "offline" and args.limit is None
        else ("python benchmarks/eval.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    )

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    scores = [run(e, cases, None if e == "baseline" else args.budget, log) for e in engines]
    out_dir = REPO / "out" / "eval"
    out_dir.mkdir(parents=True, exist_ok=True)
    for s in scores:
        per_case = {
            k: [
                {"case": c.case, "seconds": round(c.seconds, 2), "metrics": c.metrics}
                for c in v.cases
            ]
            for k, v in s.sets.items()
        }
        (out_dir / f"{s.engine}.json").write_text(
            json.dumps({"engine": s.engine, "status": s.status, "sets": per_case}, indent=1) + "\n",
            encoding="utf-8",
        )

    st = settings()
    total = time.perf_counter() - t0
    lines = [
        "# Report quality",
        "",
        "<!-- generated by `make eval` (benchmarks/eval.py); do not edit by hand -->",
        "",
        f"Generated {datetime.now(UTC):%Y-%m-%d} by `{command}` in {total:.0f} s on "
        f"{platform.machine()} with {os.cpu_count()} CPUs, offline. "
        "How the metrics are defined: [evaluation.md](evaluation.md).",
        "",
        calibration(shared),
        "",
        "Sets:",
        "",
        *[f"- `{name}`: {SETS[name][0]}" for name in sets],
        "",
        f"Settings: embedding model {st['embedding_model']}; argument and item threshold "
        f"{st['argument_threshold']} / {st['item_threshold']}; {st['rouge']}. ROUGE ×100, other "
        "metrics 0–1 (↓: mean absolute error, lower is better); values are means over meetings.",
        "",
        "`baseline` is the trivial engine of `sessionlens.evaluation.baselines`: the first "
        "sentence of each turn as arguments, the lead of the transcript (up to the reference "
        "summary's length) as summary. Every engine must beat it.",
        "",
    ]
    for s in scores:
        lines += engine_section(s, command)
    if not args.no_ask:
        lines += ask_section(shared, args.limit, command, log)
    lines += ["Sources:", ""] + [f"- [{k}] {v}" for k, v in SOURCES.items()] + [""]
    text = "\n".join(lines)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
        log(f"wrote {args.output} in {total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
