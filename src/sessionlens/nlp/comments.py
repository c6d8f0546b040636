"""Thought-provoking comments (verbatim quotes, reason, impact) and follow-up questions.

A comment stands out from the rest of the session (far from the session centroid) and was
taken up afterwards (a later sentence by someone else comes close), with a bonus for
rhetorical form: a question, a contrast, a figure. Its impact is read from what followed:
the later sentence that took it up is quoted, or the report says nobody did.
"""

from __future__ import annotations

import numpy as np

from ..models import Comment, FollowUpQuestion
from . import cues
from .session import Session, unit

MAX_COMMENTS = 6
MAX_QUESTIONS = 8
TAKEN_UP = 0.5  # a later sentence this close took the point up
LOOKAHEAD = 60  # sentences after the comment searched for uptake (keeps cost linear)


def _uptake(session: Session, i: int) -> tuple[float, int | None]:
    """Best later sentence by another speaker, within LOOKAHEAD sentences."""
    s = session.sentences[i]
    later = [
        j for j in range(i + 1, min(len(session.sentences), i + 1 + LOOKAHEAD))
        if session.sentences[j].speaker != s.speaker and session.content[j]
    ]
    if not later:
        return 0.0, None
    sims = session.vectors[later] @ session.vectors[i]
    k = int(np.argmax(sims))
    return float(sims[k]), later[k]


def _reason(text: str) -> str:
    if text.rstrip().endswith("?"):
        return "It puts the issue as a question the session then had to answer."
    if cues.has(cues.CONTRAST, text) and cues.has(cues.CLAIM, text):
        return "It sets two ideas against each other and takes a position between them."
    if cues.has(cues.FIGURE, text):
        return "It puts a figure on the problem, which makes its scale concrete."
    return "It states the point in terms that stand out from the rest of the discussion."


def _quote(session: Session, i: int) -> str:
    """The sentence, with the next one of the same turn when that one is short (verbatim)."""
    s = session.sentences[i]
    nxt = session.sentences[i + 1] if i + 1 < len(session.sentences) else None
    if nxt is not None and nxt.turn == s.turn and nxt.words <= 20 and s.words <= 30:
        text = next(t.text for t in session.transcript.turns if t.index == s.turn)
        return text[s.start : nxt.end]
    return s.text


def thought_provoking(session: Session) -> list[Comment]:
    ids = [
        s.index for s in session.sentences
        if session.content[s.index] and s.speaker not in session.moderators and 10 <= s.words <= 45
    ]
    if not ids:
        return []
    centroid = unit(session.vectors[session.content].sum(0))
    scored = []
    for i in ids:
        s = session.sentences[i]
        text = s.text
        distinct = 1.0 - float(session.vectors[i] @ centroid)
        up, _ = _uptake(session, i)
        rhetoric = 0.1 * sum(
            (s.is_question, cues.has(cues.CONTRAST, text), cues.has(cues.FIGURE, text))
        )
        scored.append((0.5 * distinct + 0.5 * up + rhetoric, i))
    out: list[tuple[int, Comment]] = []
    used: set[str] = set()
    for _, i in sorted(scored, reverse=True):
        s = session.sentences[i]
        if s.speaker in used:
            continue  # one per speaker: spread the voices
        used.add(s.speaker)
        up, j = _uptake(session, i)
        if j is not None and up >= TAKEN_UP:
            later = session.sentences[j]
            impact = f"{later.speaker} took the point up later: “{later.text}”"
        else:
            impact = "No later speaker took the point up directly."
        out.append((i, Comment(quote=_quote(session, i), speaker=s.speaker,
                               reason=_reason(s.text), impact=impact)))
        if len(out) == MAX_COMMENTS:
            break
    return [c for _, c in sorted(out, key=lambda x: x[0])]


def comments_assessment(comments: list[Comment]) -> str | None:
    if not comments:
        return None
    return (
        "These comments were chosen because they stand out from the rest of the session and "
        "were picked up by later speakers, or because they pose a question, set out a contrast "
        "or give a figure. Each quote is verbatim from the transcript."
    )


def follow_up_questions(session: Session) -> list[FollowUpQuestion]:
    """Questions speakers raised (not the chair's prompts) and needs they named."""
    ids = [
        s.index for s in session.sentences
        if s.speaker not in session.moderators and s.words >= 6
        and ((s.is_question and s.position > 0) or cues.has(cues.NEED_TO_KNOW, s.text))
    ]
    centroid = unit(session.vectors[session.content].sum(0)) if session.content.any() else None
    if centroid is not None:
        ids.sort(key=lambda i: -float(session.vectors[i] @ centroid))
    out: list[FollowUpQuestion] = []
    chosen: list[int] = []
    for i in ids:
        if any(float(session.vectors[i] @ session.vectors[j]) > 0.8 for j in chosen):
            continue
        chosen.append(i)
        if len(chosen) == MAX_QUESTIONS:
            break
    for i in sorted(chosen):
        s = session.sentences[i]
        up, j = _uptake(session, i)
        kind = "asked" if s.is_question else "named as a need"
        if j is not None and up >= TAKEN_UP:
            follow = f"{session.sentences[j].speaker} came back to it later; a thread to follow."
        else:
            follow = "No later speaker answered it in the session."
        out.append(FollowUpQuestion(
            question=s.text, speakers=[s.speaker],
            explanation=f"{s.speaker} {kind} this. {follow}",
        ))
    return out
