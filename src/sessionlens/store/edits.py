"""Curation writes of the store: each edit changes the stored report, re-derives every row of
the sessions it touches from that report (one transaction), and records who did what when.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .browsing import SESSION_COLS
from .connection import now
from .views import CurationEntry, SessionSummary
from .writing import Writing

if TYPE_CHECKING:
    from ..models import Report


class Edits(Writing):
    """Mixed into Store: renames, merges, roles, session metadata, events, the edit log."""

    def _rewrite(self, cur: Any, session_id: int, report: Report) -> None:
        """Replace every row derived from session `session_id` by those of `report`."""
        from .rows import session_rows

        r = session_rows(report)
        vectors = self._sentence_vectors(session_id)
        self._delete_contents(cur, session_id)
        self._exec(
            cur,
            "UPDATE sessions SET title = ?, date = ?, start_time = ?, end_time = ?, duration_seconds = ?, "
            "words = ?, turns = ?, speakers = ?, content_hash = ? WHERE id = ?",
            (
                r.title,
                r.date,
                r.start_time,
                r.end_time,
                r.duration_seconds,
                r.words,
                len(r.turns),
                sum(1 for s in r.speakers if s.turns),
                r.content_hash,
                session_id,
            ),
        )
        self._write_contents(cur, session_id, r, report, vectors)

    def _log(self, cur: Any, actor: str, action: str, target: str, detail: dict[str, Any]) -> None:
        self._exec(
            cur,
            "INSERT INTO curation_log(at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
            (now(), actor or "editor", action, target, json.dumps(detail, ensure_ascii=False)),
        )

    def edit_log(self, limit: int = 100, target: str | None = None) -> list[CurationEntry]:
        """The latest edits, newest first; those of one target ("session:3") when given."""
        where = " WHERE target = ?" if target else ""
        rows = self._all_rows(
            f"SELECT id, at, actor, action, target, detail FROM curation_log{where} ORDER BY id DESC LIMIT ?",
            ((target,) if target else ()) + (limit,),
        )
        return [
            CurationEntry(
                id=r[0], at=r[1], actor=r[2], action=r[3], target=r[4], detail=json.loads(r[5]) if r[5] else {}
            )
            for r in rows
        ]

    def _edit_sessions(self, cur: Any, session_ids: list[int], change: Callable[[int, Report], Report]) -> None:
        for sid in session_ids:
            report = self.get_report(sid)
            if report is not None:
                self._rewrite(cur, sid, change(sid, report))

    # ------------------------------------------------------------------ people

    def _person_names(self, person_id: int) -> dict[int, str]:
        """session id -> the person's name as written in that session."""
        return {
            int(r[0]): r[1]
            for r in self._all_rows("SELECT session_id, name FROM session_speakers WHERE person_id = ?", (person_id,))
        }

    def rename_person(self, person_id: int, name: str, actor: str = "") -> int | None:
        """Rename a person in every session they speak in; a name that is already another
        person's merges the two. Returns the id the person now has (None if unknown)."""
        from ..normalize import name_key
        from .curation import rename_speakers

        name = " ".join(name.split())
        row = self._one("SELECT name FROM people WHERE id = ?", (person_id,))
        if row is None or not name:
            return None
        key = name_key(name) or name
        sessions = self._person_names(person_id)
        with self.transaction() as cur:
            self._exec(cur, "SELECT id FROM people WHERE key = ?", (key,))
            found = cur.fetchone()
            target = int(found[0]) if found else person_id
            if target == person_id:
                self._exec(cur, "UPDATE people SET key = ?, name = ? WHERE id = ?", (key, name, person_id))
            else:
                self._exec(cur, "UPDATE people SET name = ? WHERE id = ?", (name, target))
            self._edit_sessions(cur, sorted(sessions), lambda sid, rep: rename_speakers(rep, {sessions[sid]: name}))
            self._drop_orphans(cur)
            action = "rename speaker" if target == person_id else "merge speakers"
            self._log(
                cur,
                actor,
                action,
                f"person:{target}",
                {"from": row[0], "to": name, "person_id": person_id, "sessions": sorted(sessions)},
            )
        return target

    def merge_people(self, keep_id: int, other_id: int, actor: str = "") -> int | None:
        """Merge person `other_id` into `keep_id` (their words counted once, under one name)."""
        row = self._one("SELECT name FROM people WHERE id = ?", (keep_id,))
        if row is None or keep_id == other_id:
            return None
        return self.rename_person(other_id, row[0], actor)

    def set_person_details(
        self,
        person_id: int,
        role: str | None,
        affiliation: str | None,
        actor: str = "",
        session_id: int | None = None,
    ) -> bool:
        """Set the role and affiliation of a person in every session (or one)."""
        from .curation import set_speaker_details

        sessions = self._person_names(person_id)
        if session_id is not None:
            sessions = {k: v for k, v in sessions.items() if k == session_id}
        if not sessions:
            return False
        with self.transaction() as cur:
            self._edit_sessions(
                cur, sorted(sessions), lambda sid, rep: set_speaker_details(rep, sessions[sid], role, affiliation)
            )
            self._log(
                cur,
                actor,
                "set speaker details",
                f"person:{person_id}",
                {"role": role, "affiliation": affiliation, "sessions": sorted(sessions)},
            )
        return True

    # ------------------------------------------------------------------ sessions and events

    def edit_session(self, session_id: int, actor: str = "", track: str | None = None, **info: str | None) -> bool:
        """Change a session's title, date, start_time, end_time (in its report too) and track."""
        from .curation import set_session_info

        report = self.get_report(session_id)
        if report is None:
            return False
        with self.transaction() as cur:
            self._rewrite(cur, session_id, set_session_info(report, **info))
            if track is not None:
                self._exec(cur, "UPDATE sessions SET track = ? WHERE id = ?", (track.strip() or None, session_id))
            self._log(
                cur,
                actor,
                "edit session",
                f"session:{session_id}",
                {k: v for k, v in {**info, "track": track}.items() if v is not None},
            )
        return True

    def move_session(self, session_id: int, event: str, actor: str = "") -> bool:
        """Put a session into another event (created when new)."""
        with self.transaction() as cur:
            self._exec(cur, "SELECT id FROM sessions WHERE id = ?", (session_id,))
            if cur.fetchone() is None:
                return False
            event_id = self._upsert_event(cur, event)
            self._exec(cur, "UPDATE sessions SET event_id = ? WHERE id = ?", (event_id, session_id))
            self._drop_orphans(cur)
            self._log(cur, actor, "move session", f"session:{session_id}", {"event": event})
        return True

    def remove_session(self, session_id: int, actor: str = "") -> bool:
        """Delete a session, recording who did it."""
        title = self._one("SELECT title FROM sessions WHERE id = ?", (session_id,))
        if title is None:
            return False
        with self.transaction() as cur:
            self._delete_rows(cur, session_id)
            self._log(cur, actor, "delete session", f"session:{session_id}", {"title": title[0]})
        return True

    def rename_event(self, event_id: int, name: str, actor: str = "") -> bool | None:
        """Rename an event; False when another event has that name, None when there is none."""
        name = " ".join(name.split())
        row = self._one("SELECT name FROM events WHERE id = ?", (event_id,))
        if row is None or not name:
            return None
        if self._one("SELECT id FROM events WHERE name = ? AND id <> ?", (name, event_id)):
            return False
        with self.transaction() as cur:
            self._exec(cur, "UPDATE events SET name = ? WHERE id = ?", (name, event_id))
            self._log(cur, actor, "rename event", f"event:{event_id}", {"from": row[0], "to": name})
        return True

    def delete_event(self, event_id: int, actor: str = "") -> bool:
        """Delete an event with all its sessions."""
        row = self._one("SELECT name FROM events WHERE id = ?", (event_id,))
        if row is None:
            return False
        sids = [int(r[0]) for r in self._all_rows("SELECT id FROM sessions WHERE event_id = ?", (event_id,))]
        with self.transaction() as cur:
            for sid in sids:
                self._delete_rows(cur, sid, orphans=False)
            self._exec(cur, "DELETE FROM events WHERE id = ?", (event_id,))
            self._drop_orphans(cur)
            self._log(cur, actor, "delete event", f"event:{event_id}", {"name": row[0], "sessions": sids})
        return True

    def set_track(self, session_id: int, track: str | None) -> None:
        """The room or track given with an upload (not an edit: nothing is logged)."""
        with self.transaction() as cur:
            self._exec(cur, "UPDATE sessions SET track = ? WHERE id = ?", ((track or "").strip() or None, session_id))

    def duplicates(self, content_hash: str) -> list[SessionSummary]:
        """Stored sessions with this transcript, in any event."""
        return [
            self._summary(r)
            for r in self._all_rows(
                f"SELECT {SESSION_COLS} FROM sessions s JOIN events e ON e.id = s.event_id "
                "WHERE s.content_hash = ? ORDER BY s.id",
                (content_hash,),
            )
        ]
