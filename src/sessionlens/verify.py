"""Verification of any engine's report against its own transcript (DESIGN: "Verify").

`verify_report(report)` returns a copy in which:

- every **speaker** named anywhere is a speaker of the transcript: a variant of a name
  ("Dr. Ko Barrett", "Barrett") is replaced by the speaker's name (fixed); an unknown name is
  removed from lists (fixed) and an argument or comment owned by one is dropped;
- every **quote** (comments; fragments joined by "…") is found in the transcript, exactly or
  at a fuzzy score >= 90 (rapidfuzz), and replaced by the exact span (fixed); a quote found in
  another speaker's turns is given to that speaker (fixed); a quote not found is dropped;
- every **figure** in an argument's evidence occurs in that speaker's turns; a sentence of
  evidence with one that does not is dropped. Figures in titles, explanations, takeaways and
  prose (summary, narrative, assessments) that occur nowhere in the transcript are flagged;
- every speaker named in an **agreement or difference** item has a position with a quote that
  is verbatim (or fuzzy >= 90, then replaced by the exact span) in **their own** turns; a
  speaker without one is removed from the item (dropped), an item left with fewer than two
  speakers (a difference: fewer than two sides) is dropped, and the disclaimer counts both;
- argument **relations** follow from the stance items (`Report.link_relations`), so A agrees
  with B exactly when B agrees with A; a relation not tied to an item is made symmetric;
- every argument's **discussion point** is one of the session's (fixed or cleared), every
  argument title a group cites exists, every source turn exists.

`report.verification` gets the counts and the issues, and the disclaimer a sentence with the
counts. Nothing here depends on the engine; an extractive report simply passes.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .models import Report
from .verifier import FUZZY_MIN, Verifier
from .verify_text import figures

__all__ = ["FUZZY_MIN", "Verifier", "figures", "verify_report"]

_VERIFICATION_NOTE = re.compile(r"\s*Verification: [^.]*\.$")


def verify_report(report: Report) -> Report:
    """A copy of `report` checked against its transcript (see the module docstring)."""
    from .verify_entities import check_entities  # it builds on this module

    report = report.model_copy(deep=True)
    # an engine may have checked part of its material already: carry its counts on
    v = Verifier(report.transcript, report.verification)
    report.arguments = v.arguments(report.arguments)
    v.points(report)
    report.assign_ids()
    titles: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, str] = {}
    for a in report.arguments:
        titles[a.speaker].add(a.title)
        ids[a.id or ""] = a.speaker
        v.argument_titles[a.id or ""] = a.title
        v.argument_turns[a.id or ""] = a.source_turns
    ag, df = report.agreements, report.differences
    ag.agreement_points = v.stances("agreements", ag.agreement_points, titles, ids)
    ag.similar_viewpoints = v.stances("agreements", ag.similar_viewpoints, titles, ids)
    ag.unexpected_consensus = v.stances("agreements", ag.unexpected_consensus, titles, ids)
    df.different_viewpoints = v.stances("differences", df.different_viewpoints, titles, ids, True)
    df.unexpected_differences = v.stances("differences", df.unexpected_differences, titles, ids, True)
    df.partial_agreements = v.stances("differences", df.partial_agreements, titles, ids)
    v.symmetric(report)
    v.comments(report)
    for item in report.takeaways.action_items:
        if item.speaker is not None:
            real = v.resolve(item.speaker)
            v.check()
            if real != item.speaker:
                v.issue(
                    "takeaways",
                    item.text,
                    f"speaker {item.speaker!r} "
                    + (f"written as {real!r}" if real else "is not in the transcript; removed"),
                    "fixed",
                )
                item.speaker = real
    for q in report.follow_up_questions:
        q.speakers = v.speaker_list("follow_up_questions", q.question, q.speakers)
    v.prose(report)
    unknown = check_entities(v, report)
    report.verification = v.result
    r = v.result
    added = f" ({unknown} of them: names or figures in generated text that are not in the transcript)"
    note = (
        f"Verification: {r.checked} items checked against the transcript, {r.fixed} fixed, "
        f"{r.dropped} dropped, {r.flagged} flagged{added if unknown else ''}; {v.unsupported} speakers named in "
        f"agreements or differences without words of their own removed, {v.stances_dropped} "
        "such items dropped."
    )
    base = _VERIFICATION_NOTE.sub("", report.disclaimer or "").strip()
    report.disclaimer = f"{base} {note}".strip()
    return report
