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

from ..models import Agreements, Differences, Position, Stance
from . import cues
from .arguments import Claim, title_text
from .keywords import phrase_uses
from .points import Point, speaker_list
from .session import Session, unit

AGREE = 0.62  # arguments of two speakers converge
GROUP = 0.62  # edges of an agreement point (3+ speakers)
ISOLATED = 0.40
OPPOSE = 0.60  # a rejecting sentence this close to an earlier speaker's sentence answers it
MIN_CHAIR_STATEMENTS = 5  # a chair's own statements needed to have a position
THEME_SIM = 0.35  # phrase-bearing sentences of two speakers must be this close
THEMES_PER_SPEAKER = 0.8
MAX_THEMES = 12  # below this to everyone else, an argument stands alone
_CONTRAST_TITLE = re.compile(
    r"\b(but|however|although|whereas|rather than|instead|on the other hand|unlike)\b", re.I
)


@dataclass
class Relations:
    agreements: Agreements
    differences: Differences


def argument_id(claim: int) -> str:
    """The id the offline engine gives the argument made from claim number `claim`."""
    return f"arg-{claim + 1}"


def _stance(session: Session, claims: list[Claim], ids: list[int], title: str, summary: str,
            explanation: str | None = None, said: dict[str, int] | None = None,
            sides: bool = False) -> Stance:
    """A stance item over claims `ids`; each speaker's quote is their sentence in `said`
    (else their argument's title sentence). With `sides`, each claim is its own side."""
    topics: list[str] = []
    for i in ids:
        for label, _ in claims[i].topics:
            if label not in topics:
                topics.append(label)
    positions: list[Position] = []
    for n, i in enumerate(ids):
        c = claims[i]
        if any(p.speaker == c.speaker for p in positions):
            continue
        k = (said or {}).get(c.speaker, c.title)
        sentence = session.sentences[k]
        positions.append(Position(speaker=c.speaker, quote=sentence.text, turn=sentence.turn,
                                  argument_id=argument_id(i), side=n if sides else 0))
    return Stance(
        point=title,
        positions=positions,
        arguments=[title_text(session, claims[i]) for i in ids],
        summary=summary,
        explanation=explanation,
        topics=topics[:3],
    )


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


