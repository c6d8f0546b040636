"""The full session report as Markdown, composed from the report's own extractive parts.

Only fixed connective phrasing is added; every statement about the session is a quoted
transcript span or a section already in the report.
"""

from __future__ import annotations

from ..models import Argument, Report


def _quote(text: str) -> str:
    return f"“{text}”"


def _argument_line(a: Argument) -> str:
    line = f"**{a.speaker}** argued: {_quote(a.title)}"
    if a.evidence:
        line += f" In support: {_quote(a.evidence)}"
    return line


def narrative(report: Report) -> str | None:
    """Executive summary, one section per discussion point, consensus, tensions,
    unresolved issues, conclusion."""
    if not report.arguments and not report.glance.summary:
        return None
    title = report.info.title or "Session report"
    out = [f"# {title}", ""]
    if report.glance.summary:
        out += ["## Executive summary", "", report.glance.summary.split("\n\n")[0], ""]
    if report.discussion_points:
        out += ["## Major themes", ""]
    for point in report.discussion_points:
        args = [a for a in report.arguments if a.discussion_point == point.title]
        if not args:
            continue
        out += [f"### {point.title}", ""]
        out += [_argument_line(a) + "\n" for a in args]
    ag = report.agreements
    stances = [*ag.agreement_points, *ag.similar_viewpoints, *ag.unexpected_consensus]
    out += ["## Areas of consensus", ""]
    if stances:
        out += [f"- {', '.join(s.speakers)}: {_quote(s.point or '')}" for s in stances]
        if ag.consensus_level:
            out += ["", f"{ag.consensus_level}."]
    else:
        out += ["No converging arguments between speakers were found."]
    out.append("")
    diff = report.differences
    tensions = [*diff.different_viewpoints, *diff.partial_agreements, *diff.unexpected_differences]
    out += ["## Tensions and differences", ""]
    if tensions:
        out += [f"- {', '.join(s.speakers)}: {s.summary or _quote(s.point or '')}"
                for s in tensions]
    else:
        out += ["No explicit differences between speakers were found."]
    out.append("")
    tk = report.takeaways
    if tk.unresolved_issues:
        out += ["## Unresolved challenges", ""]
        out += [f"- {_quote(u)}" for u in tk.unresolved_issues]
        out.append("")
    out += ["## Conclusion and way forward", ""]
    if tk.action_items:
        out += ["Commitments made in the session:", ""]
        out += [f"- {a.speaker}: {_quote(a.text)}" if a.speaker else f"- {_quote(a.text)}"
                for a in tk.action_items]
        out.append("")
    if report.glance.summary:
        paragraphs = report.glance.summary.split("\n\n")
        if len(paragraphs) > 1:
            out += [paragraphs[-1], ""]
    return "\n".join(out).strip() + "\n"
