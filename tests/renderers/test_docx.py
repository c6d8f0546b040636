"""DOCX: opens with python-docx, real Heading styles and tables, survives control chars."""

from __future__ import annotations

import io

import pytest

from sessionlens.renderers import docx as docx_renderer
from sessionlens.renderers.view import build_view

docx = pytest.importorskip("docx")


def test_headings_are_word_headings(panel_report):
    doc = docx.Document(io.BytesIO(docx_renderer.render(panel_report)))
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == [s.title for s in build_view(panel_report).sections]
    assert doc.paragraphs[0].style.name == "Title"
    h2 = {p.text for p in doc.paragraphs if p.style.name == "Heading 2"}
    assert {"Summary", "Keypoints", "Speakers", "Agreement points", "Key takeaways"} <= h2
    assert {s.name for s in panel_report.stats} <= h2  # one block per speaker
    assert doc.core_properties.title == panel_report.transcript.info.title


def test_statistics_are_a_table(panel_report):
    doc = docx.Document(io.BytesIO(docx_renderer.render(panel_report)))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:2] == ["Speaker", "Words"]
    assert len(table.rows) == len(panel_report.stats) + 1
    words = {r.cells[0].text: r.cells[1].text.replace(",", "") for r in table.rows[1:]}
    assert words == {s.name: str(s.words) for s in panel_report.stats}


def test_control_characters_do_not_break_the_file(panel_report):
    turns = list(panel_report.transcript.turns)
    turns[0] = turns[0].model_copy(update={"text": "bell\x07 and form feed\x0c here"})
    tr = panel_report.transcript.model_copy(update={"turns": turns})
    data = docx_renderer.render(panel_report.model_copy(update={"transcript": tr}))
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "bell and form feed here" in body
