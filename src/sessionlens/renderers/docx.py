"""The report as a Word document (python-docx): real Heading styles (so Word's navigation
pane and table of contents work), real tables for statistics, editable text throughout.

Same sections and order as the HTML page; charts are given as tables.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

from ..models import Report, SpeakerStats, Stance
from . import formatting as f
from .view import NONE_IDENTIFIED, ReportView, build_view

# XML 1.0 forbids most control characters; a transcript may still carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


class _Writer:
    """Thin helpers over a python-docx Document."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(_x(text), level=level)

    def para(self, text: str = "", style: str | None = None, italic: bool = False) -> Any:
        p = self.doc.add_paragraph(style=style)
        if text:
            run = p.add_run(_x(text))
            run.italic = italic
        return p

    def labelled(self, label: str, text: str | None, style: str | None = None) -> None:
        if not text:
            return
        p = self.doc.add_paragraph(style=style)
        p.add_run(_x(label) + ": ").bold = True
        p.add_run(_x(text))

    def bullets(self, items: list[str]) -> None:
        if not items:
            self.para(NONE_IDENTIFIED, italic=True)
        for item in items:
            self.para(item, style="List Bullet")

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        t = self.doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        for cell, h in zip(t.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(_x(h)).bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = _x(value)
        self.doc.add_paragraph()

    def markdown(self, text: str, shift: int) -> None:
        """Engine-written Markdown as Word headings, paragraphs and lists."""
        tokens = f.markdown_tokens(text, shift)
        lists: list[str] = []
        pending: str | None = None
        for i, tok in enumerate(tokens):
            if tok.type == "heading_open":
                pending = f"heading{tok.tag[1]}"
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                lists.append("List Bullet" if tok.type.startswith("bullet") else "List Number")
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif tok.type == "inline":
                if pending and pending.startswith("heading"):
                    self.heading(tok.content, min(9, int(pending[7:])))
                else:
                    style = lists[-1] if lists and tokens[i - 1].type == "paragraph_open" else None
                    self._inline(self.doc.add_paragraph(style=style), tok.children or [])
                pending = None

    @staticmethod
    def _inline(p: Any, children: list[Any]) -> None:
        bold = italic = False
        for ch in children:
            if ch.type == "strong_open":
                bold = True
            elif ch.type == "strong_close":
                bold = False
            elif ch.type == "em_open":
                italic = True
            elif ch.type == "em_close":
                italic = False
            elif ch.type in ("text", "code_inline", "html_inline"):
                run = p.add_run(_x(ch.content))
                run.bold, run.italic = bold or None, italic or None
            elif ch.type in ("softbreak", "hardbreak"):
                p.add_run(" ")


def _stats_line(s: SpeakerStats) -> list[tuple[str, str]]:
    pre, post = ("≈ ", " (estimated)") if s.estimated else ("", "")
    speed = f"{pre}{s.wpm:.0f} words per minute{post}" if s.wpm is not None else ""
    time = f"{pre}{f.num(s.seconds)} seconds{post}"
    return [
        ("Speech speed", speed if s.wpm is not None else "–"),
        ("Speech length", f"{f.num(s.words)} words"),
        ("Speech time", time if s.seconds is not None else "not known"),
        ("Turns", str(s.turns)),
    ]


def _stance_section(w: _Writer, title: str, groups: tuple[tuple[str, list[Stance]], ...],
                    assessment: str | None, level_label: str, level: str | None) -> None:
    """Agreements or Differences: their three kinds of groups, then the overall assessment."""
    w.heading(title, 1)
    for kind, items in groups:
        w.heading(kind, 2)
        _stances(w, items)
    if assessment or level:
        w.heading("Overall assessment", 2)
        if assessment:
            w.para(assessment)
        w.labelled(level_label, level)


def _stances(w: _Writer, items: list[Stance]) -> None:
    if not items:
        w.para(NONE_IDENTIFIED, italic=True)
    for st in items:
        if st.point:
            w.heading(st.point, 4)
        if any(p.quote for p in st.positions):
            grouped = 1 < len(st.sides) < len(st.positions)
            for n, side in enumerate(st.sides, 1):
                for p in side:
                    who = f"Side {n} · {p.speaker}" if grouped else p.speaker
                    w.labelled(who, f"“{p.quote}”" if p.quote else None, style="List Bullet")
        else:
            w.labelled("Speakers", ", ".join(st.speakers))
        for a in st.arguments:
            w.labelled("Argument", a, style="List Bullet")
        w.labelled("Summary", st.summary)
        w.labelled("Explanation", st.explanation)
        w.labelled("Topics", ", ".join(st.topics))


def _write(w: _Writer, v: ReportView) -> None:
    r = v.report
    w.heading(v.title, 0)
    if v.when or v.info.event:
        w.para(" · ".join(x for x in (v.when, v.info.event) if x and x != v.title))
    g = r.glance

    w.heading("Session at a glance", 1)
    if g.summary:
        w.heading("Summary", 2)
        for p in f.paragraphs(g.summary):
            w.para(p)
    if v.keypoints:
        w.heading("Keypoints", 2)
        for k in v.keypoints:
            p = w.doc.add_paragraph(style="List Bullet")
            p.add_run(_x(k.title)).bold = True
            if k.description:
                p.add_run(": " + _x(k.description))
    if g.purpose:
        w.heading("Overall purpose", 2)
        w.para(g.purpose)
    if g.tone:
        w.heading("Overall tone", 2)
        w.para(g.tone)
    w.heading("Speakers", 2)
    if v.attribution_note:
        w.para(v.attribution_note, italic=True)
    for b in v.listed:
        w.para(b.name + (f" – {b.role_line}" if b.role_line else ""), style="List Bullet")
    if v.additional:
        w.heading("Additional speakers" if v.listed else "Speakers heard in the transcript", 3)
        for b in v.additional:
            w.para(b.name + (f" – {b.role_line}" if b.role_line else ""), style="List Bullet")

    if v.has("statistics"):
        w.heading("Speaking time and speed", 1)
        if v.any_estimated:
            w.para(
                "Times and speeds marked ≈ are estimates, not measurements"
                + (
                    ": the input has no timestamps, so each speaker's time is the session "
                    f"length ({f.duration(v.info.duration_seconds)}) shared out by words spoken"
                    if not r.transcript.has_timestamps
                    else ""
                )
                + ". Word counts are exact.",
                italic=True,
            )
        rows = []
        for b in v.with_stats:
            s = b.stats
            est = "≈ " if s.estimated else ""
            rows.append([
                b.name,
                f.num(s.words),
                str(s.turns),
                f"{est}{f.num(s.seconds)} s" if s.seconds is not None else "—",
                f"{est}{s.wpm:.0f}" if s.wpm is not None else "–",
            ])
        w.table(["Speaker", "Words", "Turns", "Speech time", "Words per minute"], rows)

    if v.has("report") and r.narrative:
        w.heading("Full session report", 1)
        w.markdown(r.narrative, shift=1)

    if v.has("speakers"):
        w.heading("Per-speaker analysis", 1)
        for b in v.blocks:
            if not (b.stats or b.arguments):
                continue
            w.heading(b.name, 2)
            if b.role_line:
                w.para(b.role_line, italic=True)
            if b.stats:
                for label, value in _stats_line(b.stats):
                    w.labelled(label, value)
            for a in b.arguments:
                w.heading(a.title, 3)
                w.labelled("Explanation", a.explanation)
                w.labelled("Evidence", a.evidence)
                w.labelled("Major discussion point", a.discussion_point)
                w.labelled("Topics", ", ".join(a.topics))
                w.labelled("Agreed with", ", ".join(a.agreed_with))
                w.labelled("Agreed on", "; ".join(a.agreed_on))
                w.labelled("Disagreed with", ", ".join(a.disagreed_with))
                w.labelled("Disagreed on", "; ".join(a.disagreed_on))

    if v.has("agreements"):
        ag = r.agreements
        _stance_section(w, "Agreements", (
            ("Agreement points", ag.agreement_points),
            ("Similar viewpoints", ag.similar_viewpoints),
            ("Unexpected consensus", ag.unexpected_consensus),
        ), ag.assessment, "Consensus level", ag.consensus_level)

    if v.has("differences"):
        df = r.differences
        _stance_section(w, "Differences", (
            ("Different viewpoints", df.different_viewpoints),
            ("Unexpected differences", df.unexpected_differences),
            ("Partial agreements", df.partial_agreements),
        ), df.assessment, "Disagreement level", df.disagreement_level)

    if v.has("takeaways"):
        tk = r.takeaways
        w.heading("Takeaways", 1)
        w.heading("Key takeaways", 2)
        w.bullets(tk.key_takeaways)
        w.heading("Resolutions and action items", 2)
        w.bullets([(f"{ai.speaker}: " if ai.speaker else "") + ai.text for ai in tk.action_items])
        w.heading("Unresolved issues", 2)
        w.bullets(tk.unresolved_issues)
        w.heading("Suggested compromises", 2)
        w.bullets(tk.compromises)

    if v.has("comments"):
        w.heading("Thought-provoking comments", 1)
        for c in r.comments:
            w.para(f"“{c.quote}”", style="Quote")
            w.para(f"— {c.speaker}")
            w.labelled("Reason", c.reason)
            w.labelled("Impact", c.impact)
        if r.comments_assessment:
            w.heading("Overall assessment", 2)
            w.para(r.comments_assessment)

    if v.has("questions"):
        w.heading("Follow-up questions", 1)
        for q in r.follow_up_questions:
            p = w.doc.add_paragraph(style="List Number")
            p.add_run(_x(q.question)).bold = True
            if q.speakers:
                p.add_run(" (" + _x(", ".join(q.speakers)) + ")")
            if q.explanation:
                w.para(q.explanation)

    if v.has("transcript"):
        w.heading("Session transcript", 1)
        if r.transcript.suspects:
            w.para(
                "⚑ marks attribution suspects: turns that may begin with the previous "
                "speaker's words. Words are counted as attributed.",
                italic=True,
            )
        for t in r.transcript.turns:
            p = w.doc.add_paragraph()
            sus = v.suspects.get(t.index, [])
            label = v.turn_label(t)
            if sus:
                p.add_run("⚑ ")
            if label:
                p.add_run(f"[{label}] ")
            p.add_run(_x(t.speaker) + ": ").bold = True
            p.add_run(_x(t.text))
            for s in sus:
                w.para(f"Attribution suspect: {s.reason}.", italic=True)

    if v.has("verification") and r.verification is not None:
        vf = r.verification
        w.heading("Verification", 1)
        w.para(
            f"{vf.checked} items checked against the transcript: {vf.fixed} fixed, "
            f"{vf.dropped} dropped, {vf.flagged} flagged."
        )
        if vf.issues:
            w.table(
                ["Section", "Item", "Problem", "Action"],
                [[i.section, i.item, i.problem, i.action] for i in vf.issues],
            )

    w.heading("About this report", 1)
    if r.disclaimer:
        w.para(r.disclaimer)
    if v.info.source:
        fmt = f" ({v.info.format})" if v.info.format else ""
        w.labelled("Input", f.basename(v.info.source) + fmt)
    model = f" · {r.meta.model}" if r.meta.model else ""
    w.labelled("Engine", (r.meta.engine or "unknown") + model)
    w.labelled("Made by", (r.meta.generator or "sessionlens")
               + (f", {r.meta.generated_at}" if r.meta.generated_at else ""))
    w.para("Generated automatically; it may contain errors.", italic=True)


def render(report: Report) -> bytes:
    """Render `report` as a .docx file (bytes)."""
    from docx import Document  # the `docx` extra

    doc = Document()
    view = build_view(report)
    props = doc.core_properties
    props.title = _x(view.title)[:255]
    props.author = "SessionLens"
    props.comments = "Session report generated by SessionLens"
    if report.meta.generated_at:
        try:  # a fixed date keeps the file reproducible for the same report
            stamp = datetime.fromisoformat(report.meta.generated_at).replace(tzinfo=None)
            props.created = props.modified = stamp
        except ValueError:
            pass
    _write(_Writer(doc), view)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
