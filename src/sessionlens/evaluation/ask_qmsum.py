"""`ask` scored on QMSum's specific queries (Zhong et al., NAACL 2021).

Each query comes with its reference answer and the transcript spans that support it. The
meetings are stored (engine none: statistics only), each query is asked of its meeting, and:

- **gold-span recall@k**: the share of a query's gold spans that at least one of the first k
  passages (hit sentence and its window) falls inside, averaged over queries;
- **answer ROUGE-1/2/Lsum** of the offline answer (lead + quoted sentences) against the
  reference answer, as `evaluation.rouge` computes it for the literature.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from ..answers import ask
from ..answers.offline import ANSWER_WORDS
from ..pipeline import analyze
from ..store import Store
from .corpora import _QMSUM_TAG, _SPACES, qmsum_transcript
from .rouge import corpus_rouge

SUBSETS = ("Committee/test", "Product/test", "Academic/test")
KS = (5, 10)
#: QMSum Table 3 (test, all queries), ROUGE-1 / 2 / L
PAPER = {
    "TextRank": (16.27, 2.69, 15.41),
    "Locator + BART": (31.74, 8.53, 28.21),
    "Gold spans + BART": (32.18, 8.48, 28.56),
    "Extractive oracle": (42.84, 16.86, 39.20),
}


@dataclass
class QueryResult:
    meeting: str
    query: str
    recall: dict[int, float]
    answer: str
    reference: str
    found: bool
    ms: float


@dataclass
class AskScore:
    results: list[QueryResult] = field(default_factory=list)
    seconds: float = 0.0

    def recall(self, k: int, domain: str | None = None) -> float:
        rows = [r.recall[k] for r in self._rows(domain)]
        return fmean(rows) if rows else 0.0

    def rouge(self, domain: str | None = None) -> dict[str, float]:
        rows = self._rows(domain)
        return corpus_rouge([r.answer for r in rows], [r.reference for r in rows])

    def _rows(self, domain: str | None) -> list[QueryResult]:
        return [r for r in self.results if domain is None or r.meeting.startswith(domain)]


def turn_map(data: dict) -> dict[int, int]:
    """QMSum turn index -> stored turn index (turns with no words are not stored)."""
    out: dict[int, int] = {}
    for i, t in enumerate(data["meeting_transcripts"]):
        if _SPACES.sub(" ", _QMSUM_TAG.sub(" ", t["content"])).strip():
            out[i] = len(out)
    return out


def gold_spans(query: dict, turns: dict[int, int]) -> list[set[int]]:
    """Each gold span as the set of stored turn indices it covers."""
    spans = []
    for start, end in query.get("relevant_text_span") or []:
        covered = {turns[i] for i in range(int(start), int(end) + 1) if i in turns}
        if covered:
            spans.append(covered)
    return spans


def span_recall(spans: list[set[int]], passage_turns: list[set[int]], k: int) -> float:
    """Share of `spans` that one of the first `k` passages touches."""
    if not spans:
        return 0.0
    seen = set().union(*passage_turns[:k]) if passage_turns[:k] else set()
    return sum(bool(s & seen) for s in spans) / len(spans)


def store_meetings(
    store: Store, folder: Path, subsets: tuple[str, ...] = SUBSETS, limit: int | None = None
) -> list[tuple[str, int, dict]]:
    """(name, session id, raw JSON) of each meeting, added to `store` when missing."""
    out = []
    for subset in subsets:
        paths = sorted((folder / subset).glob("*.json"))[:limit]
        for path in paths:
            transcript, data = qmsum_transcript(path)
            if len(transcript.turns) != len(turn_map(data)):
                raise ValueError(f"{path}: stored turns do not line up with QMSum's")
            report = analyze(transcript, "none")
            result = store.add_report(report, event=f"qmsum-{subset.split('/')[0].lower()}")
            out.append((f"{subset.split('/')[0]}/{path.stem}", result.session_id, data))
    return out


_QUERY = re.compile(r"\s+")


def evaluate(
    store: Store,
    qmsum_dir: Path,
    limit: int | None = None,
    log: Callable[[str], None] | None = None,
    subsets: tuple[str, ...] = SUBSETS,
) -> AskScore:
    """Ask every specific query of the test meetings of its meeting; score retrieval and answers."""
    t0 = time.perf_counter()
    meetings = store_meetings(store, qmsum_dir, subsets, limit)
    if log:
        log(f"ask: {len(meetings)} meetings stored in {time.perf_counter() - t0:.0f} s")
    score = AskScore()
    for name, sid, data in meetings:
        turns = turn_map(data)
        for q in data.get("specific_query_list") or []:
            question = _QUERY.sub(" ", q["query"]).strip()
            answer = ask(store, question, session=sid, k=max(KS))
            passage_turns = [{c.turn for c in p.context} for p in answer.passages]
            spans = gold_spans(q, turns)
            score.results.append(
                QueryResult(
                    meeting=name,
                    query=question,
                    recall={k: span_recall(spans, passage_turns, k) for k in KS},
                    answer=answer.plain_text() if answer.found else "",
                    reference=q["answer"],
                    found=answer.found,
                    ms=answer.took_ms,
                )
            )
    score.seconds = time.perf_counter() - t0
    return score


def section(score: AskScore, command: str) -> list[str]:
    """The Markdown section of docs/quality.md."""
    n = len(score.results)
    r = score.rouge()
    lines = [
        "## Ask: QMSum specific queries",
        "",
        f"Command: `{command}` · {n} queries of the {len({x.meeting for x in score.results})} "
        f"test meetings, each asked of its meeting, offline, in {score.seconds:.0f} s "
        f"(median {sorted(x.ms for x in score.results)[n // 2] if n else 0:.0f} ms a question); "
        f'{sum(not x.found for x in score.results)} answered "The sessions do not say".',
        "",
        "Gold-span recall@k: share of a query's gold spans touched by one of the first k "
        "passages (a retrieved sentence with one sentence either side). ROUGE ×100 of the "
        f"offline answer (lead + quoted sentences, up to {ANSWER_WORDS} words of quotes) against the "
        "reference answer; answer length and ranking weights chosen on the Committee train/val "
        "queries.",
        "",
        "| domain | queries | recall@5 | recall@10 | R-1 | R-2 | R-Lsum |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for domain in ("Committee", "Product", "Academic", None):
        rows = score._rows(domain)
        if not rows:
            continue
        rd = score.rouge(domain)
        lines.append(
            f"| {domain or '**all**'} | {len(rows)} | {score.recall(5, domain):.3f} | "
            f"{score.recall(10, domain):.3f} | {rd['rouge1']:.2f} | {rd['rouge2']:.2f} | "
            f"{rd['rougeLsum']:.2f} |"
        )
    lines += [
        "",
        "The QMSum paper (Table 3, test set, general and specific queries together), for scale:",
        "",
        "| system | R-1 | R-2 | R-L |",
        "|---|---:|---:|---:|",
        *[f"| {k} | {a:.2f} | {b:.2f} | {c:.2f} |" for k, (a, b, c) in PAPER.items()],
        f"| **SessionLens ask, offline** (specific queries) | **{r['rouge1']:.2f}** | "
        f"**{r['rouge2']:.2f}** | **{r['rougeLsum']:.2f}** |",
        "",
    ]
    return lines


def dump(score: AskScore, path: Path) -> None:
    """Per-query results as JSON (out/eval/ask.json)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([r.__dict__ for r in score.results], indent=1) + "\n", encoding="utf-8")
