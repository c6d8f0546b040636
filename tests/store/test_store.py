"""The corpus store on SQLite and PostgreSQL: adding, searching, people, events, deleting."""

from __future__ import annotations

import re

from sessionlens.models import Report
from sessionlens.store import MARK_END, MARK_START, Store

MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}")


def guest(report: Report) -> str:
    """The guest's name as that session spells it (after normalisation)."""
    return report.transcript.turns[1].speaker


def test_digital_divide_hits_come_from_the_panel_ranked_and_highlighted(
        store: Store, panel_report: Report, hand_reports: tuple[Report, Report]) -> None:
    for r in hand_reports:
        store.add_report(r, "Water week")
    sid = store.add_report(panel_report, "UN dialogues").session_id
    results = store.search("digital divide")
    assert results.total >= 3
    assert {h.session_id for h in results.hits} == {sid}
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True)
    for hit in results.hits:
        marked = {m.lower() for m in MARKED.findall(hit.snippet)}
        assert marked & {"digital", "divide"}, hit.snippet
        plain = hit.snippet.replace(MARK_START, "").replace(MARK_END, "").strip("…. ")
        turn = panel_report.transcript.turns[hit.turn_index]
        assert plain.split(" … ")[0] in turn.text  # the snippet is the turn's own text
        assert hit.speaker == turn.speaker
    # facets count over all hits, not just the page
    assert sum(f.count for f in results.facets["speaker"]) == results.total
    assert results.facets["event"][0].value == "UN dialogues"


def test_adding_again_is_a_no_op_and_replace_rewrites(store: Store, panel_report: Report) -> None:
    first = store.add_report(panel_report, "E")
    again = store.add_report(panel_report, "E")
    assert first.created and not again.created and again.session_id == first.session_id
    total = store.search("digital divide").total
    replaced = store.add_report(panel_report, "E", replace=True)
    assert replaced.created and replaced.session_id != first.session_id
    assert store.count_sessions() == 1
    assert store.search("digital divide").total == total  # no stale index rows
    assert store.get_report(first.session_id) is None
    # another event is another session
    assert store.add_report(panel_report, "F").created
    assert store.count_sessions() == 2


def test_report_round_trips(store: Store, hand_reports: tuple[Report, Report]) -> None:
    sid = store.add_report(hand_reports[0], "Water week").session_id
    assert store.get_report(sid) == hand_reports[0]
    exported = list(store.iter_reports("Water week"))
    assert [s for s, _ in exported] == [sid]


def test_search_covers_arguments_quotes_and_takeaways(
        store: Store, hand_reports: tuple[Report, Report]) -> None:
    store.add_report(hand_reports[0], "Water week")
    kinds = {
        "telemetry": "argument",  # only in an argument explanation
        "neighbourhoods": "quote",  # in a quote (and the turn it came from)
        "calendar": "takeaway",  # an action item
        "rebuilding": "takeaway",  # a key takeaway
    }
    for word, kind in kinds.items():
        found = {h.kind for h in store.search(word).hits}
        assert kind in found, (word, found)
    assert {h.kind for h in store.search("telemetry").hits} == {"argument"}
    only_quotes = store.search("neighbourhoods", kind="quote")
    assert [h.kind for h in only_quotes.hits] == ["quote"]
    # stemming: "warnings" finds "warning"
    assert store.search("warnings").total >= 2


def test_filters_by_speaker_variant_topic_event_and_date(
        store: Store, hand_reports: tuple[Report, Report]) -> None:
    a, b = hand_reports
    store.add_report(a, "Water week")
    store.add_report(b, "River forum")
    assert store.search("silt").total >= 4  # turn + argument in each session
    by_variant = store.search("silt", speaker="Dr. AMARA okafor")
    assert by_variant.total >= 4 and {h.speaker for h in by_variant.hits} == {guest(a)}
    assert store.search("silt", speaker="Lena Ruiz").total == 0
    assert store.search("silt", speaker="Nobody Known").total == 0
    assert {h.event for h in store.search("silt", event="River forum").hits} == {"River forum"}
    assert {h.date for h in store.search("silt", date="3 Mar 2025").hits} == {"3 Mar 2025"}
    assert store.search("silt", topic="Development").total >= 4
    assert store.search("silt", topic="Cybersecurity").total == 0
    topics = {f.value: f.count for f in store.search("silt").facets["topic"]}
    assert set(topics) == {"Infrastructure", "Development"}


