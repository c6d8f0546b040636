"""Overall tone from a lexicon: VADER sentence sentiment (vaderSentiment, PyPI), by session third.

VADER is a rule-based lexicon with negation and intensifier handling; it needs no model
download and scores a sentence in microseconds. Its compound score in [-1, 1] is averaged
over the substantive sentences of each third of the session; the text reports the level
and the movement in words (no invented figures).
"""

from __future__ import annotations

from functools import lru_cache
from statistics import fmean

from .session import Session


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _level(score: float) -> str:
    if score >= 0.35:
        return "clearly positive"
    if score >= 0.1:
        return "mildly positive"
    if score > -0.1:
        return "neutral"
    if score > -0.35:
        return "mildly negative"
    return "clearly negative"


def sentence_scores(session: Session) -> list[tuple[int, float]]:
    analyzer = _analyzer()
    return [
        (s.index, analyzer.polarity_scores(s.text)["compound"])
        for s in session.sentences if session.content[s.index]
    ]


def tone(session: Session) -> str | None:
    """One paragraph: overall tone, how it moved across thirds, most positive/negative voice."""
    scores = sentence_scores(session)
    if len(scores) < 3:
        return None
    overall = fmean(v for _, v in scores)
    third = len(scores) / 3
    parts = [fmean(v for _, v in scores[int(k * third) : int((k + 1) * third)] or [(0, 0.0)])
             for k in range(3)]
    text = f"Measured with a sentiment lexicon (VADER), the tone was {_level(overall)} overall."
    moves = [_level(p) for p in parts]
    if len(set(moves)) == 1:
        text += f" It stayed {moves[0]} from the opening to the close."
    else:
        text += (f" It was {moves[0]} in the first third of the session, {moves[1]} in the "
                 f"middle and {moves[2]} in the final third.")
    by_speaker: dict[str, list[float]] = {}
    for i, v in scores:
        by_speaker.setdefault(session.sentences[i].speaker, []).append(v)
    means = {k: fmean(v) for k, v in by_speaker.items() if len(v) >= 3}
    if len(means) >= 2:
        hi = max(means, key=means.__getitem__)
        lo = min(means, key=means.__getitem__)
        text += (f" {hi} spoke in the most positive terms, {lo} in the most guarded or critical"
                 " ones.")
    neg = [i for i, v in scores if v <= -0.5]
    if neg:
        s = session.sentences[min(neg, key=lambda i: dict(scores)[i])]
        text += f" The most negative note came from {s.speaker}: “{s.text}”"
    return text
