"""Speaker labels as people write them, and lines that only look like one.

A label is the text before a colon at the start of a line: names with honorifics, initials,
ampersands, digits, slashes, apostrophes, hyphens, parentheses, ALL CAPS, `Q:`/`A:` and names in
scripts without case. Markup in a label (`Dr. Smith <b>x</b>`) is kept as text; renderers escape it.
A prefix that is clearly prose ("So the point is: …") is not a label; one in between (a known
heading word, too long, a lower-case word that is no role) is a *suspect*: the reader keeps the line in
the current turn and records it, so no words move to another speaker silently.
"""

from __future__ import annotations

import re
from enum import Enum

TS = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?"
_LINE = re.compile(
    rf"^\s*(?:\[?(?P<ts1>{TS})\]?\s*[-–]?\s*)?"
    r"(?P<label>[^\s:：][^:：]{0,159}?)"
    rf"(?:\s*[\[(](?P<ts2>{TS})[\])])?"
    r"\s*[:：](?:\s+(?P<text>.*))?$"
)
# an element with its content (`<b>bold</b>`) says nothing about the name around it
_ELEMENT = re.compile(r"<([a-zA-Z][\w-]{0,20})(?:\s[^<>]{0,200})?>[^<>]{0,200}</\1\s*>")
_MARKUP = re.compile(r"<[^<>]{0,200}>|\{\{.{0,200}?\}\}|\{%.{0,200}?%\}")
#: Words that head notes and documents, never people; "Note: …" after a turn is a suspect.
NOT_NAMES = {
    "note",
    "notes",
    "question",
    "questions",
    "answer",
    "summary",
    "source",
    "title",
    "date",
    "time",
    "transcript",
    "agenda",
    "location",
    "subject",
    "re",
    "ps",
    "example",
    "warning",
    "update",
    "topic",
    "topics",
    "evidence",
    "explanation",
    "speakers",
    "participants",
    "panelists",
    "panellists",
    "attendees",
    "moderators",
    "venue",
    "event",
    "session",
    "meeting",
    "item",
    "chapter",
    "part",
    "section",
    "slide",
    "url",
    "link",
    "email",
    "tel",
    "phone",
    "fax",
    "website",
    "keywords",
}
# Case-insensitive: pronouns, salutations and discourse words that start sentences, not names.
_PROSE_ANY = {
    "i",
    "we",
    "you",
    "they",
    "it",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "how",
    "why",
    "when",
    "where",
    "which",
    "so",
    "if",
    "because",
    "but",
    "ladies",
    "gentlemen",
    "excellencies",
    "colleagues",
    "friends",
    "everyone",
    "everybody",
    "hello",
    "hi",
    "welcome",
    "thanks",
    "thank",
    "yes",
    "no",
    "well",
    "okay",
    "ok",
    "now",
    "finally",
    "also",
    "however",
    "first",
    "firstly",
    "second",
    "secondly",
    "third",
    "thirdly",
    "lastly",
    "my",
    "our",
    "your",
    "their",
    "its",
    "let's",
}
# Lower-case only: verbs and the like ("Will Smith" and "May Chen" are names).
_PROSE_LOWER = {
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "am",
    "do",
    "does",
    "did",
    "not",
    "have",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "may",
    "might",
    "said",
    "says",
    "say",
    "think",
    "means",
    "mean",
    "point",
    "following",
    "as",
    "to",
    "with",
    "by",
    "from",
    "about",
    "into",
    "than",
    "me",
    "us",
    "him",
    "them",
    "a",
    "an",
    "very",
    "just",
    "only",
    "all",
    "some",
    "one",
    "two",
}
# Lower-case words that belong inside names and titles.
_CONNECT = {
    "of",
    "the",
    "for",
    "on",
    "in",
    "at",
    "and",
    "de",
    "da",
    "del",
    "der",
    "den",
    "van",
    "von",
    "la",
    "le",
    "al",
    "bin",
    "bint",
    "el",
    "di",
    "du",
    "dos",
    "das",
    "y",
    "e",
    "zu",
    "ten",
    "ter",
    "ibn",
}
_MAX_TOKENS = 8
_MAX_PROSE_TOKENS = 14
# Lower-case words that label roles ("AT&T representative", "Some hon. members").
_ROLES = set(
    [
        "representative",
        "representatives",
        "delegate",
        "delegation",
        "moderator",
        "chair",
        "chairperson",
        "speaker",
        "participant",
        "member",
        "members",
        "minister",
        "adviser",
        "advisor",
        "ambassador",
        "director",
        "host",
        "guest",
        "panelist",
        "panellist",
        "audience",
        "interpreter",
        "reporter",
        "secretary",
        "president",
        "officer",
        "spokesperson",
        "expert",
        "professor",
        "student",
        "caller",
        "questioner",
        "rapporteur",
        "facilitator",
        "commissioner",
        "senator",
        "judge",
        "witness",
        "clerk",
        "staff",
        "voice",
        "voices",
        "respondent",
        "interviewer",
        "interviewee",
        "presenter",
        "organiser",
        "organizer",
        "observer",
        "hon",
        "assistant",
        "deputy",
        "vice",
        "general",
        "translator",
        "narrator",
        "unknown",
        "unidentified",
        "male",
        "female",
        "man",
        "woman",
    ]
)
_MAX_CHARS = 60


