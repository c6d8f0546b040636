"""The report as the app serves it: the standalone HTML report (unchanged on disk and in
downloads) with the app's navigation frame, download links, speaker names linked to their
pages, and a script that scrolls a search hit into view and marks the matched words."""

from __future__ import annotations

import re

from markupsafe import escape

from ..store.views import SessionDetail

_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
_FALLBACK_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def frame_policy(policy: str) -> str:
    """The report's own policy, letting in the frame's stylesheet and script (same origin)
    and its forms (search, log out)."""
    policy = re.sub(r"style-src ", "style-src 'self' ", policy, count=1)
    if "script-src" in policy:
        policy = re.sub(r"script-src ", "script-src 'self' ", policy, count=1)
    else:
        policy += "; script-src 'self'"
    return policy.replace("form-action 'none'", "form-action 'self'")


def link_speakers(html: str, detail: SessionDetail) -> str:
    """Speaker names in the transcript and the speaker lists link to their speaker pages."""
    for sp in detail.speaker_list:
        name = str(escape(sp.name))
        href = f"/speakers/{sp.person_id}"
        html = html.replace(
            f'<strong class="who">{name}</strong>', f'<strong class="who"><a href="{href}">{name}</a></strong>'
        )
        html = re.sub(
            f'(<li><a href="#[^"]+">{re.escape(name)}</a>)',
            lambda m, h=href: f'{m.group(1)} <a class="sl-profile" href="{h}">(speaker page)</a>',
            html,
        )
    return html


def framed_report(html: str, frame: str, detail: SessionDetail) -> tuple[str, str]:
    """(page, Content-Security-Policy) of the report with the app's frame around it."""
    meta = _META_CSP.search(html)
    policy = frame_policy(meta.group(1) if meta else _FALLBACK_POLICY)
    if meta:
        html = html.replace(meta.group(0), f'<meta http-equiv="Content-Security-Policy" content="{policy}">')
    html = html.replace("</head>", '<link rel="stylesheet" href="/static/frame.css">\n</head>', 1)
    html = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + frame, html, count=1)
    html = html.replace("</body>", '<script src="/static/report-app.js"></script>\n</body>', 1)
    # frame-ancestors only works as a header (a <meta> with it is reported as an error)
    return link_speakers(html, detail), policy + "; frame-ancestors 'none'"
