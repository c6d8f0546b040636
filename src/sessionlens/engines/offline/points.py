"""Major discussion points: session-level clusters of arguments, each titled from its content.

Spherical k-means over argument vectors (deterministic farthest-point start), k = √n within
3..10. The title joins the cluster's most distinctive phrases (class-based TF-IDF over the
cluster's own sentences); the description quotes the cluster's most central claim. Linear in
the number of arguments per iteration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .arguments import Claim, title_text
from .keywords import as_title, key_phrases
from .reported import reported
from .session import Session, unit

MIN_POINTS, MAX_POINTS = 3, 10


@dataclass
class Point:
    title: str
    description: str
    claims: list[int]  # indices into the claim list
    central: int  # the claim nearest the centroid


def _kmeans(x: np.ndarray, k: int, iters: int = 25) -> np.ndarray:
    """Labels of spherical k-means started from k arguments spread evenly over the session.

    Discussions move through their themes roughly in order, so evenly spaced seeds start
    near distinct themes; farthest-point seeds would start from outliers instead.
    """
    centers = [round(j * (len(x) - 1) / max(1, k - 1)) for j in range(k)]
    c = x[centers].copy()
    labels = np.zeros(len(x), dtype=int)
    for _ in range(iters):
        new = np.argmax(x @ c.T, axis=1)
        if np.array_equal(new, labels) and _ > 0:
            break
        labels = new
        for j in range(k):
            members = x[labels == j]
            if len(members):
                c[j] = unit(members.sum(0))
    return labels


def centered(vectors: list[np.ndarray]) -> np.ndarray:
    """Unit vectors minus their mean direction, renormalised.

    Every argument of a session shares its subject ("digital", "the UN"); that common
    direction makes everything look alike. Removing it lets the differences drive the
    clustering and the agreement pairs.
    """
    x = np.stack(vectors)
    if len(x) < 3:
        return x
    x = x - x.mean(axis=0, keepdims=True)
    return x / np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-9, None)


def speaker_list(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def discussion_points(session: Session, claims: list[Claim]) -> list[Point]:
    """Cluster the arguments into 3..10 points (fewer when there are fewer arguments)."""
    if not claims:
        return []
    x = centered([c.vector for c in claims])
    k = int(min(len(claims), max(MIN_POINTS, min(MAX_POINTS, round(len(claims) ** 0.5)))))
    labels = _kmeans(x, k)
    groups = [list(np.flatnonzero(labels == j)) for j in range(k)]
    groups = [g for g in groups if g]
    # Session order: a point appears where its first argument was made.
    groups.sort(key=lambda g: min(claims[i].title for i in g))
    texts = [" ".join(session.sentences[s].text for i in g for s in claims[i].members) for g in groups]
    phrases = key_phrases(texts, exclude=session.name_words())
    points: list[Point] = []
    proper = session.proper_words()
    for g, ph in zip(groups, phrases, strict=True):
        centroid = unit(x[g].sum(0))
        central = int(g[int(np.argmax(x[g] @ centroid))])
        c = claims[central]
        title = as_title(ph) or title_text(session, c)
        others = [n for n in dict.fromkeys(claims[i].speaker for i in g) if n != c.speaker]
        description = reported(c.speaker, title_text(session, c), proper)
        if others:
            description = description[:-1] + f"; also raised by {speaker_list(others)}."
        points.append(Point(title=title, description=description, claims=[int(i) for i in g], central=central))
    for n, p in enumerate(points):
        for i in p.claims:
            claims[i].point = n
    return points
