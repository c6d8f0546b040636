"""The report as Markdown, for newsletters and wikis.

Everything from the report is escaped for Markdown (`formatting.md`): no raw HTML, no
links, no `{{ }}` template syntax survives, whatever Markdown processor reads it.
"""

from __future__ import annotations

import re

from ..models import Report
from .templating import TemplateDirs, environment
from .view import build_view


def render(report: Report, *, templates: TemplateDirs = None) -> str:
    """Render `report` as Markdown (`templates`: override folder(s), see templating)."""
    out = environment(templates).get_template("report.md").render(r=report, v=build_view(report))
    # Templates stay readable with generous blank lines; the output has exactly one
    # blank line around headings and never more than one anywhere.
    out = re.sub(r"\n(#{1,6} )", r"\n\n\1", out)
    return re.sub(r"\n{3,}", "\n\n", out).strip() + "\n"
