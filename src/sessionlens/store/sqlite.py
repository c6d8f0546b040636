"""SQLite backend: one file, WAL mode (readers never wait for the writer), FTS5 search."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import InputError, QueryError
from .base import Store
from .query import Query, any_of, fts5
from .schema import SQLITE
from .views import MARK_END, MARK_START


class SQLiteStore(Store):
    """The default store: a single SQLite file readable with any SQLite tool."""

    dialect = SQLITE

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise InputError(self.path, "is a folder, not a database file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(str(self.path))

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=30.0)
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise InputError(self.path, f"not a SessionLens database ({exc})") from None
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def _begin(self, cur: Any) -> None:
        # take the write lock now, not at the first write: no deadlock between two writers
        cur.execute("BEGIN IMMEDIATE")

    def _match(self, query: Query) -> tuple[str, list[Any]]:
        return "FROM search_index WHERE search_index MATCH ?", [fts5(query)]

    @contextmanager
    def _time_budget(self, seconds: float) -> Iterator[None]:
        # SQLite calls the handler every 1,000 VM steps; a true answer interrupts the query
        conn = self._conn()
        deadline = time.monotonic() + seconds
        conn.set_progress_handler(lambda: time.monotonic() > deadline, 1000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            raise QueryError(f"the search took longer than {seconds:g} s: use fewer or longer terms") from None
        finally:
            conn.set_progress_handler(None, 0)

    def _hits_sql(self, from_where: str) -> str:
        return ("SELECT kind, ref_id, session_id, person_id, "
                "snippet(search_index, 0, ?, ?, '…', 28), -bm25(search_index) "
                f"{from_where} ORDER BY bm25(search_index) LIMIT ? OFFSET ?")

    def _snippet_params(self) -> list[Any]:
        return [MARK_START, MARK_END]

    # sentences for `ask`: any of the terms, ranked by BM25
    def _sentence_fts(self, terms: list[str]) -> tuple[str, list[Any], str]:
        return ("FROM sentence_index JOIN sentences s ON s.id = sentence_index.rowid "
                "WHERE sentence_index MATCH ?", [_any(terms)], "-bm25(sentence_index)")

    def _turn_fts(self, terms: list[str]) -> tuple[str, list[Any], str]:
        return ("FROM search_index WHERE search_index MATCH ? AND kind = 'turn'", [_any(terms)],
                "-bm25(search_index)")

    def _index_sentences(self, cur: Any, rows: list[tuple[int, str]]) -> None:
        self._many(cur, "INSERT INTO sentence_index(rowid, text) VALUES (?, ?)", rows)

    def _unindex_sentences(self, cur: Any, session_id: int) -> None:
        self._exec(cur, "DELETE FROM sentence_index WHERE rowid IN "
                        "(SELECT id FROM sentences WHERE session_id = ?)", (session_id,))


def _any(terms: list[str]) -> str:
    """FTS5 syntax for "any of these words" (each word quoted: no operator gets through)."""
    query = any_of(terms)
    return fts5(query) if query else ""
