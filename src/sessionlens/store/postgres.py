"""PostgreSQL backend for a shared server: same tables, tsvector + GIN full-text search.

Needs the `postgres` extra (psycopg 3). The English text-search configuration stems like
SQLite's porter tokenizer, so both backends find the same documents for simple queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import InputError, QueryError
from .base import Store
from .query import Query, any_of, tsquery
from .schema import POSTGRES
from .views import MARK_END, MARK_START

_HEADLINE = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
             "MaxFragments=2, FragmentDelimiter=\" … \"")


class PostgresStore(Store):
    """The corpus on a PostgreSQL server (`--db postgresql://user@host/db`)."""

    dialect = POSTGRES
    placeholder = "%s"

    def _connect(self) -> Any:
        try:
            import psycopg
        except ModuleNotFoundError:
            raise InputError(None, "--db postgresql://… needs psycopg: "
                                   "install sessionlens[postgres]") from None
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreachable"
            raise InputError(_redact(self.url), f"cannot connect to PostgreSQL ({first})") from None

    def _begin(self, cur: Any) -> None:
        cur.execute("BEGIN")

    def _match(self, query: Query) -> tuple[str, list[Any]]:
        return ("FROM search_index, to_tsquery('english', ?) AS q "
                "WHERE search_index.tsv @@ q", [tsquery(query)])

    @contextmanager
    def _time_budget(self, seconds: float) -> Iterator[None]:
        import psycopg

        conn = self._conn()
        conn.execute(f"SET statement_timeout = {max(1, int(seconds * 1000))}")  # 0 would mean none
        try:
            yield
        except psycopg.errors.QueryCanceled:
            raise QueryError(f"the search took longer than {seconds:g} s: use fewer or longer terms") from None
        finally:
            conn.execute("RESET statement_timeout")  # back to the server's own setting

    def _hits_sql(self, from_where: str) -> str:
        # rank and cut first, then highlight only the page of hits (ts_headline is costly)
        return ("SELECT kind, ref_id, session_id, person_id, ts_headline('english', text, q, ?), "
                "score FROM (SELECT kind, ref_id, session_id, person_id, text, q, "
                f"ts_rank_cd(tsv, q) AS score {from_where} ORDER BY score DESC, session_id, ref_id "
                "LIMIT ? OFFSET ?) AS h ORDER BY score DESC, session_id, ref_id")

    def _snippet_params(self) -> list[Any]:
        return [_HEADLINE]

    # sentences for `ask`: any of the terms (the generated tsvector column is the index)
    def _sentence_fts(self, terms: list[str]) -> tuple[str, list[Any], str]:
        return ("FROM sentences s, to_tsquery('english', ?) AS q WHERE s.tsv @@ q",
                [_any(terms)], "ts_rank(s.tsv, q)")

    def _turn_fts(self, terms: list[str]) -> tuple[str, list[Any], str]:
        return ("FROM search_index, to_tsquery('english', ?) AS q WHERE search_index.tsv @@ q "
                "AND kind = 'turn'", [_any(terms)], "ts_rank(search_index.tsv, q)")


def _any(terms: list[str]) -> str:
    """tsquery syntax for "any of these words"; only word characters get through."""
    query = any_of(terms)
    return tsquery(query) if query else "''"


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
