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


def test_upload_watch_report_search_speaker(browser_page, live: Live, connectivity_panel: Path,
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

    page.set_input_files("#file", str(connectivity_panel))
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
    assert "Closing the Digital Divide" in page.inner_text("h1")
    speakers = len(analyze(ingest(connectivity_panel), engine="none").stats)
    assert page.locator("table tbody tr").count() == speakers
    page.screenshot(path=str(shots / "web-session.png"), full_page=True)

    page.click("#open-report")
    page.wait_for_load_state()
    assert "Grace Mwangi" in page.content()
    page.screenshot(path=str(shots / "web-report.png"))
    page.go_back()

    page.fill("header input[name=q]", "digital divide")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("#results .hit")
    marks = page.locator("#results mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} <= {"digital", "divide"}
    page.screenshot(path=str(shots / "web-search.png"), full_page=True)

    first = page.locator("#results .hit .label a").first
    speaker = first.inner_text()
    first.click()
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == speaker
    assert "Closing the Digital Divide" in page.inner_text("table")
    page.screenshot(path=str(shots / "web-speaker.png"), full_page=True)
    assert errors == []


def _in_view_below_sticky(page) -> dict:  # type: ignore[no-untyped-def]
    """Where the first marked word is, relative to the viewport and the sticky search bar."""
    return page.evaluate("""() => {
        const mark = document.querySelector('mark.sl-hit');
        const bar = document.querySelector('.search');
        const box = mark.getBoundingClientRect();
        const barBox = bar ? bar.getBoundingClientRect() : {bottom: 0};
        return {top: box.top, bottom: box.bottom, barBottom: barBox.bottom, height: window.innerHeight,
                text: mark.textContent, turn: mark.closest('li.turn') && mark.closest('li.turn').id};
    }""")


def test_organiser_walk_rename_and_downloads(browser_page, live: Live, connectivity_panel: Path,
                                             tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """upload → job → session → report → search hit (in view, highlighted) → speaker page →
    rename → the new name everywhere, counts unchanged → DOCX and the event zip."""
    import io
    import json
    import zipfile

    import docx

    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live.url}/login?next=/upload")
    page.fill("#token", live.token)
    page.fill("#name", "Ana Editor")
    page.click("button[type=submit] >> text=Log in")
    page.wait_for_url(f"{live.url}/upload")
    page.set_input_files("#file", str(connectivity_panel))
    page.fill("#event", "IGF 2025")
    page.fill("#track", "Main hall")
    page.select_option("#engine", "none")
    page.click("text=Upload and analyse")
    page.wait_for_selector("#session-link", timeout=60_000)
    page.click("#session-link")
    page.wait_for_selector("h1")
    session_url = page.url
    crumbs = page.locator("nav.crumbs li").all_inner_texts()
    assert crumbs[1:] == ["IGF 2025", page.inner_text("h1")]
    assert "Main hall" in page.inner_text("main")

    # the report served by the app has the frame: header and event › session › report
    page.click("#open-report")
    page.wait_for_selector("nav.crumbs")
    page.screenshot(path=str(Path(os.environ.get("SESSIONLENS_SCREENSHOTS") or tmp_path) / "web-report-frame.png"))
    assert page.locator(".sl-header a.brand").count() == 1
    assert page.locator("nav.crumbs li").all_inner_texts()[1:] == ["IGF 2025", crumbs[2], "Report"]
    assert page.locator("#transcript-list .who a[href^='/speakers/']").count() == len(ingest(connectivity_panel).turns)

    # a search hit opens the report at its turn, in view below the sticky bar, words marked
    page.fill("header input[name=q]", "digital divide")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("#results .group")
    shots = Path(os.environ.get("SESSIONLENS_SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(shots / "web-search-grouped.png"), full_page=True)
    assert page.locator("#results .group").count() == 1  # one session: one group
    assert "phrase" in page.inner_text("#search-help")
    snippets = page.locator("#results .hit p").all_inner_texts()
    assert len(snippets) == len(set(snippets))  # one hit per sentence
    hit = page.locator("#results .hit a.open-hit[href*='#turn-']").first
    hit.click()
    page.wait_for_selector("mark.sl-hit")
    page.wait_for_timeout(300)
    where = _in_view_below_sticky(page)
    page.screenshot(path=str(shots / "web-hit.png"))
    assert where["text"].lower().startswith(("digital", "divide")), where
    assert where["barBottom"] <= where["top"] and where["bottom"] <= where["height"], where
    turn = where["turn"]

    # the turn's speaker name leads to the speaker page
    page.click(f"#{turn} .who a")
    page.wait_for_selector("#total-words")
    old_name = page.inner_text("h1")
    counts = (page.inner_text("#total-words"), page.inner_text("#total-turns"))

    new_name = "Renamed Speaker Person"
    page.fill("#new-name", new_name)
    page.click("#rename button")
    page.wait_for_selector("#total-words")
    assert page.inner_text("h1") == new_name
    assert (page.inner_text("#total-words"), page.inner_text("#total-turns")) == counts
    assert "rename speaker" in page.inner_text("main") and "Ana Editor" in page.inner_text("main")
    page.screenshot(path=str(shots / "web-speaker-edit.png"), full_page=True)

    page.goto(session_url)
    table = page.inner_text("#speakers")
    assert new_name in table and old_name not in table
    page.goto(session_url + "/report")
    assert page.locator(f"#transcript-list .who a >> text={new_name}").count() >= 1
    page.goto(f"{live.url}/search?q=digital+divide")
    assert new_name in page.inner_text("#results")

    # downloads: the DOCX of the report and the zip of the event, opened and checked
    page.goto(session_url)
    with page.expect_download() as info:
        page.click("a[href$='/download/docx']")
    doc = docx.Document(info.value.path())
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert new_name in text and "Closing the Digital Divide" in text
    page.click("nav.crumbs >> text=IGF 2025")
    with page.expect_download() as info:
        page.click("#event-zip")
    with zipfile.ZipFile(info.value.path()) as zf:
        names = zf.namelist()
        assert {Path(n).suffix for n in names} >= {".html", ".md", ".docx", ".json", ".jsonl"}
        lines = zf.read("corpus-export.jsonl").decode().splitlines()
        assert len(lines) == 1 and new_name in {s["name"] for s in json.loads(lines[0])["stats"]}
        inner = next(n for n in names if n.endswith(".docx"))
        assert new_name in "\n".join(p.text for p in docx.Document(io.BytesIO(zf.read(inner))).paragraphs) or \
            new_name in zf.read(next(n for n in names if n.endswith(".md"))).decode()
    assert errors == []
