"""Evidence packs: the verbatim turns a reduce step needs beside the argument digest.

A digest of claims cannot show who answered whom, who refused a question, or how a vote went.
Each pack picks the transcript sentences that carry what its step is asked about, verbatim and
with their turn numbers, ranked so that the most telling come first when the budget is short:

- `stance_lines`: question-answer exchanges, turns that name or answer another speaker,
  turns with agreement or disagreement cues;
- `outcome_lines`: decisions, votes, commitments, and the closing turns;
- `followup_lines`: the turns that followed a quoted turn (what a comment led to).

The caller fits the ranked lines to its token budget (`fit_lines`) and shows them in
transcript order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Transcript, Turn
from .chunks import estimate_tokens, turn_line

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
# Cues of a stance towards what someone else said. Generic English discourse markers, not
# tuned to one session: explicit (dis)agreement, polite dissent, refusals, references.
AGREEMENT_CUES = re.compile(
    r"\b(?:i|we) (?:fully |strongly |completely |also |very much )?(?:agree|concur|support|share|"
    r"echo|endorse|welcome)\b|\bas (?:\w+ ){0,3}(?:said|mentioned|noted|pointed out|put it)\b|"
    r"\b(?:good|fair|excellent|valid) point\b|\bbuild(?:ing)? on\b|\bcommon ground\b",
    re.I,
)
DISAGREEMENT_CUES = re.compile(
    r"\b(?:disagree|differ|object|oppose|opposed|reject|refuse|decline|cannot accept|"
    r"can ?not support|do not support|don't support|not accurate|not true|not correct|"
    r"mischaracteri[sz]|with (?:all )?(?:due )?respect|beg to differ|on the contrary|"
    r"not the case|does not do the job|take issue|concern(?:ed)? (?:about|that)|"
    r"(?:will|would|shall) not (?:withdraw|accept|agree|support|vote)|won't|however)\b",
    re.I,
)
_NO_ANSWER = re.compile(r"^\s*(?:no|not at all|absolutely not|i (?:can|will)not)\b", re.I)
OUTCOME_CUES = re.compile(
    r"\b(?:vote[sd]?|voting|in favou?r|against|abstention|abstain(?:ed|ing)?|adopt(?:ed|s)?|"
    r"unanimous(?:ly)?|resolution|amendment|motion|carried|not carried|rejected|approved?|"
    r"decid(?:e|ed|es)|decision|agreed (?:to|that|on)|we will|we shall|i will|commit(?:s|ted|ment)?|"
    r"pledge[sd]?|undertake|next steps?|follow[- ]up|deadline|by (?:the end of|next) |"
    r"conclud(?:e|ed|es)|in conclusion|to sum up|adjourn(?:ed)?|recommend(?:s|ed|ation)?)\b",
    re.I,
)
CLOSING_TURNS = 3
# "11 votes in favour", "7 against", "3 abstentions", "adopted 11-0-4": a recorded result
_TALLY = re.compile(
    r"\b\d+\s+(?:votes?\s+)?(?:in favou?r|for|against|abstentions?|abstaining)\b|"
    r"\b\d+\s*[-–]\s*\d+\s*[-–]\s*\d+\b",
    re.I,
)


@dataclass(frozen=True)
class PackLine:
    """One verbatim excerpt of a turn, with its rank (lower = shown first when short)."""

    turn: int
    rank: float
    text: str


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


def _excerpt(turn: Turn, keep: list[int]) -> str:
    """The turn's sentences at positions `keep`, verbatim, with "…" where some were left out."""
    sents = _sentences(turn.text)
    chosen = sorted(i for i in set(keep) if 0 <= i < len(sents))
    if not chosen or len(chosen) == len(sents):
        return turn.text.strip()
    parts, last = [], -1
    for i in chosen:
        if i != last + 1:
            parts.append("…")
        parts.append(sents[i])
        last = i
    if last != len(sents) - 1:
        parts.append("…")
    return " ".join(parts)


def _name_parts(names: list[str]) -> dict[str, list[str]]:
    """Words by which a turn may refer to each speaker: the full name and its last word."""
    out: dict[str, list[str]] = {}
    for n in names:
        words = [w for w in re.findall(r"[\w'’-]+", n) if len(w) > 2]
        out[n] = list(dict.fromkeys([n, *words[-1:]]))
    return out


