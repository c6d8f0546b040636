"""Full-text search over turns, arguments, quotes and takeaways, with facets; backends supply the SQL."""

from __future__ import annotations

import contextlib
import time
from abc import abstractmethod
from typing import Any

from .browsing import Browsing
from .query import SEARCH_SECONDS, Query, parse_query
from .views import FacetValue, SearchHit, SearchResults


class Search(Browsing):
    """Mixed into Store: `search` and what a backend implements for it."""

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

    def search(
        self,
        query: str,
        speaker: str | None = None,
        topic: str | None = None,
        event: str | None = None,
        date: str | None = None,
        kind: str | None = None,
        limit: int = 20,
        offset: int = 0,
        facets: bool = True,
    ) -> SearchResults:
        """Ranked full-text hits over turns, arguments, quotes and takeaways, with facets."""
        t0 = time.perf_counter()
        empty = SearchResults(query=query, total=0, hits=[], facets={})
        parsed = parse_query(query)  # QueryError beyond the limits
        if parsed is None:
            return empty
        with self._time_budget(SEARCH_SECONDS):
            return self._search(parsed, query, t0, speaker, topic, event, date, kind, limit, offset, facets)

    def _search(
        self,
        parsed: Query,
        query: str,
        t0: float,
        speaker: str | None,
        topic: str | None,
        event: str | None,
        date: str | None,
        kind: str | None,
        limit: int,
        offset: int,
        facets: bool,
    ) -> SearchResults:
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
            filters.append(
                "session_id IN (SELECT s.id FROM sessions s JOIN events e ON e.id = s.event_id WHERE e.name = ?)"
            )
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
        rows = self._all_rows(self._hits_sql(where), [*self._snippet_params(), *params, limit, offset])
        hits = self._hits(rows)
        if facets:
            total, facet_map = self._facets(where, params)
        else:
            total, facet_map = len(hits), {}
        return SearchResults(
            query=query, total=total, hits=hits, facets=facet_map, took_ms=round((time.perf_counter() - t0) * 1000, 2)
        )

    def _hits(self, rows: list[tuple[Any, ...]]) -> list[SearchHit]:
        if not rows:
            return []
        sids = sorted({int(r[2]) for r in rows})
        pids = sorted({int(r[3]) for r in rows if r[3] is not None})
        marks = ", ".join("?" * len(sids))
        sess = {
            r[0]: r
            for r in self._all_rows(
                f"SELECT s.id, s.title, e.name, s.date FROM sessions s JOIN events e "
                f"ON e.id = s.event_id WHERE s.id IN ({marks})",
                sids,
            )
        }
        people: dict[int, str] = {}
        if pids:
            people = {
                r[0]: r[1]
                for r in self._all_rows(f"SELECT id, name FROM people WHERE id IN ({', '.join('?' * len(pids))})", pids)
            }
        hits = []
        for kind, ref, sid, pid, snippet, score in rows:
            s = sess.get(int(sid))
            if s is None:
                continue
            hits.append(
                SearchHit(
                    kind=kind,
                    session_id=int(sid),
                    session_title=s[1],
                    event=s[2],
                    date=s[3],
                    speaker=people.get(int(pid)) if pid is not None else None,
                    person_id=int(pid) if pid is not None else None,
                    snippet=snippet,
                    turn_index=int(ref) if kind == "turn" else None,
                    score=round(float(score), 4),
                )
            )
        return hits

    def _facets(self, where: str, params: list[Any]) -> tuple[int, dict[str, list[FacetValue]]]:
        """Total and facet counts in ONE statement: the match set is computed once."""
        parts = [
            "SELECT 'total' AS facet, CAST(NULL AS BIGINT) AS id, CAST(NULL AS TEXT) AS value, count(*) AS n FROM m",
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
        sql = f"WITH m AS MATERIALIZED (SELECT session_id, person_id {where}) " + " UNION ALL ".join(parts)
        total = 0
        out: dict[str, list[FacetValue]] = {"speaker": [], "event": [], "topic": [], "date": []}
        for facet, fid, value, n in self._all_rows(sql, params):
            if facet == "total":
                total = int(n)
            else:
                out[facet].append(FacetValue(id=fid, value=str(value), count=int(n)))
        return total, out
