"""Attribution suspects: turns that probably begin with the previous speaker's words.

Speech recognition and human note-takers both cut turns late or early. We flag; we never
move words, so statistics stay as attributed.
"""

from __future__ import annotations

import re

from .models import AttributionSuspect, Transcript

_LEADING_FRAGMENT = re.compile(r"^(?P<frag>[^.?!]{1,40}?[.?!])\s+(?P<rest>[A-Z])")


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def find_suspects(transcript: Transcript) -> list[AttributionSuspect]:
    """Flag turns opening with a lower-case fragment, a stray short sentence, or
    a speaker thanking themselves by name."""
    out: list[AttributionSuspect] = []
    prev = None
    for turn in transcript.turns:
        text = turn.text.lstrip("\"“'‘(…. ")
        excerpt = turn.text[:80]
        if prev is not None and prev != turn.speaker and text:
            m = _LEADING_FRAGMENT.match(text)
            if text[0].islower():
                out.append(
                    AttributionSuspect(
                        turn_index=turn.index,
                        speaker=turn.speaker,
                        reason=f"starts with a lower-case fragment that may belong to {prev}",
                        excerpt=excerpt,
                    )
                )
            elif m and len(m.group("frag").split()) <= 2 and m.group("frag")[0].islower():
                out.append(
                    AttributionSuspect(
                        turn_index=turn.index,
                        speaker=turn.speaker,
                        reason=f"opens with a stray fragment that may belong to {prev}",
                        excerpt=excerpt,
                    )
                )
        first = _first_name(turn.speaker)
        if len(first) > 2 and re.search(
            rf"\bthank(?:s| you)(?: very much| so much)?,?\s+{re.escape(first)}\b", turn.text[:300], re.I
        ):
            out.append(
                AttributionSuspect(
                    turn_index=turn.index,
                    speaker=turn.speaker,
                    reason="the speaker thanks themselves by name: the start may belong to another speaker",
                    excerpt=excerpt,
                )
            )
        prev = turn.speaker
    return out
