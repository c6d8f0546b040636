"""What the two interview readers share: finding the interviewer's and interviewee's names."""

from __future__ import annotations

import re

_NAME = r"(?:[A-Z][\w'’\-]+|[A-Z]\.)(?:\s(?:[A-Z][\w'’\-]+|[A-Z]\.|de|van|von|da|del|le|la)){1,4}"
_WITH = re.compile(
    rf"(?P<host>{_NAME})\s+(?:has|had|holds|conducts|conducted)\s+(?:an?\s+)?(?:exclusive\s+)?"
    rf"interview\s+with\s+(?P<guest>{_NAME})"
)
_TITLE_PIPE = re.compile(rf"^[^|\n]{{2,60}}\|\s*(?P<guest>{_NAME})\s*$", re.M)
_BIO = re.compile(rf"^(?P<guest>{_NAME})['’]s biography\s*$", re.M)
_INTERVIEW_WITH = re.compile(rf"[Ii]nterview (?:with|of) (?P<guest>{_NAME})")


def interview_names(text: str) -> tuple[str, str, str | None]:
    """(interviewer, interviewee, interviewee's role line) as far as the text tells."""
    head = text[:20_000]
    host = guest = None
    m = _WITH.search(head)
    if m:
        host, guest = m.group("host"), m.group("guest")
    for pattern in (_TITLE_PIPE, _BIO, _INTERVIEW_WITH):
        if guest:
            break
        m = pattern.search(text)
        if m:
            guest = m.group("guest")
    role = None
    if guest:
        # "Anne Miroux, Director, Division on …" as its own line gives the role.
        m = re.search(rf"^{re.escape(guest)},\s*(?P<role>.{{5,200}})$", head, re.M)
        role = m.group("role").strip() if m else None
    return host or "Interviewer", guest or "Interviewee", role
