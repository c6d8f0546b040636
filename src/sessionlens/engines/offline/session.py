"""The analysed session every step reads: sentences, vectors, who chairs, what is procedure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ...models import Transcript
from . import cues, units
from .sentences import Sentence, session_sentences

#: Words in a speaker label that are titles or roles, not names.
_TITLES = frozenset(
    {
        "the",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "hon",
        "honourable",
        "honorable",
        "right",
        "rt",
        "rev",
        "lord",
        "lady",
        "madam",
        "madame",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "acting",
        "deputy",
        "minister",
        "president",
        "secretary",
        "general",
        "director",
        "ambassador",
        "senator",
        "member",
        "speaker",
        "moderator",
        "host",
        "leader",
    }
)

#: Sentences shorter than this are never claims, quotes or summary sentences.
MIN_CONTENT_WORDS = 6


@dataclass
class Session:
    transcript: Transcript
    sentences: list[Sentence]
    vectors: np.ndarray  # (n, d) unit vectors; zero rows for sentences not embedded
    moderators: set[str]
    content: np.ndarray  # bool (n,): substantive, not procedure or chairing
    claim: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # bool (n,): `units.is_claim`
    # bool (n,): may support a claim (explanation, evidence): complete, not a question, any length
    support: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    first_names: dict[str, str] = field(default_factory=dict)

    def of(self, speaker: str) -> list[Sentence]:
        return [s for s in self.sentences if s.speaker == speaker]

    def speakers(self) -> list[str]:
        """Speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for s in self.sentences:
            seen.setdefault(s.speaker, None)
        return list(seen)

    def name_words(self) -> frozenset[str]:
        """Lower-case words of the speakers' names: never a theme or a question's subject."""
        return frozenset(w.lower() for sp in self.speakers() for w in re.findall(r"[A-Za-z]+", sp))

    def proper_words(self) -> frozenset[str]:
        """Words written with a capital inside sentences more often than not (names, places)."""
        upper: dict[str, int] = {}
        lower: dict[str, int] = {}
        for s in self.sentences:
            for w in re.findall(r"(?<=\s)[A-Za-z][\w’'-]*", s.text):
                bucket = upper if w[0].isupper() else lower
                bucket[w.lower()] = bucket.get(w.lower(), 0) + 1
        return frozenset(w[:1].upper() + w[1:] for w, n in upper.items() if n > lower.get(w, 0))

    def mentions(self, text: str) -> list[str]:
        """Speakers named in `text` by full, first or last name (a name of 3+ letters).

        Roles in brackets and titles ("Minister", "Hon.", "The Chair") are not names: a
        speaker listed as "Bill Blair (Minister of Public Safety)" is not mentioned by
        every sentence that says "minister".
        """
        out = []
        for name in self.speakers():
            bare = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
            parts = [
                p for p in re.split(r"[\s.]+", bare) if len(p) >= 3 and p[0].isupper() and p.lower() not in _TITLES
            ]
            if any(re.search(rf"\b{re.escape(p)}\b", text) for p in {bare, *parts} if p):
                out.append(name)
        return out


def effective_moderators(transcript: Transcript) -> set[str]:
    """Speakers who chair: flagged as moderator *and* taking a chair's share of the turns.

    A role like "former chair of X" flags a panellist; a real chair speaks between others,
    so a flagged speaker with a single turn is treated as a panellist.
    """
    turns: dict[str, int] = {}
    for t in transcript.turns:
        turns[t.speaker] = turns.get(t.speaker, 0) + 1
    need = max(2, int(0.15 * len(transcript.turns)))
    return {s.name for s in transcript.speakers if s.is_moderator and turns.get(s.name, 0) >= need}


def is_procedural(sentence: Sentence, chair: bool) -> bool:
    """Courtesy, housekeeping and chairing rather than substance."""
    text = sentence.text
    if sentence.words < MIN_CONTENT_WORDS:
        return True
    if cues.has(cues.PROCEDURAL, text) and sentence.words < (40 if chair else 28):
        return True
    if cues.has(cues.FLOOR, text) or (units.is_procedural_line(text) and sentence.words < 40):
        return True
    # A question opening a turn is usually the chair's, misattributed at the boundary;
    # a chair's questions are prompts to others, not positions.
    return sentence.is_question and (chair or sentence.position == 0)


def build_session(transcript: Transcript, embed) -> Session:
    """Split, mark procedure and embed the substantive sentences of one transcript.

    Procedural sentences are never compared with anything, so they are not embedded (the
    embedding is most of the engine's time); their vector rows stay zero.
    """
    sentences = session_sentences(transcript)
    moderators = effective_moderators(transcript)
    content = np.array([not is_procedural(s, s.speaker in moderators) for s in sentences], dtype=bool)
    todo = [i for i in range(len(sentences)) if content[i]]
    vectors = np.zeros((len(sentences), 384), dtype=np.float32)
    if todo:
        vecs = embed([sentences[i].text for i in todo])
        vectors = np.zeros((len(sentences), vecs.shape[1]), dtype=np.float32)
        vectors[todo] = vecs
    claim = content & np.array([units.is_claim(s.text) for s in sentences], dtype=bool)
    support = content & np.array(
        [units.rejection(s.text) in (None, "length") and not s.is_question for s in sentences], dtype=bool
    )
    return Session(transcript, sentences, vectors, moderators, content, claim, support)


def unit(v: np.ndarray) -> np.ndarray:
    """`v` scaled to length 1 (zero stays zero)."""
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v
