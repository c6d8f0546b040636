"""Key takeaways, action items, unresolved issues and compromises: one test per kind.

- An action item has an actor and a commitment: a first-person or named subject with a
  future or committed verb ("we will", "we are launching", "our target is"), never a
  chairing line ("I will now recognize…").
- A compromise has a concessive or balancing structure ("while…", "balance between…",
  "both… and…", "as long as…", "not only… but also…").
- An unresolved issue is a problem a speaker named as open (a gap, a barrier, "remains a
  challenge") that no later speaker took up with a commitment.
- A key takeaway is a claim several speakers supported (sentences of other speakers close
  to it), one per discussion point, or else the session's most central claims.

Each item is one transcript sentence, taken from the ledger so no section repeats another.
"""

from __future__ import annotations

import re

import numpy as np

from ...models import ActionItem, Takeaways
from . import cues, units
from .arguments import Claim
from .ledger import Ledger
from .points import Point
from .session import Session, unit

MAX_ACTIONS, MAX_OPEN, MAX_COMPROMISES, MAX_KEY = 8, 7, 5, 8
SUPPORTED = 0.55  # a sentence of another speaker this close supports a claim
RESOLVED = 0.6  # a later commitment this close to an open issue answers it
_PROCEDURAL_COMMIT = re.compile(
    r"\b(will|'ll|going to) (now |then |just |also |\w+ly )?(hear|move|turn|go|start|begin|close|end|have|ask|"
    r"come back|pass|give|leave|stop|say|talk|speak|share|mention|focus|be brief|recogni[sz]e|"
    r"introduce|invite|call|yield|take (a|your|some) (question|moment)|answer|respond|repeat|"
    r"discuss|try|note|flag|again|back|fix|see)\b",
    re.I,
)
COMPROMISE = re.compile(
    r"^\W*(?:(?:so|and|but|now),?\s+)?(?:while|although|though|even though|even if|whilst)\b|"
    r",\s*(?:while|whilst|although)\b|\bbalanc(?:e|ing) (?:between|with|against|the)\b|"
    r"\b(?:strike|striking|find|finding|right) (?:a|the) balance|\bboth\b.{1,60}\band\b|\bas long as\b|"
    r"\bnot only\b.{1,80}\bbut also\b|\bat the same time\b|\bwithout (?:losing|sacrificing|stifling|"
    r"compromising|undermining)\b|\btrade-?offs?\b|\bcompromise\b|\bmiddle ground\b|\bon the one hand\b",
    re.I,
)


def _central_order(session: Session, ids: list[int]) -> list[int]:
    """`ids` by closeness to the session's centroid, most central first."""
    if not ids:
        return []
    centroid = unit(session.vectors[session.content].sum(0))
    return sorted(ids, key=lambda i: -float(session.vectors[i] @ centroid))


def _candidates(session: Session, pattern: re.Pattern[str], min_words: int = 8) -> list[int]:
    """Complete, non-procedural sentences of at least `min_words` words matching `pattern`."""
    return [
        s.index
        for s in session.sentences
        if session.support[s.index]
        and s.words >= min_words
        and not units.is_procedural_line(s.text)
        and cues.has(pattern, s.text)
    ]


_ACTOR = re.compile(r"\b(we|i|our|my)\b|'(ll|re)\b", re.I)
# Fear, hope or a prediction is not a pledge: "I worry that … will be attacked".
_NOT_A_PLEDGE = re.compile(r"\b(worr(y|ied)|fear|afraid|concerned|hope|wish)\b|\bwill (be )?never\b", re.I)


def is_action(text: str) -> bool:
    """An actor and a commitment, and not a line of chairing or courtesy, fear or hope."""
    text = units.plain(text)
    return (
        cues.has(cues.COMMIT, text)
        and cues.has(_ACTOR, text)
        and not cues.has(_NOT_A_PLEDGE, text)
        and not cues.has(_PROCEDURAL_COMMIT, text)
        and not units.is_procedural_line(text)
        and not units.is_question(text)
    )


