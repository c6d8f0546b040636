"""Renderers lay out a Report; they never compute. One module per output format.

Each module has `render(report) -> str | bytes`. Imported lazily (docx/pdf are heavy).
"""

from __future__ import annotations

import os

from ..errors import InputError
from ..models import Report
from ..registry import Entry


def _renderer(name: str, module: str, description: str, *suffixes: str, extra: str = "", binary: bool = False) -> Entry:
    return Entry(
        name, f"sessionlens.renderers.{module}:render", description, suffixes, (extra,) if extra else (), binary
    )


#: output formats (`--to`), by name
RENDERERS: dict[str, Entry] = {
    e.name: e
    for e in (
        _renderer("json", "json", "the report as JSON (the schema of `sessionlens schema`)", ".json"),
        _renderer("md", "markdown", "Markdown", ".md", ".markdown"),
        _renderer("text", "text", "plain text", ".txt"),
        _renderer("html", "html", "one self-contained HTML page", ".html", ".htm"),
        _renderer("docx", "docx", "a Word document", ".docx", extra="docx", binary=True),
        _renderer("pdf", "pdf", "a PDF document", ".pdf", extra="pdf", binary=True),
    )
}


#: Formats laid out by Jinja2 templates that an organisation can override.
TEMPLATED = ("md", "text", "html", "pdf")


def render(report: Report, fmt: str, *, templates: str | os.PathLike[str] | None = None) -> str | bytes:
    """Render `report` as `fmt` (json, md, text, html, docx, pdf).

    `templates`: a folder of templates overriding the packaged ones for the templated
    formats (default: the SESSIONLENS_TEMPLATES environment variable, if set).
    """
    if fmt not in RENDERERS:
        raise InputError(None, f"unknown output format {fmt!r} (one of {', '.join(RENDERERS)})")
    entry = RENDERERS[fmt]
    try:
        layout = entry.load()
    except ModuleNotFoundError as exc:
        raise InputError(
            None,
            f"output {fmt!r} needs a package that is not installed ({exc.name}); "
            f"install sessionlens[{','.join(entry.extras) or 'all'}]",
        ) from None
    from jinja2 import TemplateError

    try:
        if templates is not None and fmt in TEMPLATED:
            out: str | bytes = layout(report, templates=templates)
        else:
            out = layout(report)
    except TemplateError as exc:  # an organisation's own template: the user's to fix
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "template"
        raise InputError(where, f"template error: {exc}") from None
    return out


def suffix(fmt: str) -> str:
    """The file suffix of output format `fmt` (".html")."""
    return RENDERERS[fmt].suffix
