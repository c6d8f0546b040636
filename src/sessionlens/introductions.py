"""Roles and affiliations from introductions in the speech itself.

"With me are Lena Fischer, Head of Forecasting at the Pacific Regional Weather Centre; …"
gives Lena Fischer a role and an affiliation; "I am Amara Osei and I will moderate" marks
the moderator. Only speakers of the transcript are matched, by their full name.
"""

from __future__ import annotations

import re

from .models import Transcript

# An appositive after the name, up to ";", ", and", a sentence end or the line end.
_APPOSITIVE = r", (?P<desc>[A-Z][^;\n]{2,140}?)(?=;|,? and |\. |\.$|\n|$)"
_MODERATES = re.compile(
    r"\b(?:I will|I'll|I’ll|I am going to|I'm going to|I’m going to) (?:moderate|chair|facilitate)\b"
    r"|\b(?:I am|I'm|I’m) (?:your|the) (?:moderator|chair|host|facilitator)\b",
    re.I,
)


def find_introductions(transcript: Transcript) -> dict[str, tuple[str | None, str | None]]:
    """Speaker name -> (role, affiliation) as introduced in the turns."""
    found: dict[str, tuple[str | None, str | None]] = {}
    text = "\n".join(t.text for t in transcript.turns)
    for speaker in transcript.speakers:
        m = re.search(rf"\b{re.escape(speaker.name)}{_APPOSITIVE}", text)
        if m:
            found[speaker.name] = split_role(m.group("desc"))
            continue
        m = re.search(rf"\b{re.escape(speaker.name)} (?:from|of) (?:the )?(?P<org>[A-Z][^;,.\n]{{1,80}}?)"
                      r"(?=[;,.\n]| and |$)", text)
        if m:
            found[speaker.name] = (None, m.group("org").strip())
    return found


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
        if s.role is None and (role or org):
            update["role"] = f"{role}, {org}" if role and org else role or org
            if s.affiliation is None and org:
                update["affiliation"] = org
        if s.name in chairs:
            update["is_moderator"] = True
            if s.role is None and "role" not in update:
                update["role"] = "Moderator"
        speakers.append(s.model_copy(update=update))
    return transcript.model_copy(update={"speakers": speakers})
