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

Meaning alone joins lines of the same form ("the petitioners ask…") or the same stock words,
so a thread also needs a key phrase of the centre's own words (a noun phrase of one to three
words, plural-folded) that at least two speakers of two sessions use: only the members that
use it stay, and the phrase is the thread's title. Procedural and filler lines (chairing,
housekeeping, agenda, "I would like to highlight a few topics") never take part.

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

from ..engines.offline import cues, units
from ..engines.offline.keywords import ADDRESS, _stem, as_title, noun_phrases
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
#: speakers a thread needs: one speaker in two sessions is a habit (a chair's housekeeping), not a thread
MIN_SPEAKERS = 2
_SPACE = re.compile(r"\s+")
# Housekeeping and agenda lines that the offline engine's chairing patterns leave: reminders,
# announcing the item or the session itself, the remote-meeting routine, and parliamentary forms
# (tabling a report, presenting a petition: the same form whatever the substance).
_HOUSEKEEPING = re.compile(
    r"\b(?:as a reminder|(?:i|we) (?:would like to |want to |just )?remind|item (?:\d+|one|two|three)\b|"
    r"(?:this|today's|the) (?:morning's |afternoon's )?(?:session|meeting|sitting|hearing) (?:is|will)\b|"
    r"(?:an|this) evidence session|video ?conference|headsets?|interpretation channel|apologies for absence|"
    r"pursuant to|honou?r to (?:table|present|submit|inform)|present (?:\w+ ){0,3}petition|petitioners|"
    r"(?:committee|panel|session|meeting|hearing|sitting) (?:will|is going to|is here to) (?:now )?(?:continue|begin|"
    r"start|hear|examine|consider|discuss|look at|scrutini[sz]e))",
    re.I,
)
# Announcing what one will say instead of saying it: "I would like to highlight a few topics".
_ANNOUNCEMENT = re.compile(
    r"\b(?:i|we|let me|allow me)\b[^.?!]{0,40}\b(?:highlight|mention|stress|underline|share|raise|make|add|say|"
    r"offer|touch on|talk about|speak about|focus on|address)\b[^.?!]{0,30}\b(?:a few|some|a couple of|several|"
    r"two|three|a number of)\b[^.?!]{0,20}\b(?:topics|points|things|words|remarks|issues|comments|thoughts|"
    r"observations|reflections|elements|aspects)\b|\bnot to repeat myself\b",
    re.I,
)
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.+)\s*")
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
    phrases: frozenset[str] = frozenset()  # its noun phrases, plural-folded and lower-cased
    issue: str | None = None  # its subtopic ("Development › Digital and the environment")

    @property
    def marks(self) -> frozenset[str]:
        """What it may share with others: its phrases and its subtopic."""
        return self.phrases | {self.issue} if self.issue else self.phrases


@dataclass(frozen=True)
class Thread:
    """Voices of two sessions and two speakers or more; `label` is the phrase or subtopic they
    share (its title), `topic` its basket."""

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


def is_procedure(text: str) -> bool:
    """Chairing, courtesy, housekeeping, agenda, or an announcement of what the speaker will say."""
    plain = units.plain(_collapse(text))
    if cues.has(cues.FLOOR, plain) or units.is_procedural_line(plain):
        return True
    if cues.has(cues.PROCEDURAL, plain) and units.words(plain) < 40:
        return True
    return bool(_HOUSEKEEPING.search(plain) or _ANNOUNCEMENT.search(plain))


def is_substantive(text: str) -> bool:
    """A line that argues: a complete sentence by the offline engine's claim tests (any length
    from MIN_WORDS) that is not procedure (`is_procedure`)."""
    plain = units.plain(_collapse(text))
    if units.words(plain) < MIN_WORDS or units.rejection(plain) not in (None, "length"):
        return False
    return not is_procedure(plain)


def _own_words(argument: Argument, verifier: Verifier) -> tuple[str, int] | None:
    """(verbatim span, turn) of the argument in its speaker's own turns: the title first, then
    each piece of the evidence and explanation; None when none is found or the argument's own
    first sentence is procedure or filler (its other pieces would not make it an argument)."""
    pieces = [p for p in _ELLIPSIS.split(argument.title) if p]
    if not pieces or is_procedure(pieces[0]):
        return None
    for text in (argument.evidence, argument.explanation):
        pieces += [p for p in _PIECES.split(text or "") if p]
    for text in pieces:
        if not is_substantive(text):
            continue
        found = verifier.locate_own(text, argument.speaker)
        if found is not None and is_substantive(found[0]):
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
            issue = next((t for t in a.topics if split_label(t)[1]), None)
            voice = Voice(session=slug, speaker=a.speaker, quote=found[0], turn=found[1], argument=a.title)
            text = f"{a.title} {a.explanation or ''}".strip()
            out.append(Candidate(voice, basket, text, frozenset(_phrase_forms(found[0], a.speaker)), issue))
    return out


