"""A Report flattened into the rows of the corpus tables, the same for every backend.

Speakers are keyed by `normalize.name_key`, so "Dr. Tawfik Jelassi" in one session and
"Tawfik Jelassi" in another are one person with two name variants.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from ..engines.offline.topic_levels import session_topics
from ..models import Report, Transcript
from ..normalize import name_key
from ..stats import word_count

#: takeaway kinds, as stored in takeaways.kind
TAKEAWAY_KINDS = ("key_takeaway", "action_item", "unresolved_issue", "compromise")


@dataclass
class SpeakerRow:
    key: str
    name: str
    variants: list[str]
    role: str | None
    affiliation: str | None
    is_moderator: bool
    listed: bool
    words: int = 0
    turns: int = 0
    seconds: float | None = None
    wpm: float | None = None
    estimated: bool = False
    word_share: float = 0.0
    time_share: float | None = None


@dataclass
class ArgumentRow:
    idx: int
    key: str
    speaker: str
    title: str
    explanation: str | None
    evidence: str | None
    discussion_point: str | None
    topics: list[tuple[str, float | None]]
    #: (kind 'agreed'|'disagreed', other speaker key, other speaker name, on what)
    relations: list[tuple[str, str, str, str | None]]

    @property
    def search_text(self) -> str:
        return " ".join(x for x in (self.title, self.explanation, self.evidence) if x)


@dataclass
class SessionRows:
    """Everything the store writes for one session, except the report JSON itself."""

    content_hash: str
    title: str | None
    date: str | None
    start_time: str | None
    end_time: str | None
    duration_seconds: float | None
    source: str | None
    fmt: str | None
    engine: str | None
    words: int
    speakers: list[SpeakerRow]
    #: (idx, speaker key, speaker name, text, start, end, words)
    turns: list[tuple[int, str, str, str, float | None, float | None, int]]
    arguments: list[ArgumentRow]
    #: (idx, speaker key or '', speaker name, quote, reason, impact)
    quotes: list[tuple[int, str, str, str, str | None, str | None]]
    #: (kind, idx over all takeaways, speaker key or '', speaker name or None, text)
    takeaways: list[tuple[str, int, str, str | None, str]]
    #: the baskets the session is about -> number of arguments tagged with them
    topics: Counter[str] = field(default_factory=Counter)
    #: (basket, issue, arguments) of the issues the session is about, best first
    issues: list[tuple[str, str, int]] = field(default_factory=list)


def content_hash(report: Report) -> str:
    """Identity of a session's transcript: same speakers saying the same words."""
    return transcript_hash(report.transcript)


def transcript_hash(transcript: Transcript) -> str:
    """content_hash of a transcript before analysis (to find a duplicate upload early)."""
    h = hashlib.sha256()
    for t in transcript.turns:
        h.update(t.speaker.encode())
        h.update(b"\x1f")
        h.update(t.text.encode())
        h.update(b"\x1e")
    return h.hexdigest()


def title_of(title: str | None, source: str | None) -> str | None:
    """The session's title; without one, its input file's name (no folder, no suffix), so
    that every page calls an untitled session the same and none shows a server path."""
    if title and title.strip():
        return title.strip()
    if source:
        stem = PurePath(re.split(r"[\\/]", source)[-1]).stem.replace("_", " ").strip()
        return stem or None
    return None


def session_rows(report: Report) -> SessionRows:
    """Flatten `report` into table rows (pure; no database)."""
    tr = report.transcript
    info = tr.info
    stats = {s.name: s for s in report.stats}
    speakers: dict[str, SpeakerRow] = {}
    for sp in tr.speakers:
        key = name_key(sp.name) or sp.name
        row = speakers.get(key)
        if row is None:
            st = stats.get(sp.name)
            row = SpeakerRow(
                key=key, name=sp.name, variants=[], role=sp.role, affiliation=sp.affiliation,
                is_moderator=sp.is_moderator, listed=sp.listed,
            )
            if st is not None:
                row.words, row.turns, row.seconds, row.wpm = st.words, st.turns, st.seconds, st.wpm
                row.estimated, row.word_share, row.time_share = (
                    st.estimated, st.word_share, st.time_share
                )
            speakers[key] = row
        for variant in [sp.name, *sp.aliases]:
            if variant not in row.variants:
                row.variants.append(variant)

    def person(name: str | None) -> str:
        """Key of a speaker named in an analysis; unknown names get a row of their own."""
        if not name:
            return ""
        key = name_key(name) or name
        if key not in speakers:
            speakers[key] = SpeakerRow(key=key, name=name, variants=[name], role=None,
                                       affiliation=None, is_moderator=False, listed=False)
        return key

    turns = [
        (t.index, person(t.speaker), t.speaker, t.text, t.start, t.end, word_count(t.text))
        for t in tr.turns
    ]
    arguments: list[ArgumentRow] = []
    for i, a in enumerate(report.arguments):
        conf = list(a.topic_confidence) + [None] * (len(a.topics) - len(a.topic_confidence))
        rel: list[tuple[str, str, str, str | None]] = [
            (r.kind, person(r.speaker), r.speaker, r.on) for r in a.relations if r.speaker != a.speaker
        ]
        arguments.append(ArgumentRow(
            idx=i, key=person(a.speaker), speaker=a.speaker, title=a.title,
            explanation=a.explanation, evidence=a.evidence, discussion_point=a.discussion_point,
            topics=list(zip(a.topics, conf, strict=False)), relations=rel,
        ))
    quotes = [(i, person(c.speaker), c.speaker, c.quote, c.reason, c.impact)
              for i, c in enumerate(report.comments)]
    about = session_topics([a.topics for a in report.arguments], report.glance.topics)
    topics = Counter(dict(about.baskets))
    tk = report.takeaways
    flat: list[tuple[str, str, str | None, str]] = []
    flat += [("key_takeaway", "", None, x) for x in tk.key_takeaways]
    flat += [("action_item", person(x.speaker), x.speaker, x.text) for x in tk.action_items]
    flat += [("unresolved_issue", "", None, x) for x in tk.unresolved_issues]
    flat += [("compromise", "", None, x) for x in tk.compromises]
    takeaways = [(kind, i, key, name, text) for i, (kind, key, name, text) in enumerate(flat)]
    return SessionRows(
        content_hash=content_hash(report), title=title_of(info.title, info.source), date=info.date,
        start_time=info.start_time, end_time=info.end_time,
        duration_seconds=info.duration_seconds, source=info.source, fmt=info.format,
        engine=report.meta.engine, words=sum(t[6] for t in turns),
        speakers=list(speakers.values()), turns=turns, arguments=arguments, quotes=quotes,
        takeaways=takeaways, topics=topics, issues=about.issues,
    )
