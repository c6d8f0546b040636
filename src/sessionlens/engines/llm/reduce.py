"""Reduce steps on the prose: takeaways, comments, follow-up questions, glance, narrative."""

from __future__ import annotations

from typing import Any

from ...models import ActionItem, Comment, FollowUpQuestion, Takeaways
from .chunks import estimate_tokens
from .digest import Digest
from .evidence import fit_lines, followup_lines, outcome_lines
from .prompts import render
from .run_base import NARRATIVE_FIXED, clean, schema_limits, strings
from .schemas import CommentsOut, GlanceOut, NarrativeOut, QuestionsOut, TakeawaysOut


class ProseSteps(Digest):
    """The reduce steps that write from the digests in parallel after the discussion points."""

    def _takeaways(self) -> Takeaways | None:
        if not self.state.extracted:
            return None
        schema = self._bounded(
            TakeawaysOut,
            items={"key_takeaways": 6, "action_items": 6, "unresolved_issues": 5, "compromises": 4},
            lengths={"key_takeaways": 300, "text": 300, "unresolved_issues": 300, "compromises": 300},
            enums={"speaker": self.state.names},
        )
        limits = schema_limits(schema)

        def build(digest: str, pack: str) -> str:
            return render("takeaways.j2", context=self.state.context, digest=digest, pack=pack, limits=limits)

        answer = self._call(
            "takeaways",
            TakeawaysOut,
            schema,
            self._prompt("takeaways", build, "grouped", schema, outcome_lines(self.transcript)),
        )
        if answer is None:
            return None
        return Takeaways(
            key_takeaways=strings(answer.key_takeaways),
            action_items=[
                ActionItem(text=x.text.strip(), speaker=clean(x.speaker)) for x in answer.action_items if x.text.strip()
            ],
            unresolved_issues=strings(answer.unresolved_issues),
            compromises=strings(answer.compromises),
        )

    def _comments(self) -> tuple[list[Comment], str | None] | None:
        quoted = [e for e in self._ordered() if e.quote]
        if not quoted:
            self.state.degraded.add("comments")  # nothing to choose from: the fallback's
            return None
        quoted.sort(key=lambda e: e.number)
        max_items = min(6, len(quoted))
        schema = self._bounded(
            CommentsOut,
            items={"comments": max_items},
            lengths={"reason": 400, "impact": 400, "assessment": 800},
            keep_items=frozenset({"comments"}),
        )
        # the quotes are the digest: a quote cut for room cannot be chosen, so they go first
        lines = [f'Q{i} [{e.argument.speaker}] "{e.quote}"' for i, e in enumerate(quoted, 1)]
        after = followup_lines(
            self.transcript, [(i, turn) for i, e in enumerate(quoted, 1) if (turn := self._quote_turn(e)) is not None]
        )

        def build(digest: str, pack: str) -> str:
            return render("comments.j2", context=self.state.context, digest=digest, pack=pack, max_items=max_items)

        room = self._room("comments", self._template_tokens(build), schema)
        shown, used = [], 0
        for line in lines:
            if used + estimate_tokens(line) + 1 <= room:
                shown.append(line)
                used += estimate_tokens(line) + 1
        pack = fit_lines(after, room - used)
        answer = self._call("comments", CommentsOut, schema, build("\n".join(shown), "\n".join(pack) or "(none)"))
        if answer is None:
            return None
        comments, used_quotes = [], set()
        for c in answer.comments:
            if 1 <= c.quote <= len(quoted) and c.quote not in used_quotes:
                used_quotes.add(c.quote)
                e = quoted[c.quote - 1]
                comments.append(
                    Comment(
                        quote=e.quote or "",
                        speaker=e.argument.speaker,
                        reason=clean(c.reason),
                        impact=clean(c.impact),
                    )
                )
        return comments, clean(answer.assessment)

    def _questions(self) -> list[FollowUpQuestion] | None:
        if not self.state.extracted:
            return None
        schema = self._bounded(
            QuestionsOut,
            items={"questions": 5, "speakers": 4},
            lengths={"question": 300, "explanation": 400},
            enums={"speakers": self.state.names},
            keep_items=frozenset({"questions"}),
        )

        def build(digest: str, _pack: str) -> str:
            return render("questions.j2", context=self.state.context, digest=digest, max_items=5)

        answer = self._call("questions", QuestionsOut, schema, self._prompt("questions", build, "explained", schema))
        if answer is None:
            return None
        return [
            FollowUpQuestion(
                question=q.question.strip(),
                speakers=list(dict.fromkeys(s.strip() for s in q.speakers)),
                explanation=clean(q.explanation),
            )
            for q in answer.questions
            if q.question.strip()
        ]

    def _prose_prompt(self, step: str, template: str, schema: dict[str, Any]) -> str:
        points = [p.title for p in self.state.points]

        def build(digest: str, pack: str) -> str:
            return render(
                template,
                context=self.state.context,
                digest=digest,
                pack=pack,
                points=points,
                fixed=NARRATIVE_FIXED,
                limits=schema_limits(schema),
            )

        return self._prompt(step, build, "grouped", schema, outcome_lines(self.transcript))

    def _glance(self) -> GlanceOut | None:
        if not self.state.extracted:
            return None
        schema = self._bounded(
            GlanceOut,
            items={"summary": 6},
            lengths={"summary": 700, "purpose": 600, "tone": 600},
            keep_items=frozenset({"summary"}),
        )
        return self._call("glance", GlanceOut, schema, self._prose_prompt("glance", "glance.j2", schema))

    def _narrative(self) -> str | None:
        if not self.state.extracted:
            return None
        # one section per discussion point and one per fixed part: never merged for want of room
        sections = len(self.state.points) + len(NARRATIVE_FIXED)
        schema = self._bounded(
            NarrativeOut,
            items={"sections": sections},
            lengths={"heading": 100, "text": 900},
            keep_items=frozenset({"sections"}),
        )
        answer = self._call("narrative", NarrativeOut, schema, self._prose_prompt("narrative", "narrative.j2", schema))
        if answer is None:
            return None
        parts = [
            f"### {s.heading.strip()}\n\n{s.text.strip()}"
            for s in answer.sections
            if s.heading.strip() and s.text.strip()
        ]
        return "\n\n".join(parts) or None
