"""Session at a glance: a summary in reported speech, keypoints and the session's purpose.

The summary has 3-6 short paragraphs: what the session was for (the chair's framing, not
the greeting) and who took part; the largest themes with who argued what, in reported
speech; where speakers converged and differed (read from the report's stance sections
through `stance_groups`); and the commitments made. Every statement is a transcript
sentence turned into the third person (`reported`), or a name or theme of the report.
"""

from __future__ import annotations

import re

from ...models import ActionItem, Agreements, Differences, DiscussionPoint
from . import units
from .arguments import Claim, title_text
from .points import Point, speaker_list
from .reported import reported
from .session import Session

THEMES = 3  # paragraphs on themes
PER_THEME = 2  # speakers reported per theme
COMMITMENTS = 2
_PURPOSE = re.compile(
    r"\b(today|this (session|meeting|panel|dialogue|discussion|hearing|interview|debate)|purpose|aim|"
    r"objective|agenda|we are here|we're here|focus(es|ed)? on|discuss|item \d)\b",
    re.I,
)


_WELCOME = re.compile(
    r"welcome (?:you )?to (?:this|the|our|today's|today’s) (?P<kind>panel|session|meeting|hearing|dialogue|"
    r"discussion|debate|conversation|webinar|event|forum|roundtable)(?P<rest> (?:on|about|of|dedicated to|"
    r"focused on) [^.!?]+)",
    re.I,
)


def welcome_line(session: Session) -> str | None:
    """'A panel on water and climate.' from a chair's "welcome to this panel on water and climate"."""
    for s in session.sentences[:12]:
        m = _WELCOME.search(s.text)
        if m:
            return f"A {m.group('kind').lower()}{m.group('rest').rstrip(' ,;')}, chaired by {s.speaker}."
    return None


def framing(session: Session) -> int | None:
    """The opening sentence that says what the session is for, preferably the chair's."""
    head = session.sentences[: max(12, len(session.sentences) // 8)]
    cands = [
        s
        for s in head
        if _PURPOSE.search(s.text)
        and 8 <= s.words <= 50
        and not units.is_question(s.text)
        and not units.is_procedural_line(s.text)
        and not units.is_fragment(s.text)
    ]
    chairs = [s for s in cands if s.speaker in session.moderators]
    pick = (chairs or cands)[:1]
    return pick[0].index if pick else None


def stance_groups(agreements: Agreements, differences: Differences) -> tuple[list[list[str]], list[list[str]]]:
    """Speaker groups that converged and that differed, from the report's stance sections.

    The only place the summary reads stance data, so a change of the stance model touches
    this function alone.
    """
    agree = [*agreements.agreement_points, *agreements.similar_viewpoints, *agreements.unexpected_consensus]
    differ = [*differences.different_viewpoints, *differences.unexpected_differences]
    return [s.speakers for s in agree if len(s.speakers) > 1], [s.speakers for s in differ if len(s.speakers) > 1]


def _theme_paragraph(
    session: Session, claims: list[Claim], point: Point, title: str, proper: frozenset[str]
) -> str | None:
    ids = sorted(point.claims, key=lambda i: -float(claims[i].vector @ claims[point.central].vector))
    # The panellists' positions first: a chair's lines mostly frame or prompt others.
    ids = sorted(ids, key=lambda i: claims[i].speaker in session.moderators)
    # The panellists' positions first: a chair's lines mostly frame or prompt others.
    ids = sorted(ids, key=lambda i: claims[i].speaker in session.moderators)
    lines: list[str] = []
    seen: set[str] = set()
    for i in ids:
        c = claims[i]
        if c.speaker in seen:
            continue
        seen.add(c.speaker)
        lines.append(reported(c.speaker, title_text(session, c), proper))
        if len(lines) == PER_THEME:
            break
    if not lines:
        return None
    return f"Under the theme “{title}”, " + " ".join(lines)


def summary(
    session: Session,
    claims: list[Claim],
    points: list[Point],
    agreements: Agreements | None = None,
    differences: Differences | None = None,
    actions: list[ActionItem] = (),
) -> str | None:
    """3-6 paragraphs: purpose and participants, main themes, convergence and differences, commitments."""
    if not session.content.any():
        return None
    paragraphs: list[str] = []
    proper = session.proper_words()
    speakers = session.speakers()
    chairs = [s for s in speakers if s in session.moderators]
    guests = [s for s in speakers if s not in chairs]
    if len(speakers) == 2 and len(chairs) == 1:
        opening = f"{chairs[0]} interviewed {guests[0]}"  # an interview has a host, not a chair
    else:
        opening = f"{len(speakers)} speakers took part" if len(speakers) > 3 else f"{speaker_list(speakers)} took part"
        if chairs:
            opening += f", with {speaker_list(chairs)} in the chair"
    first = framing(session)
    if first is not None:
        s = session.sentences[first]
        opening += ". Opening the session, " + reported(s.speaker, s.text, proper)
    else:
        opening += "."
        welcome = welcome_line(session)
        if welcome:
            opening = welcome + " " + opening
    paragraphs.append(opening)
    biggest = sorted(points, key=lambda p: -len(p.claims))[:THEMES]
    for p in sorted(biggest, key=lambda p: points.index(p)):
        text = _theme_paragraph(session, claims, p, p.title, proper)
        if text:
            paragraphs.append(text)
    agree, differ = stance_groups(agreements or Agreements(), differences or Differences())
    stance: list[str] = []
    if agree:
        stance.append("Converging positions came from " + "; ".join(speaker_list(g) for g in agree[:3]) + ".")
    if differ:
        stance.append("Positions differed between " + "; ".join(speaker_list(g) for g in differ[:3]) + ".")
    if stance:
        paragraphs.append(" ".join(stance))
    commitments = [reported(a.speaker, a.text, proper) for a in actions[:COMMITMENTS] if a.speaker]
    if commitments:
        paragraphs.append("Among the commitments made, " + " ".join(commitments))
    return "\n\n".join(paragraphs[:6])


def keypoints(
    points: list[Point], limit: int = 6, summary: str | None = None, claims: list[Claim] = ()
) -> list[DiscussionPoint]:
    """The largest discussion points (3-6), in session order, one line each. A point whose
    central claim the summary already reports says only who raised it."""
    biggest = sorted(points, key=lambda p: -len(p.claims))[:limit]
    out = []
    for p in sorted(biggest, key=lambda p: points.index(p)):
        description = p.description
        claim = (description or "").partition("; also raised by ")[0].rstrip(".")
        if summary and claim and claim in summary and claims:
            who = dict.fromkeys(claims[i].speaker for i in [p.central, *p.claims])
            description = f"Raised by {speaker_list(list(who))}."
        out.append(DiscussionPoint(title=p.title, description=description))
    return out


def purpose(session: Session) -> str | None:
    """What the session was for, in the chair's words, reported."""
    i = framing(session)
    if i is None:
        return welcome_line(session)
    s = session.sentences[i]
    return reported(s.speaker, s.text, session.proper_words())
