"""A real headless Chromium (Debian `chromium`, driven by Playwright) opens the HTML report:
sections and charts visible, search works, no console errors, no network, responsive;
and the hostile report runs nothing. Screenshots go to docs/img/ (shown in the README)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sessionlens.renderers import html
from sessionlens.renderers.charts import all_charts
from sessionlens.renderers.view import build_view

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which("chromium") and not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class Watched:
    """A page with every console message, page error, dialog and request recorded."""

    def __init__(self, browser, path: Path, width: int = 1280, height: int = 900):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_quiet(self) -> None:
        assert [m for m in self.console if m[0] in ("error", "warning")] == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url], "the page made requests of its own"


@pytest.fixture(scope="module")
def panel_page(browser, panel_report, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "panel.html"
    path.write_text(html.render(panel_report), encoding="utf-8")
    w = Watched(browser, path)
    yield w
    w.page.close()


def test_sections_and_charts_visible(panel_page, panel_report):
    page = panel_page.page
    view = build_view(panel_report)
    assert len(view.sections) >= 12
    for section in view.sections:
        heading = page.locator(f"#{section.id} > h2")
        assert heading.is_visible(), section.id
        assert heading.inner_text() == section.title
    charts = page.locator("svg.chart")
    expected = all_charts(view)
    assert charts.count() == len(expected) >= 5
    # the panel has no timestamps: no speed chart (an estimate equal for everyone says nothing)
    assert "speed" not in expected
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert chart.is_visible() and box and box["width"] > 200 and box["height"] > 80
        # Every chart is described for screen readers.
        assert chart.get_attribute("role") == "img"
        assert chart.locator("title").count() >= 1 and chart.locator("desc").count() == 1
    panel_page.assert_quiet()


def test_screenshots(panel_page, browser, panel_report, tmp_path):
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    page = panel_page.page
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(DOCS_IMG / "report.png"))
    page.locator("#statistics").scroll_into_view_if_needed()
    page.locator("#chart-time").screenshot(path=str(DOCS_IMG / "report-chart-time.png"))
    page.locator("#chart-network").screenshot(path=str(DOCS_IMG / "report-network.png"))
    for name in ("report.png", "report-chart-time.png", "report-network.png"):
        assert (DOCS_IMG / name).stat().st_size > 10_000


def test_transcript_search(panel_page, panel_report):
    page = panel_page.page
    q = page.locator("#q")
    assert q.is_visible()  # the search box appears only once the script has run
    turns = page.locator("#transcript-list > li")
    total = turns.count()
    assert total == len(panel_report.transcript.turns)
    q.fill("desalination")
    expected = sum("desalination" in f"{t.speaker}: {t.text}".lower() for t in panel_report.transcript.turns)
    assert 0 < expected < total
    assert page.locator("#transcript-list > li:visible").count() == expected
    assert page.locator("#q-status").inner_text().startswith(f"{expected} of {total}")
    q.fill("")
    assert page.locator("#transcript-list > li:visible").count() == total


def test_suspects_and_estimates_are_marked(panel_page, panel_report):
    page = panel_page.page
    assert page.locator("li.turn.suspect").count() == len({s.turn_index for s in panel_report.transcript.suspects})
    assert page.locator(".suspect-note").first.is_visible()
    assert "estimates" in page.locator(".estimate-note").inner_text()


def test_speaker_blocks_collapse(panel_page):
    page = panel_page.page
    block = page.locator("details.speaker").nth(2)
    assert block.get_attribute("open") is None
    block.locator("summary").click()
    assert block.get_attribute("open") is not None
    assert block.locator("dl.stats").is_visible()


def test_phone_width_and_print(browser, panel_report, tmp_path):
    path = tmp_path / "phone.html"
    path.write_text(html.render(panel_report), encoding="utf-8")
    w = Watched(browser, path, width=390, height=844)
    page = w.page
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.screenshot(path=str(DOCS_IMG / "report-phone.png"))
    page.emulate_media(media="print")
    assert not page.locator("nav.toc").is_visible()
    assert not page.locator("#search").is_visible()
    w.assert_quiet()
    page.close()


def test_hostile_report_runs_nothing(browser, xss_report, tmp_path):
    path = tmp_path / "xss.html"
    path.write_text(html.render(xss_report), encoding="utf-8")
    w = Watched(browser, path)
    page = w.page
    page.wait_for_timeout(300)  # give any onload/onerror a chance to fire
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("script").count() == 1  # ours
    assert page.locator("img, iframe, object, embed").count() == 0
    assert page.locator("svg").count() == page.locator("svg.chart").count()
    # Opening every block and clicking every link fires nothing either.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    links = page.locator("main a")
    for i in range(min(links.count(), 40)):
        href = links.nth(i).get_attribute("href") or ""
        assert href.startswith("#"), href
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert "{{ 7*7 }}" in page.locator("body").inner_text()
    w.assert_quiet()
    page.close()