def _fold(phrase: str) -> str:
    return " ".join(_stem(w) for w in phrase.split())


def _phrase_forms(text: str, speaker: str) -> dict[str, str]:
    """The noun phrases of two or three words of `text` (folded -> a surface form), the speaker's
    own name left out. One word in common ("opportunities", "Canadians", "information") is the
    same word, often in another sense, not the same subtopic."""
    name = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", speaker)) | ADDRESS
    return {_fold(form): form for form in noun_phrases(text, name) if " " in form}


def _shared(marks: frozenset[str], members: list[int], cands: list[Candidate]) -> str | None:
    """The mark (a phrase or a subtopic) of `marks` that the members share best: used by the most
    speakers, a phrase of two or three words weighing more, as in the offline engine's key phrases
    (it names a point better than a taxonomy subtopic); it must be used by MIN_SPEAKERS speakers
    of MIN_SESSIONS sessions; None when none is."""
    best: tuple[float, int, str] | None = None
    for mark in sorted(marks):
        holders = [j for j in members if mark in cands[j].marks]
        speakers = {cands[j].voice.speaker for j in holders}
        if len(speakers) < MIN_SPEAKERS or len({cands[j].voice.session for j in holders}) < MIN_SESSIONS:
            continue
        bonus = 1.0 if mark == cands[holders[0]].issue else 2.2 if mark.count(" ") == 1 else 2.6
        rank = (len(speakers) * bonus, -len(holders))
        if best is None or rank > best[:2]:
            best = (*rank, mark)
    return best[2] if best else None


def _surface(key: str, members: list[int], cands: list[Candidate]) -> str:
    """How the members write the phrase, most often (lower case before capitals, then first seen)."""
    forms = Counter(form for j in members for form in noun_phrases(cands[j].voice.quote) if _fold(form) == key)
    lower = Counter({f: n for f, n in forms.items() if f[:1].islower()})
    return (lower or forms).most_common(1)[0][0] if forms else key  # a subtopic's name, lower-cased


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
    # Centres by how many sessions their close arguments span, then how many there are, then
    # event order: deterministic, and the widest threads are opened first.
    order = sorted(range(len(cands)), key=lambda i: (-len(set(session_of[near[i]])), -len(near[i]), i))
    groups: list[tuple[str, list[int]]] = []  # (shared phrase or subtopic, members)
    for centre in order:
        if taken[centre]:
            continue
        members = [centre, *(j for j in near[centre] if not taken[j])]
        key = _shared(cands[centre].marks, members, cands)
        if key is None:
            continue
        members = [j for j in members if key in cands[j].marks]
        kept = _one_per_speaker(members, centre, cands, vectors @ vectors[centre])
        taken[members] = True  # a speaker's weaker duplicates go with the thread too
        groups.append((key, kept))
    groups.sort(key=lambda g: (-len(set(session_of[g[1]])), -len(g[1]), g[1][0]))
    threads = []
    for n, (mark, group) in enumerate(groups, 1):
        baskets = Counter(cands[j].basket for j in group if cands[j].basket)
        topic = min(baskets.items(), key=lambda kv: (-kv[1], kv[0]))[0] if baskets else None
        voices = tuple(cands[j].voice for j in group)
        if any(mark == cands[j].issue for j in group):  # a subtopic: a phrase its voices share names it better
            topic, subtopic = split_label(mark)
            phrases: frozenset[str] = frozenset().union(*(cands[j].phrases for j in group))
            mark = _shared(phrases, group, cands) or (subtopic or mark).lower()
        label = as_title(_surface(mark, group, cands))
        threads.append(Thread(id=f"thread-{n}", label=label, topic=topic, voices=voices))
    return threads


def verify_threads(threads: list[Thread], sessions: list[tuple[str, Report]]) -> list[Thread]:
    """The threads with every voice whose quote is not verbatim in the named speaker's own turns
    of the named session removed, and every thread left with fewer than MIN_SESSIONS sessions
    dropped, as is every thread left with fewer than MIN_SPEAKERS speakers; ids are given again in order."""
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
        if len({v.session for v in voices}) >= MIN_SESSIONS and len({v.speaker for v in voices}) >= MIN_SPEAKERS:
            kept.append(Thread(id=f"thread-{len(kept) + 1}", label=th.label, topic=th.topic, voices=voices))
    return kept
