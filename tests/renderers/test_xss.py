"""A transcript is untrusted text: script, markup, javascript: links and template syntax
in any field must come out inert in every format (the browser half is in test_browser)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from sessionlens.renderers import docx as docx_renderer
from sessionlens.renderers import html, markdown, pdf, text
from sessionlens.renderers.templating import environment

from .conftest import EVIL_NAMES, PAYLOADS, need_tool, run_tool


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(markup: str) -> Elements:
    p = Elements()
    p.feed(markup)
    p.close()
    return p


def assert_inert(markup: str, allowed_script: str | None = None) -> Elements:
    """No script but ours, no event handler, no javascript: URL, no injected element."""
    doc = parse(markup)
    assert doc.scripts == ([allowed_script] if allowed_script is not None else [])
    for tag, attrs in doc.tags:
        assert tag not in ("img", "iframe", "object", "embed", "form", "base", "link"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "xlink:href"):
                assert not re.match(r"\s*(javascript|vbscript|data):", value or "", re.I), value
    svgs = [a for t, a in doc.tags if t == "svg"]
    assert all(a.get("class") == "chart" for a in svgs), "an <svg> that is not one of our charts"
    return doc


def test_html_is_inert(xss_report):
    out = html.render(xss_report)
    js = environment().get_template("report.js").render()
    doc = assert_inert(out, allowed_script=js)
    shown = "".join(doc.text)
    for payload in PAYLOADS:
        assert payload in shown  # shown as text, exactly as said
    for name in EVIL_NAMES:
        assert name in shown


def test_html_csp_forbids_anything_else(xss_report):
    out = html.render(xss_report)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', out).group(1)
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_markdown_is_inert_even_where_raw_html_is_allowed(xss_report):
    out = markdown.render(xss_report)
    # A permissive processor: raw HTML on, as many wikis and newsletter tools have it.
    rendered = MarkdownIt("commonmark", {"html": True}).render(out)
    doc = assert_inert(rendered)
    shown = "".join(doc.text)
    for name in EVIL_NAMES:
        assert name in shown
    assert "{{ 7*7 }}" in shown
    # Liquid/Hugo-style template engines see no `{{` or `{%` in the Markdown source.
    assert "{{" not in out and "{%" not in out


def test_markdown_links_never_point_to_scripts(xss_report):
    rendered = MarkdownIt("commonmark", {"html": False}).render(markdown.render(xss_report))
    assert "javascript:" not in " ".join(v or "" for _, a in parse(rendered).tags for k, v in a.items() if k == "href")


def test_text_shows_payloads_verbatim(xss_report):
    out = text.render(xss_report)
    assert "{{ 7*7 }}" in out and "49" not in out
    for name in EVIL_NAMES:
        assert f"{name}: Turn" in out  # transcript lines keep the name as said


def test_docx_has_text_only(xss_report):
    docx = pytest.importorskip("docx")
    doc = docx.Document(io.BytesIO(docx_renderer.render(xss_report)))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "{{ 7*7 }}" in body and "<script>" in body
    rels = [r.reltype for r in doc.part.rels.values()]
    assert not any("hyperlink" in r or "oleObject" in r for r in rels)


@pytest.mark.slow
def test_pdf_has_no_actions(xss_report, tmp_path):
    pytest.importorskip("weasyprint")
    data = pdf.render(xss_report)
    for marker in (b"/JavaScript", b"/JS ", b"/Launch", b"/OpenAction", b"/SubmitForm"):
        assert marker not in data
    assert not re.search(rb"/URI\s*\((?:javascript|vbscript|data):", data, re.I)
    need_tool("pdftotext")
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    shown = run_tool("pdftotext", str(path), "-")
    assert "{{ 7*7 }}" in shown
