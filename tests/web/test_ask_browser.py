"""The /ask page in real headless Chromium: ask a question, read the answer, follow a
citation to the right turn of the session report."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionlens.pipeline import analyze, ingest
from sessionlens.store import open_store

from .conftest import Live, start_server
from .test_browser import browser_page  # noqa: F401 (the Chromium fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def corpus_live(tmp_path: Path, connectivity_panel: Path) -> Iterator[Live]:
    with open_store(tmp_path / "corpus.db") as store:
        store.add_report(analyze(ingest(connectivity_panel), engine="none"), event="IGF 2025")
    server, stop = start_server(tmp_path / "corpus.db")
    yield server
    stop()


def test_ask_answer_and_citation_opens_the_turn(
    browser_page,  # noqa: F811
    corpus_live: Live,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    shots = Path(os.environ.get("SESSIONLENS_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{corpus_live.url}/")
    page.click("nav >> text=Ask")
    page.wait_for_url(f"{corpus_live.url}/ask")
    page.fill("#question", "How can the digital divide be closed?")
    page.select_option("#ask-event", "IGF 2025")
    page.click("#ask-form button[type=submit]")
    page.wait_for_selector("#answer-lead")
    assert page.inner_text("#answer-lead").startswith("On digital divide closed")
    assert "digital divide" in page.inner_text("#answer").lower()
    page.screenshot(path=str(shots / "web-ask.png"), full_page=True)

    # the first source names a speaker and quotes what they said in the linked turn
    source = page.locator(".citations li").first
    speaker = source.locator("a.source").inner_text().split(",")[0]
    quote = source.locator(".muted").inner_text().strip("“”")
    href = source.locator("a.source").get_attribute("href")
    assert href is not None and "#turn-" in href
    source.locator("a.source").click()
    page.wait_for_url(f"**{href.split('#')[0]}*")
    turn = page.locator(f"#{href.split('#')[1]}")
    turn.wait_for()
    assert quote in turn.inner_text() and speaker in turn.inner_text()
    assert errors == []