def _join_chair(
    session: Session, chair: str, groups: list[tuple[list[str], dict[str, list[int]], str]]
) -> None:
    """Add a chair who argues to the one agreement group closest to their own position.

    The chair's position is the centroid of their own statements (`own_position`); it must
    be at cosine ≥ GROUP from the centroid of a group's sentences. A chair has a single
    argument (see `arguments.speaker_claims`), so they join one group at most, and the
    panellists' groups are found without them: echoing everyone's words is what chairs do.
    """
    mine = [s.index for s in session.sentences
            if s.speaker == chair and own_position(session, s.index)]
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
    a shared word used about different things does not count. At most THEMES_PER_SPEAKER ×
    speakers groups, each a new set of speakers. Pairs in `apart` (explicit disagreement)
    are never grouped.
    """
    items = [
        (s.speaker, s.index, s.text) for s in session.sentences
        if s.speaker in speakers and session.content[s.index]
        and not cues.has(cues.DISAGREE, s.text)
    ]
    uses = phrase_uses(items)
    n = len(speakers)
    max_df = max(2, min(3, n - 1))
    ranked = sorted(
        (
            (-sum(map(len, who.values())) * math.log(n / len(who)) * (1.5 if " " in p else 1), p)
            for p, who in uses.items() if 2 <= len(who) <= max_df
        )
    )
    limit = max(1, min(MAX_THEMES, round(THEMES_PER_SPEAKER * n)))
    groups: list[tuple[list[str], dict[str, list[int]], str]] = []
    for _, phrase in ranked:
        who = uses[phrase]
        keep: set[str] = set()
        for a, b in combinations(sorted(who), 2):
            if (a, b) in apart:
                continue
            if float((session.vectors[who[a]] @ session.vectors[who[b]].T).max()) >= THEME_SIM:
                keep |= {a, b}
        if any(p in apart for p in combinations(sorted(keep), 2)):
            continue
        if len(keep) < 2 or any(keep <= set(g) for g, _, _ in groups):
            continue
        groups = [grp for grp in groups if not set(grp[0]) < keep]  # a larger group absorbs
        ordered = [s for s in session.speakers() if s in keep]
        groups.append((ordered, {s: who[s] for s in ordered}, phrase))
        if len(groups) == limit:
            break
    return groups


def _claim_of(session: Session, claims: list[Claim], ids: list[int], speaker: str,
              sents: list[int]) -> int:
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
    panel = [s.index for s in session.sentences
             if session.content[s.index] and s.speaker in speakers]
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


def relate(session: Session, claims: list[Claim], points: list[Point]) -> Relations:
    """Agreement points, similar viewpoints, unexpected consensus, differences, partials."""
    ids = [i for i, c in enumerate(claims) if c.speaker not in session.moderators]
    rel = Relations(Agreements(), Differences())
    if len({claims[i].speaker for i in ids}) < 2:
        _assess(rel, session, claims, ids)
        return rel
    x = np.stack([claims[i].vector for i in ids])
    sim = x @ x.T
    title = {i: title_text(session, claims[i]) for i in ids}
    contrast = {i: cues.has(_CONTRAST_TITLE, title[i]) for i in ids}

    # Best pair of arguments for each pair of speakers.
    best: dict[tuple[str, str], tuple[float, int, int]] = {}
    for a, b in combinations(range(len(ids)), 2):
        ca, cb = claims[ids[a]], claims[ids[b]]
        if ca.speaker == cb.speaker:
            continue
        key = tuple(sorted((ca.speaker, cb.speaker)))
        if key not in best or sim[a, b] > best[key][0]:
            best[key] = (float(sim[a, b]), ids[a], ids[b])  # type: ignore[index]

    disagree = _explicit(session, cues.DISAGREE)
    agree_explicit = {k: v for k, v in _explicit(session, cues.AGREE).items() if k not in disagree}
    partial: list[tuple[int, int]] = []
    limit = max(1, len({claims[i].speaker for i in ids}) // 3)
    for key, (s, i, j) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        full = len(partial) >= limit
        if key in disagree or (full and key not in agree_explicit):
            continue
        if s >= AGREE and key not in agree_explicit and contrast[i] != contrast[j]:
            partial.append((i, j))

    # Speakers who share a distinctive phrase and say similar things with it: three or more
    # make an agreement point, two a similar viewpoint, and two whose arguments sit under
    # different discussion points an unexpected consensus.
    themes = _shared_themes(session, {claims[i].speaker for i in ids}, set(disagree))
    # In a panel a chair who also argues can share a panellist's position; in an interview
    # (one panellist, returned above) the chair only asks.
    voices = list(ids)
    for chair in sorted(session.moderators):
        own = [i for i, c in enumerate(claims) if c.speaker == chair]
        if own:
            voices += own
            _join_chair(session, chair, themes)
    for speakers, sents, _ in themes:
        members = [_claim_of(session, claims, voices, s, sents[s]) for s in speakers]
        flat = [k for s in speakers for k in sents[s]]
        central = flat[int(np.argmax(session.vectors[flat] @ unit(session.vectors[flat].sum(0))))]
        head = session.sentences[central].text
        head = head[cues.trim_opener(head):]
        if len(speakers) >= 3:
            rel.agreements.agreement_points.append(_stance(
                session, claims, members, head,
                f"{speaker_list(speakers)} each made this point in their own words; "
                "their arguments are listed with the point.",
                said={sp: sents[sp][0] for sp in speakers},
            ))
        else:
            a, b = (claims[i] for i in members)
            stance = _stance(
                session, claims, members, head,
                f"{a.speaker} and {b.speaker} argue along the same lines: "
                f"“{session.sentences[sents[a.speaker][0]].text}” and "
                f"“{session.sentences[sents[b.speaker][0]].text}”",
                said={sp: sents[sp][0] for sp in speakers},
            )
            if a.point == b.point or min(a.point, b.point) < 0:
                rel.agreements.similar_viewpoints.append(stance)
            else:
                stance.explanation = (
                    f"Their arguments belong to different discussion points "
                    f"({points[a.point].title}; {points[b.point].title}), yet they converge."
                )
                rel.agreements.unexpected_consensus.append(stance)

    # Explicit agreement ("I agree with Ana") the phrases may not show.
    with_claims = {claims[i].speaker for i in ids}
    for key, k in sorted(agree_explicit.items()):
        if not set(key) <= with_claims:
            continue  # a speaker without arguments has nothing to agree on
        said = session.sentences[k]
        own = _claim_of(session, claims, ids, said.speaker, [k])
        other = key[1] if key[0] == said.speaker else key[0]
        theirs = max((i for i in ids if claims[i].speaker == other),
                     key=lambda i: float(claims[i].vector @ session.vectors[k]))
        if any(set(key) <= set(st.speakers) for st in (*rel.agreements.agreement_points,
                                                       *rel.agreements.similar_viewpoints)):
            continue
        rel.agreements.similar_viewpoints.append(_stance(
            session, claims, [own, theirs], said.text,
            f"{said.speaker} agreed with {other} explicitly: “{said.text}”",
            said={said.speaker: k},
        ))

    for i, j in partial:
        a, b = claims[i], claims[j]
        qualifier = a if contrast[i] else b
        rel.differences.partial_agreements.append(_stance(
            session, claims, [i, j], title[i],
            f"{a.speaker} and {b.speaker} address the same subject, but {qualifier.speaker} "
            f"qualifies it with a contrast: “{title[i if contrast[i] else j]}”.",
            sides=True,
        ))

    for key, k in sorted(disagree.items()):
        if not set(key) <= with_claims:
            continue
        said = session.sentences[k]
        own = _claim_of(session, claims, ids, said.speaker, [k])
        other = key[1] if key[0] == said.speaker else key[0]
        theirs = max((i for i in ids if claims[i].speaker == other),
                     key=lambda i: float(claims[i].vector @ session.vectors[k]))
        rel.differences.different_viewpoints.append(_stance(
            session, claims, [own, theirs], said.text,
            f"{said.speaker} disagreed with {other} explicitly: “{said.text}”",
            said={said.speaker: k}, sides=True,
        ))

    agreeing = {tuple(sorted(p)) for st in (*rel.agreements.agreement_points,
                                            *rel.agreements.similar_viewpoints,
                                            *rel.agreements.unexpected_consensus)
                for p in combinations(st.speakers, 2)}
    for k, j in _implicit_differences(session, claims, ids, agreeing | set(disagree)):
        said, answered = session.sentences[k], session.sentences[j]
        own = _claim_of(session, claims, ids, said.speaker, [k])
        theirs = _claim_of(session, claims, ids, answered.speaker, [j])
        rel.differences.different_viewpoints.append(_stance(
            session, claims, [theirs, own], said.text[cues.trim_opener(said.text):],
            f"{answered.speaker} said “{answered.text}” Later {said.speaker} took another "
            f"line: “{said.text}”",
            explanation="Neither names the other; the later sentence rejects a position close "
            "in meaning to the earlier one.",
            said={said.speaker: k, answered.speaker: j}, sides=True,
        ))

    # A contrast-marked argument that no other speaker comes near: an unexpected difference.
    for a, i in enumerate(ids):
        others = [sim[a, b] for b in range(len(ids)) if claims[ids[b]].speaker != claims[i].speaker]
        if others and max(others) < ISOLATED and cues.has(cues.OPEN_ISSUE, title[i]):
            rel.differences.unexpected_differences.append(_stance(
                session, claims, [i], title[i],
                f"{claims[i].speaker} raised a point that no other speaker took up.",
                explanation="The argument names a gap or tension and has no close counterpart "
                "among the other speakers' arguments.",
            ))
    _assess(rel, session, claims, ids)
    return rel


def _assess(rel: Relations, session: Session, claims: list[Claim], ids: list[int]) -> None:
    speakers = {claims[i].speaker for i in ids}
    agreeing = {s for st in (*rel.agreements.agreement_points, *rel.agreements.similar_viewpoints,
                             *rel.agreements.unexpected_consensus) for s in st.speakers}
    differing = {s for st in (*rel.differences.different_viewpoints,
                              *rel.differences.partial_agreements) for s in st.speakers}
    if len(speakers) < 2:
        return  # one voice (an interview): nothing to agree or disagree with
    share = len(agreeing) / len(speakers)
    level = "High" if share >= 0.6 else "Moderate" if share >= 0.3 else "Low"
    rel.agreements.consensus_level = f"{level} level of consensus"
    rel.agreements.assessment = (
        f"{level} level of consensus: {speaker_list(sorted(agreeing)) or 'no speakers'} made "
        "arguments that converge with another speaker's."
        if agreeing else "No two speakers made converging arguments."
    )
    dshare = len(differing) / len(speakers)
    dlevel = "Moderate" if dshare >= 0.3 else "Low" if differing else "No"
    rel.differences.disagreement_level = f"{dlevel} level of disagreement"
    rel.differences.assessment = (
        f"{dlevel} level of disagreement: {speaker_list(sorted(differing))} qualified or "
        "contested another speaker's position."
        if differing else "No speaker contested another speaker's position explicitly."
    )
