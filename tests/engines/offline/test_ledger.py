"""Nothing twice: no transcript sentence in two sections, near-duplicates (cosine ≥ 0.9) included."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from sessionlens.engines.offline.embeddings import get_embedder
from sessionlens.engines.offline.ledger import SAME, Ledger
from sessionlens.engines.offline.sentences import split_sentences
from sessionlens.engines.offline.session import Session
from sessionlens.models import Report


def _shown(report: Report) -> list[tuple[str, str]]:
    """(section, sentence) for every transcript sentence the quoting sections show."""
    out: list[tuple[str, str]] = []
    for a in report.arguments:
        for part, text in (("title", a.title), ("explanation", a.explanation), ("evidence", a.evidence)):
            out += [(f"argument {part}", s) for s in split_sentences(text or "") if s != "…"]
    t = report.takeaways
    out += [("key takeaway", x) for x in t.key_takeaways]
    out += [("action item", a.text) for a in t.action_items]
    out += [("unresolved issue", x) for x in t.unresolved_issues]
    out += [("compromise", x) for x in t.compromises]
    out += [("comment", s) for c in report.comments for s in split_sentences(c.quote)]
    out += [("follow-up question", q.question) for q in report.follow_up_questions]
    return out


def test_no_sentence_is_shown_twice(seed_002_analysis: Report, hearing_report: Report) -> None:
    for report in (seed_002_analysis, hearing_report):
        shown = [(sec, s.strip("… ")) for sec, s in _shown(report) if len(s.split()) >= 4]
        texts = [s for _, s in shown]
        assert len(texts) > 40
        vecs = get_embedder().embed(texts)
        sims = vecs @ vecs.T
        for i, j in itertools.combinations(range(len(texts)), 2):
            # A sentence may contain a shorter one (a trimmed title); compare whole sentences only.
            same = texts[i] == texts[j] or (
                sims[i, j] >= SAME and texts[i] not in texts[j] and texts[j] not in texts[i]
            )
            assert not same, f"{shown[i]} and {shown[j]}"


def test_ledger_refuses_a_near_duplicate(seed_002_session: Session) -> None:
    """Two real sentences, the second given a vector at cosine ≥ SAME of the first."""
    content = [int(i) for i in np.flatnonzero(seed_002_session.content)]
    a, b, c = content[0], content[1], content[2]
    vectors = seed_002_session.vectors.copy()
    twin = vectors[a] + 0.2 * vectors[b]
    vectors[b] = twin / np.linalg.norm(twin)
    assert float(vectors[a] @ vectors[b]) >= SAME
    ledger = Ledger(dataclasses.replace(seed_002_session, vectors=vectors))
    assert ledger.pick([a]) == [a]
    assert ledger.pick([a, b]) == []  # a again, and b as good as a
    assert ledger.pick([c]) == [c]
