"""The map step: the transcript in chunks, each chunk's arguments with evidence and a quote."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ...models import Argument
from ...normalize import name_key
from .chunks import Chunk, estimate_tokens, turn_line
from .claims import claim_quotas, plan_chunks
from .errors import LLMUnavailable
from .prompts import render
from .run_base import (
    CLAIM_LENGTHS,
    MIN_CHUNK_PER_OVERHEAD,
    MIN_DIGEST,
    REDUCE_STEPS,
    REDUCE_TEMPLATE,
    SAFETY,
    SHARES,
    Extracted,
    Pair,
    RunBase,
    clean,
    log,
)
from .schemas import ChunkArguments, bounded_schema, worst_case_chars


class MapStep(RunBase):
    """Chunks planned within the window; arguments extracted and checked before any prose."""

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
            self.progress("LLM: arguments", 0.1 + 0.3 * (i + 1) / len(chunks))
            return chunk, answer

        results = list(pool.map(lambda ic: one(ic[0], *ic[1]), enumerate(chunks)))
        seen: set[tuple[str, str]] = set()
        found: list[Pair] = []
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
        self.state.extracted = [Extracted(i, a, q) for i, (a, q) in enumerate(found, 1)]

    def _from_answer(self, chunk: Chunk, answer: ChunkArguments) -> list[Pair]:
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
                explanation=clean(item.explanation),
                evidence=clean(item.evidence),
                source_turns=turns,
            )
            out.append((argument, clean(item.quote)))
        return out

    def _checked(self, items: list[Pair]) -> list[Pair]:
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

    def _fallback_arguments(self, chunk: Chunk) -> list[Pair]:
        inside = set(chunk.turn_indices)
        return [(a, None) for a in self.fallback.report().arguments if a.source_turns and a.source_turns[0] in inside]
