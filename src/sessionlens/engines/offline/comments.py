"""Thought-provoking comments (verbatim quotes, reason, impact) and follow-up questions.

A comment stands out from the rest of the session (far from the session centroid) and was
taken up afterwards (a later sentence by someone else comes close), with a bonus for
rhetorical form: a question, a contrast, a figure. Its impact is read from what followed:
the later sentence that took it up is quoted, or the report says nobody did.
"""

from __future__ import annotations

import re

import numpy as np

from ...models import Comment, FollowUpQuestion
from . import cues, units
from .keywords import noun_phrases
from .ledger import Ledger
from .session import Session, unit

MAX_COMMENTS = 6
MAX_QUESTIONS = 8
TAKEN_UP = 0.5  # a later sentence this close took the point up
LOOKAHEAD = 60  # sentences after the comment searched for uptake (keeps cost linear)
ANSWERED = 0.3  # the next turn has a sentence this close to the question: it answered


def _uptake(session: Session, i: int) -> tuple[float, int | None]:
    """Best later sentence by another speaker, within LOOKAHEAD sentences."""
    s = session.sentences[i]
    later = [
        j
        for j in range(i + 1, min(len(session.sentences), i + 1 + LOOKAHEAD))
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


def thought_provoking(session: Session, ledger: Ledger | None = None) -> list[Comment]:
    ledger = ledger or Ledger(session)
    ids = [
        s.index
        for s in session.sentences
        if session.content[s.index]
        and s.speaker not in session.moderators
        and 10 <= s.words <= 45
        and not units.is_fragment(s.text)
        and ledger.is_free(s.index)
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
        rhetoric = 0.1 * sum((s.is_question, cues.has(cues.CONTRAST, text), cues.has(cues.FIGURE, text)))
        scored.append((0.5 * distinct + 0.5 * up + rhetoric, i))
    out: list[tuple[int, Comment]] = []
    used: set[str] = set()
    for _, i in sorted(scored, reverse=True):
        s = session.sentences[i]
        if s.speaker in used or not ledger.pick([i]):
            continue  # one per speaker: spread the voices
        used.add(s.speaker)
        up, j = _uptake(session, i)
        if j is not None and up >= TAKEN_UP:
            later = session.sentences[j]
            impact = f"{later.speaker} took the point up later."
        else:
            impact = "No later speaker took the point up directly."
        out.append((i, Comment(quote=_quote(session, i), speaker=s.speaker, reason=_reason(s.text), impact=impact)))
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


def _answered(session: Session, i: int) -> bool:
    """The speaker goes on to answer (a rhetorical question), or the next turn replies to it.

    A run of questions ("Who? And how?") is one question. A reply counts when it comes from
    another speaker in the next turn and, where the question was embedded, says something
    close to it (cosine ≥ ANSWERED).
    """
    s = session.sentences[i]
    j = i + 1
    while j < len(session.sentences) and session.sentences[j].turn == s.turn and session.sentences[j].is_question:
        j += 1
    if j >= len(session.sentences):
        return False
    if session.sentences[j].turn == s.turn:
        return True  # the same speaker goes on: they answered it themselves
    nxt = session.sentences[j]
    reply = [
        k
        for k in range(j, min(len(session.sentences), j + LOOKAHEAD))
        if session.sentences[k].turn == nxt.turn and session.content[k]
    ]
    if nxt.speaker == s.speaker or not reply:
        return False
    if not session.vectors[i].any():
        return True  # a prompt (not embedded) that the next speaker took
    return float((session.vectors[reply] @ session.vectors[i]).max()) >= ANSWERED


_ADDRESSED = re.compile(r"\b(you|your|yours|yourself)\b", re.I)


def open_questions(session: Session) -> list[int]:
    """Questions on the subject asked in the session that no later turn answered.

    A question put to a person ("Do you support…?", "What would you like to say?") is a
    prompt, not a question the session leaves open; procedure and small talk are out too.
    """
    return [
        s.index
        for s in session.sentences
        if s.is_question
        and s.words >= 6
        and not _ADDRESSED.search(s.text)
        and not units.is_procedural_line(s.text)
        and not units.SMALL_TALK.search(units.plain(s.text))
        and not _answered(session, s.index)
    ]


#: Question templates over an unresolved issue's noun phrase, by what the issue is about.
_MASS_NOUN = re.compile(r"(tion|ment|ance|ence|ity|ness|ism|ing|ship|edge|s)$", re.I)
_GAP_NOUN = re.compile(r"\b(gap|gaps|divide|barrier|barriers|bottleneck|fragmentation)\b", re.I)
_MONEY = re.compile(r"\b(financ\w*|fund\w*|invest\w*|costs?|budgets?|resources|money)\b", re.I)
_ACCOUNT = re.compile(r"\b(accountab\w*|liab\w*|responsib\w*|oversight|enforce\w*)\b", re.I)


def question_from_issue(text: str, exclude: frozenset[str] = frozenset()) -> str | None:
    """A question over the noun phrase the issue is about, or None.

    The phrase is the one that holds the open-issue cue ("the digital divide", "regulatory
    fragmentation") or follows it ("lack of inclusive governance" → "inclusive governance").
    """
    m = cues.open_issue(text)
    if m is None:
        return None
    phrases = list(noun_phrases(text, exclude))
    cue = m.group(0).split()[-1].lower()
    holding = [p for p in phrases if cue in p.lower().split() and len(p.split()) > 1]
    after = [p for p in phrases if m.end() <= text.find(p, m.end()) <= m.end() + 20]
    pick = max(holding, key=len) if holding else max(after, key=len) if after else None
    if pick is None:
        return None
    # "the digital divide"; a name, a plural or an abstract noun stands alone ("regulatory fragmentation").
    np_ = pick if pick[:1].isupper() or _MASS_NOUN.search(pick) else "the " + pick
    if _GAP_NOUN.search(pick):
        return f"How can {np_} be overcome?"
    if _MONEY.search(text):
        return f"How will {np_} be financed?"
    if _ACCOUNT.search(text):
        return f"Who is accountable for {np_}?"
    return f"What will be done about {np_}?"


def follow_up_questions(
    session: Session, ledger: Ledger | None = None, issues: list[tuple[str, str]] = ()
) -> list[FollowUpQuestion]:
    """Questions asked that no later turn answered, then questions formed from open issues.

    `issues` are (speaker, sentence) of the report's unresolved issues. Every item ends in "?".
    """
    ledger = ledger or Ledger(session)
    chosen = sorted(ledger.pick(open_questions(session), MAX_QUESTIONS))
    out = [
        FollowUpQuestion(
            question=session.sentences[i].text,
            speakers=[session.sentences[i].speaker],
            explanation=f"{session.sentences[i].speaker} asked this and no later turn answered it.",
        )
        for i in chosen
    ]
    names = session.name_words()
    asked = {q.question for q in out}
    for speaker, text in issues:
        if len(out) >= MAX_QUESTIONS:
            break
        q = question_from_issue(text, names)
        if q and q not in asked:
            asked.add(q)
            out.append(
                FollowUpQuestion(
                    question=q,
                    speakers=[speaker],
                    explanation=f"{speaker} named this as an open issue and no later turn resolved it.",
                )
            )
    return out
