"""Agreements and differences between speakers, symmetric by construction.

Convergence is read from argument similarity *and* the absence of contrast: two speakers
agree when their arguments say the same thing (cosine ≥ AGREE) and neither title sets
itself against the other with a contrast marker; a contrast-marked pair on the same subject
is a partial agreement. Explicit cues ("I disagree with Kamal", "as Ko said") add pairs the
vectors cannot see. Every relation is an unordered pair of speakers, and the per-argument
"agreed with / disagreed with" fields are filled from the same stances, so A→B implies B→A.
Chairs are left out: moderating a panel is not agreeing with it, and in an interview there
is no second panellist to agree with.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ...models import Agreements, Differences, Position, Stance
from . import cues, exchanges, stance_cues
from .arguments import Claim, title_text
from .keywords import phrase_uses
from .points import Point, speaker_list
from .session import Session, unit

AGREE = 0.62  # arguments of two speakers converge
GROUP = 0.62  # edges of an agreement point (3+ speakers)
ISOLATED = 0.40
OPPOSE = 0.60  # a rejecting sentence this close to an earlier speaker's sentence answers it
MIN_CHAIR_STATEMENTS = 5  # a chair's own statements needed to have a position
THEME_SIM = 0.5  # phrase-bearing sentences of two speakers must be this close
THEMES_PER_SPEAKER = 0.8
MAX_THEMES = 12
SPECIFIC_ONLY = True  # semantic pairs need a shared two-word phrase or figure
MIN_PHRASE_USES = 3  # a shared phrase said only once by each of two speakers is a coincidence of wording
_CONTRAST_TITLE = re.compile(r"\b(but|however|although|whereas|rather than|instead|on the other hand|unlike)\b", re.I)


@dataclass
class Relations:
    agreements: Agreements
    differences: Differences


def argument_id(claim: int) -> str:
    """The id the offline engine gives the argument made from claim number `claim`."""
    return f"arg-{claim + 1}"


def _components(nodes: list[int], edges: set[tuple[int, int]]) -> list[list[int]]:
    parent = {n: n for n in nodes}

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for n in nodes:
        groups.setdefault(find(n), []).append(n)
    return [sorted(g) for g in groups.values()]


_ADDRESS = re.compile(r"\b(you|your|yours|yourself)\b", re.I)


def own_position(session: Session, index: int) -> bool:
    """Whether a chair's substantive sentence states the chair's own view.

    A chair who names a panellist or speaks to "you" is introducing, prompting or
    summarising someone else; only the remaining statements can agree with a panellist.
    """
    s = session.sentences[index]
    if not session.content[index] or s.is_question or cues.has(_ADDRESS, s.text):
        return False
    return not [m for m in session.mentions(s.text) if m != s.speaker]


def _join_chair(session: Session, chair: str, groups: list[tuple[list[str], dict[str, list[int]], str]]) -> None:
    """Add a chair who argues to the one agreement group closest to their own position.

    The chair's position is the centroid of their own statements (`own_position`); it must
    be at cosine ≥ GROUP from the centroid of a group's sentences. A chair has a single
    argument (see `arguments.speaker_claims`), so they join one group at most, and the
    panellists' groups are found without them: echoing everyone's words is what chairs do.
    """
    mine = [s.index for s in session.sentences if s.speaker == chair and own_position(session, s.index)]
    if len(mine) < MIN_CHAIR_STATEMENTS:
        return
    position = unit(session.vectors[mine].sum(0))
    scores = [
        float(position @ unit(session.vectors[[k for ks in sents.values() for k in ks]].sum(0)))
        for _, sents, _ in groups
    ]
    if not scores or max(scores) < GROUP:
        return
    speakers, sents, _ = groups[int(np.argmax(scores))]
    close = mine[int(np.argmax(session.vectors[mine] @ position))]
    speakers.append(chair)
    sents[chair] = [close]


def _shared_themes(
    session: Session, speakers: set[str], apart: set[tuple[str, str]]
) -> list[tuple[list[str], dict[str, list[int]], str]]:
    """Groups of 2-3 speakers sharing a phrase few others use, said in similar sentences.

    Phrases are ranked by frequency × log(speakers / speakers using it); the sentences of
    each pair that carry the phrase must also be close in meaning (cosine ≥ THEME_SIM), so
    a shared word used about different things does not count. The phrase must recur
    (MIN_PHRASE_USES): two speakers each saying "full potential" once share wording, not a
    thread of the discussion. Speakers who pass pairwise form a group; where they do not all
    pass with each other, each passing pair is its own group (A agrees with B and with C does
    not make B agree with C). At most THEMES_PER_SPEAKER × speakers groups, each a new set
    of speakers. Pairs in `apart` (explicit disagreement) are never grouped.
    """
    items = [
        (s.speaker, s.index, s.text)
        for s in session.sentences
        if s.speaker in speakers
        and session.content[s.index]
        and not cues.has(cues.DISAGREE, s.text)
        and not cues.has(stance_cues.OPPOSE, s.text)
        and not stance_cues.REFUSE.search(s.text)
    ]
    uses = phrase_uses(items)
    n = len(speakers)
    max_df = max(2, min(3, n - 1))
    ranked = sorted(
        (
            (-sum(map(len, who.values())) * math.log(n / len(who)) * (1.5 if " " in p else 1), p)
            for p, who in uses.items()
            if 2 <= len(who) <= max_df and sum(map(len, who.values())) >= MIN_PHRASE_USES
        )
    )
    limit = max(1, min(MAX_THEMES, round(THEMES_PER_SPEAKER * n)))
    groups: list[tuple[list[str], dict[str, list[int]], str]] = []
    for _, phrase in ranked:
        if SPECIFIC_ONLY and not _specific(phrase):
            continue
        who = uses[phrase]
        close: dict[tuple[str, str], tuple[float, int, int]] = {}
        for a, b in combinations(sorted(who), 2):
            if (a, b) in apart:
                continue
            sims = session.vectors[who[a]] @ session.vectors[who[b]].T
            i, j = np.unravel_index(int(sims.argmax()), sims.shape)
            if float(sims.max()) >= THEME_SIM:
                close[(a, b)] = (float(sims.max()), who[a][i], who[b][j])
        if not close:
            continue
        # every pair of a group must pass on its own (a clique), else each passing pair stands alone
        keep = {x for p in close for x in p}
        if any(p not in close for p in combinations(sorted(keep), 2)):
            sets = [set(p) for p in sorted(close, key=lambda p: -close[p][0])]
        else:
            sets = [keep]
        for members in sets:
            said: dict[str, int] = {}
            for (a, b), (_, i, j) in sorted(close.items(), key=lambda kv: -kv[1][0]):
                if a in members and b in members:
                    said.setdefault(a, i)
                    said.setdefault(b, j)
            if any(members <= set(g) for g, _, _ in groups):
                continue
            groups = [grp for grp in groups if not set(grp[0]) < members]  # a larger group absorbs
            ordered = [s for s in session.speakers() if s in members]
            groups.append((ordered, {s: [said[s]] for s in ordered}, phrase))
            if len(groups) == limit:
                return groups
    return groups


def _specific(phrase: str) -> bool:
    """A phrase that names something specific: two content words, or a figure."""
    return " " in phrase or any(ch.isdigit() for ch in phrase)


def _claim_of(session: Session, claims: list[Claim], ids: list[int], speaker: str, sents: list[int]) -> int:
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
        mine = _claim_of(session, claims, ids, said.speaker, [k])
        theirs = _claim_of(session, claims, ids, other, [j])
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
    return _claim_of(session, claims, voices, speaker, [k])


def _nearest_of(session: Session, speaker: str, k: int) -> int | None:
    """The speaker's substantive sentence closest in meaning to sentence `k`."""
    own = [s.index for s in session.sentences if s.speaker == speaker and session.content[s.index]]
    if not own:
        return None
    return own[int(np.argmax(session.vectors[own] @ session.vectors[k]))]


