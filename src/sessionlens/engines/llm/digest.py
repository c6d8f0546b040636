"""Digests of the extracted arguments and the prompts they fill, cut to a step's share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import zip_longest
from typing import Any

from .chunks import estimate_tokens
from .evidence import PackLine, fit_lines
from .prompts import render
from .run_base import PACK_SHARE, Extracted, RunBase


class Digest(RunBase):
    """Arguments as digest lines, and prompts within a step's token share."""

    def _ordered(self) -> list[Extracted]:
        """Arguments with speakers interleaved: the order in which a short budget keeps them,
        so that a cut keeps every voice (they are shown in transcript order)."""
        by_speaker: dict[str, list[Extracted]] = defaultdict(list)
        for e in self.state.extracted:
            by_speaker[e.argument.speaker].append(e)
        return [e for group in zip_longest(*by_speaker.values()) for e in group if e]

    @staticmethod
    def _line(e: Extracted, style: str) -> str:
        a = e.argument
        if style == "titles":
            return f"#{e.number} [{a.speaker}] {a.title}"
        if style == "explained":
            return f"#{e.number} [{a.speaker}] {a.title}" + (f": {a.explanation}" if a.explanation else "")
        if style == "quoted":  # the speaker's own words, for a position to cite
            return f"#{e.number} [{a.speaker}] {a.title}" + (f': "{e.quote}"' if e.quote else "")
        text = f"- [{a.speaker}] {a.title}"  # "evidence"
        if a.explanation:
            text += f" {a.explanation}"
        if a.evidence:
            text += f" Evidence: {a.evidence}"
        return text

    def _digest(self, style: str, budget: int) -> list[Extracted]:
        """The arguments whose lines fit `budget` tokens, in transcript order."""
        kept, used = [], 0
        for e in self._ordered():
            cost = estimate_tokens(self._line(e, style)) + 1
            if used + cost > budget:
                continue  # a shorter line further down may still fit
            kept.append(e)
            used += cost
        return sorted(kept, key=lambda e: e.number)

    def _grouped(self, kept: list[Extracted]) -> str:
        """Evidence lines grouped under their discussion points, in transcript order."""
        groups: dict[str, list[str]] = defaultdict(list)
        for e in kept:
            groups[e.argument.discussion_point or "Other"].append(self._line(e, "evidence"))
        return "\n".join(f"{point}:\n" + "\n".join(lines) for point, lines in groups.items())

    @staticmethod
    def _template_tokens(build: Callable[..., str]) -> int:
        return estimate_tokens(render("system.j2")) + estimate_tokens(build("", ""))

    def _prompt(
        self,
        step: str,
        build: Callable[[str, str], str],
        style: str,
        schema: dict[str, Any],
        pack: list[PackLine] | None = None,
    ) -> str:
        """A step's prompt: `build(digest, pack)` with as many digest lines and evidence
        excerpts as its share allows. The pack takes up to PACK_SHARE first (it is what the
        digest cannot show), the digest the rest, then the pack what the digest left over."""
        room = self._room(step, self._template_tokens(build), schema)
        evidence = fit_lines(pack, int(room * PACK_SHARE)) if pack else []
        used = sum(estimate_tokens(x) + 1 for x in evidence)
        kept = self._digest("evidence" if style == "grouped" else style, room - used)
        digest_lines = [self._grouped(kept)] if style == "grouped" else [self._line(e, style) for e in kept]
        digest = "\n".join(x for x in digest_lines if x)
        if pack:
            evidence = fit_lines(pack, room - estimate_tokens(digest) - 1)
        return build(digest, "\n".join(evidence) or "(none)")
