"""Speech is text in every format: a Markdown link or image said in a session (and quoted
in the narrative) never becomes a live link or a loaded image (issue 14, finding 5)."""

from __future__ import annotations

import io
import re

import pytest
from markdown_it import MarkdownIt

from sessionlens.models import Report
from sessionlens.renderers import docx as docx_renderer
from sessionlens.renderers import html, markdown, pdf

LINK = "[log in here](https://evil.example/login)"
IMAGE = "![pixel](https://evil.example/track.png)"
REF = "[more]\n\n[more]: https://evil.example/ref"
SAID = f"As she put it, {LINK} and {IMAGE}, then \\\\{LINK} and {REF}"


@pytest.fixture(scope="module")
def linked(xss_report: Report) -> Report:
    turns = [t.model_copy(update={"text": SAID}) for t in xss_report.transcript.turns]
    transcript = xss_report.transcript.model_copy(update={"turns": turns})
    return xss_report.model_copy(update={"transcript": transcript, "narrative": f"## Overview\n\n{SAID}\n"})


def no_evil_links(markup: str) -> None:
    assert not re.search(r"<(a|img)\b[^>]*evil\.example", markup), re.findall(r"<(?:a|img)\b[^>]*>", markup)


def test_markdown_output_has_no_link_or_image(linked: Report) -> None:
    out = markdown.render(linked)
    for processor in (MarkdownIt("commonmark"), MarkdownIt("commonmark", {"html": True})):
        no_evil_links(processor.render(out))
    assert "## " in out or "### " in out  # the narrative keeps its own structure


def test_html_output_has_no_link_or_image(linked: Report) -> None:
    out = html.render(linked)
    no_evil_links(out)
    assert "log in here" in out


def test_docx_output_has_no_hyperlink(linked: Report) -> None:
    docx = pytest.importorskip("docx")
    doc = docx.Document(io.BytesIO(docx_renderer.render(linked)))
    assert "log in here" in "\n".join(p.text for p in doc.paragraphs)
    assert not [r for r in doc.part.rels.values() if "hyperlink" in r.reltype or r.is_external]


@pytest.mark.slow
def test_pdf_output_has_no_link(linked: Report) -> None:
    pytest.importorskip("weasyprint")
    data = pdf.render(linked)
    assert not re.search(rb"/URI\s*\([^)]*evil\.example", data)
