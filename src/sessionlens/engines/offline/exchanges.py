"""Who answers whom: replies between consecutive turns, and the differences they state.

A reply is a turn that follows another speaker's turn. It sets its speaker against the
previous one when it says so outright (`stance_cues.OPPOSE`: "I respectfully disagree with
that characterization"), when it declines what a yes/no question asked for
(`stance_cues.REFUSE` after a `stance_cues.POLAR` question: "Do you support the bill?" -
"We're not prepared to support it today"), or when the asker turns down the answer
(`stance_cues.ANSWER_REJECTED`: "I'll take that to be no"). Only the first two sentences of
a reply are read: a rebuttal comes first, and later sentences move on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from . import cues, stance_cues
from .keywords import STOPWORDS
from .session import Session

#: An asker in this many exchanges, answered by two or more speakers, questions the others.
MIN_QUESTIONS = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]")
#: Words that are rarely the name of a subject: verb forms, adverbs, contractions.
_VERBISH = re.compile(r"(ing|ed|ly)$|['’]")


@dataclass(frozen=True)
class Opposition:
    """The earlier speaker's words (`said`) and the reply that sets itself against them."""

    said: int  # sentence index
    reply: int  # sentence index
    how: str  # "opposes", "declines", "rejects the answer"


def _by_turn(session: Session) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for s in session.sentences:
        out.setdefault(s.turn, []).append(s.index)
    return out


def _question(session: Session, ids: list[int]) -> int | None:
    return next((i for i in reversed(ids) if session.sentences[i].is_question), None)


@dataclass(frozen=True)
class Reply:
    """A turn after another speaker's: both turns' sentence indices, and whether the
    replying speaker also spoke the turn before (an asker answering the answer)."""

    said: list[int]
    reply: list[int]
    asker: bool


def replies(session: Session, speakers: set[str]) -> list[Reply]:
    """Each turn that follows a turn by another speaker, both speakers in `speakers`."""
    by_turn = _by_turn(session)
    turns = session.transcript.turns
    out = []
    for k in range(1, len(turns)):
        prev, cur = turns[k - 1], turns[k]
        said, reply = by_turn.get(prev.index, []), by_turn.get(cur.index, [])
        if prev.speaker == cur.speaker or not said or not reply:
            continue
        if prev.speaker in speakers and cur.speaker in speakers:
            out.append(Reply(said, reply, k >= 2 and turns[k - 2].speaker == cur.speaker))
    return out


def oppositions(session: Session, speakers: set[str]) -> list[Opposition]:
    """Replies that set themselves against the previous speaker, both in `speakers`."""
    out: list[Opposition] = []
    for r in replies(session, speakers):
        prev = session.sentences[r.said[0]].speaker
        asked = _question(session, r.said)
        target = asked if asked is not None else r.said[-1]
        found = None
        for i in r.reply[:2]:
            text = session.sentences[i].text
            named = [m for m in session.mentions(text) if m != session.sentences[i].speaker]
            if cues.has(stance_cues.OPPOSE, text) and (not named or prev in named):
                found = Opposition(target, i, "opposes")
                break
        if found is None and asked is not None:
            found = _answer(session, asked, r.reply[0])
        rejected = [i for i in r.reply[:2] if stance_cues.ANSWER_REJECTED.search(session.sentences[i].text)]
        if found is None and r.asker and rejected:
            found = Opposition(r.said[0], rejected[0], "rejects the answer")
        if found is not None:
            out.append(found)
    return out


def _answer(session: Session, asked: int, answer: int) -> Opposition | None:
    """An answer that says no to a yes/no question, declines what was asked, or does not
    accept the accusation a question puts."""
    question, text = session.sentences[asked].text, session.sentences[answer].text
    if stance_cues.POLAR.search(question) and stance_cues.SAY_NO.search(text):
        return Opposition(asked, answer, "declines")
    if stance_cues.REFUSE.search(text):
        return Opposition(asked, answer, "declines")
    if stance_cues.CHALLENGE.search(question) and not stance_cues.ACCEPT.search(text):
        return Opposition(asked, answer, "does not accept")
    return None


def assents(session: Session, speakers: set[str]) -> list[tuple[int, int]]:
    """(previous speaker's last sentence, reply) where the reply agrees with them outright."""
    out = []
    for r in replies(session, speakers):
        statement = not session.sentences[r.said[-1]].is_question
        for i in r.reply[:2]:
            text = session.sentences[i].text
            if cues.has(stance_cues.OPPOSE, text):
                break
            # an endorsement opens the reply, and endorses a statement, not a question
            opening = i == r.reply[0] and statement and stance_cues.ENDORSE.search(text)
            if stance_cues.ASSENT.search(text) or opening:
                out.append((r.said[-1], i))
                break
    return out


def questioners(session: Session) -> set[str]:
    """Speakers who put questions to others (a chair, members of a committee): asked in
    MIN_QUESTIONS or more exchanges, answered by at least two different speakers."""
    by_turn = _by_turn(session)
    turns = session.transcript.turns
    asked: Counter[str] = Counter()
    answered_by: dict[str, set[str]] = {}
    for k in range(1, len(turns)):
        prev, cur = turns[k - 1], turns[k]
        if prev.speaker != cur.speaker and _question(session, by_turn.get(prev.index, [])) is not None:
            asked[prev.speaker] += 1
            answered_by.setdefault(prev.speaker, set()).add(cur.speaker)
    return {s for s, n in asked.items() if n >= MIN_QUESTIONS and len(answered_by[s]) >= 2}


def point_label(session: Session, texts: list[str]) -> str:
    """A short neutral label for what `texts` are about: a named thing they mention (a
    bill, a programme), else their rarest shared word pair or word in the session."""
    for text in texts:
        for m in stance_cues.NAMED_THING.finditer(text):
            name = m.group(1)
            if not any(name in n or n in name for n in _people(session)):
                return name
    names = {w.lower() for p in _people(session) for w in _WORD.findall(p)}
    df: Counter[str] = Counter()
    for t in session.transcript.turns:
        df.update(set(_grams(t.text, names)))
    n = max(1, len(session.transcript.turns))
    grams = [g for text in texts for g in _grams(text, names)]
    if not grams:
        return ""
    best = max(grams, key=lambda g: (math.log(n / max(1, df[g])) * (1.5 if " " in g else 1.0), g))
    return surface(best, texts)


def surface(phrase: str, texts: list[str]) -> str:
    """A (stemmed, lower-case) phrase as the first of `texts` writes it, capitalised."""
    pattern = re.compile(r"\b" + r"\W+".join(re.escape(w) + r"[\w'’]*" for w in phrase.split()), re.I)
    found = next((m.group(0) for t in texts if (m := pattern.search(t))), phrase)
    return found[:1].upper() + found[1:]


def _people(session: Session) -> list[str]:
    return list(dict.fromkeys([s.name for s in session.transcript.speakers] + session.speakers()))


def _grams(text: str, names: set[str]) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    out = []
    for n in (1, 2):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if any(w in STOPWORDS or w in names or len(w) < 3 or _VERBISH.search(w) for w in gram):
                continue
            out.append(" ".join(gram))
    return out
