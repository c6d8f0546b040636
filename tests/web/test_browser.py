"""The web app in real headless Chromium (Debian's, driven by Playwright): log in, upload
seed 002, watch the job finish, open the report, search, open a speaker page.

Screenshots go to $SESSIONLENS_SCREENSHOTS when set (docs/img/ for the documentation),
else to the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionlens.pipeline import analyze, ingest

from .conftest import Live

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def browser_page() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()


def test_upload_watch_report_search_speaker(browser_page, live: Live, seed_002: Path,
                                            tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    shots = Path(os.environ.get("SESSIONLENS_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # a Content-Security-Policy violation is reported on the console
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live.url}/login?next=/upload")
    page.fill("#token", live.token)
    page.click("button[type=submit] >> text=Log in")
    page.wait_for_url(f"{live.url}/upload")

    page.set_input_files("#file", str(seed_002))
    page.fill("#event", "IGF 2025")
    page.select_option("#engine", "none")
    page.screenshot(path=str(shots / "web-upload.png"))
    page.click("text=Upload and analyse")
    page.wait_for_url(f"{live.url}/jobs/*")
    # the progress page reloads itself until the job is done
    page.wait_for_selector("#session-link", timeout=60_000)
    assert page.inner_text("#status") == "done"
    page.screenshot(path=str(shots / "web-job.png"))

    page.click("#session-link")
    page.wait_for_selector("h1")
    assert "United Nations High-Level Leaders" in page.inner_text("h1")
    speakers = len(analyze(ingest(seed_002), engine="none").stats)
    assert page.locator("table tbody tr").count() == speakers
    page.screenshot(path=str(shots / "web-session.png"), full_page=True)

    page.click("#open-report")
    page.wait_for_load_state()
    assert "Tomas Lamanauskas" in page.content()
    page.screenshot(path=str(shots / "web-report.png"))
    page.go_back()

    page.fill("header input[name=q]", "digital divide")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("#results .hit")
    marks = page.locator("#results mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} <= {"digital", "divide"}
    page.screenshot(path=str(shots / "web-search.png"), full_page=True)

    first = page.locator("#results .hit .meta a").first
    speaker = first.inner_text()
    first.click()
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == speaker
    assert "United Nations High-Level Leaders" in page.inner_text("table")
    page.screenshot(path=str(shots / "web-speaker.png"), full_page=True)
    assert errors == []
