"""Golden files of the project's panel report (fixtures/panel.txt plus the analysis fixture)
in every format, transcript included: the panel is the project's own text, so these run on
any clone. Reviewed by eye; any change to the layout shows up here as a diff."""

from __future__ import annotations

import io

import pytest

from sessionlens.renderers import docx as docx_renderer
from sessionlens.renderers import html, markdown, pdf, text

from .conftest import FIXTURE, PANEL, check_golden, load_fixture, need_tool, run_tool


def test_fixture_quotes_and_figures_come_from_the_panel():
    """The analysis fixture stays faithful to the panel: quotes verbatim, evidence figures said."""
    import re

    said = " ".join(PANEL.read_text(encoding="utf-8").split())
    data = load_fixture()
    stances = [
        st for part in ("agreements", "differences") for v in data[part].values() if isinstance(v, list) for st in v
    ]
    quotes = [p["quote"] for st in stances for p in st["positions"]] + [c["quote"] for c in data["comments"]]
    assert quotes and all(q in said for q in quotes), FIXTURE
    figures = [f for a in data["arguments"] for f in re.findall(r"\d[\d,.]*\d|\d", a["evidence"])]
    assert figures and all(f in said for f in figures), FIXTURE


def test_markdown_golden(panel_report):
    check_golden("panel.md", markdown.render(panel_report))


def test_text_golden(panel_report):
    check_golden("panel.txt", text.render(panel_report))


def test_html_golden(panel_report):
    check_golden("panel.html", html.render(panel_report))


def docx_outline(data: bytes) -> str:
    """Every paragraph as `[style] text` and every table as rows of cells."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    lines = [f"[{p.style.name}] {p.text}" for p in doc.paragraphs if p.text.strip()]
    for i, table in enumerate(doc.tables):
        lines.append(f"[table {i + 1}: {table.style.name}]")
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines) + "\n"


def test_docx_golden(panel_report):
    pytest.importorskip("docx")
    outline = docx_outline(docx_renderer.render(panel_report))
    check_golden("panel.docx.txt", outline)


@pytest.mark.slow
def test_pdf_golden_outline(panel_report, tmp_path):
    """The PDF's bookmarks (WeasyPrint makes them from the headings), read from the file."""
    pytest.importorskip("weasyprint")
    need_tool("pdftohtml")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf.render(panel_report))
    xml = run_tool("pdftohtml", "-xml", "-i", "-q", "-stdout", str(path))
    outline = xml[xml.index("<outline") : xml.rindex("</outline>") + len("</outline>")]
    # Page numbers depend on the fonts installed; the headings and their nesting do not.
    import re

    outline = re.sub(r' page="\d+"', "", outline)
    check_golden("panel.pdf-outline.xml", outline + "\n")
