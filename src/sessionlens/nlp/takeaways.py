"""Takeaways: key points, commitments (who will do what), open issues, suggested compromises.

Each item is one transcript sentence (or a claim title), chosen by cue and ranked by how
central it is to the session; near-duplicates are dropped.
"""

from __future__ import annotations

import re

import numpy as np

from ..models import ActionItem, Takeaways
from . import cues
from .arguments import Claim, title_text
from .points import Point
from .session import Session, unit

MAX_ACTIONS, MAX_OPEN, MAX_COMPROMISES = 10, 7, 5
DUPLICATE = 0.85
_PROCEDURAL_COMMIT = re.compile(
    r"\b(will|'ll) (now |then |just )?(hear|move|turn|go|start|begin|close|end|have|ask|"
    r"come back|pass|give|leave|stop|say|talk|speak|share|mention|focus|be brief)\b",
    re.I,
)


def _ranked(session: Session, ids: list[int], limit: int) -> list[int]:
    """`ids` by centrality to the session, near-duplicates removed, in session order."""
    if not ids:
        return []
    centroid = unit(session.vectors[session.content].sum(0))
    order = sorted(ids, key=lambda i: -float(session.vectors[i] @ centroid))
    chosen: list[int] = []
    for i in order:
        if all(float(session.vectors[i] @ session.vectors[j]) < DUPLICATE for j in chosen):
            chosen.append(i)
        if len(chosen) == limit:
            break
    return sorted(chosen)


def _candidates(session: Session, pattern: re.Pattern[str], min_words: int = 8) -> list[int]:
    return [
        s.index for s in session.sentences
        if session.content[s.index] and s.speaker not in session.moderators
        and s.words >= min_words and cues.has(pattern, s.text)
    ]


def action_items(session: Session) -> list[ActionItem]:
    ids = [
        i for i in _candidates(session, cues.COMMIT)
        if not session.sentences[i].is_question
        and not cues.has(_PROCEDURAL_COMMIT, session.sentences[i].text)
    ]
    return [
        ActionItem(text=session.sentences[i].text, speaker=session.sentences[i].speaker)
        for i in _ranked(session, ids, MAX_ACTIONS)
    ]


def unresolved(session: Session) -> list[int]:
    """Sentences naming gaps, open questions or unsolved problems."""
    return _ranked(session, _candidates(session, cues.OPEN_ISSUE, 10), MAX_OPEN)


def takeaways(session: Session, claims: list[Claim], points: list[Point]) -> Takeaways:
    key = [title_text(session, claims[p.central]) for p in points]
    open_ids = unresolved(session)
    compromise = _ranked(session, _candidates(session, cues.COMPROMISE, 10), MAX_COMPROMISES)
    return Takeaways(
        key_takeaways=key,
        action_items=action_items(session),
        unresolved_issues=[session.sentences[i].text for i in open_ids],
        compromises=[session.sentences[i].text for i in compromise],
    )


def central_sentences(session: Session, ids: list[int], n: int) -> list[int]:
    """The `n` sentences of `ids` nearest their centroid, in session order."""
    if not ids:
        return []
    c = unit(session.vectors[ids].sum(0))
    order = np.argsort(-(session.vectors[ids] @ c))[:n]
    return sorted(ids[int(k)] for k in order)
