"""Section-by-section comparison of a candidate report with a reference report.

Every metric is in [0, 1] with 1 best, except the mean absolute errors (`*_mae`, 0 best).
A metric is None where it is undefined (nothing to compare: the reference, or for
precision the candidate, has no items of that kind).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from statistics import fmean
from typing import Any

import numpy as np

from ..models import PairKind, Report
from ..normalize import name_key
from .rouge import SETTINGS as ROUGE_SETTINGS
from .rouge import rouge
from .sections import section_counts, speaker_names
from .text import contains_words, numbers, quote_fragments, split_sentences, token_f1, words

#: Cosine similarity (all-MiniLM-L6-v2) at which two arguments count as the same. Calibrated
#: on seed 002: the best transcript sentence of the right speaker reaches it for 78 % of the
#: reference arguments, three central sentences per speaker for 37 %.
ARGUMENT_THRESHOLD = 0.6
#: The same threshold for list items (takeaways, action items, questions, issues).
ITEM_THRESHOLD = 0.6
#: Metrics where lower is better.
LOWER_IS_BETTER = ("stats_time_mae", "stats_speed_mae")

Metrics = dict[str, float | None]


@dataclass
class EvalResult:
    """The `--json` contract: metrics, section counts of both sides, settings."""

    metrics: Metrics
    counts: dict[str, dict[str, int]]
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"metrics": self.metrics, "counts": self.counts, "settings": self.settings}


def settings() -> dict[str, Any]:
    """What the figures depend on, stated with them."""
    from ..engines.offline.embeddings import MODEL_NAME

    return {
        "embedding_model": MODEL_NAME,
        "argument_text": "title + ' ' + explanation",
        "argument_threshold": ARGUMENT_THRESHOLD,
        "item_threshold": ITEM_THRESHOLD,
        "speaker_matching": "names compared after normalisation (case, accents, honorifics)",
        "rouge": ROUGE_SETTINGS,
        "summary_similarity": "cosine of the mean sentence embeddings of both summaries",
        "quote_overlap": "token F1 of each candidate quote with its best reference quote",
        "lower_is_better": list(LOWER_IS_BETTER),
    }


def evaluate(candidate: Report, reference: Report) -> EvalResult:
    """Compare `candidate` with `reference` on every section both can have."""
    m: Metrics = {}
    m.update(_speakers(candidate, reference))
    m.update(_stats(candidate, reference))
    m.update(_arguments(candidate, reference))
    m.update(_pairs(candidate, reference))
    m.update(_relations(candidate, reference))
    m.update(_comments(candidate, reference))
    m.update(_lists(candidate, reference))
    m.update(_summary(candidate, reference))
    m.update(grounding(candidate))
    rounded = {k: (round(v, 4) if v is not None else None) for k, v in m.items()}
    return EvalResult(
        metrics=rounded,
        counts={"candidate": section_counts(candidate), "reference": section_counts(reference)},
        settings=settings(),
    )


# ------------------------------------------------------------------------------ helpers


def _ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _embed(texts: list[str]) -> np.ndarray:
    from ..engines.offline.embeddings import get_embedder

    return get_embedder().embed(texts)


def _best(cand: list[str], ref: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Best cosine of each reference text among candidates, and of each candidate among refs."""
    if not cand or not ref:
        return np.zeros(len(ref)), np.zeros(len(cand))
    vecs = _embed(cand + ref)
    sims = vecs[len(cand) :] @ vecs[: len(cand)].T
    return sims.max(axis=1), sims.max(axis=0)


def _f1_counts(tp: int, fp: int, fn: int) -> float | None:
    if tp + fp + fn == 0:
        return None
    return 2 * tp / (2 * tp + fp + fn)


# ------------------------------------------------------------------------------ sections


def _speakers(cand: Report, ref: Report) -> Metrics:
    c = {name_key(n) for n in speaker_names(cand)}
    r = {name_key(n) for n in speaker_names(ref)}
    return {
        "speakers_precision": _ratio(len(c & r), len(c)),
        "speakers_recall": _ratio(len(c & r), len(r)),
    }


def _stats(cand: Report, ref: Report) -> Metrics:
    cs = {name_key(s.name): s for s in cand.stats}
    pairs = [(cs[name_key(s.name)], s) for s in ref.stats if name_key(s.name) in cs]
    times = [abs(c.seconds - r.seconds) for c, r in pairs if c.seconds is not None and r.seconds is not None]
    speeds = [abs(c.wpm - r.wpm) for c, r in pairs if c.wpm is not None and r.wpm is not None]
    return {
        # over all reference speakers: a missing speaker is not an exact match
        "stats_length_exact": _ratio(sum(c.words == r.words for c, r in pairs), len(ref.stats)),
        "stats_time_mae": fmean(times) if times else None,
        "stats_speed_mae": fmean(speeds) if speeds else None,
    }


