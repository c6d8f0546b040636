"""What the hub pages show, computed from the event folder: sessions by day and track, the
speaker index, the topic map (baskets x sessions) and its chart. The pages only lay this out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from textwrap import shorten

from markupsafe import Markup, escape

from ..engines.offline.topic_levels import split_label
from ..normalize import name_key
from ..renderers.charts import BAR, GRID, INK, WIDTH
from .event_file import Event, EventSession
from .summaries import day_title, sessions_by_day


@dataclass
class SessionRow:
    session: EventSession
    speakers: list[str]
    topics: list[str]
    links: list[tuple[str, str]]  # (label, path relative to the hub folder)


@dataclass
class Day:
    id: str
    title: str
    tracks: list[tuple[str, list[SessionRow]]]


@dataclass
class SpeakerArgument:
    session: str
    title: str


@dataclass
class SpeakerEntry:
    id: str
    name: str
    sessions: list[str] = field(default_factory=list)  # slugs
    arguments: list[SpeakerArgument] = field(default_factory=list)
    seconds: float = 0.0
    estimated: bool = False
    timed: bool = False
    words: int = 0
    labels: list[str] = field(default_factory=list)  # every spelling of the name in the reports


def session_rows(event: Event, prefix: str) -> list[SessionRow]:
    """Every session with its speakers (most words first), topics and links to its outputs;
    `prefix` leads from the page to the event folder ('' or '../')."""
    rows = []
    for s in event.sessions:
        speakers: list[str] = []
        topics: list[str] = []
        if s.report is not None:
            speakers = [x.name for x in sorted(s.report.stats, key=lambda x: (-x.words, x.name)) if x.words]
            topics = list(s.report.glance.topics)
        links = [(path.rsplit("/", 1)[-1], prefix + path) for path in s.outputs]
        rows.append(SessionRow(s, speakers, topics, links))
    return rows


def days(event: Event, prefix: str) -> list[Day]:
    """Sessions grouped by day, then by track (sessions without a track last)."""
    rows = {r.session.slug: r for r in session_rows(event, prefix)}
    out = []
    for day, sessions in sessions_by_day(event).items():
        tracks: dict[str, list[SessionRow]] = {}
        for s in sessions:
            tracks.setdefault(s.track or "", []).append(rows[s.slug])
        ordered = sorted(tracks.items(), key=lambda kv: (kv[0] == "", kv[0]))
        out.append(Day(id=f"day-{day}" if day else "day-undated", title=day_title(day), tracks=ordered))
    return out


def speaker_index(event: Event) -> list[SpeakerEntry]:
    """Every speaker across sessions (variants of a name merged), by speaking time then words."""
    people: dict[str, SpeakerEntry] = {}
    for s in event.built:
        assert s.report is not None
        for x in s.report.stats:
            if not x.words:
                continue
            key = name_key(x.name) or x.name
            entry = people.setdefault(key, SpeakerEntry(id="", name=x.name))
            entry.sessions.append(s.slug)
            entry.labels = list(dict.fromkeys([*entry.labels, x.name]))
            entry.words += x.words
            if x.seconds is not None:
                entry.seconds += x.seconds
                entry.timed = True
                entry.estimated = entry.estimated or x.estimated
        for a in s.report.arguments:
            owner = people.get(name_key(a.speaker) or a.speaker)
            if owner is not None:
                owner.arguments.append(SpeakerArgument(s.slug, a.title))
    ranked = sorted(people.values(), key=lambda e: (-e.seconds, -e.words, e.name))
    for n, e in enumerate(ranked, 1):
        e.id = f"speaker-{n}"
    return ranked


def topic_counts(event: Event) -> tuple[list[str], list[EventSession], dict[tuple[str, str], int]]:
    """(baskets, sessions, arguments per (basket, slug)): each argument counts once, for its
    first basket, as the session reports' own topic charts do."""
    counts: dict[tuple[str, str], int] = {}
    for s in event.built:
        assert s.report is not None
        for a in s.report.arguments:
            if a.topics:
                key = (split_label(a.topics[0])[0], s.slug)
                counts[key] = counts.get(key, 0) + 1
    totals: dict[str, int] = {}
    for (basket, _), n in counts.items():
        totals[basket] = totals.get(basket, 0) + n
    baskets = sorted(totals, key=lambda b: (-totals[b], b))
    sessions = [s for s in event.built if any((b, s.slug) in counts for b in baskets)]
    return baskets, sessions, counts


CELL = 34
LABEL_W = 170
HEAD_H = 130


def topic_map_svg(baskets: list[str], sessions: list[EventSession], counts: dict[tuple[str, str], int]) -> Markup:
    """Baskets (rows) x sessions (columns) as an inline SVG: a circle's area is the number of
    arguments, and the number is written in it (not told by size alone)."""
    height = HEAD_H + CELL * len(baskets) + 8
    width = max(WIDTH, LABEL_W + CELL * len(sessions) + 8)
    top = max(counts.values(), default=1)
    desc = f"{len(baskets)} baskets by {len(sessions)} sessions; each circle's area and number give the arguments."
    out = [
        f'<svg class="chart" id="topic-map-svg" role="img" aria-labelledby="topic-map-title topic-map-desc" '
        f'viewBox="0 0 {width} {math.ceil(height)}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="topic-map-title">Topic map: arguments per basket and '
        f'session</title><desc id="topic-map-desc">{escape(desc)}</desc>'
    ]
    for c, s in enumerate(sessions):
        x = LABEL_W + c * CELL + CELL / 2
        out.append(
            f'<text class="lbl" font-size="11" transform="translate({x:.1f},{HEAD_H - 6}) rotate(-55)">'
            f"{escape(shorten(s.title, 24, placeholder='…'))}</text>"
        )
    for r, basket in enumerate(baskets):
        y = HEAD_H + r * CELL
        out.append(
            f'<text class="lbl" font-size="12" x="{LABEL_W - 8}" y="{y + CELL / 2 + 4:.1f}" text-anchor="end">'
            f"{escape(shorten(basket, 26, placeholder='…'))}</text>"
            f'<line x1="{LABEL_W}" x2="{LABEL_W + CELL * len(sessions)}" y1="{y + CELL / 2:.1f}" '
            f'y2="{y + CELL / 2:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        for c, s in enumerate(sessions):
            n = counts.get((basket, s.slug), 0)
            if not n:
                continue
            x = LABEL_W + c * CELL + CELL / 2
            radius = max(5.0, (CELL / 2 - 2) * math.sqrt(n / top))
            out.append(
                f"<g><title>{escape(basket)} in {escape(s.title)}: {n} argument{'s' if n != 1 else ''}</title>"
                f'<circle cx="{x:.1f}" cy="{y + CELL / 2:.1f}" r="{radius:.1f}" fill="{BAR}" fill-opacity="0.25" '
                f'stroke="{BAR}"/><text font-size="11" x="{x:.1f}" y="{y + CELL / 2 + 4:.1f}" text-anchor="middle" '
                f'fill="{INK}">{n}</text></g>'
            )
    out.append("</svg>")
    return Markup("".join(out))
