"""The report as one self-contained HTML page: inline CSS, inline SVG charts, a few lines
of vanilla JavaScript for transcript search, and a Content-Security-Policy that allows
nothing else (no network, no inline event handlers, no other scripts)."""

from __future__ import annotations

import base64
import hashlib

from markupsafe import Markup

from ..models import Report
from .charts import all_charts
from .templating import TemplateDirs, environment
from .view import NONE_IDENTIFIED, build_view


def csp_hash(content: str) -> str:
    """CSP source expression for an inline <style>/<script> body: sha256-<base64>."""
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render(report: Report, *, templates: TemplateDirs = None, expand: bool = False, home: str | None = None) -> str:
    """Render `report` as HTML.

    Args:
        report: the report to lay out.
        templates: folder(s) with templates overriding the packaged ones (else the
            SESSIONLENS_TEMPLATES environment variable).
        expand: open every per-speaker block (for print and PDF).
        home: a relative link back to the page the report belongs to (an event's hub).

    Returns:
        The HTML document.
    """
    env = environment(templates)
    css = env.get_template("report.css").render()
    js = env.get_template("report.js").render()
    view = build_view(report)
    return env.get_template("report.html").render(
        r=report,
        v=view,
        charts=all_charts(view),
        total_words=sum(s.words for s in report.stats),
        lang=report.transcript.info.language or "en",
        css=Markup(css),
        js=Markup(js),
        style_hash=csp_hash(css),
        script_hash=csp_hash(js),
        expand=expand,
        home=home,
        none_identified=NONE_IDENTIFIED,
    )
