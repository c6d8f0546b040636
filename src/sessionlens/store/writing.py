"""Writing sessions: a report's rows, full-text entries and JSON in one transaction, and deleting them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .checks import storable
from .connection import now
from .sentences import SentenceQueries
from .views import AddResult

if TYPE_CHECKING:  # the report model and the row builder are imported when first needed,
    # so that `sessionlens search` starts without building every pydantic model
    from ..models import Report
    from .rows import SessionRows

DEFAULT_EVENT = "Unsorted"


class Writing(SentenceQueries):
    """Mixed into Store: add a report, delete a session, and the row writers edits reuse."""

    def add_report(self, report: Report, event: str | None = None, replace: bool = False) -> AddResult:
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
            self._exec(
                cur, "SELECT id FROM sessions WHERE event_id = ? AND content_hash = ?", (event_id, rows.content_hash)
            )
            found = cur.fetchone()
            if found is not None:
                if not replace:
                    return AddResult(session_id=int(found[0]), created=False)
                self._delete_rows(cur, int(found[0]), orphans=False)
            session_id = self._write_session(cur, event_id, rows, report)
            self._drop_orphans(cur)
        return AddResult(session_id=session_id, created=True)

    def _upsert_event(self, cur: Any, name: str) -> int:
        self._exec(
            cur, "INSERT INTO events(name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", (name, now())
        )
        self._exec(cur, "SELECT id FROM events WHERE name = ?", (name,))
        return int(cur.fetchone()[0])

    def _write_session(self, cur: Any, event_id: int, r: SessionRows, report: Report) -> int:
        sid = self._insert(
            cur,
            "INSERT INTO sessions(event_id, title, date, start_time, end_time, duration_seconds, "
            "source, format, engine, words, turns, speakers, content_hash, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event_id,
                r.title,
                r.date,
                r.start_time,
                r.end_time,
                r.duration_seconds,
                r.source,
                r.fmt,
                r.engine,
                r.words,
                len(r.turns),
                sum(1 for s in r.speakers if s.turns),
                r.content_hash,
                now(),
            ),
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
            self._exec(
                cur, "INSERT INTO people(key, name) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (sp.key, sp.name)
            )
            self._exec(cur, "SELECT id FROM people WHERE key = ?", (sp.key,))
            pid[sp.key] = int(cur.fetchone()[0])
            self._many(
                cur,
                "INSERT INTO person_names(person_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(pid[sp.key], v) for v in sp.variants],
            )
        self._many(
            cur,
            "INSERT INTO session_speakers(session_id, person_id, name, role, affiliation, "
            "is_moderator, listed, words, turns, seconds, wpm, estimated, word_share, time_share) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    sid,
                    pid[s.key],
                    s.name,
                    s.role,
                    s.affiliation,
                    s.is_moderator,
                    s.listed,
                    s.words,
                    s.turns,
                    s.seconds,
                    s.wpm,
                    s.estimated,
                    s.word_share,
                    s.time_share,
                )
                for s in r.speakers
            ],
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
                (sid, a.idx, pid.get(a.key), a.speaker, a.title, a.explanation, a.evidence, a.discussion_point),
            )
            self._many(
                cur,
                "INSERT INTO argument_topics(argument_id, topic, confidence) VALUES (?, ?, ?)",
                [(aid, t, c) for t, c in a.topics],
            )
            self._many(
                cur,
                "INSERT INTO argument_relations(argument_id, kind, other_person_id, "
                "other_name, on_text) VALUES (?, ?, ?, ?, ?)",
                [(aid, kind, pid.get(k), n, on) for kind, k, n, on in a.relations],
            )
            docs.append((a.search_text, "argument", a.idx, sid, pid.get(a.key)))
        self._many(
            cur,
            "INSERT INTO quotes(session_id, idx, person_id, speaker, quote, reason, "
            "impact) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(sid, i, pid.get(k), n, q, rs, im) for i, k, n, q, rs, im in r.quotes],
        )
        docs += [(q, "quote", i, sid, pid.get(k)) for i, k, _, q, _, _ in r.quotes]
        self._many(
            cur,
            "INSERT INTO takeaways(session_id, kind, idx, person_id, speaker, text) VALUES (?, ?, ?, ?, ?, ?)",
            [(sid, kind, i, pid.get(k), n, t) for kind, i, k, n, t in r.takeaways],
        )
        docs += [(t, "takeaway", i, sid, pid.get(k)) for _, i, k, _, t in r.takeaways]
        self._many(
            cur,
            "INSERT INTO session_topics(session_id, topic, arguments) VALUES (?, ?, ?)",
            [(sid, t, n) for t, n in r.topics.items()],
        )
        self._exec(
            cur, "INSERT INTO reports(session_id, report_json) VALUES (?, ?)", (sid, report.to_json(indent=None))
        )
        self._many(
            cur, "INSERT INTO search_index(text, kind, ref_id, session_id, person_id) VALUES (?, ?, ?, ?, ?)", docs
        )
        self._many(
            cur,
            "INSERT INTO session_issues(session_id, topic, issue, arguments) VALUES (?, ?, ?, ?)",
            [(sid, b, i, n) for b, i, n in r.issues],
        )
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
            self._exec(
                cur,
                f"DELETE FROM {table} WHERE argument_id IN (SELECT id FROM arguments WHERE session_id = ?)",
                (session_id,),
            )
        for table in (
            "arguments",
            "quotes",
            "takeaways",
            "turns",
            "session_topics",
            "session_issues",
            "session_speakers",
            "reports",
        ):
            self._exec(cur, f"DELETE FROM {table} WHERE session_id = ?", (session_id,))

    def _drop_orphans(self, cur: Any) -> None:
        """People nobody refers to any more, and events left without sessions."""
        self._exec(cur, "DELETE FROM events WHERE id NOT IN (SELECT event_id FROM sessions)")
        # people who no longer speak anywhere nor are named in an analysis
        self._exec(cur, "DELETE FROM person_names WHERE person_id NOT IN (SELECT person_id FROM session_speakers)")
        self._exec(
            cur,
            "DELETE FROM people WHERE id NOT IN (SELECT person_id FROM session_speakers)"
            " AND id NOT IN (SELECT other_person_id FROM argument_relations "
            "WHERE other_person_id IS NOT NULL)",
        )