def test_one_person_across_sessions(store: Store, hand_reports: tuple[Report, Report]) -> None:
    a, b = hand_reports
    s1 = store.add_report(a, "Water week").session_id
    s2 = store.add_report(b, "Water week").session_id
    person = store.find_person("AMARA OKAFOR")
    assert person is not None
    profile = store.speaker(person.id)
    assert profile is not None
    assert [s.session_id for s in profile.sessions] == [s1, s2]
    assert {guest(a), guest(b)} <= set(profile.variants) and guest(a) != guest(b)
    words = [st.words for r in (a, b) for st in r.stats if "Okafor" in st.name]
    assert profile.total_words == sum(words)
    assert [arg.title for arg in profile.arguments] == ["Blocked culverts cause urban flooding"] * 2
    assert {t.topic: t.arguments for t in profile.topics} == {"Infrastructure": 2}
    agreed = {r.name: r for r in profile.agreed_with}
    assert set(agreed) == {"Lena Ruiz"} and agreed["Lena Ruiz"].sessions == 2
    assert profile.disagreed_with == []
    lena = store.speaker(store.find_person("Lena Ruiz").id)  # type: ignore[union-attr]
    assert {r.name for r in lena.disagreed_with} == {"Omar Haddad"}  # type: ignore[union-attr]


def test_event_overview_and_topic_page(store: Store, hand_reports: tuple[Report, Report],
                                       panel_report: Report) -> None:
    for r in hand_reports:
        store.add_report(r, "Water week")
    store.add_report(panel_report, "UN dialogues")
    event = store.find_event("Water week")
    assert event is not None and event.sessions == 2
    overview = store.event(event.id)
    assert overview is not None
    assert overview.sessions == 2
    assert overview.words == sum(st.words for r in hand_reports for st in r.stats)
    assert overview.speakers == 3
    assert [(t.topic, t.arguments, t.sessions) for t in overview.topics] == [
        ("Infrastructure", 4, 2), ("Development", 2, 2)]
    pair = overview.agreements[0]
    assert {pair.a.name, pair.b.name} == {guest(hand_reports[0]), "Lena Ruiz"}
    assert pair.sessions == 2
    page = store.topic("Development")
    assert page is not None
    assert len(page.sessions) == 2 and {a.speaker for a in page.arguments} == {"Lena Ruiz"}
    assert store.topic("Nothing such") is None


def test_delete_removes_everything(store: Store, hand_reports: tuple[Report, Report]) -> None:
    keep = store.add_report(hand_reports[0], "Water week").session_id
    gone = store.add_report(hand_reports[1], "Water week").session_id
    before = store.search("silt").total
    assert store.delete_session(gone)
    assert not store.delete_session(gone)
    assert store.session(gone) is None and store.get_report(gone) is None
    assert store.search("silt").total == before // 2
    assert {h.session_id for h in store.search("silt").hits} == {keep}
    assert store.delete_session(keep)
    assert store.speakers() == [] and store.find_person("Lena Ruiz") is None
    assert store.search("silt").total == 0


def test_queries_that_are_not_syntax(store: Store, panel_report: Report) -> None:
    store.add_report(panel_report, "E")
    for query in ['"', "AND", "OR OR", "NEAR(", "*", "digital -", "'; DROP TABLE turns; --",
                  "col:umn", "(", "^x", "\x00", "   "]:
        store.search(query)  # never raises
    assert store.search('"digital divide"').total >= 2  # phrase
    if store.dialect.name == "sqlite":  # prefixes: FTS5 only
        assert store.search("digit*").total >= store.search("digital").total
    assert store.search("digital OR zzzzunlikely").total == store.search("digital").total
