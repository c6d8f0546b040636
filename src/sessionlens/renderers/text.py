"""The report as plain text in the DiploAI layout (the layout of ../shared/seeds/002_…).

Same section headings, same per-speaker blocks, so that a parser of DiploAI reports reads
the file back; the foundation's `diplo` reader reads back its transcript, header and
speakers list. Additions the layout has no place for are marked in words ("(estimated)")
or come after every Diplo section (attribution suspects, disclaimer).
"""

from __future__ import annotations

from ..models import Report
from .templating import TemplateDirs, environment
from .view import build_view


def render(report: Report, *, templates: TemplateDirs = None) -> str:
    """Render `report` as DiploAI-layout text (`templates`: override folder(s))."""
    out = environment(templates).get_template("report.txt").render(r=report, v=build_view(report))
    # One item per line and no blank lines, as in the layout.
    return "\n".join(line.rstrip() for line in out.splitlines() if line.strip()) + "\n"
