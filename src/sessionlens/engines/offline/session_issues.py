"""The few taxonomy issues a whole session is about, scored from everything said.

Argument titles alone are a thin sample (a panel of 500 sentences gives ~30 titles), and an
issue that sounds like any meeting (cooperation, governance, research) wins many of them.
So each substantive sentence votes for the issue it is closest to *relative to the
background*: the issue's similarity to the mean sentence of meetings about nothing digital
(`data/background.npz`, written by `scripts/background_vector.py`) is subtracted first. An
issue a session is about then carries a share of its sentences, raised by several speakers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from .session import Session
from .topic_levels import ISSUE_SEP
from .topics import TopicClassifier, _softmax

#: A sentence votes only when its best issue is at least this much more similar (cosine)
#: than the same issue is to the background; below it, the sentence is about none of them.
VOTE_MIN = 0.05
#: An issue the session is about carries at least this share of the voting sentences ...
MIN_SHARE = 0.04
#: ... and is raised by at least this many speakers (when the session has that many).
MIN_SPEAKERS = 2
MAX_ISSUES = 5


@dataclass
class SessionIssue:
    basket: str
    issue: str
    score: float  # share of sentences, times the square root of the share of speakers
    share: float
    speakers: int


@cache
def background_mean() -> np.ndarray | None:
    """The shipped mean sentence vector of the background meetings; None if the model differs."""
    from .embeddings import MODEL_NAME

    res = resources.files("sessionlens.data").joinpath("background.npz")
    if not res.is_file():
        return None
    with resources.as_file(res) as path, np.load(path, allow_pickle=False) as data:
        return data["mean"].astype(np.float32) if str(data["model"]) == MODEL_NAME else None


def _voters(session: Session) -> list[int]:
    """Substantive, embedded sentences; the chair's only when the others say too little."""
    content = [int(i) for i in np.flatnonzero(session.content) if session.vectors[i].any()]
    talk = [i for i in content if session.sentences[i].speaker not in session.moderators]
    return talk if len(talk) >= 10 else content


def session_issues(session: Session, classifier: TopicClassifier) -> list[SessionIssue]:
    """The issues the session is about, best first (at most MAX_ISSUES); empty when the
    taxonomy has no issues or nothing substantive was said."""
    labels, issue_vecs = classifier.issue_vectors()
    ids = _voters(session)
    if not labels or not ids:
        return []
    contrast = session.vectors[ids] @ issue_vecs.T
    bg = background_mean()
    if bg is not None:
        contrast -= issue_vecs @ bg
    best = contrast.argmax(axis=1)
    speakers = [session.sentences[i].speaker for i in ids]
    n_speakers = len(set(speakers))
    votes = np.zeros(len(labels))
    raised_by: dict[int, set[str]] = {}
    for k, j in enumerate(best):
        if contrast[k, j] >= VOTE_MIN:
            votes[j] += 1
            raised_by.setdefault(int(j), set()).add(speakers[k])
    out = []
    for j, who in raised_by.items():
        share = votes[j] / len(ids)
        if share >= MIN_SHARE and len(who) >= min(MIN_SPEAKERS, n_speakers):
            score = share * (len(who) / n_speakers) ** 0.5
            out.append(SessionIssue(labels[j][0], labels[j][1], round(float(score), 4), float(share), len(who)))
    out.sort(key=lambda s: (-s.score, s.issue))
    return out[:MAX_ISSUES]


def label_arguments(
    topics: list[list[tuple[str, float]]], vectors: np.ndarray, issues: list[SessionIssue], classifier: TopicClassifier
) -> list[list[tuple[str, float]]]:
    """Each argument's issue label: the nearest of the session's issues under one of the
    argument's own baskets, when the argument is closer to it than the background is
    (VOTE_MIN); else none, so that one argument does not bring in an issue of its own.
    Confidence is a softmax share among those candidates, as in `TopicClassifier.classify`."""
    labels, issue_vecs = classifier.issue_vectors()
    index = {lab: j for j, lab in enumerate(labels)}
    bg = background_mean()
    prior = issue_vecs @ bg if bg is not None else np.zeros(len(labels))
    out = []
    for labs, v in zip(topics, vectors, strict=True):
        kept = [(lab, c) for lab, c in labs if ISSUE_SEP not in lab]
        baskets = {lab for lab, _ in kept}
        cands = [index[(s.basket, s.issue)] for s in issues if s.basket in baskets]
        if cands:
            sims = issue_vecs[cands] @ v
            k = int(np.argmax(sims - prior[cands]))
            if sims[k] - prior[cands[k]] >= VOTE_MIN:
                basket, issue = labels[cands[k]]
                kept.append((basket + ISSUE_SEP + issue, round(float(_softmax(sims)[k]), 3)))
        out.append(kept)
    return out
