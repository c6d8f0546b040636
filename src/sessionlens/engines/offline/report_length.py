"""How long a report's analysis is, in words (the transcript and statistics left out)."""

from __future__ import annotations

from ...models import Report
from ...stats import word_count


def analysis_texts(report: Report) -> list[str]:
    """Every text of the analysis: glance, narrative, arguments, stances, lists, comments, questions."""
    g, t = report.glance, report.takeaways
    texts = [g.summary or "", g.purpose or "", g.tone or "", report.narrative or ""]
    # As the renderers do: the keypoints, or where there are none the discussion points.
    texts += [f"{p.title} {p.description or ''}" for p in g.keypoints or report.discussion_points]
    texts += [f"{a.title} {a.explanation or ''} {a.evidence or ''}" for a in report.arguments]
    for group in (report.agreements, report.differences):
        for field in type(group).model_fields:
            value = getattr(group, field)
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list):
                for s in value:
                    quotes = " ".join(p.quote or "" for p in s.positions)
                    texts.append(f"{s.point or ''} {s.summary or ''} {s.explanation or ''} {quotes}")
    texts += [*t.key_takeaways, *(a.text for a in t.action_items), *t.unresolved_issues, *t.compromises]
    texts += [f"{c.quote} {c.reason or ''} {c.impact or ''}" for c in report.comments]
    texts += [report.comments_assessment or ""]
    texts += [f"{q.question} {q.explanation or ''}" for q in report.follow_up_questions]
    return [x for x in texts if x.strip()]


def analysis_words(report: Report) -> int:
    return sum(word_count(x) for x in analysis_texts(report))
