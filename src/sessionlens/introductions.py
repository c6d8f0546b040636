"""Roles and affiliations from introductions in the speech itself.

"With me are Lena Fischer, Head of Forecasting at the Pacific Regional Weather Centre; …"
gives Lena Fischer a role and an affiliation; "I am Amara Osei and I will moderate" marks
the moderator. Only speakers of the transcript are matched, by their full name.
"""

from __future__ import annotations

import re

from .models import Transcript

# An appositive after the name, up to ";", ", and", a sentence end or the line end.
_APPOSITIVE = re.compile(r", (?P<desc>[A-Z][^;\n]{2,140}?)(?=;|,? and |\. |\.$|\n|$)")
_ORIGIN = re.compile(r" (?:from|of) (?:the )?(?P<org>[A-Z][^;,.\n]{1,80}?)(?=[;,.\n]| and |$)")
# Where an appositive or an origin may start: the name must end right there.
_AFTER_NAME = re.compile(r"(?=, [A-Z]| (?:from|of) )")
_WORD_START = re.compile(r"\b")
#: Longer "names" are not looked for (no one is introduced by a paragraph).
MAX_NAME_CHARS = 120
_MODERATES = re.compile(
    r"\b(?:I will|I'll|I’ll|I am going to|I'm going to|I’m going to) (?:moderate|chair|facilitate)\b"
    r"|\b(?:I am|I'm|I’m) (?:your|the) (?:moderator|chair|host|facilitator)\b",
    re.I,
)


def find_introductions(transcript: Transcript) -> dict[str, tuple[str | None, str | None]]:
    """Speaker name -> (role, affiliation) as introduced in the turns: "NAME, Role at Org"
    first, else "NAME from/of Org", each the first in the text.

    One pass over the text, whatever the number of speakers: at each place where an
    introduction may follow, the names that end there are looked up by length."""
    names = {s.name for s in transcript.speakers if 0 < len(s.name) <= MAX_NAME_CHARS}
    lengths = sorted({len(n) for n in names})
    text = "\n".join(t.text for t in transcript.turns)
    appositive: dict[str, tuple[str | None, str | None]] = {}
    origin: dict[str, tuple[str | None, str | None]] = {}
    for hit in _AFTER_NAME.finditer(text):
        end = hit.start()
        named = [text[end - n : end] for n in lengths if n <= end]
        named = [n for n in named if n in names and _WORD_START.match(text, end - len(n))]
        if not named:
            continue
        m = _APPOSITIVE.match(text, end)
        if m:
            for name in named:
                appositive.setdefault(name, split_role(m.group("desc")))
            continue
        m = _ORIGIN.match(text, end)
        if m:
            for name in named:
                origin.setdefault(name, (None, m.group("org").strip()))
    return {
        s.name: appositive.get(s.name) or origin[s.name]
        for s in transcript.speakers
        if s.name in appositive or s.name in origin
    }


def split_role(desc: str) -> tuple[str | None, str | None]:
    """'Head of Forecasting at the Pacific Centre' -> ('Head of Forecasting', 'Pacific Centre')."""
    for sep in (" at ", " from ", " with ", " of "):
        head, found, tail = desc.rpartition(sep)
        if found and head and (tail[:1].isupper() or tail.startswith("the ")):
            org = tail.removeprefix("the ").strip(" .,")
            return head.strip(" .,"), org or None
    return desc.strip(" .,"), None


def moderators_by_speech(transcript: Transcript) -> set[str]:
    """Speakers who say they moderate or chair the session."""
    return {t.speaker for t in transcript.turns[:6] if _MODERATES.search(t.text)}


def apply_introductions(transcript: Transcript) -> Transcript:
    """Fill missing roles/affiliations and the moderator flag from the speech."""
    intros = find_introductions(transcript)
    chairs = moderators_by_speech(transcript)
    speakers = []
    for s in transcript.speakers:
        role, org = intros.get(s.name, (None, None))
        update: dict[str, object] = {}
        # A role from an announced list wins; the speech only fills what is missing.
        if s.role is None and s.affiliation is None and (role or org):
            update["role"] = role
            update["affiliation"] = org
        if s.name in chairs:
            update["is_moderator"] = True
            if s.role is None and "role" not in update:
                update["role"] = "Moderator"
        speakers.append(s.model_copy(update=update))
    return transcript.model_copy(update={"speakers": speakers})