def action_items(session: Session, ledger: Ledger) -> list[ActionItem]:
    # A chair's "we will…" is procedure unless it names a figure or date (a deliverable).
    ids = [
        i
        for i in _candidates(session, cues.COMMIT)
        if is_action(session.sentences[i].text)
        and (session.sentences[i].speaker not in session.moderators or cues.has(cues.FIGURE, session.sentences[i].text))
    ]
    # A deliverable with a figure or date ("20,000 civil servants", "by 2030") ranks first.
    ids = sorted(_central_order(session, ids), key=lambda i: not cues.has(cues.FIGURE, session.sentences[i].text))
    chosen = sorted(ledger.pick(ids, MAX_ACTIONS))
    return [ActionItem(text=cues.core(session.sentences[i].text), speaker=session.sentences[i].speaker) for i in chosen]


def _resolved(session: Session, i: int) -> bool:
    """A later sentence of another speaker commits to what sentence `i` named as open."""
    s = session.sentences[i]
    later = [
        j
        for j in range(i + 1, len(session.sentences))
        if session.sentences[j].speaker != s.speaker
        and session.support[j]
        and cues.has(cues.COMMIT, session.sentences[j].text)
    ]
    return bool(later) and float((session.vectors[later] @ session.vectors[i]).max()) >= RESOLVED


def unresolved(session: Session, ledger: Ledger) -> list[int]:
    """Sentences naming gaps, open questions or unsolved problems that no later turn resolved."""
    ids = [
        i
        for i in _candidates(session, cues.OPEN_ISSUE, 10)
        if cues.open_issue(session.sentences[i].text) and not _resolved(session, i)
    ]
    return sorted(ledger.pick(_central_order(session, ids), MAX_OPEN))


def is_compromise(text: str) -> bool:
    """A concessive or balancing structure around a position (a stance or obligation word):
    "While X, we must Y"; a concession that only narrates ("While I joined in June…") is not one."""
    return cues.has(COMPROMISE, text) and cues.has(cues.CLAIM, text)


def compromises(session: Session, ledger: Ledger) -> list[int]:
    """Sentences with a concessive or balancing structure."""
    ids = [i for i in _candidates(session, COMPROMISE, 10) if is_compromise(session.sentences[i].text)]
    return sorted(ledger.pick(_central_order(session, ids), MAX_COMPROMISES))


def _support(session: Session, i: int) -> int:
    """How many other speakers said something close to sentence `i`."""
    s = session.sentences[i]
    others = [j for j in np.flatnonzero(session.content) if session.sentences[j].speaker != s.speaker]
    if not others:
        return 0
    sims = session.vectors[others] @ session.vectors[i]
    return len({session.sentences[others[k]].speaker for k in np.flatnonzero(sims >= SUPPORTED)})


def key_takeaways(session: Session, claims: list[Claim], points: list[Point], ledger: Ledger) -> list[int]:
    """Per discussion point, the claim most speakers supported; then the most central claims."""
    # Per point, the claims nearest its centre, those echoed by most other speakers first;
    # one per point, then a second one per point (largest first) up to MAX_KEY.
    rounds: list[list[int]] = [[], []]
    for p in sorted(points, key=lambda p: -len(p.claims)):
        centroid = unit(np.stack([claims[c].vector for c in p.claims]).sum(0))
        order = sorted(p.claims, key=lambda c: -float(claims[c].vector @ centroid))
        ranked = [claims[c].title_options[0] for c in order[:4] if claims[c].title_options]
        ranked = sorted(ranked, key=lambda i: -_support(session, i))
        for r, i in zip(rounds, ranked, strict=False):
            r.append(i)
    picked = ledger.pick(rounds[0] + rounds[1], MAX_KEY)
    if len(picked) < 3:
        rest = [int(i) for i in np.flatnonzero(session.claim) if session.sentences[i].speaker not in session.moderators]
        picked += ledger.pick(_central_order(session, rest), 3 - len(picked))
    return sorted(picked[:MAX_KEY])


def takeaways(session: Session, claims: list[Claim], points: list[Point], ledger: Ledger) -> Takeaways:
    """The list sections, each sentence taken in the ledger: the kinds with a test of their
    own first, then the key takeaways."""
    actions = action_items(session, ledger)
    open_ids = unresolved(session, ledger)
    middle = compromises(session, ledger)
    key = key_takeaways(session, claims, points, ledger)
    text = [cues.core(s.text) for s in session.sentences]
    return Takeaways(
        key_takeaways=[text[i] for i in key],
        action_items=actions,
        unresolved_issues=[text[i] for i in open_ids],
        compromises=[text[i] for i in middle],
    )
