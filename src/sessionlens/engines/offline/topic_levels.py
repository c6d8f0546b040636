"""The two topic levels (baskets and the issues under them) without any model: how an
argument's labels carry both, and which few of them a whole session is about. Kept apart
from `topics` (which needs numpy) so the store and the renderers can use it anywhere."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

#: Joins a basket and one of its issues in an argument's topic labels: "Development › Digital divide".
ISSUE_SEP = " › "


def split_label(label: str) -> tuple[str, str | None]:
    """(basket, issue or None) of an argument's topic label."""
    basket, sep, issue = label.partition(ISSUE_SEP)
    return (basket, issue) if sep else (label, None)


#: A basket (or issue) is one a session is about when it carries at least this share of the
#: session's topic weight; below it, a stray argument would tag the session.
TOPIC_FLOOR = 0.15
MAX_BASKETS = 4
MAX_ISSUES = 5


@dataclass
class SessionTopics:
    """The few baskets and issues one session is about, with argument counts, best first."""

    baskets: list[tuple[str, int]]
    issues: list[tuple[str, str, int]]  # (basket, issue, arguments)


def session_topics(
    arguments: list[list[str]], issues: list[str] | None = None, floor: float = TOPIC_FLOOR
) -> SessionTopics:
    """Aggregate the topic labels of a session's arguments. Each argument gives its first
    basket a vote of 1 and a second basket 0.5; baskets under `floor` of all votes are
    dropped (the best one always stays), at most MAX_BASKETS. The issues are the session's
    own ("Basket › Issue", best first, as engines put in `Glance.topics`) under the kept
    baskets, with the number of arguments that carry each; a report without them (older, or
    from another engine) gets its arguments' issues counted like baskets, under the kept ones."""
    votes: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    issue_votes: Counter[tuple[str, str]] = Counter()
    for labels in arguments:
        baskets = [b for b, i in map(split_label, labels) if i is None]
        for rank, b in enumerate(baskets):
            votes[b] += 1.0 if rank == 0 else 0.5
            counts[b] += 1
        for b, i in map(split_label, labels):
            if i is not None:
                issue_votes[(b, i)] += 1
    total = sum(votes.values())
    ranked = sorted(votes, key=lambda b: (-votes[b], b))
    kept = [b for n, b in enumerate(ranked) if n == 0 or votes[b] >= floor * total][:MAX_BASKETS]
    if issues:
        pairs = [(b, i) for b, i in map(split_label, issues) if i is not None and b in kept]
        return SessionTopics(
            baskets=[(b, counts[b]) for b in kept], issues=[(b, i, issue_votes[(b, i)]) for b, i in pairs][:MAX_ISSUES]
        )
    n_issues = sum(issue_votes.values())
    found = sorted(
        ((b, i, n) for (b, i), n in issue_votes.items() if b in kept and (n >= 2 or n >= floor * n_issues)),
        key=lambda x: (-x[2], x[1]),
    )
    return SessionTopics(baskets=[(b, counts[b]) for b in kept], issues=found[:MAX_ISSUES])
