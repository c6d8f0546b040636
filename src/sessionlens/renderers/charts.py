"""Charts as inline SVG (no JavaScript, no external files), each with a title, a
description and its data as a table, so that a screen reader and a printout get the
same information as the picture.

Only layout arithmetic happens here (scales, positions, counting what the report lists).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from ..engines.offline.topic_levels import split_label
from ..stats import word_count
from .formatting import clock, duration, num
from .svg import (
    AGREE,
    BAR,
    BAR_H,
    DISAGREE,
    GRID,
    INK,
    PAD_TOP,
    ROW_H,
    WIDTH,
    Chart,
    bar_chart,
    label_width,
    open_svg,
    short_label,
)
from .view import ReportView

# --------------------------------------------------------------------------- charts


def words_chart(view: ReportView) -> Chart | None:
    blocks = view.with_stats
    if not blocks:
        return None
    rows = [(b.name, float(b.stats.words), f"{num(b.stats.words)} words", False) for b in blocks]
    title = "Words spoken per speaker"
    desc = "Speech length in words (whitespace tokens of each speaker's turns, as attributed). " + (
        "; ".join(f"{b.name}: {b.stats.words}" for b in blocks)
    )
    return Chart(
        "chart-words",
        title,
        desc,
        bar_chart("chart-words", title, desc, rows),
        ["Speaker", "Words", "Share of words", "Turns"],
        [[b.name, num(b.stats.words), f"{b.stats.word_share * 100:.1f}%", str(b.stats.turns)] for b in blocks],
    )


def _estimate_note(view: ReportView) -> str:
    if view.report.transcript.has_timestamps:
        why = "the input's timestamps do not separate these speakers' turns"
    else:
        why = (
            "the input has no timestamps, so each speaker's time is the session length "
            "shared out by words spoken (and every speed is the session's average)"
        )
    return f"Hatched bars are estimates, not measurements: {why}."


def _per_speaker_chart(
    view: ReportView,
    chart_id: str,
    title: str,
    column: str,
    blocks: list,
    value: Callable[[Any], float],
    cell: Callable[[Any], str],
    label: Callable[[Any], str],
    est: bool,
) -> Chart:
    """A bar per speaker, estimates marked in the bars, the description and the table."""
    rows = [
        (
            b.name,
            value(b),
            ("≈ " if b.stats.estimated else "") + label(b) + (" (est.)" if b.stats.estimated else ""),
            b.stats.estimated,
        )
        for b in blocks
    ]
    title += " (estimated)" if est else ""
    note = _estimate_note(view) if est else None
    desc = (note + " " if note else "") + "; ".join(r[0] + ": " + r[2] for r in rows)
    return Chart(
        chart_id,
        title,
        desc,
        bar_chart(chart_id, title, desc, rows),
        ["Speaker", column, "Measured or estimated"],
        [[b.name, cell(b), "estimated" if b.stats.estimated else "measured"] for b in blocks],
        note,
    )


def time_chart(view: ReportView) -> Chart | None:
    blocks = [b for b in view.with_stats if b.stats.seconds is not None]
    if not blocks:
        return None
    return _per_speaker_chart(
        view,
        "chart-time",
        "Speaking time per speaker",
        "Speech time",
        blocks,
        value=lambda b: float(b.stats.seconds or 0),
        cell=lambda b: duration(b.stats.seconds),
        label=lambda b: duration(b.stats.seconds),
        est=view.any_estimated,
    )


def speed_chart(view: ReportView) -> Chart | None:
    blocks = [b for b in view.with_stats if b.stats.wpm is not None]
    if not blocks:
        return None
    return _per_speaker_chart(
        view,
        "chart-speed",
        "Speech speed per speaker, words per minute",
        "Words per minute",
        blocks,
        value=lambda b: float(b.stats.wpm or 0),
        cell=lambda b: f"{b.stats.wpm:.0f}",
        label=lambda b: f"{b.stats.wpm:.0f} wpm",
        est=any(b.stats.estimated for b in blocks),
    )


def timeline_chart(view: ReportView) -> Chart | None:
    """Turns in order, one lane per speaker; by time where every turn has a measured
    start and end, else by position in words (said so in the title)."""
    turns = view.report.transcript.turns
    if not turns:
        return None
    timed = all(t.start is not None and t.end is not None and not t.time_estimated for t in turns)
    spans: list[tuple[float, float]] = []
    pos = 0.0
    for t in turns:
        if timed:
            spans.append((float(t.start or 0), float(t.end or 0)))
        else:
            n = word_count(t.text)
            spans.append((pos, pos + n))
            pos += n
    total = max((e for _, e in spans), default=0) or 1
    lanes = [b.name for b in view.with_stats] or list(dict.fromkeys(t.speaker for t in turns))
    lane_of = {n: i for i, n in enumerate(lanes)}
    label_w = label_width(lanes)
    axis_h = 24
    height = PAD_TOP + ROW_H * len(lanes) + axis_h
    span_w = WIDTH - label_w - 16
    unit = "time" if timed else "words spoken"
    title = "Timeline of turns" + ("" if timed else " (positioned by words spoken, not by time)")
    desc = (
        f"{len(turns)} turns by {len(lanes)} speakers in order; the horizontal axis is "
        + (
            "time from the start of the session."
            if timed
            else "the number of words spoken so far, because the input has no timestamps."
        )
        + " Turns marked with an outline are attribution suspects."
    )
    out = open_svg("chart-timeline", title, desc, height)
    for name, i in lane_of.items():
        y = PAD_TOP + i * ROW_H
        out.append(
            f'<text class="lbl" font-size="12" x="{label_w - 8}" y="{y + BAR_H - 2}" '
            f'text-anchor="end">'
            f"{escape(short_label(name))}</text>"
            f'<line x1="{label_w}" x2="{WIDTH - 16}" y1="{y + BAR_H / 2}" y2="{y + BAR_H / 2}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
    rows: list[list[str]] = []
    for t, (s, e) in zip(turns, spans, strict=True):
        lane = lane_of.get(t.speaker)
        if lane is None:
            continue
        y = PAD_TOP + lane * ROW_H
        x = label_w + span_w * s / total
        w = max(1.5, span_w * (e - s) / total)
        suspect = t.index in view.suspects
        where = f"{clock(s)}–{clock(e)}" if timed else f"words {int(s) + 1}–{int(e)}"
        label = f"{t.speaker}, turn {t.index + 1}: {where}" + (" (attribution suspect)" if suspect else "")
        out.append(
            f'<a href="#turn-{t.index}"><rect x="{x:.1f}" y="{y}" width="{w:.1f}" '
            f'height="{BAR_H}" fill="{BAR}"'
            + (f' stroke="{DISAGREE}" stroke-width="2"' if suspect else "")
            + f"><title>{escape(label)}</title></rect></a>"
        )
        rows.append([str(t.index + 1), t.speaker, where, "yes" if suspect else ""])
    y_axis = PAD_TOP + ROW_H * len(lanes) + 4
    end_label = clock(total) if timed else f"{num(total)} words"
    out.append(
        f'<line x1="{label_w}" x2="{WIDTH - 16}" y1="{y_axis}" y2="{y_axis}" stroke="{INK}"/>'
        f'<text class="val" font-size="11" x="{label_w}" y="{y_axis + 14}">'
        f"{'00:00' if timed else '0'}</text>"
        f'<text class="val" font-size="11" x="{WIDTH - 16}" y="{y_axis + 14}" text-anchor="end">'
        f"{escape(end_label)}</text>"
        f'<text class="val" font-size="11" x="{(label_w + WIDTH) / 2}" y="{y_axis + 14}" '
        f'text-anchor="middle">{escape(unit)}</text></svg>'
    )
    return Chart(
        "chart-timeline",
        title,
        desc,
        Markup("".join(out)),
        ["Turn", "Speaker", "Time" if timed else "Position", "Attribution suspect"],
        rows,
    )


def topics_chart(view: ReportView) -> Chart | None:
    """Arguments per topic, as the report labels them."""
    # baskets only: an issue label ("Basket › Issue") is counted under its basket once
    counts = Counter(b for a in view.report.arguments for b in dict.fromkeys(split_label(t)[0] for t in a.topics))
    if not counts:
        return None
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    title = "Topics of the arguments"
    desc = "Number of arguments labelled with each topic (an argument may have several). " + (
        "; ".join(f"{k}: {v}" for k, v in ordered)
    )
    rows = [(k, float(v), f"{v} argument{'s' if v != 1 else ''}", False) for k, v in ordered]
    return Chart(
        "chart-topics",
        title,
        desc,
        bar_chart("chart-topics", title, desc, rows),
        ["Topic", "Arguments"],
        [[k, str(v)] for k, v in ordered],
    )


def network_chart(view: ReportView) -> Chart | None:
    """Who agreed or disagreed with whom, as the report lists it (arguments and groups)."""
    r = view.report
    agree, disagree = r.pairs("agreement"), r.pairs("disagreement")
    if not agree and not disagree:
        return None
    involved = {n for p in list(agree) + list(disagree) for n in p}
    order = [b.name for b in view.blocks if b.name in involved]
    order += sorted(involved - set(order))
    n = len(order)
    size = 460
    cx, cy, radius = WIDTH / 2, size / 2, size / 2 - 70
    pos = {
        name: (
            cx + radius * math.cos(2 * math.pi * i / n - math.pi / 2),
            cy + radius * math.sin(2 * math.pi * i / n - math.pi / 2),
        )
        for i, name in enumerate(order)
    }
    title = "Agreement and disagreement between speakers"
    desc = (
        f"{len(agree)} agreeing and {len(disagree)} disagreeing pairs among {n} speakers. "
        "Solid green lines: agreement; dashed red lines: disagreement; thicker lines: "
        "mentioned more often. "
        + "; ".join(f"{a} agrees with {b}" for a, b in sorted(agree))
        + ("; " if agree and disagree else "")
        + "; ".join(f"{a} disagrees with {b}" for a, b in sorted(disagree))
    )
    out = open_svg("chart-network", title, desc, size + 30)
    for (a, b), k in sorted(agree.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{AGREE}" '
            f'stroke-width="{min(6, 1 + k)}"><title>{escape(a)} and {escape(b)} agree '
            f"({k} mention{'s' if k != 1 else ''})</title></line>"
        )
    for (a, b), k in sorted(disagree.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{DISAGREE}" stroke-dasharray="7 4" stroke-width="{min(6, 1 + k)}">'
            f"<title>{escape(a)} and {escape(b)} disagree "
            f"({k} mention{'s' if k != 1 else ''})</title></line>"
        )
    for name, (x, y) in pos.items():
        anchor = "start" if x > cx + 1 else ("end" if x < cx - 1 else "middle")
        dx = 10 if anchor == "start" else (-10 if anchor == "end" else 0)
        dy = -12 if y < cy - radius + 5 else (20 if y > cy + radius - 5 else 4)
        out.append(
            f'<g><circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{BAR}" stroke="#ffffff" '
            f'stroke-width="2"/><text class="lbl" font-size="12" x="{x + dx:.1f}" y="{y + dy:.1f}" '
            f'text-anchor="{anchor}">{escape(short_label(name, 24))}</text>'
            f"<title>{escape(name)}</title></g>"
        )
    ly = size + 12
    out.append(
        f'<line x1="20" x2="60" y1="{ly}" y2="{ly}" stroke="{AGREE}" stroke-width="3"/>'
        f'<text class="val" font-size="11" x="66" y="{ly + 4}">agree</text>'
        f'<line x1="130" x2="170" y1="{ly}" y2="{ly}" stroke="{DISAGREE}" stroke-width="3" '
        f'stroke-dasharray="7 4"/><text class="val" font-size="11" x="176" y="{ly + 4}">'
        "disagree</text></svg>"
    )
    rows = [[a, b, "agree", str(k)] for (a, b), k in sorted(agree.items())]
    rows += [[a, b, "disagree", str(k)] for (a, b), k in sorted(disagree.items())]
    return Chart(
        "chart-network",
        title,
        desc,
        Markup("".join(out)),
        ["Speaker", "Speaker", "Relation", "Mentions"],
        rows,
    )


def all_charts(view: ReportView) -> dict[str, Chart]:
    """Every chart the report has data for, keyed by kind."""
    makers = {
        "words": words_chart,
        "time": time_chart,
        "speed": speed_chart,
        "timeline": timeline_chart,
        "topics": topics_chart,
        "network": network_chart,
    }
    charts = {k: f(view) for k, f in makers.items()}
    return {k: c for k, c in charts.items() if c is not None}
