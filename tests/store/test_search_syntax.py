"""One search syntax with one meaning on SQLite and PostgreSQL, bounded work, and numbers
and paths checked at the store (issue 14, findings 1, 2 and 7)."""

from __future__ import annotations

import math

import pytest

from sessionlens.errors import InputError, QueryError
from sessionlens.models import Report
from sessionlens.store import Store
from sessionlens.store import search as store_search
from sessionlens.store.query import MAX_PREFIXES, Query, Term, fts5, parse_query, tsquery

from ..deadline import within


def test_parse_gives_one_meaning() -> None:
    q = parse_query('silt "early warning" bridge OR sensor* -rain -"heavy snow"')
    assert q == Query(
        groups=((Term(("silt",)),), (Term(("early", "warning")),), (Term(("bridge",)), Term(("sensor",), True))),
        excluded=(Term(("rain",)), Term(("heavy", "snow"))),
    )
    assert fts5(q) == '"silt" AND "early warning" AND ("bridge" OR "sensor"*) NOT "rain" NOT "heavy snow"'
    assert tsquery(q) == (
        "'silt' & ('early' <-> 'warning') & ('bridge' | 'sensor':*) & !'rain' & !('heavy' <-> 'snow')"
    )


@pytest.mark.parametrize("text", ["", "  ", "-only -excluded", "OR", "*", '""', "'); DROP TABLE x; --"])
def test_queries_without_a_required_term_find_nothing(text: str) -> None:
    parsed = parse_query(text)
    assert parsed is None or all(w.isalnum() for g in parsed.groups for t in g for w in t.words)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (" ".join(["t*"] * 100), "prefix needs at least"),
        (" ".join(["ta"] * 100), "more than 32 words"),
        (" ".join(["tax*"] * (MAX_PREFIXES + 1)), "prefixes"),
        (" ".join(["t*"] * 200), "characters long"),
    ],
    ids=["short-prefix", "words", "prefixes", "length"],
)
def test_costly_queries_are_refused(text: str, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        parse_query(text)


def test_minus_excludes_and_or_alternates_on_both_backends(store: Store, hand_reports: tuple[Report, Report]) -> None:
    store.add_report(hand_reports[0], "Water week")
    assert store.search("silt").total > 0
    assert store.search("silt -silt").total == 0
    assert store.search("culvert -silt").total < store.search("culvert").total
    both = store.search("silt OR telemetry").total
    assert both == store.search("silt").total + store.search("telemetry").total
    assert store.search('"blocked by silt"').total >= 1 and store.search('"silt by blocked"').total == 0
    assert store.search("culv*").total == store.search("culvert").total
    assert store.search("-silt").total == 0


def test_many_prefix_terms_are_refused_by_the_store(store: Store, hand_reports: tuple[Report, Report]) -> None:
    store.add_report(hand_reports[0], "Water week")
    with within(10), pytest.raises(QueryError):
        store.search(" ".join(f"t{i % 10}*" for i in range(100)))


def test_a_search_past_its_time_budget_is_refused(
    sqlite_store: Store, hand_reports: tuple[Report, Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(30):
        sqlite_store.add_report(hand_reports[i % 2], f"Week {i}")
    monkeypatch.setattr(store_search, "SEARCH_SECONDS", 0.0)
    with pytest.raises(QueryError, match="took longer than"):
        sqlite_store.search("silt OR culvert OR warning")
    monkeypatch.setattr(store_search, "SEARCH_SECONDS", 5.0)
    assert sqlite_store.search("silt").total > 0  # the budget is per query, not left behind


def test_the_store_refuses_non_finite_numbers(store: Store, hand_reports: tuple[Report, Report]) -> None:
    report = hand_reports[0]
    bad = report.model_copy(
        update={
            "transcript": report.transcript.model_copy(
                update={"info": report.transcript.info.model_copy(update={"duration_seconds": math.inf})}
            )
        }
    )
    with pytest.raises(InputError, match="duration_seconds is not a finite number"):
        store.add_report(bad, "Water week")
    assert store.count_sessions() == 0


def test_no_server_path_is_kept(store: Store, hand_reports: tuple[Report, Report]) -> None:
    report = hand_reports[0]
    located = report.model_copy(
        update={
            "transcript": report.transcript.model_copy(
                update={"info": report.transcript.info.model_copy(update={"source": "/srv/private/in/floods.txt"})}
            )
        }
    )
    sid = store.add_report(located, "Water week").session_id
    assert store.session(sid).source == "floods.txt"
    assert store.get_report(sid).transcript.info.source == "floods.txt"
