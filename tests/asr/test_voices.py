"""Speech regions and pieces from frame loudness (synthetic), before any voice embedding."""

from __future__ import annotations

import numpy as np
import pytest

from sessionlens.asr.voices import BRIDGE_SECONDS, MIN_REGION_SECONDS, SNAP_SECONDS, pieces, speech_regions

HOP = 0.03


def _db(floor: float, speech: list[tuple[int, int]], n: int = 400, level: float = -20.0) -> np.ndarray:
    rng = np.random.default_rng(1)
    db = floor + rng.normal(0, 1.5, n)
    for a, b in speech:
        db[a:b] = level + rng.normal(0, 1.5, b - a)
    return db


@pytest.mark.parametrize("floor", [-100.0, -55.0])  # digital silence; a noisy room
def test_regions_bridge_breaths_and_drop_clicks(floor: float) -> None:
    # a 4-frame (0.12 s) pause is a breath; a 3-frame (0.09 s) burst is a click
    db = _db(floor, [(10, 50), (54, 100), (150, 153), (200, 300)])
    assert 4 * HOP < BRIDGE_SECONDS and 3 * HOP < MIN_REGION_SECONDS
    assert speech_regions(db, HOP) == [(0.3, 3.0), (6.0, 9.0)]


def test_a_recording_without_silence_is_still_cut_at_its_quiet_stretches() -> None:
    # speech throughout at -20 dB with quiet (-45 dB) pauses: the floor comes from the pauses
    db = _db(-20.0, [(100, 130), (250, 280)], level=-45.0)
    assert speech_regions(db, HOP) == [(0.0, 3.0), (3.9, 7.5), (8.4, 12.0)]


def test_silence_has_no_regions() -> None:
    assert speech_regions(np.full(100, -100.0), HOP) == []
    assert speech_regions(np.zeros(0), HOP) == []


def test_pieces_cut_regions_evenly_near_the_piece_length() -> None:
    got = pieces([(0.0, 4.4), (5.0, 5.5)], seconds=1.5)
    assert len(got) == 4  # 4.4 s -> 3 pieces of 1.47 s; a short region stays whole
    assert got[0][0] == 0.0 and got[2][1] == pytest.approx(4.4) and got[3] == (5.0, 5.5)
    assert all(b - a == pytest.approx(4.4 / 3) for a, b in got[:3])


def test_cuts_move_to_the_quietest_moment_nearby() -> None:
    # one 3 s region of speech with a dip at 1.8 s: the middle cut (1.5 s) moves into the dip
    db = np.full(100, -20.0)
    db[58:62] = -60.0
    (first, second) = pieces([(0.0, 3.0)], seconds=1.5, db=db, hop_seconds=HOP)
    assert first[1] == second[0] == pytest.approx(1.8, abs=HOP)
    assert first[0] == 0.0 and second[1] == 3.0
    # a dip farther than SNAP_SECONDS away is not taken
    db = np.full(100, -20.0)
    db[95:99] = -60.0
    (first, _) = pieces([(0.0, 3.0)], seconds=1.5, db=db, hop_seconds=HOP)
    assert abs(first[1] - 1.5) <= SNAP_SECONDS
