"""Parliamentary Hansard: `Mr Smith (Party):`, `Ms Jones (Ottawa Centre, NDP):`, `The Chair:`;
or the member's line on its own (`Sir Keir Starmer (Holborn and St Pancras) (Lab)`) with the
speech below. The parenthesis describes the member and becomes the role."""

from __future__ import annotations

import re

from ..models import Transcript
from .base import Source, clean_line
from .headed import Header, read_headed
from .labels import Verdict, judge, match_label

NAME = "hansard"
DESCRIPTION = "Parliamentary Hansard (Mr Smith (Party): text; The Chair: text)"

_OFFICE = re.compile(
    r"^(?P<who>The (?:Chair|Chairman|Speaker|Deputy Speaker|Acting Speaker|President|Deputy President|"
    r"Clerk|Presiding Officer|Deputy Presiding Officer|Temporary Chair|Assistant Deputy Speaker)"
    r"(?:\s*\([^()]{2,60}\))?)\s*:\s*(?P<text>.*)$"
)
_MEMBER = re.compile(r"^(?P<who>[^\s():][^():]{1,60}?(?:\s*\([^()]{2,80}\)){1,2})\s*(?P<colon>:)?\s*(?P<text>.*)$")


def _header(line: str, nxt: str = "") -> Header | None:
    if m := _OFFICE.match(line):
        return Header(m.group("who"), None, m.group("text").strip())
    m = _MEMBER.match(line)
    if m and (m.group("colon") or not m.group("text")):
        name = m.group("who").split("(")[0]
        if judge(name, alone=not m.group("text"))[0] is Verdict.NAME:
            # "(Holborn and St Pancras) (Lab)": one description, so that it becomes one role
            who = re.sub(r"\)\s*\(", ", ", " ".join(m.group("who").split()))
            return Header(who, None, m.group("text").strip())
    if hit := match_label(line):
        return Header(hit[0], hit[2], hit[1])
    return None


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text[:100_000].splitlines()]
    offices = sum(1 for x in lines if x and _OFFICE.match(x))
    members = sum(1 for x in lines if x and "(" in x and (h := _header(x)) and "(" in (h.speaker or ""))
    nonempty = sum(1 for x in lines if x)
    return 0.93 if members >= 2 and (offices >= 1 or members >= 4 or members * 3 >= nonempty) else 0.0


def read(source: Source) -> Transcript:
    return read_headed(source, NAME, _header)
