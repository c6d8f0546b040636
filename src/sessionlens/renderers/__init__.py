"""Renderers lay out a Report; they never compute. One module per output format.

Each module has `render(report) -> str | bytes`. Imported lazily (docx/pdf are heavy).
"""

from __future__ import annotations

import importlib

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


def render(report: Report, fmt: str) -> str | bytes:
    """Render `report` as `fmt` (json, md, text, html, docx, pdf)."""
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
    return module.render(report)


def suffix(fmt: str) -> str:
    return RENDERERS[fmt][1]
