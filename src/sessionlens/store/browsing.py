"""Reading the corpus: sessions and their reports, topics and issues, events (people: `people`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .checks import public, public_source
from .people import People
from .views import (
    AgreementPair,
    EventOverview,
    EventRef,
    EventSummary,
    IssueCount,
    IssueTopic,
    PersonRef,
    SessionDetail,
    SessionSpeaker,
    SessionSummary,
    SpeakerSummary,
    TopicCount,
    TopicPage,
)

if TYPE_CHECKING:
    from ..models import Report

SESSION_COLS = (
    "s.id, s.event_id, e.name, s.title, s.date, s.start_time, s.end_time, s.duration_seconds, "
    "s.source, s.format, s.engine, s.words, s.turns, s.speakers, s.added_at, s.track"
)


class Browsing(People):
    """Mixed into Store: what the web pages and the CLI list and show."""

    def get_report(self, session_id: int) -> Report | None:
        from ..models import Report

        row = self._one("SELECT report_json FROM reports WHERE session_id = ?", (session_id,))
        return public(Report.from_json(row[0])) if row else None

    def iter_reports(self, event: str | None = None) -> Iterator[tuple[int, Report]]:
        """(session id, report) for every session, oldest first; one event when given."""
        sql = (
            "SELECT s.id FROM sessions s JOIN events e ON e.id = s.event_id"
            + (" WHERE e.name = ?" if event else "")
            + " ORDER BY s.id"
        )
        for (sid,) in self._all_rows(sql, (event,) if event else ()):
            report = self.get_report(int(sid))
            if report is not None:
                yield int(sid), report

    @staticmethod
    def _summary(row: Sequence[Any]) -> SessionSummary:
        return SessionSummary(
            id=row[0],
            event=EventRef(id=row[1], name=row[2]),
            title=row[3],
            date=row[4],
            start_time=row[5],
            end_time=row[6],
            duration_seconds=row[7],
            source=public_source(row[8]),
            format=row[9],
            engine=row[10],
            words=row[11],
            turns=row[12],
            speakers=row[13],
            added_at=row[14],
            track=row[15],
        )

    def sessions(self, event: str | None = None, limit: int = 50, offset: int = 0) -> list[SessionSummary]:
        sql = (
            f"SELECT {SESSION_COLS} FROM sessions s JOIN events e ON e.id = s.event_id"
            + (" WHERE e.name = ?" if event else "")
            + " ORDER BY s.id DESC LIMIT ? OFFSET ?"
        )
        params = ((event,) if event else ()) + (limit, offset)
        return [self._summary(r) for r in self._all_rows(sql, params)]

    def count_sessions(self, event: str | None = None) -> int:
        sql = "SELECT count(*) FROM sessions s JOIN events e ON e.id = s.event_id" + (
            " WHERE e.name = ?" if event else ""
        )
        row = self._one(sql, (event,) if event else ())
        return int(row[0]) if row else 0

    def session(self, session_id: int) -> SessionDetail | None:
        row = self._one(
            f"SELECT {SESSION_COLS} FROM sessions s JOIN events e ON e.id = s.event_id WHERE s.id = ?", (session_id,)
        )
        if row is None:
            return None
        speakers = [
            SessionSpeaker(
                person_id=r[0],
                name=r[1],
                role=r[2],
                affiliation=r[3],
                is_moderator=bool(r[4]),
                words=r[5],
                turns=r[6],
                seconds=r[7],
                wpm=r[8],
                estimated=bool(r[9]),
            )
            for r in self._all_rows(
                "SELECT person_id, name, role, affiliation, is_moderator, words, turns, seconds, "
                "wpm, estimated FROM session_speakers WHERE session_id = ? AND turns > 0 "
                "ORDER BY words DESC, name",
                (session_id,),
            )
        ]
        topics = [
            r[0]
            for r in self._all_rows(
                "SELECT topic FROM session_topics WHERE session_id = ? ORDER BY arguments DESC, topic", (session_id,)
            )
        ]
        issues = [
            IssueCount(topic=r[0], issue=r[1], arguments=r[2])
            for r in self._all_rows(
                "SELECT topic, issue, arguments FROM session_issues WHERE session_id = ? "
                "ORDER BY arguments DESC, issue",
                (session_id,),
            )
        ]
        return SessionDetail(**self._summary(row).model_dump(), speaker_list=speakers, topics=topics, issues=issues)

    # ------------------------------------------------------------------ topics and events

    def topics(self, event: str | None = None, limit: int = 50) -> list[TopicCount]:
        sql = (
            "SELECT t.topic, sum(t.arguments), count(DISTINCT t.session_id) "
            "FROM session_topics t "
            + (
                "JOIN sessions s ON s.id = t.session_id JOIN events e ON e.id = s.event_id WHERE e.name = ? "
                if event
                else ""
            )
            + "GROUP BY t.topic ORDER BY sum(t.arguments) DESC, t.topic LIMIT ?"
        )
        params = ((event,) if event else ()) + (limit,)
        return [TopicCount(topic=r[0], arguments=int(r[1]), sessions=int(r[2])) for r in self._all_rows(sql, params)]

    def issues(self, event: str | None = None, limit: int = 100) -> list[IssueTopic]:
        """Issues (the second topic level) with their basket, most sessions first."""
        sql = (
            "SELECT t.topic, t.issue, sum(t.arguments), count(DISTINCT t.session_id) FROM session_issues t "
            + (
                "JOIN sessions s ON s.id = t.session_id JOIN events e ON e.id = s.event_id WHERE e.name = ? "
                if event
                else ""
            )
            + "GROUP BY t.topic, t.issue ORDER BY count(DISTINCT t.session_id) DESC, sum(t.arguments) DESC, "
            "t.issue LIMIT ?"
        )
        return [
            IssueTopic(topic=r[0], issue=r[1], arguments=int(r[2]), sessions=int(r[3]))
            for r in self._all_rows(sql, ((event,) if event else ()) + (limit,))
        ]

    def topic(self, name: str, limit: int = 100) -> TopicPage | None:
        """A basket or an issue ("Basket › Issue" or the issue alone): its sessions with the
        number of arguments in each, its speakers and arguments."""
        from ..engines.offline.topic_levels import ISSUE_SEP, split_label

        basket, issue = split_label(name)
        if issue is None:
            found = self._one("SELECT topic, issue FROM session_issues WHERE issue = ?", (name,))
            if found is not None and not self._one("SELECT 1 FROM session_topics WHERE topic = ?", (name,)):
                basket, issue = found
        params: tuple[str, ...]
        if issue is None:
            table, where, params = "session_topics", "t.topic = ?", (basket,)
            labels: tuple[str, ...] = (basket,)
        else:
            table, where, params = "session_issues", "t.issue = ? AND t.topic = ?", (issue, basket)
            labels = (basket + ISSUE_SEP + issue,)
        rows = self._all_rows(
            f"SELECT {SESSION_COLS}, t.arguments FROM {table} t JOIN sessions s ON s.id = t.session_id "
            f"JOIN events e ON e.id = s.event_id WHERE {where} ORDER BY t.arguments DESC, s.id LIMIT ?",
            (*params, limit),
        )
        if not rows:
            return None
        speakers = [
            SpeakerSummary(id=r[0], name=r[1], sessions=r[2], words=r[3])
            for r in self._all_rows(
                "SELECT p.id, p.name, count(DISTINCT a.session_id), count(*) FROM argument_topics t "
                "JOIN arguments a ON a.id = t.argument_id JOIN people p ON p.id = a.person_id "
                "WHERE t.topic = ? GROUP BY p.id, p.name ORDER BY count(*) DESC, p.name LIMIT 30",
                labels,
            )
        ]
        return TopicPage(
            topic=issue or basket,
            basket=basket if issue else None,
            sessions=[self._summary(r) for r in rows],
            session_arguments={str(r[0]): int(r[-1]) for r in rows},
            arguments=self._arguments(
                "a.id IN (SELECT argument_id FROM argument_topics WHERE topic = ?)", labels, limit
            ),
            speakers=speakers,
            issues=[] if issue else [i for i in self.issues(limit=200) if i.topic == basket],
        )

    def events(self) -> list[EventSummary]:
        return [
            EventSummary(id=r[0], name=r[1], sessions=r[2])
            for r in self._all_rows(
                "SELECT e.id, e.name, count(s.id) FROM events e LEFT JOIN sessions s "
                "ON s.event_id = e.id GROUP BY e.id, e.name ORDER BY e.name"
            )
        ]

    def find_event(self, name: str) -> EventSummary | None:
        return next((e for e in self.events() if e.name == name), None)

    def event(self, event_id: int) -> EventOverview | None:
        """Aggregate statistics, top speakers and topics, and who agreed across sessions."""
        row = self._one("SELECT id, name FROM events WHERE id = ?", (event_id,))
        if row is None:
            return None
        agg = self._one(
            "SELECT count(*), sum(words), sum(turns), sum(duration_seconds) FROM sessions WHERE event_id = ?",
            (event_id,),
        )
        n_speakers = self._one(
            "SELECT count(DISTINCT ss.person_id) FROM session_speakers ss JOIN sessions s "
            "ON s.id = ss.session_id WHERE s.event_id = ? AND ss.turns > 0",
            (event_id,),
        )
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
            (event_id,),
        )
        return EventOverview(
            id=row[0],
            name=row[1],
            sessions=int(agg[0]) if agg else 0,
            words=int(agg[1] or 0) if agg else 0,
            turns=int(agg[2] or 0) if agg else 0,
            seconds=float(agg[3]) if agg and agg[3] is not None else None,
            speakers=int(n_speakers[0]) if n_speakers else 0,
            top_speakers=self.speakers(limit=10, event=row[1]),
            topics=self.topics(event=row[1], limit=15),
            agreements=[
                AgreementPair(
                    a=PersonRef(id=r[0], name=r[1]), b=PersonRef(id=r[2], name=r[3]), sessions=r[4], arguments=r[5]
                )
                for r in pairs
            ],
        )
