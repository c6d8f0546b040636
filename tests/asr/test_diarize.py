"""Clustering of voice embeddings: known counts, estimated counts, short segments."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("numpy")
from sessionlens.asr.diarize import SpectralEmbedder, cluster, get_embedder
from sessionlens.errors import InputError


def _blobs(k: int, per: int, dim: int = 16, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim)) * 3
    truth = np.repeat(np.arange(k), per)
    rng.shuffle(truth)
    return centres[truth] + rng.normal(size=(len(truth), dim)) * 0.5, truth


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    return len(set(zip(a.tolist(), b.tolist(), strict=True))) == len(set(a.tolist())) == len(set(b.tolist()))


@pytest.mark.parametrize("k", [2, 3, 5])
def test_known_and_estimated_counts_recover_the_groups(k: int) -> None:
    x, truth = _blobs(k, 8)
    durations = np.full(len(x), 3.0)
    for n in (k, None):
        labels = cluster(x, durations, n)
        assert _same_partition(labels, truth)
        assert labels[0] == 0  # numbered by first appearance


def test_one_voice_stays_one_speaker() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(12, 16))
    assert set(cluster(x, np.full(12, 3.0), None).tolist()) == {0}


def test_short_segments_join_the_nearest_voice_without_shaping_clusters() -> None:
    x, truth = _blobs(2, 6)
    durations = np.full(len(x), 3.0)
    durations[[1, 4]] = 0.3
    labels = cluster(x, durations, 2)
    assert _same_partition(labels, truth)


def test_spectral_embedding_tells_two_synthetic_voices_apart() -> None:
    sr = 16_000
    t = np.arange(int(1.5 * sr)) / sr

    def voice(f0: float, formant: float, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        wave = sum(
            np.sin(2 * np.pi * f0 * h * t) / h * np.exp(-(((f0 * h - formant) / 800) ** 2)) for h in range(1, 30)
        )
        return (wave * (1 + 0.1 * rng.normal(size=len(t)))).astype(np.float32) * 0.1

    emb = SpectralEmbedder()
    vecs = np.stack(
        [emb.embed(voice(110 + i, 700, i)) for i in range(4)]
        + [emb.embed(voice(220 + i, 1800, 10 + i)) for i in range(4)]
    )
    labels = cluster(emb.prepare(vecs), np.full(8, 1.5), None)
    assert labels.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]


def test_unknown_embedder() -> None:
    with pytest.raises(InputError, match="unknown speaker embedder"):
        get_embedder("pyannote")


def test_an_odd_segment_does_not_take_a_voice_slot() -> None:
    x, truth = _blobs(3, 6)
    odd = np.random.default_rng(5).normal(size=(1, x.shape[1])) * 20  # a cough far from every voice
    durations = np.full(len(x) + 1, 3.0)
    durations[-1] = 1.2
    labels = cluster(np.vstack([x, odd]), durations, 3)
    assert _same_partition(labels[:-1], truth)


def test_the_estimated_count_ignores_odd_segments() -> None:
    x, truth = _blobs(3, 8)
    odd = np.random.default_rng(6).normal(size=(2, x.shape[1])) * 20
    durations = np.r_[np.full(len(x), 3.0), 1.1, 1.2]
    labels = cluster(np.vstack([x, odd]), durations, None, threshold=0.5)
    assert _same_partition(labels[:-2], truth) and labels.max() == 2
