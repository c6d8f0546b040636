"""Renderers lay out a Report; they never compute. One module per output format.

Each module has `render(report) -> str | bytes`. Imported lazily (docx/pdf are heavy).
"""

from __future__ import annotations

import importlib
import os

from ..errors import InputError
from ..models import Report

#: format -> (module, file suffix, binary?)
RENDERERS: dict[str, tuple[str, str, bool]] = {
    "json": ("sessionlens.renderers.json", ".json", False),
    "md": ("sessionlens.renderers.markdown", ".md", False),
    "text": ("sessionlens.renderers.text", ".txt", False),
    "html": ("sessionlens.renderers.html", ".html", False),
    "docx": ("sessionlens.renderers.docx", ".docx", True),
    "pdf": ("sessionlens.renderers.pdf", ".pdf", True),
}


#: Formats laid out by Jinja2 templates that an organisation can override.
TEMPLATED = ("md", "text", "html", "pdf")


def render(
    report: Report, fmt: str, *, templates: str | os.PathLike[str] | None = None
) -> str | bytes:
    """Render `report` as `fmt` (json, md, text, html, docx, pdf).

    `templates`: a folder of templates overriding the packaged ones for the templated
    formats (default: the SESSIONLENS_TEMPLATES environment variable, if set).
    """
    if fmt not in RENDERERS:
        raise InputError(None, f"unknown output format {fmt!r} (one of {', '.join(RENDERERS)})")
    module_name = RENDERERS[fmt][0]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise InputError(
            None, f"output {fmt!r} needs a package that is not installed ({exc.name}); "
            "install sessionlens[all]"
        ) from None
    from jinja2 import TemplateError

    try:
        if templates is not None and fmt in TEMPLATED:
            return module.render(report, templates=templates)
        return module.render(report)
    except TemplateError as exc:  # an organisation's own template: the user's to fix
        where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "template"
        raise InputError(where, f"template error: {exc}") from None


def suffix(fmt: str) -> str:
    return RENDERERS[fmt][1]
