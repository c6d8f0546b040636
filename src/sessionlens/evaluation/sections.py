"""The report sections that `eval` counts and compares (the stable SECTION names)."""

from __future__ import annotations

from ..models import Report

#: SECTION names of the `--json` contract, in report order.
SECTIONS = (
    "speakers",
    "arguments",
    "agreement_points",
    "similar_viewpoints",
    "unexpected_consensus",
    "different_viewpoints",
    "unexpected_differences",
    "partial_agreements",
    "key_takeaways",
    "action_items",
    "unresolved_issues",
    "compromises",
    "thought_provoking_comments",
    "follow_up_questions",
)


def speaker_names(report: Report) -> list[str]:
    """Speakers of a report: those with statistics, else those of its transcript."""
    if report.stats:
        return [s.name for s in report.stats]
    return [s.name for s in report.transcript.speakers]


def section_counts(report: Report) -> dict[str, int]:
    """Number of items per SECTION."""
    a, d, t = report.agreements, report.differences, report.takeaways
    return {
        "speakers": len(speaker_names(report)),
        "arguments": len(report.arguments),
        "agreement_points": len(a.agreement_points),
        "similar_viewpoints": len(a.similar_viewpoints),
        "unexpected_consensus": len(a.unexpected_consensus),
        "different_viewpoints": len(d.different_viewpoints),
        "unexpected_differences": len(d.unexpected_differences),
        "partial_agreements": len(d.partial_agreements),
        "key_takeaways": len(t.key_takeaways),
        "action_items": len(t.action_items),
        "unresolved_issues": len(t.unresolved_issues),
        "compromises": len(t.compromises),
        "thought_provoking_comments": len(report.comments),
        "follow_up_questions": len(report.follow_up_questions),
    }
