"""What a question asks: its search terms, its subject phrase, and the speakers it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..engines.offline.keywords import STOPWORDS

#: at most this many search terms reach the full-text index (a pasted page stays cheap)
MAX_TERMS = 24
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# words that make a question but not its subject
_QUESTION_WORDS = frozenset(
    """
    what which who whom whose why how when where did does do was were is are has have had
    speakers speaker participants panel panellists panelists session sessions meeting
    discuss discussed discussion discussing summarize summarise summary opinion opinions
    think thought say said says argue argued suggest suggested propose proposed mention
    mentioned talk talked views view explain explained decide decided according group members
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
# "… about X?", "… on X?": the subject follows
_SUBJECT = re.compile(r"\b(?:about|regarding|concerning|discussing|on|of|towards?)\s+(.+)$", re.I)


@dataclass
class Question:
    """A parsed question."""

    text: str
    terms: list[str]
    subject: str
    speakers: list[str] = field(default_factory=list)


def content_words(text: str) -> list[str]:
    """Words of `text` that carry meaning, in order, without repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for w in _WORD.findall(text):
        low = w.lower().replace("’", "'")
        if low in STOPWORDS or low in _QUESTION_WORDS or low in seen or len(low) < 2:
            continue
        seen.add(low)
        out.append(w)
    return out


def subject_phrase(text: str) -> str:
    """The question's subject, as written: the words after "about"/"on" when present, else
    its content words."""
    body = text.strip().rstrip("?.! ")
    m = _SUBJECT.search(body)
    if m and content_words(m.group(1)):
        return m.group(1).strip()
    return " ".join(content_words(body))


def parse_question(text: str, speaker_names: list[str] | None = None) -> Question:
    """Terms for the index, subject for the lead, and the known speakers the text names."""
    named = [n for n in (speaker_names or []) if _names(text, n)]
    # a named speaker filters who said it; their name is not what was said
    rest = text
    for name in named:
        for w in _name_words(name):
            rest = re.sub(r"\b" + re.escape(w) + r"\b", " ", rest, flags=re.I)
    return Question(text=text, terms=content_words(rest)[:MAX_TERMS], subject=subject_phrase(rest), speakers=named)


_TITLES = frozenset(["mr", "mrs", "ms", "mx", "dr", "prof", "sir", "dame", "hon", "am", "mp", "mep", "mla", "the"])


def _name_words(name: str) -> list[str]:
    bare = re.sub(r"\([^)]*\)|,.*$", " ", name)
    return [w for w in _WORD.findall(bare) if w.lower() not in _TITLES]


def _names(text: str, name: str) -> bool:
    """True when `text` contains the speaker's name (without titles and the bracketed
    constituency or affiliation) as whole words."""
    words = _name_words(name)
    if not words:
        return False
    return re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", text, re.I) is not None
