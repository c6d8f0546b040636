"""The corpus store: one SQL implementation; backends supply connections and full-text search.

Every session is written in ONE transaction (its rows, its report JSON and its full-text
entries), so a process killed mid-way leaves either the whole session or nothing, and
adding the same transcript to the same event again is a no-op: a killed batch can be re-run.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .checks import public, public_source, storable
from .edits import Edits
from .query import SEARCH_SECONDS, Query, parse_query
from .schema import MIGRATIONS_TABLE, Dialect, migrations
from .sentences import SentenceQueries
from .views import (
    AddResult,
    AgreementPair,
    ArgumentView,
    EventOverview,
    EventRef,
    EventSummary,
    FacetValue,
    IssueCount,
    IssueTopic,
    Job,
    PersonRef,
    Relation,
    SearchHit,
    SearchResults,
    SessionDetail,
    SessionSpeaker,
    SessionSummary,
    SpeakerProfile,
    SpeakerSession,
    SpeakerSummary,
    TopicCount,
    TopicPage,
)

if TYPE_CHECKING:  # the report model and the row builder are imported when first needed,
    # so that `sessionlens search` starts without building every pydantic model
    from ..models import Report
    from .rows import SessionRows

DEFAULT_EVENT = "Unsorted"

_SESSION_COLS = (
    "s.id, s.event_id, e.name, s.title, s.date, s.start_time, s.end_time, s.duration_seconds, "
    "s.source, s.format, s.engine, s.words, s.turns, s.speakers, s.added_at, s.track"
)
_JOB_COLS = ("id, status, stage, progress, message, filename, event, engine, session_id, "
             "created_at, updated_at")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(Edits, SentenceQueries, ABC):
    """A corpus of sessions. Thread-safe: each thread gets its own connection."""

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

    def __enter__(self) -> Store:
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
                self._exec(cur, "INSERT INTO schema_migrations(version, name, applied_at) "
                                "VALUES (?, ?, ?)", (version, name, now()))
                applied.append(version)
        return applied

    def schema_version(self) -> int:
        row = self._one("SELECT max(version) FROM schema_migrations")
        return int(row[0]) if row and row[0] is not None else 0

    # ------------------------------------------------------------------ writing

    def add_report(self, report: Report, event: str | None = None,
                   replace: bool = False) -> AddResult:
        """Store one session (rows, full-text entries and report JSON) in one transaction.

        The same transcript added to the same event again returns the stored session
        (`created=False`) unless `replace`.
        """
        from .rows import session_rows

        report = storable(report)  # non-finite numbers refused, no server path kept
        rows = session_rows(report)
        event_name = (event or report.info.event or DEFAULT_EVENT).strip() or DEFAULT_EVENT
        with self.transaction() as cur:
            event_id = self._upsert_event(cur, event_name)
            self._exec(cur, "SELECT id FROM sessions WHERE event_id = ? AND content_hash = ?",
                       (event_id, rows.content_hash))
            found = cur.fetchone()
            if found is not None:
                if not replace:
                    return AddResult(session_id=int(found[0]), created=False)
                self._delete_rows(cur, int(found[0]), orphans=False)
            session_id = self._write_session(cur, event_id, rows, report)
            self._drop_orphans(cur)
        return AddResult(session_id=session_id, created=True)

    def _upsert_event(self, cur: Any, name: str) -> int:
        self._exec(cur, "INSERT INTO events(name, created_at) VALUES (?, ?) "
                        "ON CONFLICT (name) DO NOTHING", (name, now()))
        self._exec(cur, "SELECT id FROM events WHERE name = ?", (name,))
        return int(cur.fetchone()[0])

    def _write_session(self, cur: Any, event_id: int, r: SessionRows, report: Report) -> int:
        sid = self._insert(
            cur,
            "INSERT INTO sessions(event_id, title, date, start_time, end_time, duration_seconds, "
            "source, format, engine, words, turns, speakers, content_hash, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, r.title, r.date, r.start_time, r.end_time, r.duration_seconds, r.source,
             r.fmt, r.engine, r.words, len(r.turns), sum(1 for s in r.speakers if s.turns),
             r.content_hash, now()),
        )
        self._write_contents(cur, sid, r, report)
        return sid

    def _write_contents(
        self, cur: Any, sid: int, r: SessionRows, report: Report, vectors: dict[str, bytes] | None = None
    ) -> None:
        """Every row derived from the report of session `sid` (the sessions row aside);
        `vectors`: sentence vectors already computed, by text (an edit re-embeds nothing)."""
        pid: dict[str, int] = {}
        for sp in r.speakers:
            self._exec(cur, "INSERT INTO people(key, name) VALUES (?, ?) "
                            "ON CONFLICT (key) DO NOTHING", (sp.key, sp.name))
            self._exec(cur, "SELECT id FROM people WHERE key = ?", (sp.key,))
            pid[sp.key] = int(cur.fetchone()[0])
            self._many(cur, "INSERT INTO person_names(person_id, name) VALUES (?, ?) "
                            "ON CONFLICT DO NOTHING", [(pid[sp.key], v) for v in sp.variants])
        self._many(
            cur,
            "INSERT INTO session_speakers(session_id, person_id, name, role, affiliation, "
            "is_moderator, listed, words, turns, seconds, wpm, estimated, word_share, time_share) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(sid, pid[s.key], s.name, s.role, s.affiliation, s.is_moderator, s.listed, s.words,
              s.turns, s.seconds, s.wpm, s.estimated, s.word_share, s.time_share)
             for s in r.speakers],
        )
        self._many(
            cur,
            "INSERT INTO turns(session_id, idx, person_id, speaker, text, start_s, end_s, words) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(sid, i, pid[k], name, text, a, b, w) for i, k, name, text, a, b, w in r.turns],
        )
        docs: list[tuple[str, str, int, int, int | None]] = [
            (text, "turn", i, sid, pid[k]) for i, k, _, text, _, _, _ in r.turns
        ]
        for a in r.arguments:
            aid = self._insert(
                cur,
                "INSERT INTO arguments(session_id, idx, person_id, speaker, title, explanation, "
                "evidence, discussion_point) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (sid, a.idx, pid.get(a.key), a.speaker, a.title, a.explanation, a.evidence,
                 a.discussion_point),
            )
            self._many(cur, "INSERT INTO argument_topics(argument_id, topic, confidence) "
                            "VALUES (?, ?, ?)", [(aid, t, c) for t, c in a.topics])
            self._many(cur, "INSERT INTO argument_relations(argument_id, kind, other_person_id, "
                            "other_name, on_text) VALUES (?, ?, ?, ?, ?)",
                       [(aid, kind, pid.get(k), n, on) for kind, k, n, on in a.relations])
            docs.append((a.search_text, "argument", a.idx, sid, pid.get(a.key)))
        self._many(cur, "INSERT INTO quotes(session_id, idx, person_id, speaker, quote, reason, "
                        "impact) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(sid, i, pid.get(k), n, q, rs, im) for i, k, n, q, rs, im in r.quotes])
        docs += [(q, "quote", i, sid, pid.get(k)) for i, k, _, q, _, _ in r.quotes]
        self._many(cur, "INSERT INTO takeaways(session_id, kind, idx, person_id, speaker, text) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                   [(sid, kind, i, pid.get(k), n, t) for kind, i, k, n, t in r.takeaways])
        docs += [(t, "takeaway", i, sid, pid.get(k)) for _, i, k, _, t in r.takeaways]
        self._many(cur, "INSERT INTO session_topics(session_id, topic, arguments) VALUES (?, ?, ?)",
                   [(sid, t, n) for t, n in r.topics.items()])
        self._exec(cur, "INSERT INTO reports(session_id, report_json) VALUES (?, ?)",
                   (sid, report.to_json(indent=None)))
        self._many(cur, "INSERT INTO search_index(text, kind, ref_id, session_id, person_id) "
                        "VALUES (?, ?, ?, ?, ?)", docs)
        self._many(cur, "INSERT INTO session_issues(session_id, topic, issue, arguments) "
                        "VALUES (?, ?, ?, ?)", [(sid, b, i, n) for b, i, n in r.issues])
        self._write_sentences(cur, sid, report, pid, vectors)

    def delete_session(self, session_id: int) -> bool:
        """Remove a session and everything derived from it; False when there is none."""
        with self.transaction() as cur:
            self._exec(cur, "SELECT id FROM sessions WHERE id = ?", (session_id,))
            if cur.fetchone() is None:
                return False
            self._delete_rows(cur, session_id)
        return True

    def _delete_rows(self, cur: Any, session_id: int, orphans: bool = True) -> None:
        self._delete_contents(cur, session_id)
        self._exec(cur, "DELETE FROM sessions WHERE id = ?", (session_id,))
        if orphans:
            self._drop_orphans(cur)

    def _delete_contents(self, cur: Any, session_id: int) -> None:
        """Every row derived from the session's report; the sessions row stays."""
        self._exec(cur, "DELETE FROM search_index WHERE session_id = ?", (session_id,))
        self._delete_sentences(cur, session_id)
        for table in ("argument_topics", "argument_relations"):
            self._exec(cur, f"DELETE FROM {table} WHERE argument_id IN "
                            "(SELECT id FROM arguments WHERE session_id = ?)", (session_id,))
        for table in ("arguments", "quotes", "takeaways", "turns", "session_topics",
                      "session_issues", "session_speakers", "reports"):
            self._exec(cur, f"DELETE FROM {table} WHERE session_id = ?", (session_id,))

    def _drop_orphans(self, cur: Any) -> None:
        """People nobody refers to any more, and events left without sessions."""
        self._exec(cur, "DELETE FROM events WHERE id NOT IN (SELECT event_id FROM sessions)")
        # people who no longer speak anywhere nor are named in an analysis
        self._exec(cur, "DELETE FROM person_names WHERE person_id NOT IN "
                        "(SELECT person_id FROM session_speakers)")
        self._exec(cur, "DELETE FROM people WHERE id NOT IN (SELECT person_id FROM session_speakers)"
                        " AND id NOT IN (SELECT other_person_id FROM argument_relations "
                        "WHERE other_person_id IS NOT NULL)")

    # ------------------------------------------------------------------ sessions

    def get_report(self, session_id: int) -> Report | None:
        from ..models import Report

        row = self._one("SELECT report_json FROM reports WHERE session_id = ?", (session_id,))
        return public(Report.from_json(row[0])) if row else None

    def iter_reports(self, event: str | None = None) -> Iterator[tuple[int, Report]]:
        """(session id, report) for every session, oldest first; one event when given."""
        sql = ("SELECT s.id FROM sessions s JOIN events e ON e.id = s.event_id"
               + (" WHERE e.name = ?" if event else "") + " ORDER BY s.id")
        for (sid,) in self._all_rows(sql, (event,) if event else ()):
            report = self.get_report(int(sid))
            if report is not None:
                yield int(sid), report

    @staticmethod
    def _summary(row: Sequence[Any]) -> SessionSummary:
        return SessionSummary(
            id=row[0], event=EventRef(id=row[1], name=row[2]), title=row[3], date=row[4],
            start_time=row[5], end_time=row[6], duration_seconds=row[7], source=public_source(row[8]),
            format=row[9], engine=row[10], words=row[11], turns=row[12], speakers=row[13],
            added_at=row[14], track=row[15],
        )

    def sessions(self, event: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[SessionSummary]:
        sql = (f"SELECT {_SESSION_COLS} FROM sessions s JOIN events e ON e.id = s.event_id"
               + (" WHERE e.name = ?" if event else "") + " ORDER BY s.id DESC LIMIT ? OFFSET ?")
        params = ((event,) if event else ()) + (limit, offset)
        return [self._summary(r) for r in self._all_rows(sql, params)]

    def count_sessions(self, event: str | None = None) -> int:
        sql = ("SELECT count(*) FROM sessions s JOIN events e ON e.id = s.event_id"
               + (" WHERE e.name = ?" if event else ""))
        row = self._one(sql, (event,) if event else ())
        return int(row[0]) if row else 0

    def session(self, session_id: int) -> SessionDetail | None:
        row = self._one(f"SELECT {_SESSION_COLS} FROM sessions s JOIN events e "
                        "ON e.id = s.event_id WHERE s.id = ?", (session_id,))
        if row is None:
            return None
        speakers = [
            SessionSpeaker(person_id=r[0], name=r[1], role=r[2], affiliation=r[3],
                           is_moderator=bool(r[4]), words=r[5], turns=r[6], seconds=r[7],
                           wpm=r[8], estimated=bool(r[9]))
            for r in self._all_rows(
                "SELECT person_id, name, role, affiliation, is_moderator, words, turns, seconds, "
                "wpm, estimated FROM session_speakers WHERE session_id = ? AND turns > 0 "
                "ORDER BY words DESC, name", (session_id,))
        ]
        topics = [r[0] for r in self._all_rows(
            "SELECT topic FROM session_topics WHERE session_id = ? ORDER BY arguments DESC, topic",
            (session_id,))]
        issues = [IssueCount(topic=r[0], issue=r[1], arguments=r[2]) for r in self._all_rows(
            "SELECT topic, issue, arguments FROM session_issues WHERE session_id = ? "
            "ORDER BY arguments DESC, issue", (session_id,))]
        return SessionDetail(**self._summary(row).model_dump(), speaker_list=speakers,
                             topics=topics, issues=issues)

    # ------------------------------------------------------------------ search

    @abstractmethod
    def _match(self, query: Query) -> tuple[str, list[Any]]:
        """`FROM … WHERE …` selecting the search_index documents that match `query`, with
        its parameters. Filters are ANDed on."""

    @abstractmethod
    def _time_budget(self, seconds: float) -> contextlib.AbstractContextManager[None]:
        """Stop the queries run inside after `seconds`, with a QueryError."""

    @abstractmethod
    def _hits_sql(self, from_where: str) -> str:
        """SELECT kind, ref_id, session_id, person_id, snippet, score (higher is better)
        `from_where`, best first, ending in LIMIT ? OFFSET ?; snippet parameters come first."""

    def _snippet_params(self) -> list[Any]:
        return []

    def search(self, query: str, speaker: str | None = None, topic: str | None = None,
               event: str | None = None, date: str | None = None, kind: str | None = None,
               limit: int = 20, offset: int = 0, facets: bool = True) -> SearchResults:
        """Ranked full-text hits over turns, arguments, quotes and takeaways, with facets."""
        t0 = time.perf_counter()
        empty = SearchResults(query=query, total=0, hits=[], facets={})
        parsed = parse_query(query)  # QueryError beyond the limits
        if parsed is None:
            return empty
        with self._time_budget(SEARCH_SECONDS):
            return self._search(parsed, query, t0, speaker, topic, event, date, kind, limit, offset, facets)

    def _search(self, parsed: Query, query: str, t0: float, speaker: str | None, topic: str | None,
                event: str | None, date: str | None, kind: str | None, limit: int, offset: int,
                facets: bool) -> SearchResults:
        empty = SearchResults(query=query, total=0, hits=[], facets={})
        sql, params = self._match(parsed)
        filters: list[str] = []
        if speaker:
            person = self.find_person(speaker)
            if person is None:
                return empty
            filters.append("person_id = ?")
            params.append(person.id)
        if event:
            filters.append("session_id IN (SELECT s.id FROM sessions s JOIN events e "
                           "ON e.id = s.event_id WHERE e.name = ?)")
            params.append(event)
        if topic:
            filters.append("session_id IN (SELECT session_id FROM session_topics WHERE topic = ?)")
            params.append(topic)
        if date:
            filters.append("session_id IN (SELECT id FROM sessions WHERE date = ?)")
            params.append(date)
        if kind:
            filters.append("kind = ?")
            params.append(kind)
        where = sql + "".join(f" AND {f}" for f in filters)
        rows = self._all_rows(self._hits_sql(where),
                              [*self._snippet_params(), *params, limit, offset])
        hits = self._hits(rows)
        if facets:
            total, facet_map = self._facets(where, params)
        else:
            total, facet_map = len(hits), {}
        return SearchResults(query=query, total=total, hits=hits, facets=facet_map,
                             took_ms=round((time.perf_counter() - t0) * 1000, 2))

    def _hits(self, rows: list[tuple[Any, ...]]) -> list[SearchHit]:
        if not rows:
            return []
        sids = sorted({int(r[2]) for r in rows})
        pids = sorted({int(r[3]) for r in rows if r[3] is not None})
        marks = ", ".join("?" * len(sids))
        sess = {r[0]: r for r in self._all_rows(
            f"SELECT s.id, s.title, e.name, s.date FROM sessions s JOIN events e "
            f"ON e.id = s.event_id WHERE s.id IN ({marks})", sids)}
        people: dict[int, str] = {}
        if pids:
            people = {r[0]: r[1] for r in self._all_rows(
                f"SELECT id, name FROM people WHERE id IN ({', '.join('?' * len(pids))})", pids)}
        hits = []
        for kind, ref, sid, pid, snippet, score in rows:
            s = sess.get(int(sid))
            if s is None:
                continue
            hits.append(SearchHit(
                kind=kind, session_id=int(sid), session_title=s[1], event=s[2], date=s[3],
                speaker=people.get(int(pid)) if pid is not None else None,
                person_id=int(pid) if pid is not None else None, snippet=snippet,
                turn_index=int(ref) if kind == "turn" else None, score=round(float(score), 4),
            ))
        return hits

    def _facets(self, where: str, params: list[Any]) -> tuple[int, dict[str, list[FacetValue]]]:
        """Total and facet counts in ONE statement: the match set is computed once."""
        parts = [
            "SELECT 'total' AS facet, CAST(NULL AS BIGINT) AS id, CAST(NULL AS TEXT) AS value, "
            "count(*) AS n FROM m",
            "SELECT * FROM (SELECT 'speaker', p.id, p.name, count(*) AS n FROM m "
            "JOIN people p ON p.id = m.person_id GROUP BY p.id, p.name "
            "ORDER BY n DESC, p.name LIMIT 15) AS f1",
            "SELECT * FROM (SELECT 'event', e.id, e.name, count(*) AS n FROM m "
            "JOIN sessions s ON s.id = m.session_id JOIN events e ON e.id = s.event_id "
            "GROUP BY e.id, e.name ORDER BY n DESC, e.name LIMIT 15) AS f2",
            "SELECT * FROM (SELECT 'topic', CAST(NULL AS BIGINT), t.topic, count(*) AS n FROM m "
            "JOIN session_topics t ON t.session_id = m.session_id GROUP BY t.topic "
            "ORDER BY n DESC, t.topic LIMIT 15) AS f3",
            "SELECT * FROM (SELECT 'date', CAST(NULL AS BIGINT), s.date, count(*) AS n FROM m "
            "JOIN sessions s ON s.id = m.session_id WHERE s.date IS NOT NULL GROUP BY s.date "
            "ORDER BY n DESC, s.date LIMIT 15) AS f4",
        ]
        sql = (f"WITH m AS MATERIALIZED (SELECT session_id, person_id {where}) "
               + " UNION ALL ".join(parts))
        total = 0
        out: dict[str, list[FacetValue]] = {"speaker": [], "event": [], "topic": [], "date": []}
        for facet, fid, value, n in self._all_rows(sql, params):
            if facet == "total":
                total = int(n)
            else:
                out[facet].append(FacetValue(id=fid, value=str(value), count=int(n)))
        return total, out

    # ------------------------------------------------------------------ people

    def find_person(self, name: str) -> PersonRef | None:
        """The person whose name (or a variant) has the same name_key as `name`."""
        from ..normalize import name_key

        row = self._one("SELECT id, name FROM people WHERE key = ?", (name_key(name) or name,))
        return PersonRef(id=row[0], name=row[1]) if row else None

    def speakers(self, limit: int = 100, offset: int = 0,
                 event: str | None = None) -> list[SpeakerSummary]:
        sql = ("SELECT p.id, p.name, count(DISTINCT ss.session_id), sum(ss.words) FROM people p "
               "JOIN session_speakers ss ON ss.person_id = p.id "
               + ("JOIN sessions s ON s.id = ss.session_id JOIN events e ON e.id = s.event_id "
                  "WHERE e.name = ? AND ss.turns > 0 " if event else "WHERE ss.turns > 0 ")
               + "GROUP BY p.id, p.name ORDER BY sum(ss.words) DESC, p.name LIMIT ? OFFSET ?")
        params = ((event,) if event else ()) + (limit, offset)
        return [SpeakerSummary(id=r[0], name=r[1], sessions=r[2], words=int(r[3] or 0))
                for r in self._all_rows(sql, params)]

    def _arguments(self, where: str, params: Sequence[Any], limit: int = 200) -> list[ArgumentView]:
        rows = self._all_rows(
            "SELECT a.id, a.session_id, s.title, a.speaker, a.person_id, a.title, a.explanation, "
            "a.evidence, a.discussion_point FROM arguments a JOIN sessions s ON s.id = a.session_id "
            f"WHERE {where} ORDER BY a.session_id, a.idx LIMIT ?", [*params, limit])
        if not rows:
            return []
        ids = [r[0] for r in rows]
        topics: dict[int, list[str]] = {}
        for aid, t in self._all_rows(
                f"SELECT argument_id, topic FROM argument_topics WHERE argument_id IN "
                f"({', '.join('?' * len(ids))})", ids):
            topics.setdefault(aid, []).append(t)
        return [ArgumentView(session_id=r[1], session_title=r[2], speaker=r[3], person_id=r[4],
                             title=r[5], explanation=r[6], evidence=r[7], discussion_point=r[8],
                             topics=topics.get(r[0], [])) for r in rows]

    def speaker(self, person_id: int) -> SpeakerProfile | None:
        """Everything about one person across sessions."""
        row = self._one("SELECT id, name FROM people WHERE id = ?", (person_id,))
        if row is None:
            return None
        variants = [r[0] for r in self._all_rows(
            "SELECT name FROM person_names WHERE person_id = ? ORDER BY name", (person_id,))]
        sessions = [
            SpeakerSession(session_id=r[0], title=r[1], event=r[2], date=r[3], name=r[4],
                           role=r[5], words=r[6], turns=r[7], seconds=r[8], wpm=r[9],
                           estimated=bool(r[10]))
            for r in self._all_rows(
                "SELECT s.id, s.title, e.name, s.date, ss.name, ss.role, ss.words, ss.turns, "
                "ss.seconds, ss.wpm, ss.estimated FROM session_speakers ss "
                "JOIN sessions s ON s.id = ss.session_id JOIN events e ON e.id = s.event_id "
                "WHERE ss.person_id = ? ORDER BY s.id", (person_id,))
        ]
        timed = [s for s in sessions if s.seconds]
        seconds = sum(s.seconds or 0.0 for s in timed) if timed else None
        timed_words = sum(s.words for s in timed)
        topics = [TopicCount(topic=r[0], arguments=r[1], sessions=r[2]) for r in self._all_rows(
            "SELECT t.topic, count(*), count(DISTINCT a.session_id) FROM argument_topics t "
            "JOIN arguments a ON a.id = t.argument_id WHERE a.person_id = ? "
            "GROUP BY t.topic ORDER BY count(*) DESC, t.topic", (person_id,))]
        return SpeakerProfile(
            id=row[0], name=row[1], variants=variants, sessions=sessions,
            total_words=sum(s.words for s in sessions), total_turns=sum(s.turns for s in sessions),
            total_seconds=round(seconds, 1) if seconds is not None else None,
            average_wpm=round(timed_words / (seconds / 60), 1) if seconds else None,
            time_estimated=any(s.estimated for s in timed),
            arguments=self._arguments("a.person_id = ?", (person_id,)),
            topics=topics,
            agreed_with=self._relations(person_id, "agreed"),
            disagreed_with=self._relations(person_id, "disagreed"),
        )

    def _relations(self, person_id: int, kind: str) -> list[Relation]:
        """Whom `person_id` agreed (or disagreed) with, in either direction of the record."""
        rows = self._all_rows(
            "WITH r AS ("
            " SELECT r.other_person_id AS pid, r.other_name AS name, a.id AS aid, "
            "a.session_id AS sid FROM argument_relations r JOIN arguments a "
            "ON a.id = r.argument_id WHERE a.person_id = ? AND r.kind = ?"
            " UNION ALL"
            " SELECT a.person_id, a.speaker, a.id, a.session_id FROM argument_relations r "
            "JOIN arguments a ON a.id = r.argument_id WHERE r.other_person_id = ? AND r.kind = ?)"
            " SELECT r.pid, min(r.name), count(DISTINCT r.aid), count(DISTINCT r.sid) FROM r"
            " WHERE r.pid IS NULL OR r.pid <> ? GROUP BY r.pid"
            " ORDER BY count(DISTINCT r.sid) DESC, count(DISTINCT r.aid) DESC",
            (person_id, kind, person_id, kind, person_id))
        names = {r[0]: r[1] for r in self._all_rows("SELECT id, name FROM people WHERE id IN "
                 f"({', '.join('?' * len(rows))})", [r[0] for r in rows])} if rows else {}
        return [Relation(person_id=r[0], name=names.get(r[0], r[1]), arguments=r[2],
                         sessions=r[3]) for r in rows]

    # ------------------------------------------------------------------ topics and events

    def topics(self, event: str | None = None, limit: int = 50) -> list[TopicCount]:
        sql = ("SELECT t.topic, sum(t.arguments), count(DISTINCT t.session_id) "
               "FROM session_topics t "
               + ("JOIN sessions s ON s.id = t.session_id JOIN events e ON e.id = s.event_id "
                  "WHERE e.name = ? " if event else "")
               + "GROUP BY t.topic ORDER BY sum(t.arguments) DESC, t.topic LIMIT ?")
        params = ((event,) if event else ()) + (limit,)
        return [TopicCount(topic=r[0], arguments=int(r[1]), sessions=int(r[2]))
                for r in self._all_rows(sql, params)]

    def issues(self, event: str | None = None, limit: int = 100) -> list[IssueTopic]:
        """Issues (the second topic level) with their basket, most sessions first."""
        sql = ("SELECT t.topic, t.issue, sum(t.arguments), count(DISTINCT t.session_id) FROM session_issues t "
               + ("JOIN sessions s ON s.id = t.session_id JOIN events e ON e.id = s.event_id "
                  "WHERE e.name = ? " if event else "")
               + "GROUP BY t.topic, t.issue ORDER BY count(DISTINCT t.session_id) DESC, sum(t.arguments) DESC, "
               "t.issue LIMIT ?")
        return [IssueTopic(topic=r[0], issue=r[1], arguments=int(r[2]), sessions=int(r[3]))
                for r in self._all_rows(sql, ((event,) if event else ()) + (limit,))]

    def topic(self, name: str, limit: int = 100) -> TopicPage | None:
        """A basket or an issue ("Basket › Issue" or the issue alone): its sessions with the
        number of arguments in each, its speakers and arguments."""
        from ..engines.offline.topic_levels import ISSUE_SEP, split_label

        basket, issue = split_label(name)
        if issue is None:
            found = self._one("SELECT topic, issue FROM session_issues WHERE issue = ?", (name,))
            if found is not None and not self._one("SELECT 1 FROM session_topics WHERE topic = ?", (name,)):
                basket, issue = found
        if issue is None:
            table, where, params = "session_topics", "t.topic = ?", (basket,)
            labels: tuple[str, ...] = (basket,)
        else:
            table, where, params = "session_issues", "t.issue = ? AND t.topic = ?", (issue, basket)
            labels = (basket + ISSUE_SEP + issue,)
        rows = self._all_rows(
            f"SELECT {_SESSION_COLS}, t.arguments FROM {table} t JOIN sessions s ON s.id = t.session_id "
            f"JOIN events e ON e.id = s.event_id WHERE {where} ORDER BY t.arguments DESC, s.id LIMIT ?",
            (*params, limit))
        if not rows:
            return None
        speakers = [SpeakerSummary(id=r[0], name=r[1], sessions=r[2], words=r[3])
                    for r in self._all_rows(
            "SELECT p.id, p.name, count(DISTINCT a.session_id), count(*) FROM argument_topics t "
            "JOIN arguments a ON a.id = t.argument_id JOIN people p ON p.id = a.person_id "
            "WHERE t.topic = ? GROUP BY p.id, p.name ORDER BY count(*) DESC, p.name LIMIT 30",
            labels)]
        return TopicPage(
            topic=issue or basket, basket=basket if issue else None,
            sessions=[self._summary(r) for r in rows],
            session_arguments={str(r[0]): int(r[-1]) for r in rows},
            arguments=self._arguments("a.id IN (SELECT argument_id FROM argument_topics "
                                      "WHERE topic = ?)", labels, limit),
            speakers=speakers,
            issues=[] if issue else [i for i in self.issues(limit=200) if i.topic == basket],
        )

    def events(self) -> list[EventSummary]:
        return [EventSummary(id=r[0], name=r[1], sessions=r[2]) for r in self._all_rows(
            "SELECT e.id, e.name, count(s.id) FROM events e LEFT JOIN sessions s "
            "ON s.event_id = e.id GROUP BY e.id, e.name ORDER BY e.name")]

    def find_event(self, name: str) -> EventSummary | None:
        return next((e for e in self.events() if e.name == name), None)

    def event(self, event_id: int) -> EventOverview | None:
        """Aggregate statistics, top speakers and topics, and who agreed across sessions."""
        row = self._one("SELECT id, name FROM events WHERE id = ?", (event_id,))
        if row is None:
            return None
        agg = self._one("SELECT count(*), sum(words), sum(turns), sum(duration_seconds) "
                        "FROM sessions WHERE event_id = ?", (event_id,))
        n_speakers = self._one(
            "SELECT count(DISTINCT ss.person_id) FROM session_speakers ss JOIN sessions s "
            "ON s.id = ss.session_id WHERE s.event_id = ? AND ss.turns > 0", (event_id,))
        pairs = self._all_rows(
            "WITH r AS (SELECT CASE WHEN a.person_id < r.other_person_id THEN a.person_id "
            "ELSE r.other_person_id END AS x, CASE WHEN a.person_id < r.other_person_id "
            "THEN r.other_person_id ELSE a.person_id END AS y, a.id AS aid, a.session_id AS sid "
            "FROM argument_relations r JOIN arguments a ON a.id = r.argument_id "
            "JOIN sessions s ON s.id = a.session_id WHERE s.event_id = ? AND r.kind = 'agreed' "
            "AND r.other_person_id IS NOT NULL AND a.person_id IS NOT NULL "
            "AND r.other_person_id <> a.person_id) "
            "SELECT r.x, px.name, r.y, py.name, count(DISTINCT r.sid), count(DISTINCT r.aid) "
            "FROM r JOIN people px ON px.id = r.x JOIN people py ON py.id = r.y "
            "GROUP BY r.x, px.name, r.y, py.name "
            "ORDER BY count(DISTINCT r.sid) DESC, count(DISTINCT r.aid) DESC LIMIT 20",
            (event_id,))
        return EventOverview(
            id=row[0], name=row[1], sessions=int(agg[0]) if agg else 0,
            words=int(agg[1] or 0) if agg else 0, turns=int(agg[2] or 0) if agg else 0,
            seconds=float(agg[3]) if agg and agg[3] is not None else None,
            speakers=int(n_speakers[0]) if n_speakers else 0,
            top_speakers=self.speakers(limit=10, event=row[1]),
            topics=self.topics(event=row[1], limit=15),
            agreements=[AgreementPair(a=PersonRef(id=r[0], name=r[1]),
                                      b=PersonRef(id=r[2], name=r[3]),
                                      sessions=r[4], arguments=r[5]) for r in pairs],
        )

    # ------------------------------------------------------------------ jobs

    def create_job(self, filename: str, event: str, engine: str, data: bytes,
                   meta: dict[str, str] | None = None, status: str = "queued",
                   message: str | None = None) -> Job:
        """Record an upload job with its input and form metadata (title, date, start_time,
        track), so that it can be re-run after a crash; 'held' waits for the editor's choice."""
        import json

        job_id = uuid.uuid4().hex
        stamp = now()
        with self.transaction() as cur:
            self._exec(cur, "INSERT INTO jobs(id, status, stage, progress, message, filename, "
                            "event, engine, input, created_at, updated_at, meta) "
                            "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (job_id, status, status, message, filename, event, engine, data, stamp, stamp,
                        json.dumps(meta) if meta else None))
        job = self.job(job_id)
        assert job is not None
        return job

    def job_meta(self, job_id: str) -> dict[str, str]:
        import json

        row = self._one("SELECT meta FROM jobs WHERE id = ?", (job_id,))
        return json.loads(row[0]) if row and row[0] else {}

    def delete_job(self, job_id: str) -> bool:
        with self.transaction() as cur:
            self._exec(cur, "DELETE FROM jobs WHERE id = ?", (job_id,))
            return bool(cur.rowcount)

    def job(self, job_id: str) -> Job | None:
        row = self._one(f"SELECT {_JOB_COLS} FROM jobs WHERE id = ?", (job_id,))
        if row is None:
            return None
        keys = [k.strip() for k in _JOB_COLS.split(",")]
        return Job(**dict(zip(keys, row, strict=True)))

    def job_input(self, job_id: str) -> bytes | None:
        row = self._one("SELECT input FROM jobs WHERE id = ?", (job_id,))
        return bytes(row[0]) if row and row[0] is not None else None

    def update_job(self, job_id: str, **fields: Any) -> None:
        allowed = {"status", "stage", "progress", "message", "session_id"}
        assert set(fields) <= allowed, set(fields) - allowed
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction() as cur:
            self._exec(cur, f"UPDATE jobs SET {sets}, updated_at = ? WHERE id = ?",
                       (*fields.values(), now(), job_id))

    def interrupt_stale_jobs(self) -> int:
        """Mark jobs left queued or running by a dead process as interrupted (re-runnable)."""
        with self.transaction() as cur:
            self._exec(cur, "UPDATE jobs SET status = 'interrupted', message = "
                            "'the server stopped while this job ran; run it again', "
                            "updated_at = ? WHERE status IN ('queued', 'running')", (now(),))
            return int(cur.rowcount or 0)
