"""Reduce steps on the structure: discussion points, then agreements and differences."""

from __future__ import annotations

from ...models import Agreements, Differences, DiscussionPoint, Position, Stance
from ...normalize import name_key
from .digest import Digest
from .evidence import stance_lines
from .prompts import render
from .run_base import clean, max_items_of, schema_limits
from .schemas import DiscussionPointsOut, StanceOut, StancesOut


class StanceSteps(Digest):
    """Discussion points (themes, arguments assigned) and stance items with positions."""

    def _discussion_points(self) -> None:
        n = len(self.state.extracted)
        if n == 0:
            return self._fallback_points()
        schema = self._bounded(
            DiscussionPointsOut,
            items={"points": 8, "assignments": min(n, 80), "topics": 3},
            lengths={"title": 100, "description": 500},
            keep_items=frozenset({"assignments", "points"}),
            enums={"topics": self.state.topics},
        )
        # every argument shown must be assignable: never more than the schema's assignments
        cap = min(n, 80)

        def build(digest: str, _pack: str) -> str:
            return render(
                "discussion_points.j2",
                context=self.state.context,
                digest=digest,
                min_points=3,
                max_points=8,
                topics=self.state.topics,
            )

        room = self._room("discussion_points", self._template_tokens(build), schema)
        kept = self._digest("titles", room)[:cap]
        answer = self._call(
            "discussion_points",
            DiscussionPointsOut,
            schema,
            build("\n".join(self._line(e, "titles") for e in kept), ""),
        )
        if answer is None or not answer.points:
            return self._fallback_points()
        points = [
            DiscussionPoint(title=p.title.strip(), description=clean(p.description))
            for p in answer.points
            if p.title.strip()
        ]
        topic_of = {t.casefold(): t for t in self.state.topics}
        for a in answer.assignments:
            if 1 <= a.argument <= n and 1 <= a.point <= len(points):
                arg = self.state.extracted[a.argument - 1].argument
                arg.discussion_point = points[a.point - 1].title
                arg.topics = list(dict.fromkeys(topic_of[t.casefold()] for t in a.topics if t.casefold() in topic_of))[
                    :3
                ]
        self.state.points = points
        return None

    def _fallback_points(self) -> None:
        self.state.degraded.add("discussion_points")
        self.state.points = list(self.fallback.report().discussion_points)

    def _stances(self) -> tuple[Agreements, Differences] | None:
        if len(self.state.extracted) < 2:
            return None
        schema = self._bounded(
            StancesOut,
            items={
                "agreement_points": 5,
                "similar_viewpoints": 4,
                "unexpected_consensus": 3,
                "different_viewpoints": 5,
                "unexpected_differences": 3,
                "partial_agreements": 3,
                "positions": 4,
            },
            lengths={
                "point": 100,
                "quote": 220,
                "summary": 300,
                "explanation": 200,
                "consensus_level": 100,
                "disagreement_level": 100,
                "agreement_assessment": 500,
                "disagreement_assessment": 500,
            },
            # an item needs its speakers' positions: when the answer must be shorter, fewer items
            keep_items=frozenset({"positions"}),
            enums={"speaker": self.state.names},
        )
        limits = schema_limits(schema)

        def build(digest: str, pack: str) -> str:
            return render(
                "stances.j2",
                context=self.state.context,
                digest=digest,
                pack=pack,
                positions=max_items_of(schema, "positions"),
                limits=limits,
            )

        answer = self._call(
            "stances",
            StancesOut,
            schema,
            self._prompt("stances", build, "quoted", schema, stance_lines(self.transcript)),
        )
        if answer is None:
            return None
        conv = self._stance_list
        return (
            Agreements(
                agreement_points=conv(answer.agreement_points),
                similar_viewpoints=conv(answer.similar_viewpoints),
                unexpected_consensus=conv(answer.unexpected_consensus),
                assessment=clean(answer.agreement_assessment),
                consensus_level=clean(answer.consensus_level),
            ),
            Differences(
                different_viewpoints=conv(answer.different_viewpoints, True),
                unexpected_differences=conv(answer.unexpected_differences, True),
                partial_agreements=conv(answer.partial_agreements),
                assessment=clean(answer.disagreement_assessment),
                disagreement_level=clean(answer.disagreement_level),
            ),
        )

    def _stance_list(self, items: list[StanceOut], opposed: bool = False) -> list[Stance]:
        """Stance items from the model's per-speaker positions: its speaker, quote and turn,
        and the argument it cites. A position without a quote takes its argument's verified
        quote; verification then keeps only speakers backed by their own words. In a
        difference item the model's sides are kept (allies share one; where it gave none, each
        speaker is their own side); in an agreement there is one side."""
        out = []
        n = len(self.state.extracted)
        for s in items:
            positions, args = [], []
            for p in s.positions:
                e = self.state.extracted[p.argument - 1] if p.argument and 1 <= p.argument <= n else None
                if e is not None and name_key(e.argument.speaker) != name_key(p.speaker):
                    e = None  # another speaker's argument is not this speaker's position
                quote = clean(p.quote) or (e.quote if e else None)
                turn = p.turn if clean(p.quote) else (self._quote_turn(e) if e else None)
                positions.append(
                    Position(
                        speaker=p.speaker.strip(),
                        quote=quote,
                        turn=turn,
                        argument_id=f"arg-{e.number}" if e else None,
                        side=max(0, p.side - 1) if opposed else 0,
                    )
                )
                if e is not None:
                    args.append(e.argument)
            if opposed and len({p.side for p in positions}) < 2:
                for k, position in enumerate(positions):  # no sides given: each speaker is their own
                    position.side = k
            topics = list(dict.fromkeys(t for a in args for t in a.topics))[:3]
            out.append(
                Stance(
                    point=clean(s.point),
                    positions=positions,
                    arguments=list(dict.fromkeys(a.title for a in args)),
                    summary=clean(s.summary),
                    explanation=clean(s.explanation),
                    topics=topics,
                )
            )
        return out
