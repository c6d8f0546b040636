"""PDF via WeasyPrint: every page converts to PNG with pdftoppm."""

from __future__ import annotations

import re

import pytest

from sessionlens.renderers import pdf

from .conftest import need_tool, run_tool

pytestmark = pytest.mark.slow


def test_pdf_pages_convert_to_png(panel_report, tmp_path):
    pytest.importorskip("weasyprint")
    need_tool("pdftoppm")
    path = tmp_path / "panel.pdf"
    path.write_bytes(pdf.render(panel_report))
    pages = int(re.search(r"Pages:\s+(\d+)", run_tool("pdfinfo", str(path))).group(1))
    assert pages > 5
    run_tool("pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page"))
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == pages
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    shown = run_tool("pdftotext", str(path), "-")
    # Print opens every speaker block, and estimated times stay marked on paper; a speed
    # without timestamps is not shown.
    for s in panel_report.stats:
        assert s.name in shown
    assert shown.count("(estimated)") >= len(panel_report.stats)
    assert "words per minute" not in shown


def test_offline_report_of_seed_002_prints_under_30_pages(seed_002, tmp_path):
    """Issue 12: the offline report of a one-hour panel prints compactly (A4, two-column transcript)."""
    pytest.importorskip("weasyprint")
    need_tool("pdfinfo")
    from sessionlens.pipeline import analyze, ingest

    path = tmp_path / "offline.pdf"
    path.write_bytes(pdf.render(analyze(ingest(seed_002), "offline")))
    pages = int(re.search(r"Pages:\s+(\d+)", run_tool("pdfinfo", str(path))).group(1))
    assert pages < 30
