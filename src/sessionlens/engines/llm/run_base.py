"""The state, budget and calls every step of an llm engine run shares (see `run`)."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ...models import Argument, DiscussionPoint, Transcript
from ...taxonomy import DEFAULT, Taxonomy, load_taxonomy
from ...verifier import Verifier
from .. import get_engine
from ..base import Analysis, EngineOptions, Progress
from .client import LLMClient
from .errors import LLMCallFailed
from .evidence import introduction_lines
from .prompts import render
from .schemas import bounded_schema, worst_case_chars
from .settings import LLMSettings

log = logging.getLogger("sessionlens.llm")

SAFETY = 64  # tokens kept free in every call (chat-template tokens, estimate error)
MIN_DIGEST = 600  # every reduce step may see at least this much, however short the session
REDUCE_TEMPLATE = 450  # tokens of a reduce step's instructions (system + template), at most
REDUCE_STEPS = ("discussion_points", "stances", "takeaways", "comments", "questions", "glance", "narrative")
#: each reduce step's share of the reduce budget: the steps that also get an evidence pack
#: (stances, takeaways, narrative) more
SHARES = {
    "discussion_points": 1.5,
    "stances": 1.75,
    "takeaways": 1.25,
    "comments": 1.0,
    "questions": 0.75,
    "glance": 1.0,
    "narrative": 1.25,
}
PACK_SHARE = 0.5  # of a step's budget, what its evidence pack may take before the digest
#: the lengths a claim may shrink to when many must fit one answer (readable, still useful)
CLAIM_LENGTHS = {"title": 140, "explanation": 180, "evidence": 140, "quote": 180}
MIN_CHUNK_PER_OVERHEAD = 1  # a chunk is not split below its instructions' tokens
NARRATIVE_FIXED = (
    "executive summary",
    "areas of consensus",
    "tensions",
    "unresolved challenges",
    "conclusion and way forward",
)
#: step -> the report sections it fills (what is marked degraded when it falls back)
SECTIONS: dict[str, tuple[str, ...]] = {
    "arguments": ("arguments",),
    "discussion_points": ("discussion_points",),
    "stances": ("agreements", "differences"),
    "takeaways": ("takeaways",),
    "comments": ("comments",),
    "questions": ("follow_up_questions",),
    "glance": ("glance",),
    "narrative": ("narrative",),
}
# Answers are sized to the longest the step's bounded schema allows (a small model that loops
# writes exactly that), at this many characters per token, capped by the context window.
CHARS_PER_ANSWER_TOKEN = 3.0


Pair = tuple[Argument, str | None]  # an argument and its verbatim quote


@dataclass
class Extracted:
    """An argument of the map step, with its number in the digests and its quote."""

    number: int
    argument: Argument
    quote: str | None = None


@dataclass
class State:
    """What the steps of one run share."""

    transcript: Transcript
    settings: LLMSettings
    context: str  # session title, date, event, speakers with roles
    names: list[str]
    topics: list[str]
    digest_budget: int  # per share (see SHARES)
    extracted: list[Extracted] = field(default_factory=list)
    points: list[DiscussionPoint] = field(default_factory=list)
    degraded: set[str] = field(default_factory=set)
    failures: dict[str, str] = field(default_factory=dict)


class Fallback:
    """The offline engine's analysis of the same session, made once and only when needed."""

    def __init__(self, transcript: Transcript, options: EngineOptions) -> None:
        self._transcript = transcript
        # only the settings every engine shares: the offline engine knows no llm setting
        self._options = EngineOptions(**options.model_dump(include=set(EngineOptions.model_fields)))
        self._lock = threading.Lock()
        self._analysis: Analysis | None = None
        self.source = "none"

    def report(self) -> Analysis:
        with self._lock:
            if self._analysis is None:
                try:
                    self._analysis = get_engine("offline").analyze(self._transcript, self._options)
                    self.source = "offline"
                except Exception as exc:  # any failure of the fallback leaves sections empty
                    log.warning("offline fallback unavailable (%s); sections stay empty", exc)
                    self._analysis = get_engine("none").analyze(self._transcript, self._options)
                    self.source = "none"
            return self._analysis


