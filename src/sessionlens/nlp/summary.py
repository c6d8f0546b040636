"""Session at a glance: summary paragraphs, keypoints and overall purpose, all extractive.

The summary follows the session: how it opened (its first substantive sentences: chairs
state the agenda there), the most central sentence of each major discussion point, and how
it closed. Fixed connective phrases join the verbatim sentences.
"""

from __future__ import annotations

import re

from ..models import DiscussionPoint
from .arguments import Claim
from .points import Point
from .session import Session
from .takeaways import central_sentences

MAX_SENTENCE_WORDS = 45
MIN_SENTENCE_WORDS = 10
SUMMARY_POINTS = 4
PER_POINT = 1  # sentences quoted per discussion point (chosen on QMSum Committee val)
OPENING = 1
_PURPOSE = re.compile(
    r"\b(today|this (session|meeting|panel|dialogue|discussion|hearing|interview)|purpose|aim|"
    r"objective|agenda|we are here|we're here|focus(es|ed)? on|discuss|item \d|"
    r"welcome to)\b",
    re.I,
)


def _fit(session: Session, ids: list[int]) -> list[int]:
    """Sentences long enough to say something and short enough for a summary."""
    low, high = MIN_SENTENCE_WORDS, MAX_SENTENCE_WORDS
    return [i for i in ids if low <= session.sentences[i].words <= high]


def _content_ids(session: Session, chairs: bool = True) -> list[int]:
    return [
        s.index for s in session.sentences
        if session.content[s.index] and (chairs or s.speaker not in session.moderators)
    ]


def opening(session: Session, n: int = 2) -> list[int]:
    """The first `n` substantive sentences of the session (any speaker)."""
    return _fit(session, _content_ids(session))[:n]


def closing(session: Session, n: int = 1) -> list[int]:
    """The last `n` substantive sentences of a panellist (chairs often only thank people)."""
    ids = _fit(session, _content_ids(session, chairs=False)) or _fit(session, _content_ids(session))
    return ids[-n:]


def _quote(session: Session, ids: list[int]) -> str:
    return " ".join(session.sentences[i].text for i in ids)


def summary(session: Session, claims: list[Claim], points: list[Point]) -> str | None:
    """4-6 paragraphs: opening, the largest discussion points in session order, closing."""
    if not session.content.any():
        return None
    paragraphs: list[str] = []
    first = opening(session, OPENING)
    used = set(first)
    if first:
        who = session.sentences[first[0]].speaker
        paragraphs.append(f"The session opened with {who}: {_quote(session, first)}")
    biggest = sorted(points, key=lambda p: -len(p.claims))[:SUMMARY_POINTS]
    for n, p in enumerate(sorted(biggest, key=lambda p: points.index(p))):
        ids = [s for i in p.claims for s in claims[i].sentence_ids()]
        central = _fit(session, central_sentences(session, ids, PER_POINT + 1))
        pick = [i for i in central if i not in used][:PER_POINT]
        if not pick:
            continue
        used |= set(pick)
        names = ", ".join(dict.fromkeys(session.sentences[i].speaker for i in pick))
        lead = "The discussion turned to" if n else "A first theme was"
        paragraphs.append(f"{lead} {p.title} ({names}): {_quote(session, pick)}")
    last = [i for i in closing(session) if i not in used]
    if last:
        who = session.sentences[last[0]].speaker
        paragraphs.append(f"Towards the end, {who} said: {_quote(session, last)}")
    return "\n\n".join(paragraphs) if paragraphs else None


def keypoints(points: list[Point], limit: int = 6) -> list[DiscussionPoint]:
    """The largest discussion points (3-6), in session order."""
    biggest = sorted(points, key=lambda p: -len(p.claims))[:limit]
    return [
        DiscussionPoint(title=p.title, description=p.description)
        for p in sorted(biggest, key=lambda p: points.index(p))
    ]


def purpose(session: Session) -> str | None:
    """The opening sentence that states what the session is for, quoted."""
    head = session.sentences[: max(10, len(session.sentences) // 10)]
    # Procedural sentences count here: "Welcome to this panel on X" states the purpose.
    cands = [s for s in head if _PURPOSE.search(s.text) and 8 <= s.words <= 60]
    if not cands:
        cands = [session.sentences[i] for i in opening(session, 1)]
    if not cands:
        return None
    s = cands[0]
    return f"As {s.speaker} put it at the opening: “{s.text}”"
