"""Reported speech: a speaker's first-person sentence told in the third person.

"We will support ten countries." by Rahul Mehta becomes "Rahul Mehta said they would
support ten countries." First-person pronouns become third person (singular "they", so no
gender is guessed), future and ability modals shift back (will → would, can → could),
leading fillers and forms of address are dropped. The verb of saying follows the sentence:
obligation → "argued", a figure → "noted", a commitment → "said".
"""

from __future__ import annotations

import re

from . import cues
from .keywords import STOPWORDS

# (pattern, replacement), applied in order; patterns are whole words, case-insensitive
# unless noted. Contractions first so "I'm" does not become "they'm".
_PRONOUNS: tuple[tuple[str, str], ...] = (
    (r"\bI['’]m\b", "they are"),
    (r"\bI am\b", "they are"),
    (r"\bI was\b", "they were"),
    (r"\bI['’]ve\b", "they have"),
    (r"\bI['’]ll\b", "they would"),
    (r"\bI['’]d\b", "they would"),
    (r"\bwe['’]re\b", "they are"),
    (r"\bwe['’]ve\b", "they have"),
    (r"\bwe['’]ll\b", "they would"),
    (r"\bwe['’]d\b", "they would"),
    (r"\blet['’]s\b", "they should"),
    (r"\blet us\b", "they should"),
    (r"\bmyself\b", "themselves"),
    (r"\bourselves\b", "themselves"),
    (r"\bmine\b", "theirs"),
    (r"\bours\b", "theirs"),
    (r"\bmy\b", "their"),
    (r"\bour\b", "their"),
    (r"\bme\b", "them"),
)
_CASED: tuple[tuple[str, str], ...] = (  # case-sensitive: "US" is a country, "I" only upper-case
    (r"\bI\b", "they"),
    (r"\b[Ww]e\b", "they"),
    (r"\bus\b", "them"),
)
_BACKSHIFT: tuple[tuple[str, str], ...] = (
    (r"\bwon['’]t\b", "would not"),
    (r"\bcan['’]t\b", "could not"),
    (r"\bcannot\b", "could not"),
    (r"\bwill\b", "would"),
    (r"\bshall\b", "should"),
    (r"\bcan\b", "could"),
    (r"\bis going to\b", "was going to"),
    (r"\bare going to\b", "were going to"),
)
# Forms of address and fillers that open a spoken sentence: "Senator, …", "So, you know, …".
_ADDRESS = re.compile(
    r"^(?:(?:senator|chair(?:man|woman)?|ranking member(?: \w+)?|madam chair|mr\.? president|"
    r"madam president|excellenc(?:y|ies)|(?:mr|ms|mrs|dr)\.? \w+|sir|colleagues|friends|"
    r"(?:distinguished |esteemed )?members of the (?:committee|panel|council|board))\s*,\s*)+",
    re.I,
)
# "I think (that)…" adds nothing once the sentence is reported as what the speaker said.
_HEDGE = re.compile(
    r"^(?:I|we) (?:really |strongly |truly |do |also )?(?:think|believe|feel|would say|would argue|['’]d say|"
    r"would like to (?:say|stress|emphasi[sz]e|add)|want to (?:say|stress|emphasi[sz]e))(?: that)?\s*,?\s*",
    re.I,
)
_ARGUED = re.compile(r"\b(must|should|need(s)? to|have to|has to|essential|critical|crucial)\b", re.I)
_FIRST_WORD = re.compile(r"^([A-Za-z][\w'’-]*)")


def _verb(text: str) -> str:
    if cues.has(cues.COMMIT, text):
        return "said"
    if _ARGUED.search(text):
        return "argued"
    if cues.has(cues.FIGURE, text):
        return "noted"
    return "said"


def third_person(text: str) -> str:
    """`text` with first-person pronouns in the third person and modals shifted back."""
    out = text
    for pattern, repl in _PRONOUNS:
        out = re.sub(pattern, repl, out, flags=re.I)
    for pattern, repl in _CASED:
        out = re.sub(pattern, repl, out)
    for pattern, repl in _BACKSHIFT:
        out = re.sub(pattern, repl, out, flags=re.I)
    return out


def clause(text: str, proper: frozenset[str] = frozenset()) -> str:
    """The sentence as a clause after "said that": address and fillers off, no final stop.

    The first word goes to lower case unless it is an acronym or in `proper` (words the
    session writes with a capital inside sentences: names, places, programmes).
    """
    body = text.strip()
    skip = cues.trim_opener(body)
    body = _ADDRESS.sub("", body[skip:])
    body = _HEDGE.sub("", body) or body
    body = third_person(body).rstrip(" .!;:")
    m = _FIRST_WORD.match(body)
    # A name keeps its capital: an acronym, a known proper word, or a capital or number next ("Section 230").
    nxt = body[m.end() : m.end() + 2].strip()[:1] if m else ""
    name = m and (m.group(1)[1:2].isupper() or m.group(1) in proper or nxt.isdigit() or nxt.isupper())
    if m and (m.group(1).lower() in STOPWORDS or not name):
        body = body[:1].lower() + body[1:]
    return body


def reported(speaker: str, text: str, proper: frozenset[str] = frozenset()) -> str:
    """'Rahul Mehta said that they would support ten countries.'"""
    return f"{speaker} {_verb(text)} that {clause(text, proper)}."