class RunBase:
    """What every step of one run shares: settings, client, state, budget, calls."""

    def __init__(
        self,
        transcript: Transcript,
        options: EngineOptions,
        settings: LLMSettings,
        client: LLMClient,
        progress: Progress,
    ) -> None:
        self.transcript = transcript
        self.options = options
        self.progress = progress
        self.settings = settings
        self.client = client
        self.fallback = Fallback(transcript, options)
        self.timings: dict[str, float] = {}
        # checks extracted arguments before prose is written from them; the report is verified
        # once more by the pipeline, so only what never reaches it is counted from here
        self.verifier = Verifier(transcript)
        # the chosen taxonomy's topics are what the prompts offer (issue 17: was Diplo only)
        self.taxonomy: Taxonomy = load_taxonomy(options.taxonomy or DEFAULT)
        names = [s.name for s in transcript.speakers] or list(dict.fromkeys(t.speaker for t in transcript.turns))
        self.state = State(
            transcript=transcript,
            settings=settings,
            context=self._context(names),
            names=names,
            topics=[t.label for t in self.taxonomy.topics],
            digest_budget=MIN_DIGEST,
        )

    def _timed(self, name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        try:
            return fn()
        finally:
            self.timings[f"llm_{name}"] = time.perf_counter() - t0

    def _map_room(self) -> int:
        """Tokens kept for a map answer: a third of the window, within max_output."""
        return max(128, min(self.settings.context // 3, self.settings.max_output))

    def _answer_cap(self) -> int:
        """The most tokens one reduce answer may take."""
        return max(128, min(self.settings.max_output, self.settings.context // 2))

    def _budget(self, tokens: int | None = None) -> int:
        """Characters the longest allowed answer may have (see bounded_schema)."""
        return int((tokens or self._answer_cap()) * CHARS_PER_ANSWER_TOKEN)

    def _answer_tokens(self, schema: dict[str, Any]) -> int:
        """max_tokens of a call: room for the longest answer the schema allows."""
        worst = math.ceil(worst_case_chars(schema) / CHARS_PER_ANSWER_TOKEN) + 16
        return max(64, min(worst, self._answer_cap()))

    def _call(
        self, step: str, output: type[BaseModel], schema: dict[str, Any], user: str, cap: int | None = None
    ) -> Any | None:
        """One step's answer (at most `cap` tokens), or None after the last retry (the step then falls back)."""
        try:
            return self.client.complete(
                step,
                system=render("system.j2"),
                user=user,
                output=output,
                schema=schema,
                max_tokens=min(self._answer_tokens(schema), cap or self._answer_cap()),
            )
        except LLMCallFailed as exc:
            log.warning("%s", exc)
            self.state.failures[step] = exc.reason
            self.state.degraded.update(SECTIONS[step])
            return None

    def _room(self, step: str, template_tokens: int, schema: dict[str, Any]) -> int:
        """Tokens of digest and evidence a step may send: its share, within the window."""
        room = self.settings.context - template_tokens - self._answer_tokens(schema) - SAFETY
        return max(0, min(int(self.state.digest_budget * SHARES[step]), room))

    def _bounded(self, model: type[BaseModel], **bounds: Any) -> dict[str, Any]:
        """A reduce step's schema, shrunk so that its longest answer fits the answer cap."""
        return bounded_schema(model, budget_chars=self._budget(), **bounds)

    def _context(self, names: list[str]) -> str:
        """The session's title, date and event, and its speakers with roles (every prompt)."""
        info = self.transcript.info
        facts = [f"Session: {info.title or '(title not given)'}"]
        facts += [f"{label}: {value}" for label, value in (("Date", info.date), ("Event", info.event)) if value]
        text = ". ".join(facts) + ".\nSpeakers (name - role, affiliation): " + self._speaker_list(names) + "."
        intros = introduction_lines(self.transcript)
        if intros:  # roles the input does not give, as the session itself introduced them
            text += "\nAs introduced in the session: " + " ".join(intros)
        return text

    def _speaker_list(self, names: list[str], quotas: dict[str, int] | None = None) -> str:
        known = {s.name: s for s in self.transcript.speakers}
        out = []
        for n in names:
            s = known.get(n)
            about = [x for x in ((s.role, s.affiliation) if s else ()) if x]
            if (
                s is not None
                and s.is_moderator
                and not any("moderat" in x.lower() or "chair" in x.lower() for x in about)
            ):
                about.append("moderator")
            text = f"{n} - {', '.join(about)}" if about else n
            if quotas is not None:
                text += f" (up to {quotas[n]})"
            out.append(text)
        return "; ".join(out)

    def _quote_turn(self, e: Extracted) -> int | None:
        """The index of the turn an extracted quote comes from."""
        for t in self.verifier.turns_of.get(e.argument.speaker, []):
            if e.quote and e.quote in t.text:
                return t.index
        return e.argument.source_turns[0] if e.argument.source_turns else None


def max_items_of(schema: dict[str, Any], name: str) -> int | None:
    """maxItems of the first array called `name` anywhere in the schema."""
    if not isinstance(schema, dict):
        return None
    for key, sub in schema.get("properties", {}).items():
        if key == name and sub.get("type") == "array":
            found: int | None = sub.get("maxItems")
            return found
    for sub in [*schema.get("properties", {}).values(), schema.get("items"), *schema.get("anyOf", [])]:
        found = max_items_of(sub, name) if isinstance(sub, dict) else None
        if found is not None:
            return found
    return None


def schema_limits(schema: dict[str, Any]) -> dict[str, int]:
    """maxItems of the schema's top-level arrays: the numbers its prompt may ask for."""
    out = {}
    for name, prop in schema.get("properties", {}).items():
        arrays = [prop, *prop.get("anyOf", [])]
        limit = next((a["maxItems"] for a in arrays if a.get("type") == "array"), None)
        if limit is not None:
            out[name] = limit
    return out


def clean(text: str | None) -> str | None:
    """None for empty or placeholder strings, else the stripped text."""
    if text is None:
        return None
    text = text.strip()
    return text if text and text.casefold() not in {"null", "none", "n/a", "..."} else None


def strings(items: list[str]) -> list[str]:
    return [s for s in (clean(x) for x in items) if s]
