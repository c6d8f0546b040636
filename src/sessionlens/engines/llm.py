"""The `llm` engine: abstractive reports from any OpenAI-compatible chat endpoint.

Map-reduce, so any session fits any context window (`--llm-context`):

1. **map** (`arguments`): the transcript is cut at turn boundaries into chunks that fit the
   window; each chunk yields its speakers' arguments with evidence and one verbatim quote.
2. **reduce**: every later step sees a compact digest of those arguments, never the raw
   transcript again: `discussion_points` first (themes + which argument belongs where),
   then in parallel `stances` (agreements and differences), `takeaways`, `comments`
   (chosen among the extracted quotes), `questions`, `glance` (summary, purpose, tone) and
   `narrative`.

Token budget: the map step sends each transcript token once; the digests of all reduce steps
together get at most the transcript's size minus what the map step spent on its own
instructions (with a small floor per step for short sessions). So a session costs at most
about twice its transcript tokens plus a fixed overhead (the reduce templates).

A step that fails after its last retry takes its sections from the offline engine (or, where
that engine is not installed, leaves them empty) and names them in
`meta.degraded_sections`. Only when no call at all succeeded does the engine raise
`LLMUnavailable`: then it produced nothing.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from ..models import (
    ActionItem,
    Agreements,
    Argument,
    Comment,
    Differences,
    DiscussionPoint,
    FollowUpQuestion,
    Glance,
    Position,
    Report,
    ReportMeta,
    SpeakerStats,
    Stance,
    Takeaways,
    Transcript,
)
from ..normalize import name_key
from ..verify import Verifier
from . import AnalysisOptions, get_engine
from .llm_chunks import Chunk, chunk_turns, estimate_tokens, turn_line
from .llm_client import LLMClient
from .llm_errors import LLMCallFailed, LLMUnavailable
from .llm_prompts import render
from .llm_schemas import (
    ChunkArguments,
    CommentsOut,
    DiscussionPointsOut,
    GlanceOut,
    NarrativeOut,
    QuestionsOut,
    StanceOut,
    StancesOut,
    TakeawaysOut,
    bounded_schema,
    worst_case_chars,
)
from .llm_settings import LLMSettings, resolve_settings

log = logging.getLogger("sessionlens.llm")

#: The seven Diplo baskets (REPORT_FORMAT.md section 5), used when --taxonomy is "diplo".
DIPLO_BASKETS = ("Infrastructure", "Cybersecurity", "Human rights", "Legal and regulatory",
                 "Economic", "Development", "Sociocultural")
SAFETY = 64            # tokens kept free in every call (chat-template tokens, estimate error)
MIN_DIGEST = 600       # every reduce step may see at least this much, however short the session
REDUCE_TEMPLATE = 450  # tokens of a reduce step's instructions (system + template), at most
REDUCE_STEPS = ("discussion_points", "stances", "takeaways", "comments", "questions",
                "glance", "narrative")
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


_Pair = tuple[Argument, str | None]  # an argument and its verbatim quote


@dataclass
class _Extracted:
    """An argument of the map step, with its number in the digests and its quote."""

    number: int
    argument: Argument
    quote: str | None = None


@dataclass
class _State:
    """What the steps of one run share."""

    transcript: Transcript
    settings: LLMSettings
    speakers: str                       # "Name - role; ..." for the prompts
    names: list[str]
    topics: list[str]
    digest_budget: int
    extracted: list[_Extracted] = field(default_factory=list)
    points: list[DiscussionPoint] = field(default_factory=list)
    degraded: set[str] = field(default_factory=set)
    failures: dict[str, str] = field(default_factory=dict)


class _Fallback:
    """The offline engine's report of the same session, made once and only when needed."""

    def __init__(self, transcript: Transcript, stats: list[SpeakerStats],
                 options: AnalysisOptions) -> None:
        self._args = (transcript, stats, options)
        self._lock = threading.Lock()
        self._report: Report | None = None
        self.source = "none"

    def report(self) -> Report:
        with self._lock:
            if self._report is None:
                try:
                    self._report = get_engine("offline").analyze(*self._args)
                    self.source = "offline"
                except Exception as exc:  # any failure of the fallback leaves sections empty
                    log.warning("offline fallback unavailable (%s); sections stay empty", exc)
                    self._report = get_engine("none").analyze(*self._args)
                    self.source = "none"
            return self._report


