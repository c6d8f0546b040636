"""Curation on the store: every edit re-derives the stored report and its rows, and is logged."""

from __future__ import annotations

from sessionlens.models import Report
from sessionlens.store import Store
from sessionlens.store.rows import content_hash


def _person(store: Store, name: str) -> int:
    found = store.find_person(name)
    assert found is not None, name
    return found.id


def test_rename_keeps_counts_and_id_and_reaches_every_table(store: Store, hand_reports: tuple[Report, Report]) -> None:
    sids = [store.add_report(r, "Water week").session_id for r in hand_reports]
    pid = _person(store, "Amara Okafor")
    before = store.speaker(pid)
    assert before is not None and len(before.sessions) == 2
    assert store.rename_person(pid, "Amara N. Okafor-Bello", actor="ana") == pid
    after = store.speaker(pid)
    assert after is not None and after.name == "Amara N. Okafor-Bello"
    assert (after.total_words, after.total_turns) == (before.total_words, before.total_turns)
    assert {s.name for s in after.sessions} == {"Amara N. Okafor-Bello"}
    for sid in sids:
        report = store.get_report(sid)
        assert report is not None
        assert "Amara N. Okafor-Bello" in {s.name for s in report.stats}
        assert {a.speaker for a in report.arguments} >= {"Amara N. Okafor-Bello"}
        assert report.takeaways.action_items[0].speaker == "Amara N. Okafor-Bello"
        assert "Amara N. Okafor-Bello" in report.arguments[1].agreed_with
        detail = store.session(sid)
        assert detail is not None and "Amara N. Okafor-Bello" in {s.name for s in detail.speaker_list}
    hits = store.search("culvert")
    assert hits.hits and {h.speaker for h in hits.hits if h.person_id == pid} == {"Amara N. Okafor-Bello"}
    log = store.edit_log()
    assert log[0].actor == "ana" and log[0].action == "rename speaker" and log[0].target == f"person:{pid}"


def test_renaming_onto_another_person_merges_them(store: Store, hand_reports: tuple[Report, Report]) -> None:
    sid = store.add_report(hand_reports[0], "Water week").session_id
    lena, omar = _person(store, "Lena Ruiz"), _person(store, "Omar Haddad")
    words = {s.name: s.words for s in store.session(sid).speaker_list}
    assert store.merge_people(omar, lena) == omar
    assert store.speaker(lena) is None
    merged = {s.name: s.words for s in store.session(sid).speaker_list}
    assert merged["Omar Haddad"] == words["Omar Haddad"] + words["Lena Ruiz"]
    assert store.get_report(sid).transcript.speaker("Omar Haddad").aliases == ["Lena Ruiz"]
    assert store.edit_log()[0].action == "merge speakers"


def test_roles_titles_events_and_duplicates(store: Store, hand_reports: tuple[Report, Report]) -> None:
    sid = store.add_report(hand_reports[0], "Water week").session_id
    pid = _person(store, "Lena Ruiz")
    assert store.set_person_details(pid, "Hydrologist", "City of Ghent", actor="bo")
    report = store.get_report(sid)
    assert report.transcript.speaker("Lena Ruiz").affiliation == "City of Ghent"
    lena = next(s for s in store.session(sid).speaker_list if s.person_id == pid)
    assert (lena.role, lena.affiliation) == ("Hydrologist", "City of Ghent")
    assert store.edit_session(
        sid, actor="bo", title="Floods, cities and culverts", date="2025-03-02", start_time="10:30", track="Room B"
    )
    detail = store.session(sid)
    assert (detail.title, detail.date, detail.start_time, detail.track) == (
        "Floods, cities and culverts",
        "2025-03-02",
        "10:30",
        "Room B",
    )
    assert store.get_report(sid).transcript.info.title == "Floods, cities and culverts"
    # the same transcript, stored in another event, is found as a duplicate
    other = store.add_report(hand_reports[0], "Another week").session_id
    assert {s.id for s in store.duplicates(content_hash(store.get_report(sid)))} == {sid, other}
    event = store.find_event("Water week")
    assert store.rename_event(event.id, "Another week") is False  # taken
    assert store.rename_event(event.id, "Water week 2025", actor="bo") is True
    assert store.find_event("Water week 2025") is not None
    assert store.delete_event(event.id, actor="bo")
    assert store.session(sid) is None and store.session(other) is not None
    # an event emptied by deleting its last session is not listed any more
    assert store.remove_session(other, actor="bo")
    assert store.events() == []
    actions = [e.action for e in store.edit_log()]
    assert actions[:3] == ["delete session", "delete event", "rename event"]
