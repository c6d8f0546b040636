"""The hub of the issue's test event as `sessionlens event build` makes it (20+ real sessions:
the seeds, the Senate hearing, the example panel, QMSum meetings and espeak-ng recordings, two
local workers, a database): it opens in Chromium with no console error, every link resolves,
every thread quotes its speakers verbatim across two sessions or more, every summary sentence
cites its sessions, and the store holds the event's days and tracks.

The event and its builder come with the events half of issue 15 (tests/events/conftest.py);
without them these tests skip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sessionlens.cli import cli
from sessionlens.events.event_file import load_event
from sessionlens.events.summaries import summarize
from sessionlens.events.threads import find_threads, verify_threads

from .conftest import build
from .hub_checks import assert_links_resolve, assert_threads_verbatim, chromium, crawl_in_chromium

pytestmark = pytest.mark.slow  # one build of a 22-session event, then its hub


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    manifest = request.getfixturevalue("event_manifest")
    out = tmp_path_factory.mktemp("built") / "out"
    r = build(str(manifest), "--out", str(out), "--workers", "2", "--to", "json,html", "--db", str(out.parent / "c.db"))
    assert r.returncode == 0, r.stderr
    result = CliRunner().invoke(cli, ["event", "hub", str(out), "--db", str(out.parent / "c.db")])
    assert result.exit_code == 0, result.output
    return out


def test_the_hub_of_the_built_event_resolves_and_opens(built: Path) -> None:
    event = load_event(built)
    assert len(event.built) >= 20
    assert assert_links_resolve(built) >= 2 * len(event.built)
    with chromium() as browser:
        assert len(crawl_in_chromium(browser, built, event.subject)) >= 4 + len(event.built)  # untitled: "The event"


def test_the_threads_of_the_built_event_are_verbatim(built: Path) -> None:
    event = load_event(built)
    sessions = [(s.slug, s.report) for s in event.built if s.report is not None]
    threads = verify_threads(find_threads(sessions), sessions)
    assert threads
    assert_threads_verbatim(threads, sessions)
    page = (built / "hub" / "threads.html").read_text(encoding="utf-8")
    assert page.count('<section class="thread"') == len(threads)
    summaries = summarize(event, threads)
    assert len(summaries) == 1 + len({s.date for s in event.sessions})
    assert all(s.dropped == 0 and all(x.sessions for x in s.sentences) for s in summaries)


def test_the_store_holds_the_days_and_tracks(built: Path) -> None:
    from sessionlens.store import open_store
    from sessionlens.store.calendar import calendar

    event = json.loads((built / "event.json").read_text(encoding="utf-8"))
    with open_store(built.parent / "c.db") as store:
        cal = calendar(store, event["name"])
    assert cal is not None
    days = {s["date"] for s in event["sessions"]}
    tracks = {s["track"] for s in event["sessions"]}
    assert [d.day for d in cal.days] == sorted(days)
    assert {t.name for t in cal.tracks} == tracks
    assert sum(len(d.sessions) for d in cal.days) == len(event["sessions"])
