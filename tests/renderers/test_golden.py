"""Golden files of seed 002's report in every format (transcript text replaced by markers:
the seed is third-party text and stays in ../shared). Reviewed by eye once; any change to
the layout shows up here as a diff."""

from __future__ import annotations

import io

import pytest
from markupsafe import escape

from sessionlens.renderers import docx as docx_renderer
from sessionlens.renderers import html, markdown, pdf, text
from sessionlens.renderers.formatting import md

from .conftest import check_golden, need_tool, redact, run_tool


def test_markdown_golden(seed_report):
    check_golden("seed002.md", redact(markdown.render(seed_report), seed_report, md))


def test_text_golden(seed_report):
    check_golden("seed002.txt", redact(text.render(seed_report), seed_report))


def test_html_golden(seed_report):
    out = html.render(seed_report)
    check_golden("seed002.html", redact(out, seed_report, lambda s: str(escape(s))))


def docx_outline(data: bytes) -> str:
    """Every paragraph as `[style] text` and every table as rows of cells."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    lines = [f"[{p.style.name}] {p.text}" for p in doc.paragraphs if p.text.strip()]
    for i, table in enumerate(doc.tables):
        lines.append(f"[table {i + 1}: {table.style.name}]")
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines) + "\n"


def test_docx_golden(seed_report):
    pytest.importorskip("docx")
    outline = docx_outline(docx_renderer.render(seed_report))
    check_golden("seed002.docx.txt", redact(outline, seed_report))


@pytest.mark.slow
def test_pdf_golden_outline(seed_report, tmp_path):
    """The PDF's bookmarks (WeasyPrint makes them from the headings), read from the file."""
    pytest.importorskip("weasyprint")
    need_tool("pdftohtml")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf.render(seed_report))
    xml = run_tool("pdftohtml", "-xml", "-i", "-q", "-stdout", str(path))
    outline = xml[xml.index("<outline"): xml.rindex("</outline>") + len("</outline>")]
    # Page numbers depend on the fonts installed; the headings and their nesting do not.
    import re

    outline = re.sub(r' page="\d+"', "", outline)
    check_golden("seed002.pdf-outline.xml", outline + "\n")
