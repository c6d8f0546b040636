"""The store's plumbing: one connection per thread, explicit transactions, SQL helpers, migrations."""

from __future__ import annotations

import contextlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Self

from .schema import MIGRATIONS_TABLE, Dialect, migrations


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Connections(ABC):
    """Connections of a store: thread-safe, each thread gets its own connection."""

    dialect: Dialect
    #: placeholder style of the driver: "?" (sqlite3) or "%s" (psycopg)
    placeholder = "?"

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        self.migrate()

    # ------------------------------------------------------------------ connections

    @abstractmethod
    def _connect(self) -> Any:
        """A new DB-API connection in autocommit mode (transactions are explicit)."""

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection this store opened (in any thread)."""
        with self._lock:
            for conn in self._all:
                # a connection of a finished thread may be gone already
                with contextlib.suppress(Exception):
                    conn.close()
            self._all.clear()
        self._local = threading.local()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _begin(self, cur: Any) -> None:
        cur.execute("BEGIN")

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A write transaction: everything inside commits together or not at all."""
        conn = self._conn()
        cur = conn.cursor()
        self._begin(cur)
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")

    def _all_rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn().cursor()
        cur.execute(self._sql(sql), tuple(params))
        return list(cur.fetchall())

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._all_rows(sql, params)
        return rows[0] if rows else None

    def _exec(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> None:
        cur.execute(self._sql(sql), tuple(params))

    def _insert(self, cur: Any, sql: str, params: Sequence[Any]) -> int:
        cur.execute(self._sql(sql + " RETURNING id"), tuple(params))
        return int(cur.fetchone()[0])

    def _many(self, cur: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            cur.executemany(self._sql(sql), rows)

    # ------------------------------------------------------------------ schema

    def _applied(self) -> set[int]:
        """Versions already applied, read without taking the write lock."""
        cur = self._conn().cursor()
        try:
            cur.execute("SELECT version FROM schema_migrations")
            return {int(r[0]) for r in cur.fetchall()}
        except Exception:  # no migrations table yet (each driver has its own error class)
            return set()

    def migrate(self) -> list[int]:
        """Apply the migrations this database lacks; returns the versions applied.

        An up-to-date database is only read, so opening it never waits for a writer."""
        if {v for v, _, _ in migrations(self.dialect)} <= self._applied():
            return []
        applied: list[int] = []
        with self.transaction() as cur:
            cur.execute(MIGRATIONS_TABLE)
            cur.execute("SELECT version FROM schema_migrations")
            have = {int(r[0]) for r in cur.fetchall()}
            for version, name, statements in migrations(self.dialect):
                if version in have:
                    continue
                for stmt in statements:
                    cur.execute(stmt)
                self._exec(
                    cur,
                    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, now()),
                )
                applied.append(version)
        return applied

    def schema_version(self) -> int:
        row = self._one("SELECT max(version) FROM schema_migrations")
        return int(row[0]) if row and row[0] is not None else 0
