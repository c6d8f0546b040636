"""The `llm` engine: abstractive reports from any OpenAI-compatible chat endpoint.

Map-reduce, so any session fits any context window (`--llm-context`):

1. **map** (`arguments`): the transcript is cut at turn boundaries into chunks that fit the
   window and whose claim quotas (`llm_claims`: up to 3 per substantive speaker) fit one
   answer; each chunk yields its speakers' arguments with evidence and one verbatim quote.
2. **reduce**: every later step sees a digest of those arguments in transcript order and,
   where its question lives in the conversation, an evidence pack of verbatim turns
   (`llm_evidence`): `discussion_points` first (themes + which argument belongs where),
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
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from ...models import (
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
from ...normalize import name_key
from ...verify import Verifier
from .. import AnalysisOptions, get_engine
from .chunks import Chunk, estimate_tokens, turn_line
from .claims import claim_quotas, plan_chunks
from .client import LLMClient
from .errors import LLMCallFailed, LLMUnavailable
from .evidence import (
    PackLine,
    fit_lines,
    followup_lines,
    introduction_lines,
    outcome_lines,
    stance_lines,
)
from .prompts import render
from .schemas import (
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
from .settings import LLMSettings, resolve_settings

log = logging.getLogger("sessionlens.llm")

#: The seven Diplo baskets (REPORT_FORMAT.md section 5), used when --taxonomy is "diplo".
DIPLO_BASKETS = (
    "Infrastructure",
    "Cybersecurity",
    "Human rights",
    "Legal and regulatory",
    "Economic",
    "Development",
    "Sociocultural",
)
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
    context: str  # session title, date, event, speakers with roles
    names: list[str]
    topics: list[str]
    digest_budget: int  # per share (see SHARES)
    extracted: list[_Extracted] = field(default_factory=list)
    points: list[DiscussionPoint] = field(default_factory=list)
    degraded: set[str] = field(default_factory=set)
    failures: dict[str, str] = field(default_factory=dict)


class _Fallback:
    """The offline engine's report of the same session, made once and only when needed."""

    def __init__(self, transcript: Transcript, stats: list[SpeakerStats], options: AnalysisOptions) -> None:
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

    def analyze(self, transcript: Transcript, stats: list[SpeakerStats], options: AnalysisOptions) -> Report:
        """The report of `transcript` (see the module docstring for the steps)."""
        settings = resolve_settings(options)
        client = LLMClient(settings)
        try:
            return _Run(transcript, stats, options, settings, client).execute()
        finally:
            if client.cache is not None:
                client.cache.close()


