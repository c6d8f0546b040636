"""Sentence splitting that survives transcript text, and the session's sentence table.

Speech-recognised transcripts break the usual assumptions: titles ("Dr.", "Mr."), initials
("Kelly T. Clements"), decimals and units ("1.5°C"), ellipses that are pauses rather than
sentence ends, and long stretches with no punctuation at all. The splitter works on character
offsets, so every sentence is an exact substring of its turn (extractive by construction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Transcript
from ...stats import word_count

#: Tokens that end with a dot but do not end a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms mx prof sr jr st mt no nos vs etc e.g i.e cf al approx dept est fig figs
    gen gov hon inc ltd co corp rev sgt capt col lt art para pp vol ed eds jan feb mar apr
    jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m ph.d h.e amb excl ref min max
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

# A candidate end: terminal punctuation (possibly repeated, possibly closing quotes/brackets)
# followed by whitespace.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
# What may open the next sentence: capital letter, digit, opening quote or bracket.
_OPENER = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9$€£]")
_WORD_BEFORE = re.compile(r"(\S+)$")
# Places to cut a run-on stretch: after a comma or semicolon, or before a conjunction.
_SOFT_CUT = re.compile(r"[,;:]\s+|\s+(?=(?:and|but|so|because|which|whereas|however)\s)", re.I)

#: A stretch longer than this (in words) without punctuation is cut at soft boundaries.
MAX_WORDS = 60
TARGET_WORDS = 35


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at `dot` belongs to an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, 0, dot)
    if not m:
        return False
    token = m.group(1).lstrip("\"'“‘([").lower()
    if token in ("no", "nos"):  # "No. 5" is a number; "take that to be no. The" ends a sentence
        return bool(re.match(r"\.\s*\d", text[dot:]))
    if token in ABBREVIATIONS:
        return True
    # Single letters are initials ("Kelly T. Clements"); dotted acronyms ("U.N") too.
    return (len(token) == 1 and token.isalpha()) or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of `text`, stripped of spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        punct = m.group(0)
        if not _OPENER.match(text, end):
            continue  # "… and then" or "e.g. the": no capital follows, so no sentence end
        if punct.startswith(".") and len(punct.rstrip("\"'”’)]")) == 1 and _is_abbreviation(text, m.start()):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _strip(text, s, e)
        if e > s:
            out.extend(_cut_run_on(text, s, e))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _cut_run_on(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut a long unpunctuated stretch near every TARGET_WORDS words at soft boundaries."""
    if word_count(text[s:e]) <= MAX_WORDS:
        return [(s, e)]
    pieces: list[tuple[int, int]] = []
    start = s
    for m in _SOFT_CUT.finditer(text, s, e):
        if word_count(text[start : m.end()]) >= TARGET_WORDS and word_count(text[m.end() : e]) >= 8:
            a, b = _strip(text, start, m.end())
            pieces.append((a, b))
            start = m.end()
    a, b = _strip(text, start, e)
    if b > a:
        pieces.append((a, b))
    # Still too long (no soft boundary at all): cut at word boundaries.
    final: list[tuple[int, int]] = []
    for a, b in pieces:
        if word_count(text[a:b]) <= 2 * MAX_WORDS:
            final.append((a, b))
            continue
        words = list(re.finditer(r"\S+", text[a:b]))
        for k in range(0, len(words), TARGET_WORDS):
            chunk = words[k : k + TARGET_WORDS]
            final.append((a + chunk[0].start(), a + chunk[-1].end()))
    return final


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each an exact substring of it."""
    return [text[s:e] for s, e in split_spans(text)]


@dataclass
class Sentence:
    """One sentence of one turn; `text == turn.text[start:end]`."""

    index: int
    turn: int
    speaker: str
    start: int
    end: int
    text: str
    words: int
    position: int  # order of the sentence within its turn

    @property
    def is_question(self) -> bool:
        return self.text.rstrip("\"'”’) ").endswith("?")


def session_sentences(transcript: Transcript) -> list[Sentence]:
    """Every sentence of every turn, in session order."""
    out: list[Sentence] = []
    for turn in transcript.turns:
        for pos, (s, e) in enumerate(split_spans(turn.text)):
            text = turn.text[s:e]
            out.append(
                Sentence(
                    index=len(out),
                    turn=turn.index,
                    speaker=turn.speaker,
                    start=s,
                    end=e,
                    text=text,
                    words=word_count(text),
                    position=pos,
                )
            )
    return out