def stance_lines(transcript: Transcript) -> list[PackLine]:
    """Excerpts that carry stances between speakers, best first."""
    turns = transcript.turns
    names = list(dict.fromkeys([s.name for s in transcript.speakers] + [t.speaker for t in turns]))
    parts = _name_parts(names)
    picked: dict[int, tuple[float, list[int]]] = {}

    def pick(i: int, rank: float, sentences: list[int]) -> None:
        old = picked.get(i)
        picked[i] = (min(rank, old[0]) if old else rank, [*(old[1] if old else []), *sentences])

    for i, turn in enumerate(turns):
        sents = _sentences(turn.text)
        others = [n for n in names if n != turn.speaker]
        for k, s in enumerate(sents):
            named = any(re.search(rf"\b{re.escape(p)}\b", s) for n in others for p in parts[n])
            dis, agr = DISAGREEMENT_CUES.search(s), AGREEMENT_CUES.search(s)
            if dis and (named or k < 3):
                pick(i, 0, [k])
            elif (agr and (named or k < 3)) or (named and "?" in s):
                pick(i, 1, [k])
            elif named:
                pick(i, 3, [k])
            elif dis:
                pick(i, 4, [k])
        # a question and the next speaker's answer: a refusal or "no" is a difference
        questions = [k for k, s in enumerate(sents) if s.rstrip().endswith("?")]
        nxt = turns[i + 1] if i + 1 < len(turns) else None
        if questions and nxt is not None and nxt.speaker != turn.speaker:
            answer = _sentences(nxt.text)
            refusal = bool(answer) and (_NO_ANSWER.match(answer[0]) or DISAGREEMENT_CUES.search(" ".join(answer[:2])))
            rank = 0 if refusal else 2
            pick(i, rank, questions[-2:])
            pick(i + 1, rank, [0, 1])
    return [
        PackLine(turns[i].index, rank, turn_line(turns[i].index, turns[i].speaker, _excerpt(turns[i], keep)))
        for i, (rank, keep) in picked.items()
    ]


def outcome_lines(transcript: Transcript) -> list[PackLine]:
    """Excerpts with decisions, votes and commitments, and the closing turns, best first."""
    turns = transcript.turns
    out: list[PackLine] = []
    closing = {t.index for t in turns[-CLOSING_TURNS:]}
    for turn in turns:
        sents = _sentences(turn.text)
        hits = [k for k, s in enumerate(sents) if OUTCOME_CUES.search(s)]
        # a recorded tally first, then sentences with several outcome words above a lone "we will"
        strength = max((len(OUTCOME_CUES.findall(sents[k])) for k in hits), default=0)
        rank = 3 - min(strength, 3)
        if any(_TALLY.search(sents[k]) for k in hits):
            rank = -1
        if turn.index in closing:
            out.append(
                PackLine(turn.index, min(rank, 0.5), turn_line(turn.index, turn.speaker, _excerpt(turn, [*hits, 0, 1])))
            )
        elif hits:
            out.append(PackLine(turn.index, rank, turn_line(turn.index, turn.speaker, _excerpt(turn, hits))))
    return out


def followup_lines(transcript: Transcript, quoted: list[tuple[int, int]]) -> list[PackLine]:
    """For each (quote number, turn index): the opening of the next two turns of others."""
    position = {t.index: i for i, t in enumerate(transcript.turns)}
    out: list[PackLine] = []
    for number, index in quoted:
        i = position.get(index)
        if i is None:
            continue
        after = [t for t in transcript.turns[i + 1 : i + 4] if t.speaker != transcript.turns[i].speaker]
        for rank, t in enumerate(after[:2]):
            text = _excerpt(t, [0, 1])
            out.append(PackLine(t.index, rank, f"after Q{number}: " + turn_line(t.index, t.speaker, text)))
    return out


def fit_lines(lines: list[PackLine], budget: int) -> list[str]:
    """The best-ranked lines within `budget` tokens, shown in transcript order."""
    kept: list[PackLine] = []
    used = 0
    for line in sorted(lines, key=lambda x: (x.rank, x.turn)):
        cost = estimate_tokens(line.text) + 1
        if used + cost > budget:
            continue  # a shorter excerpt further down may still fit
        kept.append(line)
        used += cost
    seen: set[str] = set()
    return [x.text for x in sorted(kept, key=lambda x: x.turn) if not (x.text in seen or seen.add(x.text))]


def introduction_lines(transcript: Transcript, max_sentences: int = 6, max_words: int = 60) -> list[str]:
    """Sentences that introduce speakers the speaker list gives no role or affiliation
    ("Jason Citron, the CEO of Discord Incorporated."), verbatim, first occurrence only: what a
    reader uses to tell who is who when the input names nobody's role."""
    bare = [s.name for s in transcript.speakers if not (s.role or s.affiliation) and len(s.name.split()) > 1]
    out: list[str] = []
    for turn in transcript.turns:
        if not bare or len(out) >= max_sentences:
            break
        for sentence in _sentences(turn.text):
            named = [
                n for n in bare if n in sentence and (n != turn.speaker or re.search(r"\bI am\b|\bI'm\b", sentence))
            ]
            if not named or len(sentence.split()) > max_words:
                continue
            out.append(f"[{turn.index}] {turn.speaker}: {sentence}")
            bare = [n for n in bare if n not in named]
            if len(out) >= max_sentences:
                break
    return out
