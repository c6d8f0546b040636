"""U.S. congressional hearings as printed by the GPO: indented paragraphs opened by a label
that ends in a period (`    Chair DURBIN. This meeting…`, `    Mr. Chew. Senator, …`).

Front matter before the first label, centred ALL-CAPS headings and bracketed stage
directions and record notes (`[Applause.]`, `[The prepared statement … follows:]`) are not
speech. A line that ends in a hyphen is joined to the next without a space, as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Transcript
from .base import Source, clean_line
from .headed import Header, read_headed

NAME = "gpo"
DESCRIPTION = "U.S. congressional hearing as printed by the GPO (indented Mr. SMITH. text)"

_TITLE = (
    r"(?:The|Chair|Chairman|Chairwoman|Chairperson|Vice Chair|Co-Chair|Ranking Member|Senator|"
    r"Representative|Delegate|Commissioner|Resident Commissioner|Mr\.|Mrs\.|Ms\.|Miss|Mx\.|Dr\.|Judge|"
    r"Justice|General|Admiral|Secretary|Ambassador|Governor|Mayor|Professor|Dean|Reverend|Rev\.|"
    r"Sheriff|Chief|Director|Attorney General|Voice|Voices|A Voice)"
)
_SURNAME = r"(?:Mc|Mac|O'|O’|De|Di|La|Le|Van )?[A-Z][A-Za-z'’\-]*"
_LABEL = re.compile(
    rf"^(?P<indent>\s{{2,}})(?P<label>{_TITLE}(?:\s+{_SURNAME}){{0,3}}"
    r"(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?)(?:\s*\[[a-z ]{3,20}\])?\.\s+(?P<text>\S.*)$"
)
_CAPS_WORD = re.compile(r"^(Mc|Mac)?([A-Z][A-Z'’\-]+)$")


def display_label(label: str) -> str:
    """'Chair DURBIN' -> 'Chair Durbin', 'Mr. McCONNELL' -> 'Mr. McConnell', "O'NEIL" -> "O'Neil"."""
    words = []
    for w in label.split():
        m = _CAPS_WORD.match(w)
        if m and len(m.group(2)) > 1:
            w = (m.group(1) or "") + re.sub(r"[A-Za-z]+", lambda p: p.group().capitalize(), m.group(2))
        words.append(w)
    return " ".join(words)


def _header(raw: str) -> Header | None:
    m = _LABEL.match(raw)
    if not m:
        return None
    text = re.sub(r"^\[continuing\]\s*", "", m.group("text"))
    return Header(display_label(m.group("label")), None, text)


def _not_speech(text: str) -> Callable[[int, str], bool]:
    """Headings and rules, and bracketed notes: a paragraph (it starts indented) that opens
    with `[` runs to the line with `]` or to the next paragraph, whichever comes first."""
    notes: set[int] = set()
    inside = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if raw[:1].isspace() and line.startswith("["):
            inside = True
        elif raw[:1].isspace() and line:
            inside = False
        if inside:
            notes.add(n)
            inside = "]" not in line

    def skip(n: int, line: str) -> bool:
        letters = [c for c in line if c.isalpha()]
        rule = not letters and set(line) <= set("-_=* ")
        return n in notes or rule or (len(letters) > 3 and line == line.upper())

    return skip


def sniff(text: str) -> float:
    hits = sum(1 for x in text[:100_000].splitlines() if _LABEL.match(x.rstrip()))
    return 0.97 if hits >= 3 else 0.0


def read(source: Source) -> Transcript:
    # the indent tells labels from wrapped lines: headers see the raw line, not the stripped one
    raw = {clean_line(x): x.rstrip() for x in source.text.splitlines() if _LABEL.match(x.rstrip())}
    return read_headed(
        source,
        NAME,
        lambda line, nxt: _header(raw[line]) if line in raw else None,
        skip=_not_speech(source.text),
        join_hyphen=True,
    )
