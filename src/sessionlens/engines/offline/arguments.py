"""Arguments per speaker: segment what they said, take each segment's claim, support and evidence.

A speaker's substantive sentences are cut into contiguous segments where the topic shifts
(lowest similarity between neighbouring windows, with a bonus at turn boundaries), one
segment per ~WORDS_PER_ARGUMENT words. In each segment the most central claim-like sentence
is the title, the next most central sentences the explanation, and sentences with figures,
studies, named programmes or examples the evidence. Everything is a transcript span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from . import cues
from .ledger import Ledger
from .session import Session, unit

WORDS_PER_ARGUMENT = 260
MAX_ARGUMENTS = 4  # per speaker
MIN_WORDS = 40  # a speaker with fewer substantive words gets no argument
MIN_CHAIR_WORDS = 300  # a chair argues only when they say this much beyond chairing
MIN_SEGMENT = 3  # sentences
EXPLANATION_SENTENCES = 3
EXPLANATION_WORDS = 75  # an explanation stops growing past this many words
EVIDENCE_WORDS = 45


@dataclass
class Claim:
    """An argument under construction: sentence indices into `Session.sentences`."""

    speaker: str
    title: int
    explanation: list[int]
    evidence: list[int]
    members: list[int]
    vector: np.ndarray
    title_skip: int = 0  # leading filler characters cut from the title
    title_options: list[int] = field(default_factory=list)  # claim sentences, best title first
    topics: list[tuple[str, float]] = field(default_factory=list)
    point: int = -1

    def sentence_ids(self) -> list[int]:
        return sorted({self.title, *self.explanation, *self.evidence})


def _segments(vecs: np.ndarray, turns: list[int], k: int) -> list[tuple[int, int]]:
    """Cut n ordered sentences into k contiguous [a, b) segments at topic shifts."""
    n = len(vecs)
    if k <= 1 or n < 2 * MIN_SEGMENT:
        return [(0, n)]
    gaps = []
    for i in range(1, n):
        left = unit(vecs[max(0, i - 2) : i].sum(0))
        right = unit(vecs[i : i + 2].sum(0))
        score = float(left @ right) - (0.15 if turns[i] != turns[i - 1] else 0.0)
        gaps.append((score, i))
    cuts: list[int] = []
    for _, i in sorted(gaps):
        bounds = sorted([0, *cuts, i, n])
        if all(b - a >= MIN_SEGMENT for a, b in pairwise(bounds)):
            cuts.append(i)
        if len(cuts) == k - 1:
            break
    bounds = sorted([0, *cuts, n])
    return list(pairwise(bounds))


def _title_score(text: str, words: int, centrality: float, question: bool) -> float:
    score = centrality
    score += 0.05 if cues.has(cues.CLAIM, text) else 0.0
    score -= 0.15 if question else 0.0
    score -= 0.2 if words < 8 else 0.0
    score -= 0.1 if words > 45 else 0.0
    score += 0.03 if cues.has(cues.FIGURE, text) else 0.0
    return score


def _skip(text: str) -> int:
    """Leading fillers to cut from a title, where what is left still opens like a sentence."""
    return len(text) - len(cues.core(text))


def _is_evidence(text: str) -> bool:
    return any(cues.has(p, text) for p in (cues.FIGURE, cues.STUDY, cues.EXAMPLE))


def speaker_claims(session: Session, speaker: str) -> list[Claim]:
    """The arguments of one speaker (none for chairs' procedure or a few words)."""
    chair = speaker in session.moderators
    ids = [s.index for s in session.sentences if s.speaker == speaker and session.content[s.index]]
    if chair:
        ids = [i for i in ids if not session.sentences[i].is_question]
    words = sum(session.sentences[i].words for i in ids)
    if words < (MIN_CHAIR_WORDS if chair else MIN_WORDS) or not ids:
        return []
    k = max(1, min(MAX_ARGUMENTS, round(words / WORDS_PER_ARGUMENT)))
    if chair:
        k = 1  # a chair's substance is usually one framing position
    vecs = session.vectors[ids]
    turns = [session.sentences[i].turn for i in ids]
    claims = []
    for a, b in _segments(vecs, turns, k):
        claim = _claim(session, speaker, ids[a:b])
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(session: Session, speaker: str, members: list[int]) -> Claim | None:
    """The segment's argument; None when no sentence of it is a complete claim."""
    vecs = session.vectors[members]
    centroid = unit(vecs.sum(0))
    central = vecs @ centroid
    sents = [session.sentences[i] for i in members]
    scores = [_title_score(s.text, s.words, float(c), s.is_question) for s, c in zip(sents, central, strict=True)]
    order = [int(j) for j in np.argsort(-np.array(scores)) if session.claim[members[int(j)]]]
    if not order:
        return None
    title = members[order[0]]
    # Only complete claims support a claim: no questions, fragments or courtesy lines.
    rest = [
        members[int(j)] for j in np.argsort(-central) if members[int(j)] != title and session.support[members[int(j)]]
    ]
    evidence = [i for i in rest if _is_evidence(session.sentences[i].text)][:2]
    explanation = [i for i in rest if i not in evidence][:EXPLANATION_SENTENCES]
    picked = [title, *explanation]
    # Candidates stay ranked (best first, beyond the limits): `fill_support` takes the free ones.
    evidence = [i for i in rest if _is_evidence(session.sentences[i].text)]
    explanation = [i for i in rest if i not in evidence[:2]]
    vector = unit(session.vectors[picked].sum(0))
    return Claim(
        speaker=speaker,
        title=title,
        explanation=explanation,
        evidence=evidence,
        members=members,
        vector=vector,
        title_skip=_skip(session.sentences[title].text),
        title_options=[members[j] for j in order],
    )


def extract_claims(session: Session) -> list[Claim]:
    """Arguments of every speaker, in order of first appearance.

    Titles, explanations and evidence are still ranked candidates: `assign_titles` and
    `fill_support` choose among them through the ledger, so no sentence is shown twice.
    """
    return [c for speaker in session.speakers() for c in speaker_claims(session, speaker)]


def assign_titles(session: Session, claims: list[Claim], ledger: Ledger) -> None:
    """Each claim's best title not already shown (a key takeaway, an earlier argument).

    A claim whose every candidate is taken keeps its first choice: its points and
    relations are already built on it.
    """
    for c in claims:
        title = ledger.pick(c.title_options, 1)
        c.title = title[0] if title else c.title
        c.title_skip = _skip(session.sentences[c.title].text)
        c.explanation = [i for i in c.explanation if i != c.title]
        c.evidence = [i for i in c.evidence if i != c.title]


def fill_support(session: Session, claims: list[Claim], ledger: Ledger) -> None:
    """Each claim's explanation and evidence: its best candidates not shown elsewhere.

    The explanation takes sentences until EXPLANATION_WORDS (at least one, at most
    EXPLANATION_SENTENCES); the evidence is one sentence, so a report stays shorter than
    the session it reports on.
    """
    for c in claims:
        c.evidence = sorted(ledger.pick([i for i in c.evidence if session.sentences[i].words <= EVIDENCE_WORDS], 1))
        explanation: list[int] = []
        words = 0
        for i in c.explanation:
            if i in c.evidence or len(explanation) == EXPLANATION_SENTENCES or words >= EXPLANATION_WORDS:
                continue
            if explanation and words + session.sentences[i].words > EXPLANATION_WORDS + 15:
                continue  # a long sentence would blow the budget: a shorter one may follow
            if ledger.pick([i]):
                explanation.append(i)
                words += session.sentences[i].words
        c.explanation = sorted(explanation)


def join_spans(session: Session, ids: list[int]) -> str:
    """Sentences in transcript order; ' … ' marks where non-adjacent sentences were joined."""
    parts: list[str] = []
    prev = None
    for i in sorted(ids):
        s = session.sentences[i]
        if prev is not None:
            adjacent = s.turn == prev.turn and s.position == prev.position + 1
            parts.append(" " if adjacent else " … ")
        parts.append(s.text)
        prev = s
    return "".join(parts)


def title_text(session: Session, claim: Claim) -> str:
    """The claim sentence without leading fillers, first letter capitalised only if it was."""
    return session.sentences[claim.title].text[claim.title_skip :]
