"""What the hub pages show, computed from the event folder: sessions by day and track, the
speaker index, the topic map (baskets x sessions) and its chart. The pages only lay this out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from textwrap import shorten

from markupsafe import Markup, escape

from ..models import SpeakerStats
from ..renderers.charts import BAR, GRID, INK, WIDTH
from ..stats import SPEAKING_WPM
from .event_file import Event, EventSession
from .people import event_people
from .summaries import argument_baskets, basket_sessions, day_title, sessions_by_day

#: below this an estimated rate is implausible and flagged
SLOW_WPM = 80


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
    estimated: bool = False  # some of `seconds` is estimated, not timed
    words: int = 0
    labels: list[str] = field(default_factory=list)  # every spelling of the name in the reports
    only_in: str | None = None  # the one session a role label ("Speaker 1") stands for
    heard_as: list[tuple[str, str]] = field(default_factory=list)  # (session slug, label) of each appearance

    @property
    def wpm(self) -> float | None:
        """Words per minute over `seconds` (None when nothing was heard)."""
        return self.words / (self.seconds / 60) if self.seconds > 0 else None

    @property
    def slow(self) -> bool:
        """An estimate below any plausible speaking rate: the time likely holds others' turns or silence."""
        return self.estimated and self.wpm is not None and self.wpm < SLOW_WPM


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


def _session_seconds(stats: list[SpeakerStats]) -> list[tuple[float, bool]]:
    """(seconds, estimated) of each speaker of one session: timed where the report times them,
    else from their words at the session's timed rate (or SPEAKING_WPM when nothing is timed)."""
    timed = [x for x in stats if x.seconds and not x.estimated]
    timed_words, timed_seconds = sum(x.words for x in timed), sum(x.seconds or 0 for x in timed)
    rate = timed_words / (timed_seconds / 60) if timed_words and timed_seconds else SPEAKING_WPM
    return [(x.seconds, x.estimated) if x.seconds is not None else (x.words / rate * 60, True) for x in stats]


def speaker_index(event: Event) -> list[SpeakerEntry]:
    """Every person across sessions (see `people`: names join, role labels stay in their session),
    by words then name; speaking time timed or estimated from words."""
    who = event_people(event)
    entries: dict[str, SpeakerEntry] = {}
    for s in event.built:
        assert s.report is not None
        heard = [x for x in s.report.stats if x.words]
        for x, (seconds, estimated) in zip(heard, _session_seconds(heard), strict=True):
            person = who[(s.slug, x.name)]
            entry = entries.setdefault(person.key, SpeakerEntry(id="", name=person.name, only_in=person.session))
            if s.slug not in entry.sessions:
                entry.sessions.append(s.slug)
            entry.labels = list(dict.fromkeys([*entry.labels, x.name]))
            entry.heard_as.append((s.slug, x.name))
            entry.words += x.words
            entry.seconds += seconds
            entry.estimated = entry.estimated or estimated
        for a in s.report.arguments:
            owner = entries.get(who[(s.slug, a.speaker)].key)
            if owner is not None:
                owner.arguments.append(SpeakerArgument(s.slug, a.title))
    ranked = sorted(entries.values(), key=lambda e: (-e.words, e.name, e.only_in or ""))
    for n, e in enumerate(ranked, 1):
        e.id = f"speaker-{n}"
    return ranked


def speaker_ids(speakers: list[SpeakerEntry]) -> dict[tuple[str, str], str]:
    """The index entry id of each (session slug, speaker label)."""
    return {where: e.id for e in speakers for where in e.heard_as}


def topic_counts(event: Event) -> tuple[list[str], list[EventSession], dict[tuple[str, str], int]]:
    """(baskets, sessions with arguments, arguments per (basket, slug)), counted as
    `summaries.argument_baskets` counts them; baskets by the sessions they are argued in."""
    counts = {(b, s.slug): n for s in event.built for b, n in argument_baskets(s).items()}
    by_basket = basket_sessions(event)
    totals = {b: sum(counts[(b, slug)] for slug in slugs) for b, slugs in by_basket.items()}
    baskets = sorted(by_basket, key=lambda b: (-len(by_basket[b]), -totals[b], b))
    sessions = [s for s in event.built if any((b, s.slug) in counts for b in baskets)]
    return baskets, sessions, counts


CELL = 34
LABEL_W = 300
HEAD_H = 120
#: room right of the last column for its slanted label
RIGHT_W = 110


def topic_map_svg(baskets: list[str], sessions: list[EventSession], counts: dict[tuple[str, str], int]) -> Markup:
    """Sessions (rows) x baskets (columns) as an inline SVG: a circle's area is the number of
    arguments, and the number is written in it (not told by size alone). Sessions are rows so
    their titles read in full however many there are; baskets are few and short."""
    height = HEAD_H + CELL * len(sessions) + 8
    width = max(WIDTH, LABEL_W + CELL * len(baskets) + RIGHT_W)
    top = max(counts.values(), default=1)
    desc = f"{len(sessions)} sessions by {len(baskets)} topics; each circle's area and number give the arguments."
    out = [
        f'<svg class="chart" id="topic-map-svg" role="img" aria-labelledby="topic-map-title topic-map-desc" '
        f'viewBox="0 0 {width} {math.ceil(height)}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="topic-map-title">Topic map: arguments per session and '
        f'topic</title><desc id="topic-map-desc">{escape(desc)}</desc>'
    ]
    for c, basket in enumerate(baskets):
        x = LABEL_W + c * CELL + CELL / 2
        out.append(
            f'<text class="lbl" font-size="12" transform="translate({x:.1f},{HEAD_H - 6}) rotate(-45)">'
            f"{escape(shorten(basket, 28, placeholder='…'))}</text>"
        )
    for r, s in enumerate(sessions):
        y = HEAD_H + r * CELL
        out.append(
            f'<text class="lbl" font-size="12" x="{LABEL_W - 8}" y="{y + CELL / 2 + 4:.1f}" text-anchor="end">'
            f"{escape(shorten(s.title, 46, placeholder='…'))}</text>"
            f'<line x1="{LABEL_W}" x2="{LABEL_W + CELL * len(baskets)}" y1="{y + CELL / 2:.1f}" '
            f'y2="{y + CELL / 2:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        for c, basket in enumerate(baskets):
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
