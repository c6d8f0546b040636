"""Attribution suspects: turns that probably begin with the previous speaker's words.

Speech recognition and human note-takers both cut turns late or early. We flag; we never
move words, so statistics stay as attributed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .models import AttributionSuspect, Transcript

_LEADING_FRAGMENT = re.compile(r"^(?P<frag>[^.?!]{1,40}?[.?!])\s+[A-Z]")
_THANKS = re.compile(r"\b[Tt]hank(?:s| you)(?: (?:very|so) much)?(?: indeed)?,?\s+(?P<name>[A-Z][\w’'\-]+)")

_THANKS_ONLY = re.compile(r"\b(?:[Tt]hank(?:s| you)[^.?!]{0,20}|[Ww]ell|[Ss]o|[Yy]es|[Oo]kay)[.?!,]*", re.I)


def _first(name: str) -> str:
    parts = [p for p in name.split() if not p.endswith(".")]
    return parts[0] if parts else name


def _same_first_name(addressed: str, name: str) -> bool:
    """'Rosemary' ~ 'Rosemarie', 'Thomas' ~ 'Tomas': speech recognition spells names freely."""
    a, b = addressed.lower(), _first(name).lower()
    if len(a) < 3 or len(b) < 3:
        return False
    if a == b:
        return True
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 4 or (a.replace("h", "") == b.replace("h", ""))


def _suspect(turn_index: int, speaker: str, reason: str, excerpt: str) -> AttributionSuspect:
    return AttributionSuspect(turn_index=turn_index, speaker=speaker, reason=reason, excerpt=excerpt[:100])


def find_suspects(transcript: Transcript) -> list[AttributionSuspect]:
    """Flag turns that open with a lower-case fragment or a stray short sentence, where a
    speaker thanks themselves by name, or thanks the previous speaker only after an opening
    that may be that speaker's last words."""
    out: list[AttributionSuspect] = []
    prev: str | None = None
    for turn in transcript.turns:
        text = turn.text.lstrip("\"“'‘(…. ")
        if prev is not None and prev != turn.speaker and text:
            m = _LEADING_FRAGMENT.match(text)
            if text[0].islower():
                out.append(
                    _suspect(
                        turn.index,
                        turn.speaker,
                        f"starts with a lower-case fragment that may belong to {prev}",
                        turn.text,
                    )
                )
            elif m and len(m.group("frag").split()) <= 2 and m.group("frag")[0].islower():
                out.append(
                    _suspect(
                        turn.index, turn.speaker, f"opens with a stray fragment that may belong to {prev}", turn.text
                    )
                )
        for m in _THANKS.finditer(turn.text):
            who = m.group("name")
            if _same_first_name(who, turn.speaker):
                out.append(
                    _suspect(
                        turn.index,
                        turn.speaker,
                        f"{turn.speaker} thanks '{who}' (their own name): the words from there on "
                        "probably belong to the next speaker",
                        turn.text[m.start() :],
                    )
                )
                break
            opening = _THANKS_ONLY.sub("", turn.text[: m.start()])
            if prev and prev != turn.speaker and len(opening.split()) >= 5 and _same_first_name(who, prev):
                out.append(
                    _suspect(
                        turn.index,
                        turn.speaker,
                        f"thanks {prev} only after an opening that may be {prev}'s last words",
                        turn.text,
                    )
                )
                break
        prev = turn.speaker
    return out


class LineFlag(NamedTuple):
    """A line that looks like a speaker label but was not accepted: it stayed in turn `turn`."""

    turn: int
    line: int
    label: str
    why: str


#: Reasons of reader flags start so; `line_warnings` finds them again for stderr.
LINE_FLAG_PREFIX = "line "


def attach_line_flags(transcript: Transcript, flags: list[LineFlag]) -> Transcript:
    """Record each flagged line as a suspect of the turn that kept its words."""
    out = list(transcript.suspects)
    for f in flags:
        turn = transcript.turns[f.turn]
        out.append(
            _suspect(
                turn.index,
                turn.speaker,
                f"{LINE_FLAG_PREFIX}{f.line}: {f.label!r} looks like a speaker label but was not taken as one "
                f"({f.why}); its words stay in turn {turn.index + 1}",
                f"{f.label}: …",
            )
        )
    transcript.suspects = out
    return transcript


def line_warnings(transcript: Transcript) -> list[str]:
    """One warning per flagged label-like line, for stderr."""
    return [s.reason for s in transcript.suspects if s.reason.startswith(LINE_FLAG_PREFIX)]
