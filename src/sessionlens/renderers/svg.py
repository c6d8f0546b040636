"""SVG building blocks of the charts: sizes, colours, the `Chart` record, the opening of an
accessible <svg> (title, description) and horizontal bars."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

WIDTH = 640
LABEL_W = 200
# Width of one character of the 12-13 px labels, generous for wide fonts (DejaVu).
CHAR_W = 7.4
ROW_H = 24
BAR_H = 16
PAD_TOP = 8

# Colours chosen for >= 4.5:1 contrast against white, and paired with a second cue
# (pattern, dash, label) so that nothing is told by colour alone.
INK = "#1d1d1f"
BAR = "#1f5f8b"
AGREE = "#1b6e37"
DISAGREE = "#a3231b"
GRID = "#c9ced6"


@dataclass
class Chart:
    """One figure: SVG plus the same data as a table."""

    id: str
    title: str
    desc: str
    svg: Markup
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    note: str | None = None


def short_label(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def label_width(labels: Iterable[str]) -> int:
    """Room for the longest (shortened) label, within bounds."""
    longest = max((len(short_label(x)) for x in labels), default=8)
    return int(min(LABEL_W, longest * CHAR_W + 14))


def open_svg(chart_id: str, title: str, desc: str, height: float) -> list[str]:
    return [
        f'<svg class="chart" id="{chart_id}-svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {math.ceil(height)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def hatch(chart_id: str) -> str:
    return (
        f'<defs><pattern id="{chart_id}-est" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{BAR}"/></pattern></defs>'
    )


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: list[tuple[str, float, str, bool]],
) -> Markup:
    """Horizontal bars: (label, value, value text, estimated?) per row."""
    height = PAD_TOP * 2 + ROW_H * len(rows)
    top = max((r[1] for r in rows), default=0) or 1
    label_w = label_width(r[0] for r in rows)
    # Leave room right of the longest bar for its value text.
    pad_right = max((len(r[2]) for r in rows), default=0) * CHAR_W + 14
    span = WIDTH - label_w - pad_right
    out = open_svg(chart_id, title, desc, height)
    if any(r[3] for r in rows):
        out.append(hatch(chart_id))
    for i, (label, value, text, est) in enumerate(rows):
        y = PAD_TOP + i * ROW_H
        w = max(1.0, span * value / top) if value else 0.0
        fill = f"url(#{chart_id}-est)" if est else BAR
        out.append(
            f"<g><title>{escape(label)}: {escape(text)}</title>"
            f'<text class="lbl" font-size="12" x="{label_w - 8}" y="{y + BAR_H - 3}" '
            f'text-anchor="end">'
            f"{escape(short_label(label))}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{fill}" '
            f'stroke="{BAR}" stroke-width="{1 if est else 0}"/>'
            f'<text class="val" font-size="11" x="{label_w + w + 6:.1f}" y="{y + BAR_H - 3}">'
            f"{escape(text)}</text></g>"
        )
    out.append("</svg>")
    return Markup("".join(out))
