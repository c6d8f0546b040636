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
from itertools import combinations

import numpy as np

from ...models import Agreements, Differences
from . import cues, exchanges, stance_cues
from .arguments import Claim, title_text
from .keywords import phrase_uses
from .points import Point, speaker_list
from .session import Session, unit
from .stated_stances import Relations, claim_of, pair, said_stance, stated_agreements, stated_differences

AGREE = 0.62  # arguments of two speakers converge
GROUP = 0.62  # edges of an agreement point (3+ speakers)
MIN_CHAIR_STATEMENTS = 5  # a chair's own statements needed to have a position
THEME_SIM = 0.5  # phrase-bearing sentences of two speakers must be this close
THEMES_PER_SPEAKER = 0.8
MAX_THEMES = 12
SPECIFIC_ONLY = True  # semantic pairs need a shared two-word phrase or figure
MIN_PHRASE_USES = 3  # a shared phrase said only once by each of two speakers is a coincidence of wording
_CONTRAST_TITLE = re.compile(r"\b(but|however|although|whereas|rather than|instead|on the other hand|unlike)\b", re.I)


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

    apart = stated_differences(session, claims, voices, speakers, rel)
    together = stated_agreements(session, claims, voices, speakers, apart, rel)
    askers = exchanges.questioners(session)
    blocked = set(apart) | {pair(a, b) for a in speakers for b in speakers if a != b and (a in askers) != (b in askers)}

    # Best pair of arguments for each pair of speakers: a contrast-marked one on the same
    # subject is a partial agreement.
    best: dict[tuple[str, str], tuple[float, int, int]] = {}
    for a, b in combinations(range(len(ids)), 2):
        ca, cb = claims[ids[a]], claims[ids[b]]
        if ca.speaker == cb.speaker:
            continue
        key = pair(ca.speaker, cb.speaker)
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
        members = [claim_of(session, claims, voices, s, sents[s]) for s in group]
        who = [(sents[s][0], 0) for s in group]
        label = exchanges.surface(phrase, [session.sentences[k].text for k, _ in who])
        if len(group) >= 3:
            rel.agreements.agreement_points.append(
                said_stance(
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
        stance = said_stance(
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
            said_stance(
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
