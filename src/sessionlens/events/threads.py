"""Cross-session threads: arguments that say the same thing in different sessions (issue 15).

Each argument of each session report is reduced to the speaker's verbatim words (its title,
else a sentence of its evidence or explanation, located in that speaker's own turns of that
session by `verify.Verifier.locate_own`); an argument whose words cannot be located takes no
part. The arguments (title and explanation: one sentence alone says too little of a theme) are
embedded with the offline engine's sentence model and grouped by
"star" clustering: the argument with the most close arguments in *other* sessions opens a
thread with them, and the next best of what is left opens the next. Every member is close
to the thread's centre, so a thread never drifts through a chain of weak links, and the work
is bounded by the number of close pairs, not by n³ as in complete-linkage clustering.

`verify_threads` checks the result again from the reports alone: every quote verbatim in the
named speaker's own turns of the named session, every thread across two sessions or more.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..engines.offline.topic_levels import split_label
from ..models import Argument, Report
from ..verify import Verifier

#: Cosine similarity (all-MiniLM-L6-v2, unit vectors) of two arguments (title and explanation)
#: at which they carry one thread. A thread is a theme raised across sessions ("digital divide"
#: in 14 sessions), not two speakers agreeing, so the bar is the offline engine's own bar for two
#: speakers' sentences being on one theme (engines/offline/agreements.py, THEME_SIM = 0.5), not
#: its higher bar for arguments converging (AGREE = 0.62); it was not fitted to any event.
THREAD_SIM = 0.5
#: a thread needs speakers of at least this many sessions (issue 15)
MIN_SESSIONS = 2
#: words of a quote below which it says too little to carry a thread ("Thank you very much.")
MIN_WORDS = 6
_SPACE = re.compile(r"\s+")
_PIECES = re.compile(r"\s*(?:…|\.\.\.+)\s*|(?<=[.!?])\s+")


@dataclass(frozen=True)
class Voice:
    """One speaker's words in a thread: verbatim from their own turn `turn` of session `session`."""

    session: str
    speaker: str
    quote: str
    turn: int
    argument: str


@dataclass(frozen=True)
class Candidate:
    """An argument that may join a thread: its verbatim words, first basket and embedded text."""

    voice: Voice
    basket: str | None
    text: str  # what is embedded


@dataclass(frozen=True)
class Thread:
    id: str
    label: str
    topic: str | None
    voices: tuple[Voice, ...]

    @property
    def sessions(self) -> list[str]:
        return list(dict.fromkeys(v.session for v in self.voices))

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(v.speaker for v in self.voices))


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _own_words(argument: Argument, verifier: Verifier) -> tuple[str, int] | None:
    """(verbatim span, turn) of the argument in its speaker's own turns: the title first, then
    each piece of the evidence and explanation; None when none is found."""
    candidates = [argument.title]
    for text in (argument.evidence, argument.explanation):
        candidates += [p for p in _PIECES.split(text or "") if p]
    for text in candidates:
        if len(text.split()) < MIN_WORDS:
            continue
        found = verifier.locate_own(text, argument.speaker)
        if found is not None and len(found[0].split()) >= MIN_WORDS:
            return found
    return None


def candidate_voices(sessions: list[tuple[str, Report]]) -> list[Candidate]:
    """Every argument that has the speaker's own words, with its first basket, in event order."""
    out: list[Candidate] = []
    for slug, report in sessions:
        verifier = Verifier(report.transcript)
        for a in report.arguments:
            found = _own_words(a, verifier)
            if found is None:
                continue
            basket = split_label(a.topics[0])[0] if a.topics else None
            voice = Voice(session=slug, speaker=a.speaker, quote=found[0], turn=found[1], argument=a.title)
            out.append(Candidate(voice, basket, f"{a.title} {a.explanation or ''}".strip()))
    return out


