"""Run engines over the reference sets and aggregate the scores (what `make eval` does).

Sets: seed 002 (the DiploAI report, every section), QMSum general summaries (Committee,
Product = AMI, Academic = ICSI test meetings) and AMI abstractive summaries (abstract,
actions, decisions, problems) on QMSum's transcripts of the same meetings. An engine that
fails to load is skipped with its reason; an engine past its time budget stops there, and
the sets it did not reach are reported as such. Nothing is hidden or extrapolated.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from ..imports import load_report
from ..models import Report, Transcript
from ..pipeline import ingest
from ..stats import word_count
from .baselines import NAME as BASELINE
from .baselines import baseline_report
from .corpora import Case, ami_cases, qmsum_cases
from .metrics import evaluate
from .stance_corpora import stance_cases

SEED_002 = "002_db38eb7dc8a1be04.txt"

STANCE_METRICS = (
    "stance_relations_precision",
    "stance_relations_recall",
    "agreement_pairs_precision",
    "disagreement_pairs_precision",
)
HEARING = Path("data") / "hearing-senate-2024"

#: set name -> (description, metrics shown for it)
SETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "seed-002": (
        "DiploAI report of a one-hour UN panel (16 speakers), every section",
        (),  # all metrics
    ),
    "qmsum-committee": (
        "QMSum Committee test, general summaries (6 parliamentary meetings)",
        ("summary_rouge1", "summary_rouge2", "summary_rougeLsum", "summary_similarity"),
    ),
    "qmsum-product": (
        "QMSum Product test = AMI, general summaries (20 meetings)",
        ("summary_rouge1", "summary_rouge2", "summary_rougeLsum", "summary_similarity"),
    ),
    "ami": (
        "AMI abstractive summaries of the same 20 meetings: abstract, actions, "
        "decisions (scored as key takeaways), problems (as unresolved issues)",
        (
            "summary_rouge1",
            "summary_rouge2",
            "summary_rougeLsum",
            "action_items_recall",
            "key_takeaways_recall",
            "unresolved_issues_recall",
        ),
    ),
    "qmsum-academic": (
        "QMSum Academic test = ICSI, general summaries (9 meetings)",
        ("summary_rouge1", "summary_rouge2", "summary_rougeLsum", "summary_similarity"),
    ),
    "hearing": (
        "U.S. Senate Judiciary hearing of 31 Jan 2024 (7 speakers), hand-written reference in the DiploAI "
        "layout, every section",
        (),  # all metrics
    ),
    "ami-stances": (
        "AMI meetings with agreement (POS) and disagreement (NEG) adjacency pairs (8 meetings), "
        "rebuilt from the NXT words and dialogue acts",
        STANCE_METRICS,
    ),
    "icsi-stances": (
        "ICSI meetings with accept (aa) and reject (ar) dialogue acts (3 meetings), rebuilt from the NXT "
        "words and dialogue acts",
        STANCE_METRICS,
    ),
}


@dataclass
class CaseScore:
    case: str
    metrics: dict[str, float | None]
    seconds: float


@dataclass
class SetScore:
    name: str
    cases: list[CaseScore] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "case: reason"

    def mean(self, metric: str) -> float | None:
        values = [c.metrics.get(metric) for c in self.cases]
        present = [v for v in values if v is not None]
        return fmean(present) if present else None


@dataclass
class EngineScore:
    engine: str
    status: str = "ok"  # or the reason it was skipped
    sets: dict[str, SetScore] = field(default_factory=dict)
    seconds: float = 0.0


def load_cases(shared: Path, sets: list[str] | None = None, limit: int | None = None) -> list[Case]:
    """The evaluation cases of the chosen sets, in the order of SETS."""
    sets = sets or list(SETS)
    data = shared / "data"
    out: list[Case] = []
    for name in sets:
        if name == "seed-002":
            reference = load_report(shared / "seeds" / SEED_002)
            found = [Case("seed-002", "002", reference.transcript, reference)]
        elif name == "ami":
            found = ami_cases(data)
        elif name == "hearing":
            reference = load_report(shared / HEARING / "reference.txt")
            transcript = ingest(shared / HEARING / "transcript.txt")
            found = [Case("hearing", "senate-2024", transcript, reference)]
        elif name in ("ami-stances", "icsi-stances"):
            found = stance_cases(data, name)
        elif name.startswith("qmsum-"):
            subset = name.removeprefix("qmsum-").capitalize() + "/test"
            found = qmsum_cases(data, subset)
        else:
            raise ValueError(f"unknown set {name!r} (one of {', '.join(SETS)})")
        out += found[:limit] if limit else found
    return out


def _analyzer(engine: str) -> Callable[[Transcript, Report], Report]:
    """A function (transcript, reference) -> candidate report; raises if the engine
    cannot load. The baseline's summary budget is the reference summary's length (the
    protocol of the lead floors); real engines never see the reference."""
    if engine == BASELINE:

        def run_baseline(transcript: Transcript, reference: Report) -> Report:
            budget = word_count(reference.glance.summary or "") or 120
            return baseline_report(transcript, budget)

        return run_baseline
    from ..engines import get_engine, missing
    from ..pipeline import analyze

    absent = missing(engine)
    if absent:
        raise LookupError(f"not installed: {', '.join(absent)}")
    get_engine(engine)  # fails here, once, when the engine cannot load

    def run_engine(transcript: Transcript, reference: Report) -> Report:
        return analyze(transcript, engine)

    return run_engine


def run(
    engine: str,
    cases: list[Case],
    budget_seconds: float | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> EngineScore:
    """Evaluate one engine on `cases`; candidates are shared by cases on one transcript."""
    score = EngineScore(engine)
    t0 = time.perf_counter()
    try:
        analyze = _analyzer(engine)
    except Exception as exc:  # any load failure means "skip", with its reason
        score.status = f"skipped: the engine failed to load ({exc})"
        log(f"{engine}: {score.status}")
        return score
    candidates: dict[str, Report] = {}
    for case in cases:
        result = score.sets.setdefault(case.corpus, SetScore(case.corpus))
        if budget_seconds is not None and time.perf_counter() - t0 > budget_seconds:
            result.skipped.append(f"{case.name}: time budget of {budget_seconds:.0f} s spent")
            continue
        # Real engines analyse a transcript once for all sets that use it; the baseline's
        # summary length follows each reference, so it runs per case (it is cheap).
        key = str(case.transcript.info.source) if engine != BASELINE else f"{case.corpus}/{case.name}"
        t1 = time.perf_counter()
        try:
            if key not in candidates:
                candidates[key] = analyze(case.transcript, case.reference)
            metrics = evaluate(candidates[key], case.reference).metrics
        except Exception as exc:  # one failing meeting must not hide the others
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            result.skipped.append(f"{case.name}: failed ({detail[:160]})")
            log(f"{engine} {case.corpus}/{case.name}: failed: {detail}")
            continue
        result.cases.append(CaseScore(case.name, metrics, time.perf_counter() - t1))
        log(f"{engine} {case.corpus}/{case.name}: {time.perf_counter() - t1:.1f} s")
    score.seconds = time.perf_counter() - t0
    return score
