"""The report as PDF: the HTML page laid out for print by WeasyPrint (the `pdf` extra).

The print stylesheet of the HTML applies; every per-speaker block is open. WeasyPrint
runs no JavaScript, and our URL fetcher refuses every fetch, so a PDF never reaches the
network whatever the report contains.
"""

from __future__ import annotations

from typing import Any

from ..models import Report
from . import html
from .templating import TemplateDirs


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"SessionLens PDFs load no external resources (refused {url[:80]!r})")


def render(report: Report, *, templates: TemplateDirs = None) -> bytes:
    """Render `report` as PDF bytes (`templates`: override folder(s) for the HTML)."""
    from weasyprint import HTML  # the `pdf` extra; needs Pango (scripts/system-deps.sh)

    page = html.render(report, templates=templates, expand=True)
    doc = HTML(string=page, base_url=None, url_fetcher=_no_fetch)
    return doc.write_pdf()
