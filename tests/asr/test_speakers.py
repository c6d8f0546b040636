"""Short pieces inside a statement: moved only when another voice clearly claims them."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("numpy")
from sessionlens.asr.speakers import MARGIN, settle_short_pieces

A, B = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])


def _settle(short: np.ndarray, groups: list[int]) -> tuple[list[int], list[bool]]:
    # pieces: A long, short one, A long (one segment), then B long, B long (another)
    vectors = np.stack([A, short, A, B, B]) + 1e-3
    durations = np.array([3.0, 0.4, 3.0, 3.0, 3.0])
    labels = np.array([0, 0, 0, 1, 1])  # what clustering gave: the short piece with its segment
    out, unsure = settle_short_pieces(vectors, durations, groups, labels)
    return out.tolist(), unsure


def test_a_clear_interjection_goes_to_its_voice() -> None:
    labels, unsure = _settle(B + 0.05 * A, [0, 0, 0, 1, 1])
    assert labels == [0, 1, 0, 1, 1] and not any(unsure)


def test_a_doubtful_one_stays_with_the_statement_and_is_flagged() -> None:
    # leaning towards B, but by less than the margin
    lean = A + (1 + MARGIN) * B
    lean = lean / np.linalg.norm(lean)
    cos_a, cos_b = lean @ A, lean @ B
    assert 0 < cos_b - cos_a < MARGIN
    labels, unsure = _settle(lean, [0, 0, 0, 1, 1])
    assert labels == [0, 0, 0, 1, 1] and unsure == [False, True, False, False, False]


def test_the_speakers_own_short_sentence_stays_unflagged() -> None:
    labels, unsure = _settle(A + 0.1 * B, [0, 0, 0, 1, 1])
    assert labels == [0, 0, 0, 1, 1] and not any(unsure)


def test_a_short_segment_alone_goes_to_the_nearest_voice() -> None:
    labels, unsure = _settle(B, [0, 1, 2, 3, 3])
    assert labels == [0, 1, 0, 1, 1] and not any(unsure)


def test_one_speaker_needs_nothing_settled() -> None:
    out, unsure = settle_short_pieces(np.ones((3, 2)), np.array([3.0, 0.3, 3.0]), [0, 0, 0], np.zeros(3, int))
    assert out.tolist() == [0, 0, 0] and unsure == [False] * 3