class _Run:
    def __init__(
        self,
        transcript: Transcript,
        stats: list[SpeakerStats],
        options: AnalysisOptions,
        settings: LLMSettings,
        client: LLMClient,
    ) -> None:
        self.transcript = transcript
        self.stats = stats
        self.options = options
        self.settings = settings
        self.client = client
        self.fallback = _Fallback(transcript, stats, options)
        self.timings: dict[str, float] = {}
        self.verifier = Verifier(transcript)
        names = [s.name for s in transcript.speakers] or list(dict.fromkeys(t.speaker for t in transcript.turns))
        self.state = _State(
            transcript=transcript,
            settings=settings,
            context=self._context(names),
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

    def _timed(self, name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        try:
            return fn()
        finally:
            self.timings[f"llm_{name}"] = time.perf_counter() - t0

    def _plan(self) -> list[tuple[Chunk, dict[str, int]]]:
        """Chunks of the transcript with their claim quotas, and the reduce steps' budget."""
        system = render("system.j2")
        map_out = self._map_room()
        quotas = claim_quotas(self.transcript)
        everyone = list(dict.fromkeys(t.speaker for t in self.transcript.turns))
        overhead = estimate_tokens(system) + estimate_tokens(
            self._arguments_prompt("", 1, 1, {n: quotas.get(n, 1) for n in everyone})
        )
        budget = self.settings.context - overhead - map_out - SAFETY
        if budget < 200:
            raise LLMUnavailable(
                f"--llm-context {self.settings.context} leaves no room for the transcript "
                f"(instructions {overhead} + answer {map_out} tokens)"
            )
        # claims at the lengths a full answer shrinks to (the schema keeps their number)
        per_claim = worst_case_chars(self._claims_schema(everyone, 1, None, CLAIM_LENGTHS))
        fits = self._budget(map_out) // per_claim
        claims_per_call = max(2, fits)
        # an answer too short for two readable claims (a small --llm-max-output) gains nothing
        # from more, smaller chunks: then the chunks stay as the window allows
        min_tokens = MIN_CHUNK_PER_OVERHEAD * overhead if fits >= 2 else budget
        chunks = plan_chunks(self.transcript, budget, claims_per_call, quotas, min_tokens=min_tokens)
        transcript_tokens = sum(
            estimate_tokens(turn_line(t.index, t.speaker, t.text)) + 1 for t in self.transcript.turns
        )
        # What the map step spent beyond the transcript itself, and the reduce steps' own
        # instructions (their context block included), come out of the reduce steps' share:
        # the total stays within twice the transcript (plus MIN_DIGEST per step for short ones).
        reduce_fixed = REDUCE_TEMPLATE + estimate_tokens(self.state.context)
        spent = len(chunks) * overhead + len(REDUCE_STEPS) * reduce_fixed
        share = (transcript_tokens - spent) / sum(SHARES.values())
        self.state.digest_budget = max(MIN_DIGEST, int(share))
        log.info(
            "map-reduce: %d chunk(s) of <= %d tokens, <= %d claims each; %d digest tokens per share",
            len(chunks),
            budget,
            claims_per_call,
            self.state.digest_budget,
        )
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

    # ------------------------------------------------------------------ context

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

    # ------------------------------------------------------------------ map

    def _arguments_prompt(self, text: str, part: int, parts: int, quotas: dict[str, int]) -> str:
        # only the chunk's own speakers: the list is paid for once per chunk
        info = self.transcript.info
        facts = [info.title or "(title not given)", info.date, info.event]
        return render(
            "arguments.j2",
            session="; ".join(f for f in facts if f),
            speakers=self._speaker_list(list(quotas), quotas),
            transcript=text,
            part=part,
            parts=parts,
            max_items=sum(quotas.values()),
        )

    def _claims_schema(
        self, speakers: list[str], max_items: int, room: int | None, lengths: dict[str, int] | None = None
    ) -> dict[str, Any]:
        """The map answer's schema; `max_items` is what the prompt asks for, never cut."""
        return bounded_schema(
            ChunkArguments,
            items={"arguments": max_items, "turns": 3},
            lengths=lengths or {"title": 160, "explanation": 300, "evidence": 250, "quote": 250},
            enums={"speaker": speakers},
            keep_items=frozenset({"arguments"}),
            budget_chars=self._budget(room) if room else None,
        )

    def _map(self, pool: ThreadPoolExecutor, chunks: list[tuple[Chunk, dict[str, int]]]) -> None:
        room = self._map_room()

        def one(i: int, chunk: Chunk, quotas: dict[str, int]) -> tuple[Chunk, ChunkArguments | None]:
            # a chunk of procedural turns only still gets one claim for its first speaker
            quotas = quotas or {chunk.speakers[0]: 1}
            schema = self._claims_schema(list(chunk.speakers), sum(quotas.values()), room)
            prompt = self._arguments_prompt(chunk.text, i + 1, len(chunks), quotas)
            # the chunk was sized for this much answer: never more, or the window overflows
            answer = self._call("arguments", ChunkArguments, schema, prompt, cap=room)
            self.options.report("LLM: arguments", 0.1 + 0.3 * (i + 1) / len(chunks))
            return chunk, answer

        results = list(pool.map(lambda ic: one(ic[0], *ic[1]), enumerate(chunks)))
        seen: set[tuple[str, str]] = set()
        found: list[_Pair] = []
        for chunk, answer in results:
            items = (
                self._checked(self._from_answer(chunk, answer))
                if answer is not None
                else self._fallback_arguments(chunk)
            )
            for argument, quote in items:
                key = (name_key(argument.speaker), argument.title.casefold().strip(" ."))
                if key not in seen:
                    seen.add(key)
                    found.append((argument, quote))
        # numbered in transcript order, so that digests never list #10 before #9
        found.sort(key=lambda aq: min(aq[0].source_turns, default=1 << 30))
        self.state.extracted = [_Extracted(i, a, q) for i, (a, q) in enumerate(found, 1)]

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
            argument = Argument(
                speaker=item.speaker.strip(),
                title=title,
                explanation=_clean(item.explanation),
                evidence=_clean(item.evidence),
                source_turns=turns,
            )
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
                    self.verifier.issue(
                        "arguments",
                        quote,
                        "extracted quote not found in the speaker's turns; not offered as a comment",
                        "dropped",
                    )
                    quote = None
                else:
                    quote = found[0]
            out.append((argument, quote))
        return out

    def _fallback_arguments(self, chunk: Chunk) -> list[_Pair]:
        inside = set(chunk.turn_indices)
        return [(a, None) for a in self.fallback.report().arguments if a.source_turns and a.source_turns[0] in inside]

    # ------------------------------------------------------------------ reduce

    def _ordered(self) -> list[_Extracted]:
        """Arguments with speakers interleaved: the order in which a short budget keeps them,
        so that a cut keeps every voice (they are shown in transcript order)."""
        by_speaker: dict[str, list[_Extracted]] = defaultdict(list)
        for e in self.state.extracted:
            by_speaker[e.argument.speaker].append(e)
        return [e for group in zip_longest(*by_speaker.values()) for e in group if e]

    @staticmethod
    def _line(e: _Extracted, style: str) -> str:
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

    def _digest(self, style: str, budget: int) -> list[_Extracted]:
        """The arguments whose lines fit `budget` tokens, in transcript order."""
        kept, used = [], 0
        for e in self._ordered():
            cost = estimate_tokens(self._line(e, style)) + 1
            if used + cost > budget:
                continue  # a shorter line further down may still fit
            kept.append(e)
            used += cost
        return sorted(kept, key=lambda e: e.number)

    def _grouped(self, kept: list[_Extracted]) -> str:
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

    def _bounded(self, model: type[BaseModel], **bounds: Any) -> dict[str, Any]:
        """A reduce step's schema, shrunk so that its longest answer fits the answer cap."""
        return bounded_schema(model, budget_chars=self._budget(), **bounds)

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
            DiscussionPoint(title=p.title.strip(), description=_clean(p.description))
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
        limits = _limits(schema)

        def build(digest: str, pack: str) -> str:
            return render(
                "stances.j2",
                context=self.state.context,
                digest=digest,
                pack=pack,
                positions=_max_items(schema, "positions"),
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
                assessment=_clean(answer.agreement_assessment),
                consensus_level=_clean(answer.consensus_level),
            ),
            Differences(
                different_viewpoints=conv(answer.different_viewpoints, True),
                unexpected_differences=conv(answer.unexpected_differences, True),
                partial_agreements=conv(answer.partial_agreements),
                assessment=_clean(answer.disagreement_assessment),
                disagreement_level=_clean(answer.disagreement_level),
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
                quote = _clean(p.quote) or (e.quote if e else None)
                turn = p.turn if _clean(p.quote) else (self._quote_turn(e) if e else None)
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
                    point=_clean(s.point),
                    positions=positions,
                    arguments=list(dict.fromkeys(a.title for a in args)),
                    summary=_clean(s.summary),
                    explanation=_clean(s.explanation),
                    topics=topics,
                )
            )
        return out

    def _takeaways(self) -> Takeaways | None:
        if not self.state.extracted:
            return None
        schema = self._bounded(
            TakeawaysOut,
            items={"key_takeaways": 6, "action_items": 6, "unresolved_issues": 5, "compromises": 4},
            lengths={"key_takeaways": 300, "text": 300, "unresolved_issues": 300, "compromises": 300},
            enums={"speaker": self.state.names},
        )
        limits = _limits(schema)

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
            key_takeaways=_strings(answer.key_takeaways),
            action_items=[
                ActionItem(text=x.text.strip(), speaker=_clean(x.speaker))
                for x in answer.action_items
                if x.text.strip()
            ],
            unresolved_issues=_strings(answer.unresolved_issues),
            compromises=_strings(answer.compromises),
        )

    def _quote_turn(self, e: _Extracted) -> int | None:
        """The index of the turn an extracted quote comes from."""
        for t in self.verifier.turns_of.get(e.argument.speaker, []):
            if e.quote and e.quote in t.text:
                return t.index
        return e.argument.source_turns[0] if e.argument.source_turns else None

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
                        reason=_clean(c.reason),
                        impact=_clean(c.impact),
                    )
                )
        return comments, _clean(answer.assessment)

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
                explanation=_clean(q.explanation),
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
                limits=_limits(schema),
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
        for e in state.extracted:  # the ids the stance positions cite
            e.argument.id = f"arg-{e.number}"
        arguments = [e.argument for e in state.extracted]
        fallback_glance = fb().glance if fb is not None and "glance" in degraded else Glance()
        glance = Glance(
            summary=("\n\n".join(_strings(glance_out.summary)) or None) if glance_out else fallback_glance.summary,
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
            follow_up_questions=pick("follow_up_questions", results["questions"], lambda r: r.follow_up_questions)
            or [],
            disclaimer=self._disclaimer(sections, source),
            verification=self.verifier.result,
            meta=ReportMeta(
                engine="llm",
                model=self.client.model,
                taxonomy=self.options.taxonomy if state.topics else None,
                degraded_sections=sections,
                usage=self.client.usage(),
                timings=self.timings,
            ),
        )
        report.link_relations()
        return report

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