def _argument_text(title: str, explanation: str | None) -> str:
    return f"{title} {explanation or ''}".strip()


def _arguments(cand: Report, ref: Report) -> Metrics:
    """Same-speaker best matches by embedding cosine; topics compared over matched pairs."""
    by_speaker: dict[str, tuple[list[int], list[int]]] = {}
    for i, a in enumerate(cand.arguments):
        by_speaker.setdefault(name_key(a.speaker), ([], []))[0].append(i)
    for j, a in enumerate(ref.arguments):
        by_speaker.setdefault(name_key(a.speaker), ([], []))[1].append(j)
    texts_c = [_argument_text(a.title, a.explanation) for a in cand.arguments]
    texts_r = [_argument_text(a.title, a.explanation) for a in ref.arguments]
    vecs_c = _embed(texts_c) if texts_c and texts_r else None
    vecs_r = _embed(texts_r) if texts_c and texts_r else None

    best_ref = np.zeros(len(ref.arguments))
    best_ref_match = [-1] * len(ref.arguments)
    best_cand = np.zeros(len(cand.arguments))
    if vecs_c is not None and vecs_r is not None:
        for ci, ri in by_speaker.values():
            if not ci or not ri:
                continue
            sims = vecs_r[ri] @ vecs_c[ci].T
            for k, j in enumerate(ri):
                best_ref[j] = sims[k].max()
                best_ref_match[j] = ci[int(sims[k].argmax())]
            for k, i in enumerate(ci):
                best_cand[i] = sims[:, k].max()

    tp = fp = fn = 0
    for j, i in enumerate(best_ref_match):
        if i < 0 or best_ref[j] < ARGUMENT_THRESHOLD:
            continue
        rt, ct = _baskets(ref.arguments[j].topics), _baskets(cand.arguments[i].topics)
        tp, fp, fn = tp + len(rt & ct), fp + len(ct - rt), fn + len(rt - ct)

    def topics_of(report: Report) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for a in report.arguments:
            out.setdefault(name_key(a.speaker), set()).update(_baskets(a.topics))
        return out

    tc, tr = topics_of(cand), topics_of(ref)
    stp = sfp = sfn = 0
    for key in set(tc) | set(tr):
        c, r = tc.get(key, set()), tr.get(key, set())
        stp, sfp, sfn = stp + len(c & r), sfp + len(c - r), sfn + len(r - c)

    n_ref, n_cand = len(ref.arguments), len(cand.arguments)
    return {
        "argument_recall": _ratio(int((best_ref >= ARGUMENT_THRESHOLD).sum()), n_ref),
        "argument_precision": _ratio(int((best_cand >= ARGUMENT_THRESHOLD).sum()), n_cand),
        "argument_mean_similarity": float(best_ref.mean()) if n_ref else None,
        "topics_f1_arguments": _f1_counts(tp, fp, fn) if n_ref and n_cand else None,
        "topics_f1_speakers": _f1_counts(stp, sfp, sfn) if tr else None,
    }


def _keyed(report: Report, kind: PairKind) -> set[frozenset[str]]:
    pairs = (frozenset((name_key(a), name_key(b))) for a, b in report.pairs(kind))
    return {p for p in pairs if len(p) == 2}


def agreeing_pairs(report: Report) -> set[frozenset[str]]:
    """Unordered speaker pairs that agree (`Report.pairs`), by name key."""
    return _keyed(report, "agreement")


def disagreeing_pairs(report: Report) -> set[frozenset[str]]:
    """Unordered speaker pairs on different sides of a difference (`Report.pairs`), by name key."""
    return _keyed(report, "disagreement")


def _pairs(cand: Report, ref: Report) -> Metrics:
    out: Metrics = {}
    for name, fn in (("agreement", agreeing_pairs), ("disagreement", disagreeing_pairs)):
        c, r = fn(cand), fn(ref)
        out[f"{name}_pairs_precision"] = _ratio(len(c & r), len(c))
        out[f"{name}_pairs_recall"] = _ratio(len(c & r), len(r))
    return out


#: A reported relation matches an annotated one when each speaker's words lie within this
#: many turns of the annotated act (AMI, ICSI: the engine quotes a sentence near the act).
RELATION_WINDOW = 2

_Relation = tuple[str, str, int, str, int]  # kind, speaker, turn, other speaker, turn


def stance_relations(report: Report) -> list[_Relation] | None:
    """Every relation of every stance item, with the turns of both positions; None when a
    position has no turn (a reference that does not say where)."""
    out: list[_Relation] = []
    for kind, items in (("agreement", report.agreements.items()), ("disagreement", report.differences.items())):
        for st in items:
            for a, b in combinations(st.positions, 2):
                if a.speaker == b.speaker or (kind == "disagreement" and a.side == b.side):
                    continue
                if a.turn is None or b.turn is None:
                    return None
                out.append((kind, name_key(a.speaker), a.turn, name_key(b.speaker), b.turn))
    return out