def _said(
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


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


_HOW = {
    "opposes": "{b} set themselves against {a}'s words.",
    "declines": "{a} asked and {b} declined.",
    "does not accept": "{a} put it to {b}, who answered otherwise.",
    "rejects the answer": "{a} did not accept {b}'s answer.",
}


def _stated_differences(
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
        apart.add(_pair(said.speaker, other))
        items.append(
            _said(
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
        key = _pair(a.speaker, b.speaker)
        if key in apart and key not in seen:
            continue  # already recorded from a named disagreement
        label = exchanges.point_label(session, [a.text, b.text])
        if seen.get(key, 0) >= 2 or any(
            st.point == label and _pair(*st.speakers[:2]) == key for st in items if len(st.speakers) >= 2
        ):
            continue
        seen[key] = seen.get(key, 0) + 1
        apart.add(key)
        first, second = (o.said, o.reply) if o.how != "rejects the answer" else (o.reply, o.said)
        asker, other = session.sentences[first].speaker, session.sentences[second].speaker
        items.append(
            _said(
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
        apart.add(_pair(said.speaker, answered.speaker))
        items.append(
            _said(
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


def _stated_agreements(
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
        key = _pair(said.speaker, other.speaker)
        if key in apart or key in together or not {said.speaker, other.speaker} <= speakers:
            continue
        together.add(key)
        rel.agreements.similar_viewpoints.append(
            _said(
                session,
                claims,
                voices,
                [(j, 0), (k, 0)],
                exchanges.point_label(session, [said.text, other.text]),
                f"{said.speaker} agreed with {other.speaker} explicitly: “{said.text}”",
            )
        )
    return together


def relate(session: Session, claims: list[Claim], points: list[Point]) -> Relations:
    """Agreement points, similar viewpoints, unexpected consensus, differences, partials.

    What the speakers say to each other comes first (stated disagreement and agreement,
    replies to questions); shared specific phrases in close sentences add agreement, but
    never between a speaker and someone they disagreed with, nor between a speaker who puts
    questions to the others (`exchanges.questioners`) and one who answers them.
    """
    ids = [i for i, c in enumerate(claims) if c.speaker not in session.moderators]
    rel = Relations(Agreements(), Differences())
    speakers = {claims[i].speaker for i in ids}
    if len(speakers) < 2:
        _assess(rel, session, claims, ids)
        return rel
    voices = list(ids) + [i for i, c in enumerate(claims) if c.speaker in session.moderators]
    x = np.stack([claims[i].vector for i in ids])
    sim = x @ x.T
    title = {i: title_text(session, claims[i]) for i in ids}
    contrast = {i: cues.has(_CONTRAST_TITLE, title[i]) for i in ids}

    apart = _stated_differences(session, claims, voices, speakers, rel)
    together = _stated_agreements(session, claims, voices, speakers, apart, rel)
    askers = exchanges.questioners(session)
    blocked = set(apart) | {
        _pair(a, b) for a in speakers for b in speakers if a != b and (a in askers) != (b in askers)
    }

    # Best pair of arguments for each pair of speakers: a contrast-marked one on the same
    # subject is a partial agreement.
    best: dict[tuple[str, str], tuple[float, int, int]] = {}
    for a, b in combinations(range(len(ids)), 2):
        ca, cb = claims[ids[a]], claims[ids[b]]
        if ca.speaker == cb.speaker:
            continue
        key = _pair(ca.speaker, cb.speaker)
        if key not in best or sim[a, b] > best[key][0]:
            best[key] = (float(sim[a, b]), ids[a], ids[b])
    partial: list[tuple[int, int]] = []
    limit = max(1, len(speakers) // 3)
    for key, (v, i, j) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        if key in blocked or key in together or len(partial) >= limit:
            continue
        if v >= AGREE and contrast[i] != contrast[j]:
            partial.append((i, j))

    # Speakers who share a distinctive phrase and say similar things with it: three or more
    # make an agreement point, two a similar viewpoint, and two whose arguments sit under
    # different discussion points an unexpected consensus.
    themes = _shared_themes(session, speakers, blocked | together)
    for chair in sorted(session.moderators):
        if any(c.speaker == chair for c in claims):
            _join_chair(session, chair, themes)
    for group, sents, phrase in themes:
        members = [_claim_of(session, claims, voices, s, sents[s]) for s in group]
        who = [(sents[s][0], 0) for s in group]
        label = exchanges.surface(phrase, [session.sentences[k].text for k, _ in who])
        if len(group) >= 3:
            rel.agreements.agreement_points.append(
                _said(
                    session,
                    claims,
                    voices,
                    who,
                    label,
                    f"{speaker_list(group)} each made this point in their own words, with “{phrase}”.",
                )
            )
            continue
        a, b = (claims[i] for i in members)
        stance = _said(
            session,
            claims,
            voices,
            who,
            label,
            f"{a.speaker} and {b.speaker} argue along the same lines.",
        )
        if a.point == b.point or min(a.point, b.point) < 0:
            rel.agreements.similar_viewpoints.append(stance)
        else:
            stance.explanation = (
                f"Their arguments belong to different discussion points "
                f"({points[a.point].title}; {points[b.point].title}), yet they converge."
            )
            rel.agreements.unexpected_consensus.append(stance)

    qualified: set[int] = set()
    for i, j in partial:
        a, b = claims[i], claims[j]
        qualifier = a if contrast[i] else b
        # One qualifying sentence makes one item: set against several speakers it would be quoted again and again.
        if (i if contrast[i] else j) in qualified:
            continue
        qualified.add(i if contrast[i] else j)
        rel.differences.partial_agreements.append(
            _said(
                session,
                claims,
                voices,
                [(a.title, 0), (b.title, 1)],
                exchanges.point_label(session, [title[i], title[j]]),
                f"{a.speaker} and {b.speaker} address the same subject, but {qualifier.speaker} "
                "qualifies it with a contrast.",
            )
        )
    _assess(rel, session, claims, ids)
    return rel


def _assess(rel: Relations, session: Session, claims: list[Claim], ids: list[int]) -> None:
    speakers = {claims[i].speaker for i in ids}
    agreeing = {
        s
        for st in (
            *rel.agreements.agreement_points,
            *rel.agreements.similar_viewpoints,
            *rel.agreements.unexpected_consensus,
        )
        for s in st.speakers
    }
    differing = {
        s for st in (*rel.differences.different_viewpoints, *rel.differences.partial_agreements) for s in st.speakers
    }
    if len(speakers) < 2:
        return  # one voice (an interview): nothing to agree or disagree with
    share = len(agreeing) / len(speakers)
    level = "High" if share >= 0.6 else "Moderate" if share >= 0.3 else "Low"
    rel.agreements.consensus_level = f"{level} level of consensus"
    rel.agreements.assessment = (
        f"{level} level of consensus: {speaker_list(sorted(agreeing)) or 'no speakers'} made "
        "arguments that converge with another speaker's."
        if agreeing
        else "No two speakers made converging arguments."
    )
    dshare = len(differing) / len(speakers)
    dlevel = "Moderate" if dshare >= 0.3 else "Low" if differing else "No"
    rel.differences.disagreement_level = f"{dlevel} level of disagreement"
    rel.differences.assessment = (
        f"{dlevel} level of disagreement: {speaker_list(sorted(differing))} qualified or "
        "contested another speaker's position."
        if differing
        else "No speaker contested another speaker's position explicitly."
    )
