"""The event hub over a real event folder (the seeds, the Senate hearing, the example panel and
two panels written for the tests, plus a failed session): it opens in Chromium with no console
error, a crawler follows every link from file:// and from `sessionlens serve --hub`, and the
pages say what the reports say. Built once per module (reports take seconds each)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from click.testing import CliRunner

from sessionlens.cli import cli
from sessionlens.events import hub_view
from sessionlens.events.event_file import load_event
from sessionlens.events.hub import CACHE, build_hub

from ..shared_data import shared_path
from .hub_checks import Links, assert_links_resolve, chromium, crawl_in_chromium, hub_pages
from .hub_event import FAILED, write_event


@pytest.fixture(scope="module")
def event_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = write_event(tmp_path_factory.mktemp("event"), shared_path())
    build_hub(out)
    return out


def test_every_link_resolves_from_file(event_dir: Path) -> None:
    assert assert_links_resolve(event_dir) > 50


def test_served_hub_links_resolve(event_dir: Path, tmp_path: Path) -> None:
    """`serve --hub`: a crawler from /hub/ reaches every linked page and file; nothing outside
    the folder is served."""
    from fastapi.testclient import TestClient

    from sessionlens.web import create_app
    from sessionlens.web.hub import mount_hub

    app = create_app(str(tmp_path / "c.db"), token="t" * 32, engine="none", allowed_hosts=["testserver"])
    mount_hub(app, event_dir)
    with TestClient(app) as client:
        seen: set[str] = set()
        todo = ["http://testserver/hub/"]
        while todo:
            url = todo.pop()
            if url in seen:
                continue
            seen.add(url)
            r = client.get(url)
            assert r.status_code == 200, url
            if r.headers["content-type"].startswith("text/html") and "/sessions/" not in url:
                assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
                for href in Links(r.text).hrefs:
                    todo.append(urldefrag(urljoin(url, href))[0])
        assert len(seen) >= 5 + 2 * len(load_event(event_dir).built)
        for bad in ("/hub/../event.json", "/hub/%2e%2e/c.db", "/hub/.hidden", "/hub/nope.html"):
            assert client.get(bad).status_code == 404, bad
        assert client.get("/hub", follow_redirects=False).status_code == 307


@pytest.mark.browser
def test_hub_opens_in_chromium_without_errors(event_dir: Path) -> None:
    with chromium() as browser:
        assert len(crawl_in_chromium(browser, event_dir, "Test Forum 2025")) >= 5 + len(load_event(event_dir).built)


def test_index_lists_sessions_by_day_and_track(event_dir: Path) -> None:
    event = load_event(event_dir)
    html = (event_dir / "index.html").read_text(encoding="utf-8")
    assert f'{len(event.sessions)} sessions over 3 days (1 failed: <a href="#session-{FAILED[0]}">' in html
    for day in ("Monday 3 March 2025", "Tuesday 4 March 2025", "Wednesday 5 March 2025"):
        assert f">{day}</h2>" in html
    for s in event.sessions:
        assert f'id="session-{s.slug}"' in html
        for out in s.outputs:
            assert f'href="{out}"' in html
    # the failed session with its reason, and no report link
    row = html[html.index(f'id="session-{FAILED[0]}"') :].split("</tr>")[0]
    assert FAILED[-1] in row and "Failed" in row and "href" not in row
    un = next(s for s in event.sessions if s.slug == "un-panel")
    assert un.report is not None
    row = html[html.index('id="session-un-panel"') :].split("</tr>")[0]
    assert all(name in row for name in (x.name for x in un.report.stats if x.words))


def test_speaker_index_adds_up_the_reports(event_dir: Path) -> None:
    event = load_event(event_dir)
    index = hub_view.speaker_index(event)
    heard = {where: e for e in index for where in e.heard_as}
    for s in event.built:
        assert s.report is not None
        for x in s.report.stats:
            if x.words:
                assert s.slug in heard[(s.slug, x.name)].sessions
    for e in index:
        stats = [x for s in event.built for x in s.report.stats if (s.slug, x.name) in e.heard_as]  # type: ignore[union-attr]
        assert e.words == sum(x.words for x in stats)
        assert e.seconds > 0 and e.estimated == any(x.seconds is None or x.estimated for x in stats)
        args = [
            a.title
            for s in event.built
            for a in s.report.arguments  # type: ignore[union-attr]
            if (s.slug, a.speaker) in e.heard_as
        ]
        assert [a.title for a in e.arguments] == args
    assert [e.words for e in index] == sorted((e.words for e in index), reverse=True)
    html = (event_dir / "hub" / "speakers.html").read_text(encoding="utf-8")
    assert html.count('<section aria-labelledby="speaker-') == len(index)
    assert "—" not in html.split("<tbody>")[1].split("</tbody>")[0]  # every time given or estimated
    threads = (event_dir / "hub" / "threads.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'<a href="speakers.html#(speaker-\d+)">', threads))
    assert linked and linked <= {e.id for e in index}


def test_citations_lead_to_the_quoted_turn_of_the_report(event_dir: Path) -> None:
    """A thread's quote links to its session's HTML report at the turn it is from, and that turn
    holds the quote; summaries cite the reports, not the index rows."""
    from html import unescape

    threads = (event_dir / "hub" / "threads.html").read_text(encoding="utf-8")
    voices = re.findall(r'<p>“(.+?)”</p>\n<footer>.*?<a href="\.\./(sessions/[^"#]+)#turn-(\d+)">', threads)
    assert voices
    for quote, report, turn in voices:
        page = (event_dir / report).read_text(encoding="utf-8")
        item = page[page.index(f'id="turn-{turn}"') :].split("</li>")[0]
        assert " ".join(unescape(quote).split()) in " ".join(unescape(re.sub(r"<[^>]+>", "", item)).split())
    summaries = (event_dir / "hub" / "summaries.html").read_text(encoding="utf-8")
    assert "index.html#session-" not in summaries.replace(f"index.html#session-{FAILED[0]}", "")
    assert '<a href="../sessions/un-panel/report.html">' in summaries


def test_a_sentence_citing_many_sessions_links_the_list_once(event_dir: Path) -> None:
    """No wall of links: a summary sentence citing more than MAX_CITED sessions has one link to
    the session list, and one citing the one session it names links its report as "report"."""
    from sessionlens.events.hub import MAX_CITED

    summaries = (event_dir / "hub" / "summaries.html").read_text(encoding="utf-8")
    cites = re.findall(r'<span class="cite">\[(.*?)\]</span>', summaries)
    assert cites and all(c.count("<a ") <= MAX_CITED for c in cites)
    assert any(re.fullmatch(r'<a href="\.\./index\.html">\d+ sessions</a>', c) for c in cites)
    assert any(c.endswith(">report</a>") for c in cites)


def test_topic_map_is_the_reports_topics(event_dir: Path) -> None:
    event = load_event(event_dir)
    html = (event_dir / "hub" / "topics.html").read_text(encoding="utf-8")
    assert '<svg class="chart" id="topic-map-svg"' in html
    expected: dict[tuple[str, str], int] = {}
    for s in event.built:
        for a in s.report.arguments:  # type: ignore[union-attr]
            if a.topics:
                key = (a.topics[0].split(" › ")[0], s.slug)
                expected[key] = expected.get(key, 0) + 1
    assert hub_view.topic_counts(event)[2] == expected
    assert html.count("<circle ") == len(expected)
    assert sum(int(n) for n in re.findall(r": (\d+) arguments?</title>", html)) == sum(expected.values())


def test_build_is_deterministic(event_dir: Path, tmp_path: Path) -> None:
    """The same folder, built again elsewhere, gives byte-identical pages (no time, no path)."""
    again = tmp_path / "again"
    shutil.copytree(event_dir, again)
    for page in hub_pages(again):
        page.unlink()
    shutil.rmtree(again / CACHE.parent)  # from scratch: no vectors of the first build
    build_hub(again)
    assert (again / CACHE).is_file()
    build_hub(again)  # and again with them
    for page in hub_pages(event_dir):
        rel = page.relative_to(event_dir)
        assert (again / rel).read_bytes() == page.read_bytes(), rel
        assert str(event_dir) not in page.read_text(encoding="utf-8")


def test_cli_builds_the_hub_and_records_days_and_tracks(event_dir: Path, tmp_path: Path) -> None:
    from sessionlens.store import open_store
    from sessionlens.store.calendar import calendar

    copy = tmp_path / "out"
    shutil.copytree(event_dir, copy)
    (copy / "index.html").unlink()
    db = tmp_path / "c.db"
    event = load_event(copy)
    with open_store(db) as store:
        for s in event.built:
            store.add_report(s.report, event=event.name)  # type: ignore[arg-type]
    result = CliRunner().invoke(cli, ["event", "hub", str(copy), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (copy / "index.html").read_bytes() == (event_dir / "index.html").read_bytes()
    with open_store(db) as store:
        cal = calendar(store, event.name)
    assert cal is not None
    assert [d.day for d in cal.days] == ["2025-03-03", "2025-03-04", "2025-03-05"]
    assert [len(d.sessions) for d in cal.days] == [3, 3, 1]
    assert {t.name: len(t.sessions) for t in cal.tracks} == {"Main hall": 3, "Room B": 3}


def test_cli_refuses_a_folder_without_an_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sessionlens.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["event", "hub", str(tmp_path)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{tmp_path / 'event.json'}: not found" in err
    (tmp_path / "event.json").write_text('{"name": "x", "sessions": [{"slug": "../up", "status": "done"}]}')
    with pytest.raises(SystemExit) as exit_:
        main(["event", "hub", str(tmp_path)])
    assert exit_.value.code == 2 and "leaves the event folder" in capsys.readouterr().err
