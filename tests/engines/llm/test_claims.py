"""The claim budget: quotas from what each speaker said, spread over chunks that fit."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sessionlens.engines.llm.claims import MAX_CLAIMS, claim_quotas, plan_chunks
from sessionlens.models import Speaker, Transcript, Turn

from ..council import CHAIR, DELEGATES, council


def test_quotas_follow_the_speakers(tmp_path: Path) -> None:
    quotas = claim_quotas(council(tmp_path))
    assert {quotas[name] for name, *_ in DELEGATES} == {MAX_CLAIMS}
    assert quotas[CHAIR] == 1  # the moderator's turns are procedure
    short = Transcript(
        speakers=[Speaker(name="A"), Speaker(name="B")],
        turns=[Turn(index=0, speaker="A", text="word " * 200), Turn(index=1, speaker="B", text="Thanks, agreed.")],
    )
    assert claim_quotas(short) == {"A": MAX_CLAIMS, "B": 0}


def test_chunks_split_until_their_claims_fit_and_quotas_add_up(tmp_path: Path) -> None:
    debate = council(tmp_path)
    quotas = claim_quotas(debate)
    for per_call in (4, 10, 50):
        plan = plan_chunks(debate, token_budget=100_000, claims_per_call=per_call, quotas=quotas)
        assert all(sum(q.values()) <= per_call for _, q in plan)
        seen = [i for chunk, _ in plan for i in chunk.turn_indices]
        assert seen == [t.index for t in debate.turns]  # every turn once, in order
        total: Counter[str] = Counter()
        for _, q in plan:
            total.update(q)
        assert all(total[name] <= quotas[name] for name in total)  # never more than the quota
        if per_call >= 10:
            assert total == Counter({k: v for k, v in quotas.items() if v})
    assert len(plan_chunks(debate, 100_000, 50, quotas)) == 1  # one answer holds them all


def test_a_long_turn_split_over_chunks_shares_its_quota() -> None:
    long = " ".join(f"Sentence {i} on the harbour budget and its many delays." for i in range(120))
    transcript = Transcript(
        speakers=[Speaker(name="A"), Speaker(name="B")],
        turns=[Turn(index=0, speaker="A", text=long), Turn(index=1, speaker="B", text="word " * 160)],
    )
    plan = plan_chunks(transcript, token_budget=400, claims_per_call=10, quotas=claim_quotas(transcript))
    pieces = [q for chunk, q in plan if chunk.turn_indices == (0,)]
    assert len(pieces) > 3
    assert sum(q.get("A", 0) for q in pieces) == MAX_CLAIMS  # not three for every piece