class LLMEngine:
    """Reports written by a language model, checked afterwards by `verify`."""

    name = "llm"

    def analyze(self, transcript: Transcript, stats: list[SpeakerStats],
                options: AnalysisOptions) -> Report:
        """The report of `transcript` (see the module docstring for the steps)."""
        settings = resolve_settings(options)
        client = LLMClient(settings)
        try:
            return _Run(transcript, stats, options, settings, client).execute()
        finally:
            if client.cache is not None:
                client.cache.close()


class _Run:
    def __init__(self, transcript: Transcript, stats: list[SpeakerStats],
                 options: AnalysisOptions, settings: LLMSettings, client: LLMClient) -> None:
        self.transcript = transcript
        self.stats = stats
        self.options = options
        self.settings = settings
        self.client = client
        self.fallback = _Fallback(transcript, stats, options)
        self.timings: dict[str, float] = {}
        self.verifier = Verifier(transcript)
        names = [s.name for s in transcript.speakers] or list(
            dict.fromkeys(t.speaker for t in transcript.turns))
        self.state = _State(
            transcript=transcript, settings=settings,
            speakers=self._speaker_list(names),
            names=names,
            topics=list(DIPLO_BASKETS) if options.taxonomy == "diplo" else [],
            digest_budget=MIN_DIGEST,
        )

    # ------------------------------------------------------------------ orchestration

    def execute(self) -> Report:
        if not self.transcript.turns:
            raise LLMUnavailable("the transcript has no turns: nothing to analyse")
        chunks = self._plan()
        with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            self._timed("arguments", lambda: self._map(pool, chunks))
            self.options.report("LLM: discussion points", 0.4)
            self._timed("discussion_points", self._discussion_points)
            self.options.report("LLM: synthesis", 0.55)
            steps: dict[str, Callable[[], Any]] = {
                "stances": self._stances, "takeaways": self._takeaways,
                "comments": self._comments, "questions": self._questions,
                "glance": self._glance, "narrative": self._narrative,
            }
            futures = {name: pool.submit(self._timed, name, fn) for name, fn in steps.items()}
            results = {name: f.result() for name, f in futures.items()}
        if self.client.successes == 0:
            reason = next(iter(self.state.failures.values()), "no answer")
            raise LLMUnavailable(
                f"no usable answer from the LLM at {self.settings.url}: {reason}")
        return self._assemble(results)

    def _timed(self, name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        try:
            return fn()
        finally:
            self.timings[f"llm_{name}"] = time.perf_counter() - t0

    def _plan(self) -> list[Chunk]:
        """Chunks of the transcript and the digest budget of each reduce step."""
        system = render("system.j2")
        map_out = self._map_room()
        everyone = [t.speaker for t in self.transcript.turns]
        overhead = estimate_tokens(system) + estimate_tokens(
            self._arguments_prompt("", 1, 1, 8, list(dict.fromkeys(everyone))))
        budget = self.settings.context - overhead - map_out - SAFETY
        if budget < 200:
            raise LLMUnavailable(
                f"--llm-context {self.settings.context} leaves no room for the transcript "
                f"(instructions {overhead} + answer {map_out} tokens)")
        chunks = chunk_turns(self.transcript.turns, budget)
        transcript_tokens = sum(estimate_tokens(turn_line(t.index, t.speaker, t.text)) + 1
                                for t in self.transcript.turns)
        # What the map step spent beyond the transcript itself, and the reduce steps' own
        # instructions, come out of the reduce steps' share: the total stays within twice
        # the transcript (plus MIN_DIGEST per step for short sessions).
        spent = len(chunks) * overhead + len(REDUCE_STEPS) * REDUCE_TEMPLATE
        share = (transcript_tokens - spent) // len(REDUCE_STEPS)
        self.state.digest_budget = max(MIN_DIGEST, share)
        log.info("map-reduce: %d chunk(s) of <= %d tokens; %d digest tokens per reduce step",
                 len(chunks), budget, self.state.digest_budget)
        return chunks

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

    def _call(self, step: str, output: type[BaseModel], schema: dict[str, Any],
              user: str) -> Any | None:
        """One step's answer, or None after the last retry (the step then falls back)."""
        try:
            return self.client.complete(step, system=render("system.j2"), user=user,
                                        output=output, schema=schema,
                                        max_tokens=self._answer_tokens(schema))
        except LLMCallFailed as exc:
            log.warning("%s", exc)
            self.state.failures[step] = exc.reason
            self.state.degraded.update(SECTIONS[step])
            return None

    def _fit(self, lines: list[str], template_tokens: int, schema: dict[str, Any]) -> list[str]:
        """The first lines that fit the step's digest budget and the context window."""
        room = self.settings.context - template_tokens - self._answer_tokens(schema) - SAFETY
        budget = min(self.state.digest_budget, room)
        kept, used = [], 0
        for line in lines:
            cost = estimate_tokens(line) + 1
            if used + cost > budget:
                continue  # a shorter line further down may still fit
            kept.append(line)
            used += cost
        return kept

    # ------------------------------------------------------------------ map

    def _arguments_prompt(self, text: str, part: int, parts: int, max_items: int,
                          speakers: list[str]) -> str:
        # only the chunk's own speakers: the list is paid for once per chunk
        return render("arguments.j2", title=self.transcript.info.title or "untitled",
                      speakers=self._speaker_list(speakers), transcript=text, part=part,
                      parts=parts, max_items=max_items)

    def _speaker_list(self, names: list[str]) -> str:
        roles = {s.name: s.role for s in self.transcript.speakers}
        return "; ".join(f"{n} - {roles[n]}" if roles.get(n) else n for n in names)

    def _map(self, pool: ThreadPoolExecutor, chunks: list[Chunk]) -> None:
        def schema_for(chunk: Chunk, max_items: int) -> dict[str, Any]:
            return bounded_schema(
                ChunkArguments, items={"arguments": max_items, "turns": 3},
                lengths={"title": 160, "explanation": 300, "evidence": 250, "quote": 250},
                enums={"speaker": list(chunk.speakers)}, budget_chars=self._budget(room))

        room = self._map_room()

        def one(i: int, chunk: Chunk) -> tuple[Chunk, ChunkArguments | None]:
            # as many claims as the answer room holds at their longest (small models loop)
            per_item = worst_case_chars(schema_for(chunk, 1))
            fits = self._budget(room) // per_item
            max_items = max(2, min(12, fits, 3 * len(chunk.speakers) + 1))
            schema = schema_for(chunk, max_items)
            answer = self._call("arguments", ChunkArguments, schema, self._arguments_prompt(
                chunk.text, i + 1, len(chunks), max_items, list(chunk.speakers)))
            self.options.report("LLM: arguments", 0.1 + 0.3 * (i + 1) / len(chunks))
            return chunk, answer

        results = list(pool.map(lambda ic: one(*ic), enumerate(chunks)))
        seen: set[tuple[str, str]] = set()
        extracted: list[_Extracted] = []
        for chunk, answer in results:
            items = (self._checked(self._from_answer(chunk, answer)) if answer is not None
                     else self._fallback_arguments(chunk))
            for argument, quote in items:
                key = (name_key(argument.speaker), argument.title.casefold().strip(" ."))
                if key in seen:
                    continue
                seen.add(key)
                extracted.append(_Extracted(len(extracted) + 1, argument, quote))
        self.state.extracted = extracted

    def _from_answer(self, chunk: Chunk, answer: ChunkArguments) -> list[_Pair]:
        speaker_of = {t.index: t.speaker for t in self.transcript.turns}
        out = []
        for item in answer.arguments:
            title = item.title.strip()
            if not title:
                continue
            turns = [t for t in dict.fromkeys(item.turns) if t in chunk.turn_indices]
            if not turns:
                turns = [t for t in chunk.turn_indices if speaker_of.get(t) == item.speaker]
            argument = Argument(speaker=item.speaker.strip(), title=title,
                                explanation=_clean(item.explanation),
                                evidence=_clean(item.evidence),
                                source_turns=turns)
            out.append((argument, _clean(item.quote)))
        return out

    def _checked(self, items: list[_Pair]) -> list[_Pair]:
        """Verified before any prose is written from them: invented speakers, figures and
        quotes must not reach the digests (the counts go on into the report's verification)."""
        kept = {id(a) for a in self.verifier.arguments([a for a, _ in items])}
        out = []
        for argument, quote in items:
            if id(argument) not in kept:
                continue
            if quote:
                self.verifier.check()
                found = self.verifier.locate(quote, argument.speaker)
                if found is None or found[1] != argument.speaker:
                    self.verifier.issue("arguments", quote, "extracted quote not found in the "
                                        "speaker's turns; not offered as a comment", "dropped")
                    quote = None
                else:
                    quote = found[0]
            out.append((argument, quote))
        return out

    def _fallback_arguments(self, chunk: Chunk) -> list[_Pair]:
        inside = set(chunk.turn_indices)
        return [(a, None) for a in self.fallback.report().arguments
                if a.source_turns and a.source_turns[0] in inside]

    # ------------------------------------------------------------------ reduce

    def _digest_lines(self, style: str) -> list[str]:
        """Argument lines for a digest, speakers interleaved so a cut keeps every voice."""
        by_speaker: dict[str, list[_Extracted]] = defaultdict(list)
        for e in self.state.extracted:
            by_speaker[e.argument.speaker].append(e)
        ordered = [e for group in zip_longest(*by_speaker.values()) for e in group if e]
        lines = []
        for e in ordered:
            a = e.argument
            if style == "titles":
                lines.append(f"#{e.number} [{a.speaker}] {a.title}")
            elif style == "explained":
                lines.append(f"#{e.number} [{a.speaker}] {a.title}"
                             + (f": {a.explanation}" if a.explanation else ""))
            else:  # "evidence"
                text = f"- [{a.speaker}] {a.title}"
                if a.explanation:
                    text += f" {a.explanation}"
                if a.evidence:
                    text += f" Evidence: {a.evidence}"
                lines.append(text)
        return lines

    def _grouped(self, template_tokens: int, schema: dict[str, Any]) -> str:
        """Evidence lines that fit, grouped under their discussion points."""
        kept = set(self._fit(self._digest_lines("evidence"), template_tokens, schema))
        groups: dict[str, list[str]] = defaultdict(list)
        for line, e in zip(self._digest_lines("evidence"), self._ordered(), strict=True):
            if line in kept:
                groups[e.argument.discussion_point or "Other"].append(line)
        return "\n".join(f"{point}:\n" + "\n".join(lines) for point, lines in groups.items())

    def _ordered(self) -> list[_Extracted]:
        by_speaker: dict[str, list[_Extracted]] = defaultdict(list)
        for e in self.state.extracted:
            by_speaker[e.argument.speaker].append(e)
        return [e for group in zip_longest(*by_speaker.values()) for e in group if e]

    @staticmethod
    def _template_tokens(build: Callable[[str], str]) -> int:
        return estimate_tokens(render("system.j2")) + estimate_tokens(build(""))

    def _prompt(self, build: Callable[[str], str], lines: list[str],
                schema: dict[str, Any]) -> str:
        """A step's prompt with as many digest lines as its budget allows."""
        return build("\n".join(self._fit(lines, self._template_tokens(build), schema)))

    def _bounded(self, model: type[BaseModel], **bounds: Any) -> dict[str, Any]:
        """A reduce step's schema, shrunk so that its longest answer fits the answer cap."""
        return bounded_schema(model, budget_chars=self._budget(), **bounds)

    def _discussion_points(self) -> None:
        n = len(self.state.extracted)
        if n == 0:
            return self._fallback_points()
        title = self.transcript.info.title or "untitled"

        def build(digest: str) -> str:
            return render("discussion_points.j2", title=title, digest=digest, min_points=3,
                          max_points=8, topics=self.state.topics)

        schema = self._bounded(
            DiscussionPointsOut, items={"points": 8, "assignments": min(n, 80), "topics": 3},
            lengths={"title": 100, "description": 500}, keep_items=frozenset({"assignments"}),
            enums={"topics": self.state.topics})
        answer = self._call("discussion_points", DiscussionPointsOut, schema,
                            self._prompt(build, self._digest_lines("titles"), schema))
        if answer is None or not answer.points:
            return self._fallback_points()
        points = [DiscussionPoint(title=p.title.strip(), description=_clean(p.description))
                  for p in answer.points if p.title.strip()]
        topic_of = {t.casefold(): t for t in self.state.topics}
        for a in answer.assignments:
            if 1 <= a.argument <= n and 1 <= a.point <= len(points):
                arg = self.state.extracted[a.argument - 1].argument
                arg.discussion_point = points[a.point - 1].title
                arg.topics = list(dict.fromkeys(
                    topic_of[t.casefold()] for t in a.topics if t.casefold() in topic_of))[:3]
        self.state.points = points
        return None

    def _fallback_points(self) -> None:
        self.state.degraded.add("discussion_points")
        self.state.points = list(self.fallback.report().discussion_points)

    def _stances(self) -> tuple[Agreements, Differences] | None:
        if len(self.state.extracted) < 2:
            return None
        title = self.transcript.info.title or "untitled"
        schema = self._bounded(
            StancesOut,
            items={"agreement_points": 5, "similar_viewpoints": 4, "unexpected_consensus": 3,
                   "different_viewpoints": 5, "unexpected_differences": 3,
                   "partial_agreements": 3, "speakers": 5, "arguments": 5},
            lengths={"title": 140, "summary": 350, "explanation": 250, "consensus_level": 100,
                     "disagreement_level": 100, "agreement_assessment": 600,
                     "disagreement_assessment": 600},
            # a group needs its speakers: when the answer must be shorter, fewer groups
            keep_items=frozenset({"speakers", "arguments"}),
            enums={"speakers": self.state.names})
        answer = self._call("stances", StancesOut, schema, self._prompt(
            lambda d: render("stances.j2", title=title, digest=d),
            self._digest_lines("explained"), schema))
        if answer is None:
            return None
        conv = self._stance_list
        return (
            Agreements(agreement_points=conv(answer.agreement_points),
                       similar_viewpoints=conv(answer.similar_viewpoints),
                       unexpected_consensus=conv(answer.unexpected_consensus),
                       assessment=_clean(answer.agreement_assessment),
                       consensus_level=_clean(answer.consensus_level)),
            Differences(different_viewpoints=conv(answer.different_viewpoints, True),
                        unexpected_differences=conv(answer.unexpected_differences, True),
                        partial_agreements=conv(answer.partial_agreements),
                        assessment=_clean(answer.disagreement_assessment),
                        disagreement_level=_clean(answer.disagreement_level)),
        )

    def _stance_list(self, items: list[StanceOut], opposed: bool = False) -> list[Stance]:
        """Stance items; each speaker's words are the quote of their own cited argument (a
        speaker without one gets none, and verification removes them). In a difference item
        each speaker is their own side."""
        out = []
        for s in items:
            cited = [self.state.extracted[i - 1] for i in dict.fromkeys(s.arguments)
                     if 1 <= i <= len(self.state.extracted)]
            args = [e.argument for e in cited]
            named = [x.strip() for x in s.speakers]
            speakers = list(dict.fromkeys([*named, *(a.speaker for a in args)]))
            quotes = {}
            for e in cited:
                if e.quote:
                    quotes.setdefault(e.argument.speaker, e.quote)
            topics = list(dict.fromkeys(t for a in args for t in a.topics))[:3]
            positions = [Position(speaker=sp, quote=quotes.get(sp), side=n if opposed else 0)
                         for n, sp in enumerate(speakers)]
            out.append(Stance(point=_clean(s.title), positions=positions,
                              arguments=[a.title for a in args], summary=_clean(s.summary),
                              explanation=_clean(s.explanation), topics=topics))
        return out

    def _takeaways(self) -> Takeaways | None:
        if not self.state.extracted:
            return None
        title = self.transcript.info.title or "untitled"
        schema = self._bounded(
            TakeawaysOut, items={"key_takeaways": 6, "action_items": 6, "unresolved_issues": 5,
                                 "compromises": 4},
            lengths={"key_takeaways": 300, "text": 300, "unresolved_issues": 300,
                     "compromises": 300},
            enums={"speaker": self.state.names})
        def build(digest: str) -> str:
            return render("takeaways.j2", title=title, digest=digest)

        user = build(self._grouped(self._template_tokens(build), schema))
        answer = self._call("takeaways", TakeawaysOut, schema, user)
        if answer is None:
            return None
        return Takeaways(
            key_takeaways=_strings(answer.key_takeaways),
            action_items=[ActionItem(text=x.text.strip(), speaker=_clean(x.speaker))
                          for x in answer.action_items if x.text.strip()],
            unresolved_issues=_strings(answer.unresolved_issues),
            compromises=_strings(answer.compromises),
        )

    def _comments(self) -> tuple[list[Comment], str | None] | None:
        quoted = [e for e in self._ordered() if e.quote]
        if not quoted:
            self.state.degraded.add("comments")  # nothing to choose from: the fallback's
            return None
        title = self.transcript.info.title or "untitled"
        lines = [f'Q{i} [{e.argument.speaker}] "{e.quote}"' for i, e in enumerate(quoted, 1)]
        max_items = min(6, len(quoted))
        schema = self._bounded(CommentsOut, items={"comments": max_items},
                                lengths={"reason": 400, "impact": 400, "assessment": 800})
        answer = self._call("comments", CommentsOut, schema, self._prompt(
            lambda d: render("comments.j2", title=title, digest=d, max_items=max_items),
            lines, schema))
        if answer is None:
            return None
        comments, used = [], set()
        for c in answer.comments:
            if 1 <= c.quote <= len(quoted) and c.quote not in used:
                used.add(c.quote)
                e = quoted[c.quote - 1]
                comments.append(Comment(quote=e.quote or "", speaker=e.argument.speaker,
                                        reason=_clean(c.reason), impact=_clean(c.impact)))
        return comments, _clean(answer.assessment)

    def _questions(self) -> list[FollowUpQuestion] | None:
        if not self.state.extracted:
            return None
        title = self.transcript.info.title or "untitled"
        schema = self._bounded(QuestionsOut, items={"questions": 5, "speakers": 4},
                                lengths={"question": 300, "explanation": 400},
                                enums={"speakers": self.state.names})
        answer = self._call("questions", QuestionsOut, schema, self._prompt(
            lambda d: render("questions.j2", title=title, digest=d, max_items=5),
            self._digest_lines("explained"), schema))
        if answer is None:
            return None
        return [FollowUpQuestion(question=q.question.strip(),
                                 speakers=list(dict.fromkeys(s.strip() for s in q.speakers)),
                                 explanation=_clean(q.explanation))
                for q in answer.questions if q.question.strip()]

    def _prose_prompt(self, template: str, schema: dict[str, Any]) -> str:
        info = self.transcript.info
        values = {"title": info.title or "untitled", "date": info.date,
                  "speakers": self.state.speakers,
                  "points": "; ".join(p.title for p in self.state.points) or "(none)"}

        def build(digest: str) -> str:
            return render(template, digest=digest, **values)

        return build(self._grouped(self._template_tokens(build), schema))

    def _glance(self) -> GlanceOut | None:
        if not self.state.extracted:
            return None
        schema = self._bounded(GlanceOut, items={"summary": 6},
                                lengths={"summary": 700, "purpose": 600, "tone": 600})
        return self._call("glance", GlanceOut, schema, self._prose_prompt("glance.j2", schema))

    def _narrative(self) -> str | None:
        if not self.state.extracted:
            return None
        points = len(self.state.points) or 3
        schema = self._bounded(NarrativeOut, items={"sections": min(10, points + 4)},
                                lengths={"heading": 100, "text": 900})
        answer = self._call("narrative", NarrativeOut, schema,
                            self._prose_prompt("narrative.j2", schema))
        if answer is None:
            return None
        parts = [f"### {s.heading.strip()}\n\n{s.text.strip()}" for s in answer.sections
                 if s.heading.strip() and s.text.strip()]
        return "\n\n".join(parts) or None

    # ------------------------------------------------------------------ assembly

    def _assemble(self, results: dict[str, Any]) -> Report:
        state = self.state
        degraded = set(state.degraded)
        for step, value in results.items():
            if value is None:
                degraded.update(SECTIONS[step])
        if not state.extracted:
            degraded.add("arguments")
        fb = self.fallback.report if degraded else None

        def pick(section: str, mine: Any, theirs: Callable[[Report], Any]) -> Any:
            return theirs(fb()) if fb is not None and section in degraded and mine is None else mine

        stances = results["stances"]
        comments = results["comments"]
        glance_out: GlanceOut | None = results["glance"]
        agreements = pick("agreements", stances[0] if stances else None, lambda r: r.agreements)
        differences = pick("differences", stances[1] if stances else None, lambda r: r.differences)
        arguments = [e.argument for e in state.extracted]
        fallback_glance = fb().glance if fb is not None and "glance" in degraded else Glance()
        glance = Glance(
            summary=("\n\n".join(_strings(glance_out.summary)) or None) if glance_out
            else fallback_glance.summary,
            purpose=_clean(glance_out.purpose) if glance_out else fallback_glance.purpose,
            tone=_clean(glance_out.tone) if glance_out else fallback_glance.tone,
            keypoints=list(state.points),
        )
        comment_list, comments_assessment = comments if comments else (None, None)
        if comment_list is None and fb is not None:
            comment_list, comments_assessment = fb().comments, fb().comments_assessment
        sections = sorted(degraded)
        source = self.fallback.source if degraded else None
        report = Report(
            transcript=self.transcript,
            stats=self.stats,
            glance=glance,
            discussion_points=list(state.points),
            narrative=pick("narrative", results["narrative"], lambda r: r.narrative),
            arguments=arguments,
            agreements=agreements or Agreements(),
            differences=differences or Differences(),
            takeaways=pick("takeaways", results["takeaways"], lambda r: r.takeaways) or Takeaways(),
            comments=comment_list or [],
            comments_assessment=comments_assessment,
            follow_up_questions=pick("follow_up_questions", results["questions"],
                                     lambda r: r.follow_up_questions) or [],
            disclaimer=self._disclaimer(sections, source),
            verification=self.verifier.result,
            meta=ReportMeta(engine="llm", model=self.client.model,
                            taxonomy=self.options.taxonomy if state.topics else None,
                            degraded_sections=sections, usage=self.client.usage(),
                            timings=self.timings),
        )
        report.link_relations()
        return report

    def _disclaimer(self, degraded: list[str], source: str | None) -> str:
        host = urlsplit(self.settings.url or "").netloc or self.settings.url
        text = (f"This report was written by the language model {self.client.model} (at {host}) "
                f"from the transcript {self.transcript.info.source or ''}".rstrip() + ". "
                "Language models make mistakes: quotes, figures and speaker names were checked "
                "against the transcript, but explanations and summaries may still contain errors.")
        if degraded:
            how = ("taken from the offline engine" if source == "offline"
                   else "left empty (the offline engine is not installed)")
            text += (f" The language model failed on these sections, which were {how}: "
                     f"{', '.join(degraded)}.")
        return text


def _clean(text: str | None) -> str | None:
    """None for empty or placeholder strings, else the stripped text."""
    if text is None:
        return None
    text = text.strip()
    return text if text and text.casefold() not in {"null", "none", "n/a", "..."} else None


def _strings(items: list[str]) -> list[str]:
    return [s for s in (_clean(x) for x in items) if s]
