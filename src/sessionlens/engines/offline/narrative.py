"""The full session report as Markdown, composed from the report's own parts.

The session summary opens the report and is not copied here (the glance shows it); this
report adds the themes with who raised them, consensus, tensions, open issues and who
committed to what. Nothing is quoted a second time: the other sections quote the transcript.
"""

from __future__ import annotations

from ...models import Report, Stance
from .points import speaker_list


def narrative(report: Report) -> str | None:
    """Major themes, consensus, tensions, unresolved issues, conclusion."""
    if not report.arguments and not report.glance.summary:
        return None
    title = report.info.title or "Session report"
    out = [f"# {title}", ""]
    themes = []
    for point in report.discussion_points:
        speakers = list(dict.fromkeys(a.speaker for a in report.arguments if a.discussion_point == point.title))
        if speakers:
            themes.append(f"- **{point.title}**: raised by {speaker_list(speakers)}.")
    if themes:
        out += ["## Major themes", "", *themes, ""]
    ag = report.agreements
    stances = [*ag.agreement_points, *ag.similar_viewpoints, *ag.unexpected_consensus]
    out += ["## Areas of consensus", ""]
    if stances:
        # The Agreements section names and quotes the speakers of each item: here only what on.
        level = f"{ag.consensus_level}: s" if ag.consensus_level else "S"
        out += [f"{level}peakers converged {_on(stances)} (quoted under Agreements)."]
    else:
        out += ["No converging arguments between speakers were found."]
    out.append("")
    diff = report.differences
    tensions = [*diff.different_viewpoints, *diff.partial_agreements, *diff.unexpected_differences]
    out += ["## Tensions and differences", ""]
    if tensions:
        out += [f"Speakers differed {_on(tensions)} (quoted under Differences)."]
    else:
        out += ["No explicit differences between speakers were found."]
    out.append("")
    tk = report.takeaways
    if tk.unresolved_issues:
        n = len(tk.unresolved_issues)
        out += [
            "## Unresolved challenges",
            "",
            f"{n} issue{'s' * (n != 1)} named as open stayed unresolved (listed under Takeaways).",
            "",
        ]
    out += ["## Conclusion and way forward", ""]
    committed = list(dict.fromkeys(a.speaker for a in tk.action_items if a.speaker))
    if committed:
        out += [f"Commitments were made by {speaker_list(committed)} (listed under Takeaways).", ""]
    else:
        out += ["No commitments were made in the session.", ""]
    return "\n".join(out).strip() + "\n"


def _on(stances: list[Stance]) -> str:
    """'on private sector, early warnings and data governance', each point once."""
    # "Early warning" and "Early warnings" are one point here
    points = list({s.point.lower().rstrip("s"): s.point for s in reversed(stances) if s.point}.values())[::-1]
    n = len(stances)
    return f"on {speaker_list(points)}" if points else f"in {n} place{'s' * (n != 1)}"
