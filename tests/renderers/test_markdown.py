"""Markdown output: escaping of untrusted text, and the sections a reader expects."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from sessionlens.renderers import markdown
from sessionlens.renderers.formatting import md, md_block


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("*not bold* _nor this_", "*not bold* _nor this_"),
        ("[a](http://x)", "[a](http://x)"),
        ("<b>x</b> & y", "<b>x</b> & y"),
        ("1. not a list", "1. not a list"),
        ("# not a heading", "# not a heading"),
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("R&D costs 5% more", "R&D costs 5% more"),
    ],
)
def test_md_escape_shows_text_as_said(raw, shown):
    html = MarkdownIt("commonmark").render(md(raw))
    from .test_xss import parse

    assert "".join(parse(html).text).strip() == shown


def test_md_block_keeps_structure_but_no_html_and_no_links():
    out = md_block("# Title\n\n**bold** <script>x</script> [a](javascript:x) [b](https://ok)", 2)
    html = MarkdownIt("commonmark", {"html": True}).render(out)
    assert "<h3>Title</h3>" in html and "<strong>bold</strong>" in html
    assert "<script>" not in html and 'href="javascript' not in html
    assert "<a " not in html and "[b](https://ok)" in html  # speech is text: no link at all


def test_sections_as_headings(panel_report):
    out = markdown.render(panel_report)
    tokens = MarkdownIt("commonmark").parse(out)
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert h2 == [
        "Session at a glance",
        "Speaking time and speed",
        "Full session report",
        "Per-speaker analysis",
        "Agreements",
        "Differences",
        "Takeaways",
        "Thought-provoking comments",
        "Follow-up questions",
        "Session transcript",
        "Verification",
        "About this report",
    ]
    # The narrative's own headings sit below "Full session report".
    assert "### Water security across the region" in out


def test_stats_table_marks_estimates(panel_report):
    out = markdown.render(panel_report)
    names = {s.name for s in panel_report.stats}
    rows = [line for line in out.splitlines() if line.startswith("| ") and line[2:].split(" |")[0] in names]
    assert len(rows) == len(panel_report.stats)
    # The time is an estimate; a speed without timestamps is unknown ("–"), not "≈ 166 wpm".
    assert all("(est.)" in r and r.rstrip(" |").endswith("–") and "wpm" not in r for r in rows)


def test_no_analysis_no_empty_sections(bare_report):
    out = markdown.render(bare_report)
    assert "## Agreements" not in out and "None identified" not in out
    assert "## Session transcript" in out


def _interview(interviewer: str, guest: str, guest_role: str | None) -> str:
    """An interview as the interview readers leave it: the interviewer's role is "Interviewer"."""
    from sessionlens.models import Speaker, Transcript, Turn
    from sessionlens.pipeline import analyze

    turns = [
        Turn(index=0, speaker=interviewer, text="What does your team work on?"),
        Turn(index=1, speaker=guest, text="We help countries use technology for trade and development."),
        Turn(index=2, speaker=interviewer, text="What comes next for you?"),
        Turn(index=3, speaker=guest, text="A report on digital trade, out next spring."),
    ]
    speakers = [Speaker(name=interviewer, role="Interviewer"), Speaker(name=guest, role=guest_role)]
    return markdown.render(analyze(Transcript(speakers=speakers, turns=turns), "none"))


def test_interview_roles_read_naturally():
    """'Stephen Ibaraki – interviewer', never 'Interviewer – Interviewer'."""
    named = _interview("Stephen Ibaraki", "Anne Lee", "Director, Technology Division")
    assert "**Stephen Ibaraki** – interviewer\n" in named
    anonymous = _interview("Interviewer", "Jean Dupont", None)
    assert "**Interviewer**\n" in anonymous and "Interviewer – Interviewer" not in anonymous
