"""Checks of a built hub shared by the hub tests: every link resolves, the pages open in
Chromium without a console error, and every thread quotes its speakers verbatim."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from sessionlens.events.threads import MIN_SESSIONS, Thread
from sessionlens.models import Report

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class Links(HTMLParser):
    """The hrefs and ids of one HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")


def hub_pages(out: Path) -> list[Path]:
    return [out / "index.html", *sorted((out / "hub").glob("*.html"))]


def assert_links_resolve(out: Path) -> int:
    """Every href of every hub page is relative and names a file in the folder (and an id on
    that page where it has a fragment); returns how many were checked."""
    checked = 0
    for page in hub_pages(out):
        for href in Links(page.read_text(encoding="utf-8")).hrefs:
            assert not urlparse(href).scheme and not href.startswith("/"), f"{page.name}: {href} is not relative"
            path, fragment = urldefrag(href)
            target = (page.parent / unquote(path)).resolve() if path else page
            assert target.is_file(), f"{page.name}: {href} leads nowhere"
            assert target.is_relative_to(out.resolve())
            if fragment and target.suffix == ".html":
                assert fragment in Links(target.read_text(encoding="utf-8")).ids, f"{page.name}: {href}"
            checked += 1
    return checked


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright; skips where either is missing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which("chromium") and not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


def crawl_in_chromium(browser: Any, out: Path, title: str) -> set[str]:
    """Open every hub page from file:// and follow each of its links: no console error or
    warning, no page error, no request leaving the folder. Returns the URLs visited."""
    visited: set[str] = set()
    for start in (p.as_uri() for p in hub_pages(out)):
        page = browser.new_page()
        console: list[tuple[str, str]] = []
        requests: list[str] = []
        page.on("console", lambda m, c=console: c.append((m.type, m.text)))
        page.on("pageerror", lambda e, c=console: c.append(("pageerror", str(e))))
        page.on("request", lambda r, q=requests: q.append(r.url))
        page.goto(start)
        page.wait_for_load_state("load")
        assert page.locator("h1").inner_text() == title
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in sorted(set(hrefs)):
            target = urldefrag(href)[0]
            if target in visited or target == start:
                continue
            visited.add(target)
            response = page.goto(target)
            assert response is None or response.ok, href
        assert [m for m in console if m[0] in ("error", "warning", "pageerror")] == [], start
        assert all(u.startswith(out.resolve().as_uri()) for u in requests), requests
        page.close()
    return visited


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_threads_verbatim(threads: list[Thread], sessions: list[tuple[str, Report]]) -> None:
    """Each thread spans MIN_SESSIONS sessions or more, has one voice per speaker and session,
    and each quote is verbatim in the named speaker's own turn of the named session."""
    reports = dict(sessions)
    for th in threads:
        assert len(set(th.sessions)) >= MIN_SESSIONS, th.id
        assert len({(v.session, v.speaker) for v in th.voices}) == len(th.voices), th.id
        for v in th.voices:
            own = {t.index: _flat(t.text) for t in reports[v.session].transcript.turns if t.speaker == v.speaker}
            assert v.turn in own, (th.id, v)
            assert _flat(v.quote) in own[v.turn], (th.id, v.speaker, v.quote)
            assert len(v.quote.split()) >= 6
