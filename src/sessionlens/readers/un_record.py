"""United Nations verbatim records (text): `The President (spoke in French): …`,
`Mr. Nebenzia (Russian Federation) (spoke in Russian): …`.

One speaker per person and delegation: the language note is dropped, the delegation is kept
in the label (and becomes the role). Page furniture (`S/PV.9999`, `24-01234 3/25`) and
procedural lines (`The meeting was called to order at …`, `The agenda was adopted.`) are not
speech.
"""

from __future__ import annotations

import re

from ..models import Transcript
from .base import Source, clean_line
from .headed import Header, read_headed
from .labels import Verdict, judge

NAME = "un"
DESCRIPTION = "United Nations verbatim record (Mr. X (Country) (spoke in French): text)"

_OFFICE = (
    r"The (?:Acting |Deputy |Vice-)?(?:President|Chair|Chairperson|Chairman|Secretary-General|"
    r"High Commissioner|Co-Chair|Rapporteur|Under-Secretary-General|Director-General)"
)
_PERSON = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness|Archbishop|Cardinal|Monsignor|Bishop|Prince|"
    r"Princess|King|Queen|Sheikh|Sheikha|Prof|Professor|Ambassador|Judge|General)\.?\s+[^():\n]{1,60}?"
)
_HEADER = re.compile(
    rf"^(?P<who>{_OFFICE}|{_PERSON})(?:\s*\((?P<deleg>(?!spoke|interpretation)[^()]{{2,80}})\))?"
    r"(?:\s*\((?:spoke|interpretation) (?:in|from) [^()]{2,40}\))?\s*:\s*(?P<text>.*)$"
)
_FURNITURE = re.compile(
    r"^(?:[A-Z]{1,4}(?:/[\w.\-]+)+|\d{2}-\d{5}(?:\s.*)?|\d{1,3}/\d{1,3}|\d{1,3}\s*/\s*\d{1,3}\s+\d{2}-\d{5})$"
)
_PROCEDURE = re.compile(
    r"^(?:The meeting (?:was called to order|rose|was suspended|was resumed|resumed|was adjourned)\b.*"
    r"|The agenda was adopted\.|The [\w -]{3,40} was adopted(?: unanimously)?\.)$"
)


def _header(line: str, nxt: str = "") -> Header | None:
    m = _HEADER.match(line)
    if not m:
        return None
    who = " ".join(m.group("who").split())
    if judge(who)[0] is not Verdict.NAME:  # "Mr. President, I thank you: …" is speech, not a label
        return None
    label = f"{who} ({m.group('deleg').strip()})" if m.group("deleg") else who
    return Header(label, None, m.group("text").strip())


def _not_speech(n: int, line: str) -> bool:
    return bool(_FURNITURE.match(line) or _PROCEDURE.match(line))


def sniff(text: str) -> float:
    lines = [clean_line(x) for x in text[:100_000].splitlines()]
    heads = [x for x in lines if x and _HEADER.match(x)]
    spoke = sum(1 for x in heads if "(spoke in" in x or x.startswith("The President"))
    return 0.97 if len(heads) >= 2 and spoke >= 1 else 0.0


def read(source: Source) -> Transcript:
    return read_headed(source, NAME, _header, skip=_not_speech)
