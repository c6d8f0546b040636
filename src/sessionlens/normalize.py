"""Speakers: one per person, with roles; every merge is recorded, never silent.

Labels are merged only when they are the same name once case, spacing, punctuation and
honorifics are ignored ("Dr. Tawfik  Jelassi" = "tawfik jelassi"). Different names are never
merged, however similar: a wrong merge corrupts every statistic of two people.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .introductions import apply_introductions
from .models import Speaker, SpeakerMerge, Transcript

_HONORIFICS = {
    "dr", "h.e", "he", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame",
    "amb", "ambassador", "excellency", "his", "her", "hon", "honourable", "honorable",
    "rev", "mx", "madam", "madame", "mme",
}
_MODERATOR_ROLE = re.compile(
    r"\b(moderat\w*|facilitat\w*|interviewer|host of|(?:session|panel) chair"
    r"|chair(?:person|ing)? of the (?:session|panel|meeting|dialogue|debate))",
    re.I,
)


def name_key(label: str) -> str:
    """Comparison key of a speaker label: case, accents, spacing, honorifics ignored."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("\u00a0", " ").replace("-", " ").replace("’", "'")
    tokens = [t.strip(".,;:()") for t in text.split()]
    while len(tokens) > 1 and tokens[0].rstrip(".") in _HONORIFICS:
        tokens.pop(0)
    return " ".join(t for t in tokens if t)


def display_name(label: str) -> str:
    """A label without leading honorifics and with single spaces."""
    tokens = label.replace("\u00a0", " ").split()
    while len(tokens) > 1 and tokens[0].lower().rstrip(".").strip(",") in _HONORIFICS:
        tokens.pop(0)
    return " ".join(tokens)


def normalize(transcript: Transcript) -> Transcript:
    """Merge label variants of the same person; fill roles and the moderator flag."""
    # Speakers with a role come from an announced list or introduction: their spelling wins.
    announced = {name_key(s.name): s for s in transcript.speakers if s.role or s.affiliation}
    counts = Counter(t.speaker for t in transcript.turns)
    groups: dict[str, list[str]] = {}
    for label in list(dict.fromkeys([s.name for s in transcript.speakers] + list(counts))):
        groups.setdefault(name_key(label), []).append(label)

    canonical: dict[str, str] = {}
    speakers: list[Speaker] = []
    merges = list(transcript.merges)
    for key, labels in groups.items():
        base = announced.get(key)
        if base is not None:
            name = base.name
        else:
            # a properly cased spelling over SHOUTED or lower-case ones, then the most used
            name = display_name(
                max(labels, key=lambda x: (x != x.upper() and x != x.lower(), counts[x], -labels.index(x)))
            )
        old = {s.name: s for s in transcript.speakers}
        first = base or next((old[x] for x in labels if x in old), None)
        aliases = sorted({x for x in labels if x != name})
        spoken = [x for x in labels if counts[x]]
        if len(set(spoken) | ({name} if counts[name] else set())) > 1 or (aliases and spoken and name not in spoken):
            merges.append(
                SpeakerMerge(
                    name=name,
                    variants=sorted(set(labels)),
                    reason="same name once case, spacing, punctuation and honorifics are ignored",
                )
            )
        role = first.role if first else None
        speakers.append(
            Speaker(
                name=name,
                role=role,
                affiliation=first.affiliation if first else None,
                aliases=aliases,
                listed=first.listed if first else True,
                is_moderator=bool((first and first.is_moderator) or (role and _MODERATOR_ROLE.search(role))),
            )
        )
        for x in labels:
            canonical[x] = name
    turns = [t.model_copy(update={"speaker": canonical[t.speaker]}) for t in transcript.turns]
    result = transcript.model_copy(update={"speakers": speakers, "turns": turns, "merges": merges})
    return _mark_moderator(apply_introductions(result))


def _mark_moderator(transcript: Transcript) -> Transcript:
    """Without an announced moderator, the speaker who takes every other turn chairs."""
    if any(s.is_moderator for s in transcript.speakers) or len(transcript.speakers) < 3:
        return transcript
    counts = Counter(t.speaker for t in transcript.turns)
    name, n = counts.most_common(1)[0]
    if n >= 0.35 * len(transcript.turns) and n >= 3:
        for s in transcript.speakers:
            if s.name == name:
                s.is_moderator = True
    return transcript
