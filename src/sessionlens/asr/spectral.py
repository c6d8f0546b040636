"""Spectral voice statistics of a speech segment (numpy only): MFCCs, their deltas and the pitch
over the loud (voiced) frames; the `spectral` embedder of `asr/diarize.py`."""

from __future__ import annotations

import functools

import numpy as np

from .decode import SAMPLE_RATE

_FRAME = 400  # 25 ms
_HOP = 160  # 10 ms
_NFFT = 512
_N_MELS = 40
#: cepstral coefficients computed (c0, the loudness, is dropped from the statistics)
N_MFCC = 20


@functools.cache
def _mel_dct() -> tuple[np.ndarray, np.ndarray]:
    def mel(f: np.ndarray) -> np.ndarray:
        return 2595.0 * np.log10(1.0 + f / 700.0)

    edges = 700.0 * (10 ** (np.linspace(mel(np.array(60.0)), mel(np.array(7600.0)), _N_MELS + 2) / 2595.0) - 1)
    bins = np.fft.rfftfreq(_NFFT, 1 / SAMPLE_RATE)
    fb = np.zeros((_N_MELS, len(bins)), np.float32)
    for i in range(_N_MELS):
        lo, mid, hi = edges[i : i + 3]
        fb[i] = np.clip(np.minimum((bins - lo) / (mid - lo), (hi - bins) / (hi - mid)), 0, None)
    n = np.arange(_N_MELS)
    dct = np.cos(np.pi / _N_MELS * (n[None, :] + 0.5) * np.arange(N_MFCC)[:, None]).astype(np.float32)
    return fb, dct


def _frames(audio: np.ndarray) -> np.ndarray:
    n = 1 + (len(audio) - _FRAME) // _HOP
    idx = np.arange(_FRAME)[None, :] + _HOP * np.arange(n)[:, None]
    return audio[idx] * np.hamming(_FRAME).astype(np.float32)


def _pitch(frames: np.ndarray) -> np.ndarray:
    """Per-frame F0 in Hz (60-400) from the autocorrelation, via FFT.

    The shortest lag within 10 % of the best peak wins: the best peak alone is often a
    multiple of the period (an octave error).
    """
    spec = np.fft.rfft(frames, 2 * _NFFT)
    ac = np.fft.irfft(np.abs(spec) ** 2)[:, :_FRAME]
    lo, hi = SAMPLE_RATE // 400, SAMPLE_RATE // 60
    win = ac[:, lo:hi]
    peak = (win > np.roll(win, 1, axis=1)) & (win >= np.roll(win, -1, axis=1))
    peak[:, [0, -1]] = False
    good = peak & (win >= 0.9 * win.max(axis=1, keepdims=True))
    lag = lo + np.where(good.any(axis=1), good.argmax(axis=1), win.argmax(axis=1))
    return SAMPLE_RATE / lag


def spectral_embedding(audio: np.ndarray) -> np.ndarray:
    """Voice statistics of one segment (16 kHz mono): MFCC, delta and log-pitch mean/std."""
    fb, dct = _mel_dct()
    if len(audio) < _FRAME * 4:
        audio = np.pad(audio, (0, _FRAME * 4 - len(audio)))
    frames = _frames(audio.astype(np.float32))
    power = np.abs(np.fft.rfft(frames, _NFFT)) ** 2
    logmel = np.log(power @ fb.T + 1e-8)
    energy = logmel.max(axis=1)
    voiced = energy > energy.max() - 6.0  # the loud frames: vowels carry the voice
    if voiced.sum() < 5:
        voiced = np.ones(len(frames), bool)
    mfcc = (logmel @ dct.T)[:, 1:]  # c0 is loudness, not voice
    delta = np.diff(mfcc, axis=0, prepend=mfcc[:1])
    f0 = np.log(_pitch(frames[voiced]))
    v = mfcc[voiced]
    return np.concatenate([v.mean(0), v.std(0), delta[voiced].std(0), [np.median(f0) * 4, f0.std()]]).astype(np.float32)
