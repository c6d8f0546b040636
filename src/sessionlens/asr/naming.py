"""Names for diarized voices: given by the user, or proposed from what is said.

Diarization yields `Speaker 1…N`. The user maps them (`--names "Speaker 1=Ko Barrett,…"`
or a file with one `Speaker 1=Ko Barrett` per line, or a JSON object). Proposals come
from three cues in the words around a change of speaker:

* a self-introduction at the start of a turn: "I am Maria", "my name is Maria";
* the next speaker addressed at the end of the turn before: "David, would you like to
  start?", "over to you, David", "Thank you, Kamal" just before Kamal speaks;
* the previous speaker thanked at the start of a turn: "Thank you, Maria."

Proposals are votes, shown with the words they came from; they are applied only on request.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..models import Turn

_NAME = r"((?:[A-Z][a-z'’\-]+|[A-Z]\.)(?:\s(?:[A-Z][a-z'’\-]+))?)"
#: Words that follow "thank you," or open an address but are not names.
_NOT_NAMES = {
    "all",
    "everyone",
    "everybody",
    "both",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "madam",
    "sir",
    "mister",
    "president",
    "minister",
    "ambassador",
    "excellency",
    "so",
    "very",
    "and",
    "for",
    "the",
    "again",
    "yes",
    "no",
    "okay",
    "ok",
    "well",
    "now",
    "please",
    "thanks",
    "thank",
    "good",
    "i",
    "we",
    "you",
    "it",
    "that",
    "this",
    "let",
    "what",
    "how",
    "ladies",
    "colleagues",
    "friends",
    "moderator",
    "panel",
    "professor",
    "doctor",
    "dr",
    "mr",
    "mrs",
    "ms",
}

# Cue phrases match in any case, names only when capitalised: hence the scoped (?i:…).
_SELF = re.compile(rf"\b(?i:I am|I'm|my name is|this is)\s+{_NAME}\b")
_THANKS = re.compile(rf"^\W*(?i:thank you(?: very much)?|thanks(?: a lot)?|many thanks),?\s+{_NAME}\b")
_HANDOVER = [
    re.compile(
        rf"\b{_NAME},\s+(?:would you|could you|can you|will you|please|go ahead|"
        rf"the floor is yours|you have the floor|what is your|what's your|do you)"
    ),
    re.compile(
        rf"\b(?i:over to you|give the floor to|pass (?:it )?(?:on )?to|hand over to|"
        rf"invite|call on|next speaker is|turn to|welcome)\s*,?\s+{_NAME}\b"
    ),
    re.compile(rf"\b(?i:thank you|thanks),?\s+{_NAME}[.!]?\s*$"),
]


@dataclass(frozen=True)
class Proposal:
    """A name proposed for a diarized label, with the words that suggest it."""

    label: str
    name: str
    votes: int
    evidence: tuple[str, ...]


def _name(candidate: str) -> str | None:
    words = candidate.split()
    while words and words[-1].lower().strip(".") in _NOT_NAMES:
        words.pop()
    if not words or words[0].lower().strip(".") in _NOT_NAMES:
        return None
    return " ".join(words)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def propose_names(turns: list[Turn]) -> list[Proposal]:
    """Name proposals per speaker label, from introductions and addresses around turn changes.

    A name is proposed for at most one label: the label with the most votes for it.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    evidence: dict[tuple[str, str], list[str]] = defaultdict(list)

    def vote(label: str, name: str | None, said: str) -> None:
        if name:
            votes[label][name] += 1
            evidence[label, name].append(said)

    # runs of consecutive turns by one speaker count as one turn here
    runs: list[tuple[str, str]] = []
    for t in turns:
        if runs and runs[-1][0] == t.speaker:
            runs[-1] = (t.speaker, f"{runs[-1][1]} {t.text}")
        else:
            runs.append((t.speaker, t.text))
    for i, (label, text) in enumerate(runs):
        sentences = _sentences(text)
        if not sentences:
            continue
        head = " ".join(sentences[:2])
        if m := _SELF.search(head):
            vote(label, _name(m.group(1)), m.group(0))
        if i > 0 and (m := _THANKS.search(sentences[0])):
            vote(runs[i - 1][0], _name(m.group(1)), m.group(0).strip())
        if i + 1 < len(runs):
            tail = sentences[-1]
            for pattern in _HANDOVER:
                if m := pattern.search(tail):
                    vote(runs[i + 1][0], _name(m.group(1)), m.group(0).strip())
                    break
    best: dict[str, tuple[int, str]] = {}
    for label, counter in votes.items():
        for name, n in counter.items():
            if name not in best or n > best[name][0]:
                best[name] = (n, label)
    out: list[Proposal] = []
    for label, counter in votes.items():
        ranked = [(n, name) for name, n in counter.most_common() if best[name][1] == label]
        if ranked and ranked[0][1] != label:
            n, name = ranked[0]
            out.append(Proposal(label, name, n, tuple(dict.fromkeys(evidence[label, name]))))
    return sorted(out, key=lambda p: p.label)


def parse_names(value: str) -> dict[str, str]:
    """`Speaker 1=Ko Barrett,Speaker 2=…` or a mapping file (lines `A=B` / `A: B`, or JSON)."""
    path = Path(value)
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if text.lstrip().startswith("{"):
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(path, f"invalid JSON names file ({exc.msg})") from None
            if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
                raise InputError(path, 'a names file in JSON must be an object {"Speaker 1": "Name"}')
            pairs = [(str(k), v) for k, v in data.items()]
        else:
            pairs = [_pair(line, str(path), r"[=:]") for line in text.splitlines() if line.strip()]
    else:
        pairs = [_pair(item, "--names", "=") for item in value.split(",") if item.strip()]
    out: dict[str, str] = {}
    for label, name in pairs:
        label = f"Speaker {label}" if label.isdigit() else label
        out[label] = name
    return out


def _pair(item: str, where: str, sep: str) -> tuple[str, str]:
    parts = re.split(sep, item, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        raise InputError(where, f"expected 'Speaker 1=Name', got {item.strip()[:40]!r}")
    return parts[0].strip(), parts[1].strip()


def apply_names(labels: list[str], names: dict[str, str], proposals: list[Proposal] | None = None) -> dict[str, str]:
    """Label -> final name: the user's names first, then proposals (if given), else the label."""
    unknown = sorted(set(names) - set(labels))
    if unknown:
        raise InputError("--names", f"no such speaker {unknown[0]!r} (heard: {', '.join(labels)})")
    final = {label: label for label in labels}
    taken = set(names.values())
    for p in proposals or []:
        if p.label not in names and p.name not in taken:
            final[p.label] = p.name
            taken.add(p.name)
    final.update(names)
    if len(set(final.values())) < len(final):
        raise InputError("--names", "two speakers were given the same name")
    return final