def _near(x: _Relation, y: _Relation) -> bool:
    if x[0] != y[0]:
        return False
    w = RELATION_WINDOW
    same = x[1] == y[1] and x[3] == y[3] and abs(x[2] - y[2]) <= w and abs(x[4] - y[4]) <= w
    swapped = x[1] == y[3] and x[3] == y[1] and abs(x[2] - y[4]) <= w and abs(x[4] - y[2]) <= w
    return same or swapped


def _relations(cand: Report, ref: Report) -> Metrics:
    """Relation-level scores against a reference that says where each relation is (turns)."""
    gold = stance_relations(ref)
    mine = stance_relations(cand) or []
    if not gold:
        return {}  # the reference does not say where its relations are
    return {
        "stance_relations_precision": _ratio(sum(any(_near(c, g) for g in gold) for c in mine), len(mine)),
        "stance_relations_recall": _ratio(sum(any(_near(g, c) for c in mine) for g in gold), len(gold)),
    }


def _comments(cand: Report, ref: Report) -> Metrics:
    """Speaker recall counts comments: a speaker with two reference comments needs two."""
    have = Counter(name_key(c.speaker) for c in cand.comments)
    want = Counter(name_key(c.speaker) for c in ref.comments)
    hits = sum((have & want).values())
    overlap = None
    if cand.comments and ref.comments:
        overlap = fmean(max(token_f1(c.quote, r.quote) for r in ref.comments) for c in cand.comments)
    return {
        "comments_speaker_recall": _ratio(hits, len(ref.comments)),
        "comments_quote_f1": overlap,
    }


def _semantic_recall(cand: list[str], ref: list[str]) -> float | None:
    if not ref:
        return None
    best, _ = _best(cand, ref)
    return float((best >= ITEM_THRESHOLD).mean())


def _lists(cand: Report, ref: Report) -> Metrics:
    ct, rt = cand.takeaways, ref.takeaways
    return {
        "follow_up_recall": _semantic_recall(
            [q.question for q in cand.follow_up_questions],
            [q.question for q in ref.follow_up_questions],
        ),
        "key_takeaways_recall": _semantic_recall(ct.key_takeaways, rt.key_takeaways),
        "action_items_recall": _semantic_recall([a.text for a in ct.action_items], [a.text for a in rt.action_items]),
        "unresolved_issues_recall": _semantic_recall(ct.unresolved_issues, rt.unresolved_issues),
        "compromises_recall": _semantic_recall(ct.compromises, rt.compromises),
    }


def _summary_vector(text: str) -> np.ndarray:
    vecs = _embed(split_sentences(text) or [text])
    v = vecs.mean(axis=0)
    return v / max(float(np.linalg.norm(v)), 1e-12)


def _summary(cand: Report, ref: Report) -> Metrics:
    c, r = cand.glance.summary, ref.glance.summary
    if not r or not r.strip():
        return dict.fromkeys(("summary_rouge1", "summary_rouge2", "summary_rougeLsum", "summary_similarity"))
    if not c or not c.strip():
        return {
            "summary_rouge1": 0.0,
            "summary_rouge2": 0.0,
            "summary_rougeLsum": 0.0,
            "summary_similarity": 0.0,
        }
    scores = rouge(c, r)
    return {
        "summary_rouge1": scores["rouge1"],
        "summary_rouge2": scores["rouge2"],
        "summary_rougeLsum": scores["rougeLsum"],
        "summary_similarity": float(_summary_vector(c) @ _summary_vector(r)),
    }


def grounding(report: Report) -> Metrics:
    """Reference-free: quotes found word for word in the transcript, and numbers in evidence
    that occur in the transcript."""
    text = " ".join(t.text for t in report.transcript.turns)
    joined = f" {' '.join(words(text))} "
    quotes = [c.quote for c in report.comments]
    ok = sum(bool(quote_fragments(q)) and all(contains_words(joined, f) for f in quote_fragments(q)) for q in quotes)
    spoken = set(numbers(text))
    cited = [n for a in report.arguments for n in numbers(a.evidence or "")]
    return {
        "grounding_quotes_verbatim": _ratio(ok, len(quotes)) if report.transcript.turns else None,
        "grounding_evidence_numbers": (
            _ratio(sum(n in spoken for n in cited), len(cited)) if report.transcript.turns else None
        ),
    }


def _baskets(topics: list[str]) -> set[str]:
    """Topic labels compared at the basket level ("Basket › Issue" counts as its basket)."""
    from ..engines.offline.topic_levels import split_label

    return {split_label(t)[0].lower() for t in topics}
