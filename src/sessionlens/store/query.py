"""The search syntax, parsed once and written out for each backend, so that a query means
the same in SQLite (FTS5) and PostgreSQL (tsquery):

    word            required (English stemming: *warnings* finds *warning*)
    "two words"     a phrase, required
    a OR b          either (OR binds two neighbouring terms: `x a OR b` is x and (a or b))
    word*           a prefix (at least two letters)
    -word, -"a b"   excluded

Only letters and digits of the input reach the engine, so no query can fail or inject.
Limits keep the work bounded: at most MAX_QUERY_CHARS characters, MAX_TERMS terms (a
phrase counts its words), MAX_PREFIXES prefixes; beyond them the query is refused with a
QueryError, and a query still running after SEARCH_SECONDS is stopped and refused too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryError

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_PREFIXES = 4
MIN_PREFIX_CHARS = 2
#: time budget of one search (hits and facets together); under 1 s, as one FTS5 step may overrun it
SEARCH_SECONDS = 0.5

_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    """A word or a phrase (several words in a row); `prefix`: the last word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """All `groups` are required (each: any one of its terms); no `excluded` term may occur."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]


def parse_query(text: str) -> Query | None:
    """The query, or None when it has no required term; QueryError beyond the limits."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long (at most {MAX_QUERY_CHARS})")
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for minus, phrase, bare in _PART.findall(text):
        if bare == "OR":
            pending_or = bool(groups)
            continue
        negated = bool(minus) or bare.startswith("-")
        words = tuple(_WORD.findall(bare or phrase))
        if not words:
            continue
        prefix = bool(bare) and bare.endswith("*") and len(words) == 1
        if prefix and len(words[0]) < MIN_PREFIX_CHARS:
            raise QueryError(f"a prefix needs at least {MIN_PREFIX_CHARS} letters before '*'")
        term = Term(words, prefix)
        if negated:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    terms = [t for g in groups for t in g] + excluded
    if sum(len(t.words) for t in terms) > MAX_TERMS:
        raise QueryError(f"the query has more than {MAX_TERMS} words")
    if sum(t.prefix for t in terms) > MAX_PREFIXES:
        raise QueryError(f"the query has more than {MAX_PREFIXES} prefixes (word*)")
    if not groups:
        return None
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def any_of(texts: list[str]) -> Query | None:
    """A query matching any one of `texts` (each a word or phrase; only word characters count)."""
    terms = tuple(Term(tuple(_WORD.findall(t))) for t in texts if _WORD.search(t))
    return Query((terms,), ()) if terms else None


def fts5(query: Query) -> str:
    """FTS5 MATCH syntax: `("a" OR "b") AND "c d" NOT "e"` (every token quoted)."""

    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")

    required = " AND ".join(_group([term(t) for t in g], " OR ") for g in query.groups)
    return required + "".join(f" NOT {term(t)}" for t in query.excluded)


def tsquery(query: Query) -> str:
    """PostgreSQL to_tsquery syntax: `('a' | 'b') & 'c' <-> 'd' & !'e'` (every lexeme quoted)."""

    def term(t: Term) -> str:
        lexemes = [f"'{w}'" for w in t.words]
        if t.prefix:
            lexemes[-1] += ":*"
        return _group(lexemes, " <-> ")

    required = " & ".join(_group([term(t) for t in g], " | ") for g in query.groups)
    return required + "".join(f" & !{term(t)}" for t in query.excluded)


def _group(parts: list[str], op: str) -> str:
    return parts[0] if len(parts) == 1 else "(" + op.join(parts) + ")"
