"""The HTML page: self-contained, sections hidden when empty, estimates and suspects
marked, CSP hashes that match, templates an organisation can override."""

from __future__ import annotations

import re

from sessionlens.renderers import html, render
from sessionlens.renderers.html import csp_hash
from sessionlens.renderers.templating import TEMPLATES_ENV

from .test_xss import parse


def test_self_contained(panel_report):
    out = html.render(panel_report)
    doc = parse(out)
    for tag, attrs in doc.tags:
        for name in ("src", "href", "action"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("#"), (tag, name, value)
    assert "<link" not in out and "@import" not in out and "url(http" not in out


def test_csp_hashes_match_inline_style_and_script(panel_report):
    out = html.render(panel_report)
    style = re.search(r"<style>(.*?)</style>", out, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", out, re.S).group(1)
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', out).group(1)
    assert f"style-src '{csp_hash(style)}'" in csp
    assert f"script-src '{csp_hash(script)}'" in csp


def test_toc_lists_every_section_once_and_in_order(panel_report):
    out = html.render(panel_report)
    toc = re.findall(r'<li><a href="#([a-z]+)">', out.split("</nav>")[0])
    ids = re.findall(r'<section id="([a-z]+)"', out)
    assert toc == ids
    for needed in (
        "glance",
        "statistics",
        "report",
        "speakers",
        "agreements",
        "differences",
        "takeaways",
        "comments",
        "questions",
        "transcript",
        "about",
    ):
        assert needed in ids


def test_report_without_analysis_hides_analysis_sections(bare_report):
    out = html.render(bare_report)
    ids = re.findall(r'<section id="([a-z]+)"', out)
    assert ids == ["glance", "statistics", "speakers", "transcript", "about"]
    assert "None identified" not in out  # hidden, not shown empty


def test_empty_part_of_a_present_section_says_none_identified(panel_report):
    out = html.render(panel_report)
    part = out.split("<h3>Unexpected differences</h3>")[1].split("<h3>")[0]
    assert "None identified." in part


def test_estimates_marked_wherever_times_are_shown(panel_report):
    out = html.render(panel_report)
    estimated = [s for s in panel_report.stats if s.estimated]
    assert estimated  # the panel has no timestamps
    # Each speaker's time carries the mark; a speed without timestamps is not shown ("–").
    assert out.count("(estimated)</abbr>") == len(estimated)
    assert out.count(">–</abbr>") == len(estimated)
    assert "Speaking time per speaker (estimated)" in out
    assert "words per minute" not in out


def test_suspects_marked_in_transcript(panel_report):
    out = html.render(panel_report)
    marked = re.findall(r'<li id="turn-(\d+)" class="turn suspect">', out)
    suspects = {s.turn_index for s in panel_report.transcript.suspects}
    assert [int(i) for i in marked] == sorted(suspects)


def test_registry_renders_html(panel_report):
    assert render(panel_report, "html") == html.render(panel_report)


def test_organisation_templates_override_packaged_ones(panel_report, tmp_path, monkeypatch):
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "report.css").write_text("body{color:#102030}\n", encoding="utf-8")
    out = html.render(panel_report, templates=brand)
    assert "<style>body{color:#102030}\n</style>" in out
    assert csp_hash("body{color:#102030}\n") in out
    # The same through the environment variable (what the CLI uses).
    monkeypatch.setenv(TEMPLATES_ENV, str(brand))
    assert html.render(panel_report) == out
    monkeypatch.delenv(TEMPLATES_ENV)
    assert "#102030" not in html.render(panel_report)


def test_missing_template_folder_is_an_input_error(panel_report, tmp_path):
    import pytest

    from sessionlens.errors import InputError

    with pytest.raises(InputError, match="template folder does not exist"):
        html.render(panel_report, templates=tmp_path / "nope")