def _max_items(schema: dict[str, Any], name: str) -> int | None:
    """maxItems of the first array called `name` anywhere in the schema."""
    if not isinstance(schema, dict):
        return None
    for key, sub in schema.get("properties", {}).items():
        if key == name and sub.get("type") == "array":
            return sub.get("maxItems")
    for sub in [*schema.get("properties", {}).values(), schema.get("items"), *schema.get("anyOf", [])]:
        found = _max_items(sub, name) if isinstance(sub, dict) else None
        if found is not None:
            return found
    return None


def _limits(schema: dict[str, Any]) -> dict[str, int]:
    """maxItems of the schema's top-level arrays: the numbers its prompt may ask for."""
    out = {}
    for name, prop in schema.get("properties", {}).items():
        arrays = [prop, *prop.get("anyOf", [])]
        limit = next((a["maxItems"] for a in arrays if a.get("type") == "array"), None)
        if limit is not None:
            out[name] = limit
    return out


def _clean(text: str | None) -> str | None:
    """None for empty or placeholder strings, else the stripped text."""
    if text is None:
        return None
    text = text.strip()
    return text if text and text.casefold() not in {"null", "none", "n/a", "..."} else None


def _strings(items: list[str]) -> list[str]:
    return [s for s in (_clean(x) for x in items) if s]
