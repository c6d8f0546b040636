"""Speakers: one per person, with roles; every merge is recorded, never silent.

Labels are merged only when they are the same name once case, spacing, punctuation and
honorifics are ignored ("Dr. Tawfik  Jelassi" = "tawfik jelassi"). Different names are never
merged, however similar: a wrong merge corrupts every statistic of two people.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

from .errors import InputError
from .introductions import apply_introductions
from .models import Speaker, SpeakerMerge, Transcript

_HONORIFICS = {
    "dr",
    "h.e",
    "he",
    "mr",
    "mrs",
    "ms",
    "miss",
    "prof",
    "professor",
    "sir",
    "dame",
    "amb",
    "ambassador",
    "excellency",
    "his",
    "her",
    "hon",
    "honourable",
    "honorable",
    "rev",
    "mx",
    "madam",
    "madame",
    "mme",
}
_MODERATOR_ROLE = re.compile(
    r"\b(moderat\w*|facilitat\w*|interviewer|host of|(?:session|panel) chair"
    r"|chair(?:person|ing)? of the (?:session|panel|meeting|dialogue|debate))",
    re.I,
)


# "Jamie Schmale (Haliburton, CPC)": the parenthesis describes the person, it is not the name.
_TRAILING_PAREN = re.compile(r"\s*\(([^()]{1,120})\)\s*$")


def _strip_paren(label: str) -> str:
    stripped = _TRAILING_PAREN.sub("", label)
    return stripped if stripped.strip() else label


def name_key(label: str) -> str:
    """Comparison key of a speaker label: case, accents, spacing, honorifics and a
    trailing parenthetical description ignored."""
    text = unicodedata.normalize("NFKD", _strip_paren(label))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("\u00a0", " ").replace("-", " ").replace("’", "'")
    tokens = [t.strip(".,;:()") for t in text.split()]
    while len(tokens) > 1 and tokens[0].rstrip(".") in _HONORIFICS:
        tokens.pop(0)
    return " ".join(t for t in tokens if t)


def display_name(label: str) -> str:
    """A label without leading honorifics and with single spaces."""
    tokens = _strip_paren(label).replace("\u00a0", " ").split()
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
        described = (m.group(1).strip() for x in labels if (m := _TRAILING_PAREN.search(x)))
        role = (first.role if first else None) or next(described, None)
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


def rename_speakers(transcript: Transcript, mapping: dict[str, str]) -> Transcript:
    """Rename speakers as the user says ({"Speaker 1": "Ko Barrett"}); keys match a speaker's
    name or one of its aliases, case and spacing ignored. Renaming onto an existing speaker
    joins the two, and the join is recorded as a merge."""
    by_key = {" ".join(k.split()).casefold(): v.strip() for k, v in mapping.items() if v.strip()}
    if not by_key:
        return transcript
    new_name: dict[str, str] = {}
    for s in transcript.speakers:
        for label in (s.name, *s.aliases):
            target = by_key.get(" ".join(label.split()).casefold())
            if target:
                new_name[s.name] = target
                break
    if not new_name:
        return transcript
    speakers: list[Speaker] = []
    index: dict[str, Speaker] = {}
    merges = list(transcript.merges)
    for s in transcript.speakers:
        name = new_name.get(s.name, s.name)
        if name in index:  # two speakers are one person: keep the first's details, add aliases
            kept = index[name]
            kept.aliases = sorted({*kept.aliases, s.name, *s.aliases} - {name})
            merges.append(SpeakerMerge(name=name, variants=sorted({kept.name, s.name}), reason="renamed by the user"))
            continue
        renamed = s.model_copy(
            update={"name": name, "aliases": sorted({*s.aliases, s.name} - {name}) if name != s.name else s.aliases}
        )
        index[name] = renamed
        speakers.append(renamed)
    turns = [t.model_copy(update={"speaker": new_name.get(t.speaker, t.speaker)}) for t in transcript.turns]
    suspects = [x.model_copy(update={"speaker": new_name.get(x.speaker, x.speaker)}) for x in transcript.suspects]
    return transcript.model_copy(update={"speakers": speakers, "turns": turns, "merges": merges, "suspects": suspects})


def parse_rename(pairs: list[str] | tuple[str, ...], name: str = "--rename") -> dict[str, str]:
    """'Speaker 1=Ko Barrett' items into a mapping; an InputError for a malformed one."""
    out: dict[str, str] = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise InputError(name, f"expected OLD=NEW, got {pair[:60]!r}")
        out[old.strip()] = new.strip()
    return out


def read_speakers_map(path: str | Path) -> dict[str, str]:
    """A CSV of `old,new` rows (an optional header row `from,to` or `label,name`)."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot read the speakers map ({getattr(exc, 'strerror', None) or exc})") from None
    out: dict[str, str] = {}
    for n, row in enumerate(csv.reader(io.StringIO(text)), 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise InputError(name, f"line {n}: expected two columns, old name and new name")
        if n == 1 and row[0].strip().lower() in {"from", "label", "old", "speaker"}:
            continue
        out[row[0].strip()] = row[1].strip()
    if not out:
        raise InputError(name, "the speakers map has no rows")
    return out
