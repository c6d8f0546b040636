"""The analysed session every step reads: sentences, vectors, who chairs, what is procedure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..models import Transcript
from . import cues
from .sentences import Sentence, session_sentences

#: Sentences shorter than this are never claims, quotes or summary sentences.
MIN_CONTENT_WORDS = 6


@dataclass
class Session:
    transcript: Transcript
    sentences: list[Sentence]
    vectors: np.ndarray  # (n, d) unit vectors; zero rows for sentences not embedded
    moderators: set[str]
    content: np.ndarray  # bool (n,): substantive, not procedure or chairing
    first_names: dict[str, str] = field(default_factory=dict)

    def of(self, speaker: str) -> list[Sentence]:
        return [s for s in self.sentences if s.speaker == speaker]

    def speakers(self) -> list[str]:
        """Speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for s in self.sentences:
            seen.setdefault(s.speaker, None)
        return list(seen)

    def mentions(self, text: str) -> list[str]:
        """Speakers named in `text` by full, first or last name (a name of 3+ letters)."""
        out = []
        for name in self.speakers():
            parts = [p for p in re.split(r"[\s.]+", name) if len(p) >= 3]
            if any(re.search(rf"\b{re.escape(p)}\b", text) for p in {name, *parts}):
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
    if cues.has(cues.FLOOR, text):
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
    content = np.array(
        [not is_procedural(s, s.speaker in moderators) for s in sentences], dtype=bool
    )
    todo = [i for i in range(len(sentences)) if content[i]]
    vectors = np.zeros((len(sentences), 384), dtype=np.float32)
    if todo:
        vecs = embed([sentences[i].text for i in todo])
        vectors = np.zeros((len(sentences), vecs.shape[1]), dtype=np.float32)
        vectors[todo] = vecs
    return Session(transcript, sentences, vectors, moderators, content)


def unit(v: np.ndarray) -> np.ndarray:
    """`v` scaled to length 1 (zero stays zero)."""
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v
