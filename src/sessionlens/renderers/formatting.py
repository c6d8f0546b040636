"""Small formatting helpers shared by templates (as Jinja filters) and the DOCX renderer.

Layout only: numbers, times and escaping. Nothing here analyses a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup


def num(value: float | int | None) -> str:
    """1234.0 -> '1,234' (whole numbers; '—' when unknown)."""
    if value is None:
        return "—"
    return f"{round(value):,}"


def _hms(seconds: float) -> tuple[int, int, int]:
    h, rest = divmod(round(seconds), 3600)
    m, s = divmod(rest, 60)
    return h, m, s


def clock(seconds: float | None) -> str:
    """Seconds from the start -> 'H:MM:SS' or 'MM:SS'."""
    if seconds is None:
        return ""
    h, m, s = _hms(seconds)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def hms(seconds: float | None) -> str:
    """Seconds -> 'HH:MM:SS' (the timestamp form the labelled reader reads back)."""
    if seconds is None:
        return ""
    h, m, s = _hms(seconds)
    return f"{h:02d}:{m:02d}:{s:02d}"


def duration(seconds: float | None) -> str:
    """Seconds -> '2 min 37 s' ('—' when unknown)."""
    if seconds is None:
        return "—"
    h, m, s = _hms(seconds)
    if h:
        return f"{h} h {m:02d} min"
    return f"{m} min {s:02d} s" if m else f"{s} s"


def pct(share: float | None) -> str:
    """0.2376 -> '23.8%'."""
    if share is None:
        return "—"
    return f"{share * 100:.1f}%"


def pipes(items: Iterable[str]) -> str:
    """Topics as the Diplo layout writes them: 'Economic | Development'."""
    return " | ".join(items)


def basename(path: str | None) -> str:
    """File name of an input path (reports never show local folders)."""
    if not path:
        return ""
    return PurePath(path.replace("\\", "/")).name


# --------------------------------------------------------------------------- Markdown

# Characters that start Markdown syntax inside a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# Newsletter tools (Liquid, Hugo, Jinja) evaluate `{{ … }}` and `{% … %}` in Markdown
# before it is rendered, and ignore backslashes; entities leave them no braces to see.
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+#=])|(\d+)([.)]))", re.M)
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: str | None) -> str:
    """Escape untrusted text for inline use in Markdown: no markup, no raw HTML, no links."""
    if not text:
        return ""
    out = _MD_ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    out = _MD_SPECIAL.sub(r"\\\1", out).translate(_BRACES)
    return _MD_LINE_START.sub(_escape_line_start, out)


def _escape_line_start(m: re.Match[str]) -> str:
    # "- x" -> "\- x"; "1. x" -> "1\. x" (a backslash before a digit escapes nothing).
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(3) + "\\" + m.group(4)


# Brackets start every Markdown link, image and reference definition.
_BRACKETS = re.compile(r"(\\*)([\[\]])")


def _escape_bracket(m: re.Match[str]) -> str:
    # an even run of backslashes escapes only itself: the bracket then needs one more
    slashes = m.group(1)
    return slashes + ("\\" if len(slashes) % 2 == 0 else "") + m.group(2)


def md_block(text: str | None, shift: int = 0) -> str:
    """Pass engine-written Markdown through, made safe: raw HTML shown as text, brackets
    escaped so that no link or image comes from the speech it quotes, `{{` defused,
    headings moved down by `shift` levels."""
    if not text:
        return ""
    out = text.replace("<", "&lt;").translate(_BRACES)
    out = _BRACKETS.sub(_escape_bracket, out)
    if shift:
        out = re.sub(
            r"^(#{1,6})(?=\s)", lambda m: "#" * min(6, len(m.group(1)) + shift), out, flags=re.M
        )
    return out


def _markdown_parser() -> MarkdownIt:
    # commonmark without raw HTML (tags in the text come out escaped) and without links,
    # images and reference definitions: the narrative quotes speech, and speech is text.
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return parser.disable(["link", "image", "autolink", "reference"])


_PARSER = _markdown_parser()


def markdown_tokens(text: str, shift: int = 0) -> list[Any]:
    """markdown-it block tokens of `text`, headings moved down by `shift` levels."""
    tokens = _PARSER.parse(text or "")
    if shift:
        for tok in tokens:
            if tok.type in ("heading_open", "heading_close"):
                level = min(6, int(tok.tag[1]) + shift)
                tok.tag = f"h{level}"
    return tokens


def md_html(text: str | None, shift: int = 0) -> Markup:
    """Engine-written Markdown as safe HTML (raw HTML escaped, unsafe links dropped)."""
    if not text:
        return Markup("")
    tokens = markdown_tokens(text, shift)
    return Markup(_PARSER.renderer.render(tokens, _PARSER.options, {}))


def paragraphs(text: str | None) -> list[str]:
    """Split a multi-paragraph field (blank-line separated) into paragraphs."""
    if not text:
        return []
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


FILTERS: dict[str, Callable[..., Any]] = {
    "num": num,
    "clock": clock,
    "hms": hms,
    "duration": duration,
    "pct": pct,
    "pipes": pipes,
    "basename": basename,
    "md": md,
    "md_block": md_block,
    "md_html": md_html,
    "paragraphs": paragraphs,
}