class Verdict(Enum):
    NAME = "name"
    SUSPECT = "suspect"
    PROSE = "prose"


def strip_markup(label: str) -> str:
    """The label without tags and template syntax, for judging only (the label is kept as written)."""
    return " ".join(_MARKUP.sub(" ", _ELEMENT.sub(" ", label)).split())


def judge(label: str, alone: bool = False) -> tuple[Verdict, str]:
    """Whether `label` names a speaker; `alone` is a label on its own line (stricter).
    The second value says why a suspect was not accepted."""
    plain = strip_markup(label)
    tokens = plain.split()
    if not tokens and label.strip():
        return Verdict.SUSPECT, "only markup"
    if not tokens or len(tokens) > _MAX_PROSE_TOKENS or "http" in plain.lower() or plain[-1] in "?!,;":
        return Verdict.PROSE, ""
    first = plain.lstrip("\"“'‘([¿¡-–—•*#>")[:1]
    if not first or not (first.isalpha() or first.isdigit()) or first.islower():
        # "<b>x</b>:" is a marked-up label whatever its case; a sentence has no markup there
        return (Verdict.SUSPECT, "markup in a label") if _MARKUP.search(label) else (Verdict.PROSE, "")
    lower = 0
    for i, token in enumerate(tokens):
        word = token.strip("\"“”'‘’()[],.;")
        key = word.lower()
        if key in _PROSE_ANY or (word.islower() and key in _PROSE_LOWER):
            return Verdict.PROSE, ""
        if i and word[:1].islower() and key not in _CONNECT and key not in _ROLES:
            lower += 1
    if plain.lower().rstrip(".") in NOT_NAMES or tokens[0].lower().rstrip(".") in NOT_NAMES:
        return Verdict.SUSPECT, "a heading word, not a name"
    if len(tokens) > _MAX_TOKENS:
        return Verdict.SUSPECT, f"more than {_MAX_TOKENS} words"
    if len(plain) > _MAX_CHARS:
        return Verdict.SUSPECT, f"longer than {_MAX_CHARS} characters"
    if lower:
        return Verdict.SUSPECT, "a lower-case word that is not part of a name or role"
    if alone and (lower or len(tokens) > 6):
        return Verdict.SUSPECT, "a label on its own line must be a plain name"
    return Verdict.NAME, ""


def parse_timestamp(text: str) -> float:
    """'01:02:03.5' / '02:03' -> seconds."""
    seconds = 0.0
    for part in text.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def split_label(line: str) -> tuple[str, str, float | None] | None:
    """(label, text, start) of a line shaped `[ts] Label [(ts)]: text`, judged or not."""
    m = _LINE.match(line)
    if not m:
        return None
    ts = m.group("ts1") or m.group("ts2")
    return m.group("label").strip(), (m.group("text") or "").strip(), parse_timestamp(ts) if ts else None


def match_label(line: str) -> tuple[str, str, float | None] | None:
    """Split a `Name: text` line into (label, text, start) when it opens a turn."""
    hit = split_label(line)
    if hit is None:
        return None
    verdict, _ = judge(hit[0], alone=not hit[1])
    return hit if verdict is Verdict.NAME else None


def suspect_label(line: str) -> tuple[str, str] | None:
    """(label, why) when the line looks like a label that is not accepted."""
    hit = split_label(line)
    if hit is None:
        return None
    verdict, why = judge(hit[0], alone=not hit[1])
    return (hit[0], why) if verdict is Verdict.SUSPECT else None
