"""Stances the speakers state: named or implicit disagreements, replies that reject or endorse.

What a speaker says to another ("I disagree with Kamal", "as Ko said", a reply that opens
"Exactly." or "with respect,") and rebuttals found by similarity; `agreements.relate` adds the
semantic pairs and makes the items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ...models import Agreements, Differences, Position, Stance
from . import cues, exchanges
from .arguments import Claim, title_text
from .session import Session, unit

ISOLATED = 0.40
OPPOSE = 0.60  # a rejecting sentence this close to an earlier speaker's sentence answers it


@dataclass
class Relations:
    agreements: Agreements
    differences: Differences


def argument_id(claim: int) -> str:
    """The id the offline engine gives the argument made from claim number `claim`."""
    return f"arg-{claim + 1}"


def claim_of(session: Session, claims: list[Claim], ids: list[int], speaker: str, sents: list[int]) -> int:
    """The speaker's argument holding (or nearest to) the given sentences."""
    own = [i for i in ids if claims[i].speaker == speaker]
    for i in own:
        if set(sents) & set(claims[i].members):
            return i
    v = unit(session.vectors[sents].sum(0))
    return max(own, key=lambda i: float(claims[i].vector @ v))


def _explicit(session: Session, pattern: re.Pattern[str]) -> dict[tuple[str, str], int]:
    """Unordered speaker pairs where one names the other next to an (dis)agreement cue,
    with the (first) sentence that says so."""
    pairs: dict[tuple[str, str], int] = {}
    for s in session.sentences:
        if s.speaker in session.moderators or not cues.has(pattern, s.text):
            continue
        for other in session.mentions(s.text):
            if other != s.speaker and other not in session.moderators:
                pairs.setdefault(tuple(sorted((s.speaker, other))), s.index)  # type: ignore[arg-type]
    return pairs


