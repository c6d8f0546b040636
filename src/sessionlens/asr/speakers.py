"""Short pieces ("Yes.", "Exactly.") inside someone's statement: whose are they?

A piece under `MIN_EMBED_SECONDS` carries too little voice to be sure. Inside a segment
whose longer pieces belong to speaker A, a short piece stays with A unless its voice is
clearly closer to another speaker B (by `MARGIN` in cosine similarity), in which case it
goes to B and becomes a turn of its own. When it leans towards B but not clearly, it stays
with A and is flagged uncertain: never moved, never glued silently. A short segment on its
own goes to the nearest voice, flagged when the two nearest are within the margin.
"""

from __future__ import annotations

import numpy as np

from .diarize import MIN_EMBED_SECONDS, first_seen, unit

#: How much closer (cosine similarity) another voice must be to take a short piece.
MARGIN = 0.2


def _centroids(x: np.ndarray, labels: np.ndarray, core: np.ndarray) -> np.ndarray:
    k = int(labels.max()) + 1
    rows = []
    for c in range(k):
        members = (labels == c) & core
        if not members.any():
            members = labels == c
        rows.append(x[members].mean(0))
    return unit(np.stack(rows))


def settle_short_pieces(
    vectors: np.ndarray,
    durations: np.ndarray,
    groups: list[int],
    labels: np.ndarray,
    *,
    min_seconds: float = MIN_EMBED_SECONDS,
    margin: float = MARGIN,
) -> tuple[np.ndarray, list[bool]]:
    """Labels with the short pieces settled (renumbered by first appearance), and which are guesses."""
    labels = labels.copy()
    unsure = [False] * len(labels)
    if len(labels) == 0 or labels.max() == 0:
        return labels, unsure
    x = unit(vectors)
    core = durations >= min_seconds
    sims = x @ _centroids(x, labels, core).T
    group_of = np.asarray(groups)
    for i in np.flatnonzero(~core):
        ranked = np.argsort(-sims[i])
        best = int(ranked[0])
        context = _context_label(i, group_of, core, labels, durations)
        if context is None:
            labels[i] = best
            unsure[i] = bool(sims[i, best] - sims[i, ranked[1]] < margin)
        elif best != context and sims[i, best] - sims[i, context] >= margin:
            labels[i] = best
        else:
            unsure[i] = best != context
            labels[i] = context
    return first_seen(labels), unsure


def _context_label(
    i: int, group_of: np.ndarray, core: np.ndarray, labels: np.ndarray, durations: np.ndarray
) -> int | None:
    """The speaker of most of the longer pieces of piece i's segment (None if it has none)."""
    mates = np.flatnonzero((group_of == group_of[i]) & core)
    if len(mates) == 0:
        return None
    return int(np.argmax(np.bincount(labels[mates], weights=durations[mates])))
