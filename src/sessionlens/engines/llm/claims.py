"""The claim budget: how many arguments the map step may ask of each speaker, and chunks whose
claims fit one answer.

Up to `MAX_CLAIMS` claims for every substantive speaker (more than `SUBSTANTIVE_WORDS` words),
one for a moderator or a speaker who says little. A speaker's quota is spread over the chunks
their words fall in. When the claims a chunk asks for would not fit one answer, the chunk is
cut earlier, so the speakers are split across calls while every transcript token is still
sent once.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from ...models import Transcript, Turn
from .chunks import Chunk, chunk_turns

MAX_CLAIMS = 3
SUBSTANTIVE_WORDS = 150
MIN_WORDS = 40  # below this a speaker made no claim worth a slot (thanks, procedure)


def claim_quotas(transcript: Transcript) -> dict[str, int]:
    """Speaker -> claims to ask for over the whole session."""
    words: Counter[str] = Counter()
    for t in transcript.turns:
        words[t.speaker] += len(t.text.split())
    moderators = {s.name for s in transcript.speakers if s.is_moderator}
    quotas = {}
    for name, n in words.items():
        if n > SUBSTANTIVE_WORDS and name not in moderators:
            quotas[name] = MAX_CLAIMS
        elif n >= MIN_WORDS:
            quotas[name] = 1
        else:
            quotas[name] = 0
    return quotas


def chunk_quotas(turns: list[Turn], indices: set[int], quotas: dict[str, int], totals: Counter[str]) -> dict[str, int]:
    """Claims to ask of each speaker in the turns `indices`: their session quota in proportion
    to the share of their words these turns hold (at least one where they have a quota)."""
    here: Counter[str] = Counter()
    for t in turns:
        if t.index in indices:
            here[t.speaker] += len(t.text.split())
    out = {}
    for name, n in here.items():
        q = quotas.get(name, 0)
        if q and n:
            out[name] = max(1, min(q, math.ceil(q * n / max(1, totals[name]) - 1e-9)))
    return out


def plan_chunks(
    transcript: Transcript, token_budget: int, claims_per_call: int, quotas: dict[str, int], min_tokens: int = 0
) -> list[tuple[Chunk, dict[str, int]]]:
    """Chunks within `token_budget` whose claim quotas fit `claims_per_call`, each with them.

    A chunk that asks for more claims than one answer holds is halved at a turn boundary
    (by turns) until it fits, is a single turn, or is shorter than twice `min_tokens` (every
    call repeats its instructions: below that the repetition would outweigh the text); such
    a chunk's quotas are cut to fit.
    """
    totals: Counter[str] = Counter()
    for t in transcript.turns:
        totals[t.speaker] += len(t.text.split())
    pending = chunk_turns(transcript.turns, token_budget)
    done: list[Chunk] = []
    while pending:
        chunk = pending.pop(0)
        wanted = chunk_quotas(transcript.turns, set(chunk.turn_indices), quotas, totals)
        if sum(wanted.values()) <= claims_per_call or len(chunk.turn_indices) < 2 or chunk.tokens < 2 * min_tokens:
            done.append(chunk)
            continue
        half = len(chunk.turn_indices) // 2
        head = set(chunk.turn_indices[:half])
        turns = [t for t in transcript.turns if t.index in set(chunk.turn_indices)]
        pending[:0] = [
            *chunk_turns([t for t in turns if t.index in head], token_budget),
            *chunk_turns([t for t in turns if t.index not in head], token_budget),
        ]
    shares = distribute(transcript.turns, done, quotas)
    return [(chunk, _trim(share, claims_per_call)) for chunk, share in zip(done, shares, strict=True)]


def distribute(turns: list[Turn], chunks: list[Chunk], quotas: dict[str, int]) -> list[dict[str, int]]:
    """Each speaker's session quota spread over the chunks in proportion to their words there
    (largest remainder), so a speaker is never asked for more than their quota in all."""
    where: dict[int, list[int]] = {}  # a turn too long for one chunk is in several
    for c, chunk in enumerate(chunks):
        for i in chunk.turn_indices:
            where.setdefault(i, []).append(c)
    words: dict[str, dict[int, float]] = {}  # fractional where a turn is shared
    for t in turns:
        for c in where.get(t.index, []):
            words.setdefault(t.speaker, defaultdict(float))[c] += len(t.text.split()) / len(where[t.index])
    out: list[dict[str, int]] = [{} for _ in chunks]
    for name, per_chunk in words.items():
        total, q = sum(per_chunk.values()), quotas.get(name, 0)
        if not q or not total:
            continue
        exact = {c: q * n / total for c, n in per_chunk.items()}
        given = {c: math.floor(x) for c, x in exact.items()}
        for c in sorted(exact, key=lambda c: (given[c] - exact[c], c))[: q - sum(given.values())]:
            given[c] += 1
        for c, n in given.items():
            if n:
                out[c][name] = n
    return out


def _trim(wanted: dict[str, int], cap: int) -> dict[str, int]:
    """Quotas cut to `cap` claims in all (one turn alone may still ask too many): the largest
    quotas give up claims first, so every speaker keeps at least one while there is room."""
    wanted = dict(wanted)
    while sum(wanted.values()) > cap and any(v > 1 for v in wanted.values()):
        top = max(wanted, key=lambda n: wanted[n])
        wanted[top] -= 1
    return wanted
