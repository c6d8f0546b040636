"""Assembly: the steps' results as the engine's `Analysis`, degraded sections from the fallback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from ...models import Agreements, Differences, Glance, Takeaways, Verification
from ..base import Analysis
from .run_base import SECTIONS, RunBase, clean, strings
from .schemas import GlanceOut


class Assembly(RunBase):
    """Results into sections; a failed step's sections from the offline engine."""

    def _assemble(self, results: dict[str, Any]) -> Analysis:
        state = self.state
        degraded = set(state.degraded)
        for step, value in results.items():
            if value is None:
                degraded.update(SECTIONS[step])
        if not state.extracted:
            degraded.add("arguments")
        fb = self.fallback.report if degraded else None

        def pick(section: str, mine: Any, theirs: Callable[[Analysis], Any]) -> Any:
            return theirs(fb()) if fb is not None and section in degraded and mine is None else mine

        stances = results["stances"]
        comments = results["comments"]
        glance_out: GlanceOut | None = results["glance"]
        agreements = pick("agreements", stances[0] if stances else None, lambda r: r.agreements)
        differences = pick("differences", stances[1] if stances else None, lambda r: r.differences)
        for e in state.extracted:  # the ids the stance positions cite
            e.argument.id = f"arg-{e.number}"
        arguments = [e.argument for e in state.extracted]
        fallback_glance = fb().glance if fb is not None and "glance" in degraded else Glance()
        glance = Glance(
            summary=("\n\n".join(strings(glance_out.summary)) or None) if glance_out else fallback_glance.summary,
            purpose=clean(glance_out.purpose) if glance_out else fallback_glance.purpose,
            tone=clean(glance_out.tone) if glance_out else fallback_glance.tone,
            keypoints=list(state.points),
        )
        comment_list, comments_assessment = comments if comments else (None, None)
        if comment_list is None and fb is not None:
            comment_list, comments_assessment = fb().comments, fb().comments_assessment
        sections = sorted(degraded)
        source = self.fallback.source if degraded else None
        return Analysis(
            glance=glance,
            discussion_points=list(state.points),
            narrative=pick("narrative", results["narrative"], lambda r: r.narrative),
            arguments=arguments,
            agreements=agreements or Agreements(),
            differences=differences or Differences(),
            takeaways=pick("takeaways", results["takeaways"], lambda r: r.takeaways) or Takeaways(),
            comments=comment_list or [],
            comments_assessment=comments_assessment,
            follow_up_questions=pick("follow_up_questions", results["questions"], lambda r: r.follow_up_questions)
            or [],
            disclaimer=self._disclaimer(sections, source),
            prechecked=self._prechecked(),
            model=self.client.model,
            taxonomy=self.taxonomy.name if state.topics else None,
            degraded_sections=sections,
            usage=self.client.usage(),
            timings=self.timings,
        )

    def _prechecked(self) -> Verification:
        """What the map step's checks fixed or dropped. The pipeline verifies the report once,
        the surviving arguments with it, so only the dropped items count as checked here (the
        figures it flagged are flagged again there): each item is counted once (issue 17)."""
        issues = [i for i in self.verifier.result.issues if i.action in ("fixed", "dropped")]
        dropped = sum(i.action == "dropped" for i in issues)
        return Verification(checked=dropped, fixed=len(issues) - dropped, dropped=dropped, issues=issues)

    def _disclaimer(self, degraded: list[str], source: str | None) -> str:
        host = urlsplit(self.settings.url or "").netloc or self.settings.url
        # the file name only: a server path says nothing to the reader and leaks the layout
        name = PurePath((self.transcript.info.source or "").replace("\\", "/")).name
        text = (
            f"This report was written by the language model {self.client.model} (at {host}) "
            f"from the transcript {name}".rstrip()
            + ". "
            "Language models make mistakes: quotes, figures and speaker names were checked "
            "against the transcript, but explanations and summaries may still contain errors."
        )
        if degraded:
            how = (
                "taken from the offline engine"
                if source == "offline"
                else "left empty (the offline engine is not installed)"
            )
            text += f" The language model failed on these sections, which were {how}: {', '.join(degraded)}."
        return text
