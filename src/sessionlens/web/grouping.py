"""Search results as people read them: grouped by session, one best hit per sentence, and a
section label that keeps the speaker ("Argument · Tomas Lamanauskas")."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from ..store.views import MARK_END, MARK_START, SearchHit, SearchResults

LABELS = {"turn": "Transcript", "argument": "Argument", "quote": "Quote", "takeaway": "Takeaway"}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_WORDS = re.compile(r"\w+")


class GroupedHit(BaseModel):
    hit: SearchHit
    label: str = Field(description="Section and speaker, e.g. 'Argument · Ko Barrett'.")
    also: list[str] = Field(default_factory=list, description="Other sections with the same sentence.")


class SessionGroup(BaseModel):
    session_id: int
    title: str | None
    event: str
    date: str | None
    best: float
    hits: list[GroupedHit]


def sentence_key(snippet: str) -> str:
    """The words of the sentence that holds the first match: the same sentence found as a
    turn, an argument and a takeaway gives one key."""
    first = snippet.find(MARK_START)
    parts = _SENTENCE_END.split(snippet)
    pos = 0
    for part in parts:
        if first < pos + len(part):
            break
        pos += len(part) + 1
    words = _WORDS.findall(part.replace(MARK_START, "").replace(MARK_END, "").lower())
    # a snippet may cut the sentence: key on the words around the match, at most 12
    return " ".join(words[:12])


def group_hits(results: SearchResults) -> list[SessionGroup]:
    """Hits grouped by session (best session first), duplicates of a sentence folded into
    the best-scoring hit, which keeps a speaker when any of its duplicates had one."""
    groups: dict[int, SessionGroup] = {}
    seen: dict[tuple[int, str], GroupedHit] = {}
    for hit in sorted(results.hits, key=lambda h: -h.score):
        key = (hit.session_id, sentence_key(hit.snippet))
        if key in seen:
            kept = seen[key]
            if kept.hit.speaker is None and hit.speaker is not None:
                kept.hit = kept.hit.model_copy(update={"speaker": hit.speaker, "person_id": hit.person_id})
                kept.label = f"{LABELS[kept.hit.kind]} · {hit.speaker}"
            if LABELS[hit.kind] not in kept.also and hit.kind != kept.hit.kind:
                kept.also.append(LABELS[hit.kind])
            continue
        label = LABELS[hit.kind] + (f" · {hit.speaker}" if hit.speaker else "")
        entry = GroupedHit(hit=hit, label=label)
        seen[key] = entry
        group = groups.get(hit.session_id)
        if group is None:
            group = groups[hit.session_id] = SessionGroup(
                session_id=hit.session_id,
                title=hit.session_title,
                event=hit.event,
                date=hit.date,
                best=hit.score,
                hits=[],
            )
        group.hits.append(entry)
    return sorted(groups.values(), key=lambda g: -g.best)