def _close_pairs(vectors: np.ndarray, sessions: np.ndarray, block: int = 1024) -> list[list[int]]:
    """For each voice, the voices of other sessions at THREAD_SIM or closer (blockwise, so
    memory stays O(block x n) for a large event)."""
    near: list[list[int]] = []
    for start in range(0, len(vectors), block):
        sims = vectors[start : start + block] @ vectors.T
        for row, i in enumerate(range(start, min(start + block, len(vectors)))):
            hits = np.nonzero((sims[row] >= THREAD_SIM) & (sessions != sessions[i]))[0]
            near.append(hits.tolist())
    return near


def _one_per_speaker(members: list[int], centre: int, cands: list[Candidate], sims: np.ndarray) -> list[int]:
    """The members with one voice per speaker and session: the centre, else the closest to it."""
    best: dict[tuple[str, str], int] = {}
    for j in members:
        key = (cands[j].voice.session, cands[j].voice.speaker)
        if key not in best or j == centre or (best[key] != centre and sims[j] > sims[best[key]]):
            best[key] = j
    return sorted(best.values())


def find_threads(
    sessions: list[tuple[str, Report]],
    embed: Callable[[list[str]], np.ndarray] | None = None,
    *,
    cache: Path | None = None,
) -> list[Thread]:
    """Threads of the event's sessions ((slug, report) in event order), widest first.

    `embed`: a function of a list of texts returning unit vectors (default: the offline
    engine's embedder, with `cache`, an .npz file of vectors by text, when given)."""
    cands = candidate_voices(sessions)
    if len(cands) < 2:
        return []
    if embed is None:
        from ..engines.offline.embeddings import get_embedder

        embedder = get_embedder()
        embed = lambda texts: embedder.embed_cached(texts, cache)  # noqa: E731
    unique = list(dict.fromkeys(c.text for c in cands))  # an argument repeated is embedded once
    row = {text: i for i, text in enumerate(unique)}
    vectors = np.asarray(embed(unique), dtype=np.float32)[[row[c.text] for c in cands]]
    session_of = np.array([c.voice.session for c in cands])
    near = _close_pairs(vectors, session_of)
    taken = np.zeros(len(cands), dtype=bool)
    groups: list[tuple[int, list[int]]] = []  # (centre, members)
    # Centres by how many sessions their close arguments span, then how many there are, then
    # event order: deterministic, and the widest threads are opened first.
    order = sorted(range(len(cands)), key=lambda i: (-len(set(session_of[near[i]])), -len(near[i]), i))
    for centre in order:
        if taken[centre]:
            continue
        members = [centre, *(j for j in near[centre] if not taken[j])]
        kept = _one_per_speaker(members, centre, cands, vectors @ vectors[centre])
        if len(set(session_of[kept])) < MIN_SESSIONS:
            continue
        taken[members] = True  # a speaker's weaker duplicates go with the thread too
        groups.append((centre, kept))
    groups.sort(key=lambda g: (-len(set(session_of[g[1]])), -len(g[1]), g[0]))
    threads = []
    for n, (centre, group) in enumerate(groups, 1):
        baskets = Counter(cands[j].basket for j in group if cands[j].basket)
        topic = min(baskets.items(), key=lambda kv: (-kv[1], kv[0]))[0] if baskets else None
        voices = tuple(cands[j].voice for j in group)
        threads.append(Thread(id=f"thread-{n}", label=cands[centre].voice.quote, topic=topic, voices=voices))
    return threads


def verify_threads(threads: list[Thread], sessions: list[tuple[str, Report]]) -> list[Thread]:
    """The threads with every voice whose quote is not verbatim in the named speaker's own turns
    of the named session removed, and every thread left with fewer than MIN_SESSIONS sessions
    dropped; ids are given again in order."""
    own: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for slug, report in sessions:
        for t in report.transcript.turns:
            own.setdefault((slug, t.speaker), []).append((t.index, _collapse(t.text)))
    kept: list[Thread] = []
    for th in threads:
        voices = tuple(
            v
            for v in th.voices
            if any(i == v.turn and _collapse(v.quote) in text for i, text in own.get((v.session, v.speaker), []))
        )
        if len({v.session for v in voices}) >= MIN_SESSIONS:
            kept.append(Thread(id=f"thread-{len(kept) + 1}", label=th.label, topic=th.topic, voices=voices))
    return kept
