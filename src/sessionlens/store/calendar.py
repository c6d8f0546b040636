"""Days and tracks of an event as rows (issue 15): `event_days` and `event_tracks`, with each
session linked to its day (`sessions.day_id`) and track (`sessions.track_id`).

`sync_calendar` derives them from the sessions' date and track columns (so an edit of a
session's date or track is followed by one call); `record_calendar` first writes the track and
date an event folder gives each stored session (matched by the content hash of its report).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .rows import content_hash

if TYPE_CHECKING:
    from ..events.event_file import Event
    from .base import Store


@dataclass
class CalendarDay:
    id: int
    day: str
    sessions: list[int] = field(default_factory=list)


@dataclass
class CalendarTrack:
    id: int
    name: str
    sessions: list[int] = field(default_factory=list)


@dataclass
class Calendar:
    event: str
    days: list[CalendarDay]
    tracks: list[CalendarTrack]


def sync_calendar(store: Store, event: str) -> Calendar | None:
    """Make the event's day and track rows those of its sessions' dates and tracks, link every
    session to them and drop rows left without a session; None when the event is not stored."""
    row = store._one("SELECT id FROM events WHERE name = ?", (event,))
    if row is None:
        return None
    event_id = int(row[0])
    with store.transaction() as cur:
        for table, column, key in (("event_days", "day", "date"), ("event_tracks", "name", "track")):
            store._exec(
                cur,
                f"INSERT INTO {table}(event_id, {column}) SELECT DISTINCT event_id, {key} FROM sessions "
                f"WHERE event_id = ? AND {key} IS NOT NULL AND {key} <> '' ON CONFLICT (event_id, {column}) DO NOTHING",
                (event_id,),
            )
            link = "day_id" if table == "event_days" else "track_id"
            store._exec(
                cur,
                f"UPDATE sessions SET {link} = (SELECT t.id FROM {table} t WHERE t.event_id = sessions.event_id "
                f"AND t.{column} = sessions.{key}) WHERE event_id = ?",
                (event_id,),
            )
            store._exec(
                cur,
                f"DELETE FROM {table} WHERE event_id = ? AND id NOT IN "
                f"(SELECT {link} FROM sessions WHERE event_id = ? AND {link} IS NOT NULL)",
                (event_id, event_id),
            )
    return calendar(store, event)


def calendar(store: Store, event: str) -> Calendar | None:
    """The event's days (in date order) and tracks (by name) with their sessions' ids."""
    row = store._one("SELECT id FROM events WHERE name = ?", (event,))
    if row is None:
        return None
    event_id = int(row[0])
    days: dict[int, CalendarDay] = {}
    for day_id, day, sid in store._all_rows(
        "SELECT d.id, d.day, s.id FROM event_days d LEFT JOIN sessions s ON s.day_id = d.id "
        "WHERE d.event_id = ? ORDER BY d.day, s.start_time, s.id",
        (event_id,),
    ):
        entry = days.setdefault(int(day_id), CalendarDay(int(day_id), str(day)))
        if sid is not None:
            entry.sessions.append(int(sid))
    tracks: dict[int, CalendarTrack] = {}
    for track_id, name, sid in store._all_rows(
        "SELECT t.id, t.name, s.id FROM event_tracks t LEFT JOIN sessions s ON s.track_id = t.id "
        "WHERE t.event_id = ? ORDER BY t.name, s.date, s.start_time, s.id",
        (event_id,),
    ):
        entry_t = tracks.setdefault(int(track_id), CalendarTrack(int(track_id), str(name)))
        if sid is not None:
            entry_t.sessions.append(int(sid))
    return Calendar(event=event, days=list(days.values()), tracks=list(tracks.values()))


def record_calendar(store: Store, event: Event) -> Calendar:
    """Give each stored session of `event` (matched by its report's content hash) the track and
    date of the event folder, then sync the event's days and tracks. Sessions of the folder not
    in the store are skipped; an event not in the store gives an empty calendar."""
    with store.transaction() as cur:
        for s in event.built:
            assert s.report is not None
            store._exec(
                cur,
                "UPDATE sessions SET track = ?, date = COALESCE(?, date) WHERE content_hash = ? "
                "AND event_id = (SELECT id FROM events WHERE name = ?)",
                (s.track, s.date, content_hash(s.report), event.name),
            )
    return sync_calendar(store, event.name) or Calendar(event=event.name, days=[], tracks=[])
