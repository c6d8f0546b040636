"""People across sessions: finding a person by any spelling, the speakers list, a speaker's profile."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .connection import Connections
from .views import ArgumentView, PersonRef, Relation, SpeakerProfile, SpeakerSession, SpeakerSummary, TopicCount


class People(Connections):
    """Mixed into Store: who spoke, under which names, arguing what, agreeing with whom."""

    def find_person(self, name: str) -> PersonRef | None:
        """The person whose name (or a variant) has the same name_key as `name`."""
        from ..normalize import name_key

        row = self._one("SELECT id, name FROM people WHERE key = ?", (name_key(name) or name,))
        return PersonRef(id=row[0], name=row[1]) if row else None

    def speakers(self, limit: int = 100, offset: int = 0, event: str | None = None) -> list[SpeakerSummary]:
        sql = (
            "SELECT p.id, p.name, count(DISTINCT ss.session_id), sum(ss.words) FROM people p "
            "JOIN session_speakers ss ON ss.person_id = p.id "
            + (
                "JOIN sessions s ON s.id = ss.session_id JOIN events e ON e.id = s.event_id "
                "WHERE e.name = ? AND ss.turns > 0 "
                if event
                else "WHERE ss.turns > 0 "
            )
            + "GROUP BY p.id, p.name ORDER BY sum(ss.words) DESC, p.name LIMIT ? OFFSET ?"
        )
        params = ((event,) if event else ()) + (limit, offset)
        return [
            SpeakerSummary(id=r[0], name=r[1], sessions=r[2], words=int(r[3] or 0)) for r in self._all_rows(sql, params)
        ]

    def _arguments(self, where: str, params: Sequence[Any], limit: int = 200) -> list[ArgumentView]:
        rows = self._all_rows(
            "SELECT a.id, a.session_id, s.title, a.speaker, a.person_id, a.title, a.explanation, "
            "a.evidence, a.discussion_point FROM arguments a JOIN sessions s ON s.id = a.session_id "
            f"WHERE {where} ORDER BY a.session_id, a.idx LIMIT ?",
            [*params, limit],
        )
        if not rows:
            return []
        ids = [r[0] for r in rows]
        topics: dict[int, list[str]] = {}
        for aid, t in self._all_rows(
            f"SELECT argument_id, topic FROM argument_topics WHERE argument_id IN ({', '.join('?' * len(ids))})", ids
        ):
            topics.setdefault(aid, []).append(t)
        return [
            ArgumentView(
                session_id=r[1],
                session_title=r[2],
                speaker=r[3],
                person_id=r[4],
                title=r[5],
                explanation=r[6],
                evidence=r[7],
                discussion_point=r[8],
                topics=topics.get(r[0], []),
            )
            for r in rows
        ]

    def speaker(self, person_id: int) -> SpeakerProfile | None:
        """Everything about one person across sessions."""
        row = self._one("SELECT id, name FROM people WHERE id = ?", (person_id,))
        if row is None:
            return None
        variants = [
            r[0]
            for r in self._all_rows("SELECT name FROM person_names WHERE person_id = ? ORDER BY name", (person_id,))
        ]
        sessions = [
            SpeakerSession(
                session_id=r[0],
                title=r[1],
                event=r[2],
                date=r[3],
                name=r[4],
                role=r[5],
                words=r[6],
                turns=r[7],
                seconds=r[8],
                wpm=r[9],
                estimated=bool(r[10]),
            )
            for r in self._all_rows(
                "SELECT s.id, s.title, e.name, s.date, ss.name, ss.role, ss.words, ss.turns, "
                "ss.seconds, ss.wpm, ss.estimated FROM session_speakers ss "
                "JOIN sessions s ON s.id = ss.session_id JOIN events e ON e.id = s.event_id "
                "WHERE ss.person_id = ? ORDER BY s.id",
                (person_id,),
            )
        ]
        timed = [s for s in sessions if s.seconds]
        seconds = sum(s.seconds or 0.0 for s in timed) if timed else None
        timed_words = sum(s.words for s in timed)
        topics = [
            TopicCount(topic=r[0], arguments=r[1], sessions=r[2])
            for r in self._all_rows(
                "SELECT t.topic, count(*), count(DISTINCT a.session_id) FROM argument_topics t "
                "JOIN arguments a ON a.id = t.argument_id WHERE a.person_id = ? "
                "GROUP BY t.topic ORDER BY count(*) DESC, t.topic",
                (person_id,),
            )
        ]
        return SpeakerProfile(
            id=row[0],
            name=row[1],
            variants=variants,
            sessions=sessions,
            total_words=sum(s.words for s in sessions),
            total_turns=sum(s.turns for s in sessions),
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
            (person_id, kind, person_id, kind, person_id),
        )
        names = (
            {
                r[0]: r[1]
                for r in self._all_rows(
                    f"SELECT id, name FROM people WHERE id IN ({', '.join('?' * len(rows))})", [r[0] for r in rows]
                )
            }
            if rows
            else {}
        )
        return [Relation(person_id=r[0], name=names.get(r[0], r[1]), arguments=r[2], sessions=r[3]) for r in rows]
