"""The `llm` engine: abstractive reports from any OpenAI-compatible chat endpoint.

Map-reduce, so any session fits any context window (`--llm-context`):

1. **map** (`arguments`): the transcript is cut at turn boundaries into chunks that fit the
   window and whose claim quotas (`claims.py`: up to 3 per substantive speaker) fit one
   answer; each chunk yields its speakers' arguments with evidence and one verbatim quote.
2. **reduce**: every later step sees a digest of those arguments in transcript order and,
   where its question lives in the conversation, an evidence pack of verbatim turns
   (`evidence.py`): `discussion_points` first (themes + which argument belongs where),
   then in parallel `stances` (+ exchanges between speakers), `takeaways` (+ decisions,
   votes, commitments, closing turns), `comments` (chosen among the extracted quotes, + the
   turns that followed each), `questions`, `glance` and `narrative` (+ outcomes).
   Every prompt opens with the session's context: title, date, event, speakers with roles.

Token budget: the map step sends each transcript token once; the digests and packs of all
reduce steps together get at most the transcript's size minus what the map step spent on its
own instructions and the reduce steps on theirs (with a small floor per step for short
sessions). So a session costs at most about twice its transcript tokens.

A step that fails after its last retry takes its sections from the offline engine (or, where
that engine is not installed, leaves them empty) and names them in
`meta.degraded_sections`. Only when no call at all succeeded does the engine raise
`LLMUnavailable`: then it produced nothing.

One module per stage, joined here: `run_base` (state, budget, one call), `map_step`,
`digest` (what a reduce step is shown), `stances` (discussion points, agreements and
differences), `reduce` (takeaways, comments, questions, glance, narrative), `assembly`.
The pipeline verifies the sections once (issue 17).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..base import Analysis
from .assembly import Assembly
from .errors import LLMUnavailable
from .map_step import MapStep
from .reduce import ProseSteps
from .stances import StanceSteps


class Run(MapStep, StanceSteps, ProseSteps, Assembly):
    """One run of the llm engine on one transcript."""

    def execute(self) -> Analysis:
        """Map, reduce, assemble (see the module docstring)."""
        if not self.transcript.turns:
            raise LLMUnavailable("the transcript has no turns: nothing to analyse")
        chunks = self._plan()
        with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            self._timed("arguments", lambda: self._map(pool, chunks))
            self.progress("LLM: discussion points", 0.4)
            self._timed("discussion_points", self._discussion_points)
            self.progress("LLM: synthesis", 0.55)
            steps: dict[str, Callable[[], Any]] = {
                "stances": self._stances,
                "takeaways": self._takeaways,
                "comments": self._comments,
                "questions": self._questions,
                "glance": self._glance,
                "narrative": self._narrative,
            }
            futures = {name: pool.submit(self._timed, name, fn) for name, fn in steps.items()}
            results = {name: f.result() for name, f in futures.items()}
        if self.client.successes == 0:
            reason = next(iter(self.state.failures.values()), "no answer")
            raise LLMUnavailable(f"no usable answer from the LLM at {self.settings.url}: {reason}")
        return self._assemble(results)
