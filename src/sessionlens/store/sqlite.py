"""SQLite backend: one file, WAL mode (readers never wait for the writer), FTS5 search."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import Store
from .schema import SQLITE
from .views import MARK_END, MARK_START

_PART = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def fts5_query(query: str) -> str | None:
    """A user query as safe FTS5 syntax: words and "quoted phrases" all required, `OR`
    between two terms, `word*` for a prefix. Operators and punctuation are never passed
    through, so no input can make a syntax error."""
    parts: list[str] = []
    for phrase, word in _PART.findall(query):
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        tokens = _WORD.findall(phrase if phrase else word)
        if not tokens:
            continue
        term = '"' + " ".join(tokens) + '"'
        if word.endswith("*") and len(tokens) == 1:
            term += "*"
        parts.append(term)
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts) or None


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

    def _match(self, query: str) -> tuple[str, list[Any]] | None:
        fts = fts5_query(query)
        if fts is None:
            return None
        return "FROM search_index WHERE search_index MATCH ?", [fts]

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
    return " OR ".join('"' + " ".join(_WORD.findall(t)) + '"' for t in terms if _WORD.search(t))
