"""Session-level issues: votes of all substantive sentences, against a background, by several speakers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sessionlens.engines.offline import session_issues as mod
from sessionlens.engines.offline.sentences import Sentence
from sessionlens.engines.offline.session import Session
from sessionlens.engines.offline.session_issues import label_arguments, session_issues
from sessionlens.engines.offline.topic_levels import ISSUE_SEP
from sessionlens.engines.offline.topics import TopicClassifier, load_taxonomy
from sessionlens.models import Transcript

D = 384


def _unit(*weights: tuple[int, float]) -> np.ndarray:
    v = np.zeros(D, dtype=np.float32)
    for k, w in weights:
        v[k] = w
    return v / np.linalg.norm(v)


@pytest.fixture
def classifier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TopicClassifier:
    """Basket A with issues x (axis 1) and y (axis 2); its description on axis 0."""
    path = tmp_path / "tiny.json"
    issues = [{"label": "x", "description": "ex"}, {"label": "y", "description": "why"}]
    path.write_text(json.dumps({"topics": [{"label": "A", "description": "a", "issues": issues}]}), encoding="utf-8")
    axis = {"A: a": 0, "x: ex": 1, "x": 1, "y: why": 2, "y": 2}
    monkeypatch.setattr(mod, "background_mean", lambda: None)
    return TopicClassifier(load_taxonomy(path), lambda texts: np.stack([_unit((axis[t], 1.0)) for t in texts]))


def _session(said: list[tuple[str, np.ndarray]]) -> Session:
    sentences = [Sentence(i, i, who, 0, 1, "s", 5, 0) for i, (who, _) in enumerate(said)]
    vectors = np.stack([v for _, v in said])
    return Session(Transcript(), sentences, vectors, set(), np.ones(len(said), dtype=bool))


def test_an_issue_needs_several_speakers(classifier: TopicClassifier) -> None:
    x, y = _unit((1, 1.0), (5, 0.5)), _unit((2, 1.0), (5, 0.5))
    said = [(who, x) for who in "ABC" for _ in range(4)] + [("A", y)] * 6
    got = session_issues(_session(said), classifier)
    assert [(s.basket, s.issue, s.speakers) for s in got] == [("A", "x", 3)]


def test_sentences_near_no_issue_do_not_vote(classifier: TopicClassifier) -> None:
    said = [(who, _unit((7, 1.0))) for who in "ABC" for _ in range(5)]
    assert session_issues(_session(said), classifier) == []


def test_the_background_takes_away_what_every_meeting_sounds_like(
    classifier: TopicClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    mixed = _unit((1, 0.8), (2, 0.6))  # closer to x than to y
    said = [(who, mixed) for who in "ABC" for _ in range(5)]
    assert [s.issue for s in session_issues(_session(said), classifier)] == ["x"]
    monkeypatch.setattr(mod, "background_mean", lambda: _unit((1, 1.0)))  # every meeting sounds like x
    assert [s.issue for s in session_issues(_session(said), classifier)] == ["y"]


def test_arguments_take_the_nearest_session_issue_or_none(classifier: TopicClassifier) -> None:
    said = [(who, _unit((k, 1.0))) for who in "ABC" for k in (1, 2)] * 2
    issues = session_issues(_session(said), classifier)
    assert {s.issue for s in issues} == {"x", "y"}
    vectors = np.stack([_unit((2, 1.0), (0, 0.3)), _unit((9, 1.0))])
    got = label_arguments([[("A", 0.9), (f"A{ISSUE_SEP}x", 0.8)]] * 2, vectors, issues, classifier)
    assert [lab for lab, _ in got[0]] == ["A", f"A{ISSUE_SEP}y"]
    assert [lab for lab, _ in got[1]] == ["A"]
    other = label_arguments([[("B", 0.9)]], vectors[:1], issues, classifier)  # none of its baskets' issues
    assert [lab for lab, _ in other[0]] == ["B"]


def test_the_shipped_background_is_for_the_shipped_model() -> None:
    bg = mod.background_mean()
    assert bg is not None and bg.shape == (D,)
    assert 0.1 < float(np.linalg.norm(bg)) < 1.0  # a mean of unit vectors, not one of them
