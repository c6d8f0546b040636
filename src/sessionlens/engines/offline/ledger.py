"""Which transcript sentences the report already shows, so that no section repeats another.

Every section that quotes the transcript (argument titles, explanations and evidence, key
takeaways, action items, unresolved issues, compromises, comments, follow-up questions)
asks the ledger before taking a sentence. A sentence is taken at most once; one whose
embedding is within SAME of a taken one (cosine) counts as the same sentence.
"""

from __future__ import annotations

from .session import Session

#: Cosine at or above which two sentences count as the same point said twice.
SAME = 0.9


class Ledger:
    """Sentence indices already shown in the report, in the order they were taken."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.taken: list[int] = []

    def is_free(self, i: int) -> bool:
        """Not taken, and not a near-duplicate of a taken sentence."""
        if i in self.taken:
            return False
        v = self.session.vectors[i]
        if not self.taken or not v.any():
            return True
        return bool((self.session.vectors[self.taken] @ v).max() < SAME)

    def take(self, ids: list[int]) -> None:
        self.taken.extend(i for i in ids if i not in self.taken)

    def pick(self, ids: list[int], limit: int | None = None) -> list[int]:
        """The free sentences of `ids` in order (each checked against those picked before), taken."""
        out: list[int] = []
        for i in ids:
            if limit is not None and len(out) >= limit:
                break
            if self.is_free(i):
                self.take([i])
                out.append(i)
        return out