def _implicit_differences(
    session: Session, claims: list[Claim], ids: list[int], taken: set[tuple[str, str]]
) -> list[tuple[int, int]]:
    """(rejecting sentence, the earlier sentence it answers) for unnamed differences.

    A panellist's sentence with a rejection cue (`cues.REJECT`: "that's not our job",
    "rather than", …) whose closest earlier sentence by another panellist is at cosine ≥
    OPPOSE, where the arguments holding the two sentences are related too (cosine ≥
    ISOLATED; a close sentence inside unrelated arguments is a coincidence): the sentence
    sets itself against that position. Pairs already related (`taken`) are left,
    and at most one pair per 8 panellists is kept, the closest first, since the cue
    alone cannot tell a rebuttal from a contrast with the world at large.
    """
    speakers = {claims[i].speaker for i in ids}
    panel = [s.index for s in session.sentences if session.content[s.index] and s.speaker in speakers]
    found: list[tuple[float, int, int]] = []
    for k in panel:
        said = session.sentences[k]
        if not cues.has(cues.REJECT, said.text) or cues.has(cues.AGREE, said.text):
            continue
        earlier = [j for j in panel if j < k and session.sentences[j].speaker != said.speaker]
        if not earlier:
            continue
        sims = session.vectors[earlier] @ session.vectors[k]
        j = earlier[int(np.argmax(sims))]
        other = session.sentences[j].speaker
        key = tuple(sorted((said.speaker, other)))
        if float(sims.max()) < OPPOSE or key in taken:
            continue
        mine = claim_of(session, claims, ids, said.speaker, [k])
        theirs = claim_of(session, claims, ids, other, [j])
        if float(claims[mine].vector @ claims[theirs].vector) >= ISOLATED:
            found.append((float(sims.max()), k, j))
    out: list[tuple[int, int]] = []
    seen: set[tuple[str, str]] = set()
    for _, k, j in sorted(found, reverse=True):
        key = tuple(sorted((session.sentences[k].speaker, session.sentences[j].speaker)))
        if key not in seen:
            seen.add(key)  # type: ignore[arg-type]
            out.append((k, j))
    return out[: max(1, len(speakers) // 8)]


def _holder(session: Session, claims: list[Claim], voices: list[int], speaker: str, k: int) -> int | None:
    """The speaker's argument holding sentence `k`, else the nearest to it; None without any."""
    own = [i for i in voices if claims[i].speaker == speaker]
    if not own:
        return None
    return claim_of(session, claims, voices, speaker, [k])


def _nearest_of(session: Session, speaker: str, k: int) -> int | None:
    """The speaker's substantive sentence closest in meaning to sentence `k`."""
    own = [s.index for s in session.sentences if s.speaker == speaker and session.content[s.index]]
    if not own:
        return None
    return own[int(np.argmax(session.vectors[own] @ session.vectors[k]))]


def said_stance(
    session: Session,
    claims: list[Claim],
    voices: list[int],
    who: list[tuple[int, int]],
    point: str,
    summary: str,
    explanation: str | None = None,
) -> Stance:
    """A stance item from (sentence index, side) per speaker: each speaker's words are that
    sentence, their argument the one holding (or nearest to) it."""
    positions: list[Position] = []
    titles: list[str] = []
    topics: list[str] = []
    for k, side in who:
        sentence = session.sentences[k]
        if any(p.speaker == sentence.speaker for p in positions):
            continue
        c = _holder(session, claims, voices, sentence.speaker, k)
        if c is not None:
            titles.append(title_text(session, claims[c]))
            topics += [label for label, _ in claims[c].topics if label not in topics]
        positions.append(
            Position(
                speaker=sentence.speaker,
                quote=sentence.text,
                turn=sentence.turn,
                argument_id=argument_id(c) if c is not None else None,
                side=side,
            )
        )
    return Stance(
        point=point or None,
        positions=positions,
        arguments=titles,
        summary=summary,
        explanation=explanation,
        topics=topics[:3],
    )


def _named(session: Session, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(the named speaker's closest sentence, the cue sentence) for each explicit reference."""
    out = []
    for key, k in sorted(_explicit(session, pattern).items()):
        other = key[1] if key[0] == session.sentences[k].speaker else key[0]
        j = _nearest_of(session, other, k)
        if j is not None:
            out.append((j, k))
    return out


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


_HOW = {
    "opposes": "{b} set themselves against {a}'s words.",
    "declines": "{a} asked and {b} declined.",
    "does not accept": "{a} put it to {b}, who answered otherwise.",
    "rejects the answer": "{a} did not accept {b}'s answer.",
}


def stated_differences(
    session: Session, claims: list[Claim], voices: list[int], speakers: set[str], rel: Relations
) -> set[tuple[str, str]]:
    """Differences the speakers state: a named disagreement ("I disagree with Rahul"), a
    reply that opposes, declines or turns down the previous speaker (`exchanges`), and a
    rejection close in meaning to an earlier position (`_implicit_differences`)."""
    apart: set[tuple[str, str]] = set()
    items = rel.differences.different_viewpoints
    for j, k in _named(session, cues.DISAGREE):
        said, other = session.sentences[k], session.sentences[j].speaker
        if said.speaker not in speakers or other not in speakers:
            continue
        apart.add(pair(said.speaker, other))
        items.append(
            said_stance(
                session,
                claims,
                voices,
                [(j, 0), (k, 1)],
                exchanges.point_label(session, [said.text, session.sentences[j].text]),
                f"{said.speaker} disagreed with {other} explicitly: “{said.text}”",
            )
        )
    seen: dict[tuple[str, str], int] = {}
    for o in exchanges.oppositions(session, speakers):
        a, b = session.sentences[o.said], session.sentences[o.reply]
        key = pair(a.speaker, b.speaker)
        if key in apart and key not in seen:
            continue  # already recorded from a named disagreement
        label = exchanges.point_label(session, [a.text, b.text])
        if seen.get(key, 0) >= 2 or any(
            st.point == label and pair(*st.speakers[:2]) == key for st in items if len(st.speakers) >= 2
        ):
            continue
        seen[key] = seen.get(key, 0) + 1
        apart.add(key)
        first, second = (o.said, o.reply) if o.how != "rejects the answer" else (o.reply, o.said)
        asker, other = session.sentences[first].speaker, session.sentences[second].speaker
        items.append(
            said_stance(
                session,
                claims,
                voices,
                [(o.said, 0), (o.reply, 1)],
                label,
                _HOW[o.how].format(a=asker, b=other),
                explanation="Read from the exchange between them; the quotes are theirs.",
            )
        )
    ids = [i for i in voices if claims[i].speaker in speakers]
    for k, j in _implicit_differences(session, claims, ids, set(apart)):
        said, answered = session.sentences[k], session.sentences[j]
        apart.add(pair(said.speaker, answered.speaker))
        items.append(
            said_stance(
                session,
                claims,
                voices,
                [(j, 0), (k, 1)],
                exchanges.point_label(session, [said.text, answered.text]),
                f"{answered.speaker} spoke first; later {said.speaker} took another line.",
                explanation="Neither names the other; the later sentence rejects a position close in meaning to the "
                "earlier one.",
            )
        )
    return apart


def stated_agreements(
    session: Session,
    claims: list[Claim],
    voices: list[int],
    speakers: set[str],
    apart: set[tuple[str, str]],
    rel: Relations,
) -> set[tuple[str, str]]:
    """Agreement the speakers state: naming the other ("I agree with Lena", "as Ko said") or
    replying to them ("you're absolutely right")."""
    found = _named(session, cues.AGREE) + exchanges.assents(session, speakers)
    together: set[tuple[str, str]] = set()
    for j, k in found:
        said, other = session.sentences[k], session.sentences[j]
        key = pair(said.speaker, other.speaker)
        if key in apart or key in together or not {said.speaker, other.speaker} <= speakers:
            continue
        together.add(key)
        rel.agreements.similar_viewpoints.append(
            said_stance(
                session,
                claims,
                voices,
                [(j, 0), (k, 0)],
                exchanges.point_label(session, [said.text, other.text]),
                f"{said.speaker} agreed with {other.speaker} explicitly: “{said.text}”",
            )
        )
    return together
