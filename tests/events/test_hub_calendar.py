"""Days and tracks of an event as store rows (issue 15, migration 5), on SQLite and PostgreSQL:
derived from the sessions' dates and tracks, following edits and deletions."""

from __future__ import annotations

from sessionlens.store import Store
from sessionlens.store.calendar import calendar, sync_calendar

from ..store.conftest import hand_report, pg_store, pg_url, sqlite_store, store  # noqa: F401


def _days(db: Store, event: str) -> dict[str, list[int]]:
    cal = calendar(db, event)
    assert cal is not None
    return {d.day: d.sessions for d in cal.days}


def _tracks(db: Store, event: str) -> dict[str, list[int]]:
    cal = calendar(db, event)
    assert cal is not None
    return {t.name: t.sessions for t in cal.tracks}


def test_days_and_tracks_follow_the_sessions(store: Store) -> None:  # noqa: F811
    a = store.add_report(hand_report("Floods", "Mia Berg", "Omar Haddad", date="2025-03-03"), event="forum").session_id
    b = store.add_report(hand_report("Drought", "Mia Berg", "Ana Lima", date="2025-03-04"), event="forum").session_id
    c = store.add_report(hand_report("Storms", "Ivo Petrov", "Ana Lima", date="2025-03-04"), event="forum").session_id
    other = store.add_report(hand_report("Heat", "Ivo Petrov", "Kai Tan", date="2025-03-03"), event="other")
    store.set_track(a, "Main hall")
    store.set_track(b, "Main hall")
    store.set_track(c, "Room B")
    cal = sync_calendar(store, "forum")
    assert cal is not None and cal.event == "forum"
    assert _days(store, "forum") == {"2025-03-03": [a], "2025-03-04": [b, c]}
    assert _tracks(store, "forum") == {"Main hall": [a, b], "Room B": [c]}
    assert sync_calendar(store, "other") is not None and _tracks(store, "other") == {}
    assert _days(store, "other") == {"2025-03-03": [other.session_id]}
    # an edit moves a session; a day or track left empty goes
    store.edit_session(c, "editor", track="Main hall", date="2025-03-05")
    sync_calendar(store, "forum")
    assert _days(store, "forum") == {"2025-03-03": [a], "2025-03-04": [b], "2025-03-05": [c]}
    assert _tracks(store, "forum") == {"Main hall": [a, b, c]}
    store.delete_session(b)
    sync_calendar(store, "forum")
    assert list(_days(store, "forum")) == ["2025-03-03", "2025-03-05"]
    assert sync_calendar(store, "no such event") is None and calendar(store, "no such event") is None


def test_an_event_deleted_with_its_sessions_takes_its_days_along(store: Store) -> None:  # noqa: F811
    sid = store.add_report(hand_report("Floods", "Mia Berg", "Omar Haddad", date="2025-03-03"), event="gone")
    store.set_track(sid.session_id, "Main hall")
    sync_calendar(store, "gone")
    store.delete_session(sid.session_id)
    assert calendar(store, "gone") is None
    assert store._one("SELECT count(*) FROM event_days")[0] == 0  # type: ignore[index]
    assert store._one("SELECT count(*) FROM event_tracks")[0] == 0  # type: ignore[index]
