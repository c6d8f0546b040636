"""The corpus: every session of an event in one searchable place.

`open_store(url)` gives a `Store`: SQLite by default (a file path or `sqlite:///path`),
PostgreSQL for `postgresql://…` (needs the `postgres` extra).
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import DEFAULT_EVENT, Store
from .views import MARK_END, MARK_START

#: where the corpus lives when neither --db nor SESSIONLENS_DB says
DEFAULT_DB = "sessionlens.db"


def default_url() -> str:
    """--db default: $SESSIONLENS_DB, else sessionlens.db in the current folder."""
    return os.environ.get("SESSIONLENS_DB") or DEFAULT_DB


def open_store(url: str | Path | None = None) -> Store:
    """Open (and migrate) the store at `url`: a SQLite path or a postgresql:// URL."""
    url = str(url or default_url())
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url)
    from .sqlite import SQLiteStore

    return SQLiteStore(url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url)


__all__ = ["DEFAULT_EVENT", "MARK_END", "MARK_START", "Store", "default_url", "open_store"]
