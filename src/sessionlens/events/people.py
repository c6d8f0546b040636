"""Who is the same person across the sessions of an event.

A speaker label names a person across sessions only when it is a name: "Lynne Neagle AM" in
two hearings is one member. A label that names a part ("Speaker 1", "Interviewer", "The Chair",
"Project Manager", "Grad B", a bare "B") says nothing about who spoke: two recordings'
"Speaker 1" are two people, so such a label belongs to its own session (an organiser who knows
who it was renames it in the manifest, and the name then joins). A part followed by the name it
stands for ("The Chair (Hon. Anthony Rota (…))") is that person, and so is the bare part ("The
Chair") in the same session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import display_name, name_key
from ..readers.labels import _ROLES as LABEL_ROLES  # the readers' role words: one list for both
from ..renderers.view import GENERIC_ROLES
from .event_file import Event

#: words of job and team labels (meeting corpora label speakers by their part in a project)
_JOB_WORDS = frozenset(
    {
        "manager", "designer", "marketing", "interface", "user", "project", "industrial", "product",
        "engineer", "developer", "analyst", "consultant", "researcher", "lead", "team", "sales", "technical",
        "grad", "phd", "postdoc", "undergrad", "teacher", "doctor", "nurse", "patient", "client", "customer",
        "chairman", "chairwoman", "chairperson", "member", "of", "the", "a", "an", "and",
    }
)  # fmt: skip
ROLE_WORDS = frozenset(GENERIC_ROLES) | frozenset(LABEL_ROLES) | _JOB_WORDS
#: "The Chair (Hon. Anthony Rota (Nipissing, Lib.))": a part, then the person in parentheses
_PART_OF = re.compile(r"^([^()]+?)\s*\((.+)\)\s*$")


def is_role_label(label: str) -> bool:
    """Whether `label` names a part in the conversation, not a person: only role words with an
    optional identifier ("Speaker 2", "Industrial Designer", "Grad C"), or a bare letter or number."""
    # identifiers (a number, a lone capital) say which part, not who: "Grad B" is the part "Grad"
    words = [
        w.lower() for w in re.findall(r"[^\W\d_]+|\d+", label) if not (w.isdigit() or (len(w) == 1 and w.isupper()))
    ]
    return bool(label.strip()) and all(w in ROLE_WORDS for w in words)


def _named_part(label: str) -> str | None:
    """The person a part names ("The Chair (Hon. Anthony Rota (…))" -> "Hon. Anthony Rota (…)")."""
    m = _PART_OF.match(label.strip())
    if m is None or not is_role_label(m.group(1)) or is_role_label(name_key(m.group(2)) or m.group(2)):
        return None
    return m.group(2)


@dataclass(frozen=True)
class Person:
    """One person of the event: `key` compares, `name` shows; `session` is the one session a role
    label stands for (None for a name, which joins across sessions)."""

    key: str
    name: str
    session: str | None = None


def session_people(slug: str, labels: list[str]) -> dict[str, Person]:
    """Each speaker label of one session as a Person."""
    out: dict[str, Person] = {}
    named = {label: _named_part(label) for label in labels}
    # a bare part ("The Chair") is the person its named form names, when only one does in this session
    parts: dict[str, set[str]] = {}
    for label, person in named.items():
        if person is not None:
            part = _PART_OF.match(label.strip()).group(1)  # type: ignore[union-attr]
            parts.setdefault(name_key(part), set()).add(name_key(person))
    for label in labels:
        person = named[label]
        if person is None and len(parts.get(name_key(label), ())) == 1:
            person = next(p for p in named.values() if p is not None and name_key(p) in parts[name_key(label)])
        if person is not None:
            out[label] = Person(key=name_key(person) or person, name=display_name(person))
        elif is_role_label(label):
            out[label] = Person(key=f"{slug}\x00{name_key(label) or label}", name=label, session=slug)
        else:
            out[label] = Person(key=name_key(label) or label, name=label)
    return out


def event_people(event: Event) -> dict[tuple[str, str], Person]:
    """Every (session slug, speaker label) of the event's reports as a Person."""
    out: dict[tuple[str, str], Person] = {}
    for s in event.built:
        assert s.report is not None
        labels = list(dict.fromkeys([x.name for x in s.report.stats] + [a.speaker for a in s.report.arguments]))
        for label, person in session_people(s.slug, labels).items():
            out[(s.slug, label)] = person
    return out
