"""Import a whole DiploAI session report (REPORT_FORMAT.md §1-11) into a `Report`.

The header, speakers list and transcript are read by `readers.diplo` (and normalised by
`pipeline.prepare`), so an imported report carries exactly the transcript SessionLens would
analyse. Every analysis section is parsed here. Statistics are the report's own figures
(speech speed, length and time as printed), not recomputed.

The layout has quirks the parser survives: "Overall assessment" appears under Agreements,
Differences and Thought provoking comments; the Differences section repeats "Partial
agreements" and then repeats the whole "Similar viewpoints" block (dropped as a duplicate);
list items are marked with `–` or `-` or not at all; blank lines may appear anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..models import Argument, DiscussionPoint, Glance, Report, ReportMeta, Transcript
from ..normalize import name_key
from ..pipeline import prepare
from ..readers import diplo
from ..readers.base import Source, load
from .diplo_base import heading
from .diplo_closing import ClosingSections
from .diplo_speakers import Figures, SpeakerSections, opens_block
from .diplo_stances import StanceSections
from .records import Line, strip_marker

NAME = "diplo"

TRANSCRIPT = "Session transcript"
# Sections after the per-speaker analysis, by their heading line (variants accepted).
TAIL = {
    "agreements": "agreements",
    "differences": "differences",
    "takeaways": "takeaways",
    "thought provoking comments": "comments",
    "thought-provoking comments": "comments",
    "follow-up questions": "questions",
    "follow up questions": "questions",
    # SessionLens's own text layout: suspects are recomputed from the transcript on import
    "attribution suspects": "suspects",
    "disclaimer": "disclaimer",
}
_KEYPOINT = re.compile(r"^(?:[–—\-•*]\s*)?\*\*(?P<title>.+?)\*\*\s*:?\s*(?P<desc>.*)$")


def sniff(text: str) -> bool:
    """True when `text` looks like a Diplo report with analysis sections."""
    return bool(re.search(r"^Session transcript\s*$", text, re.M)) and bool(
        re.search(r"^(Speech speed|Agreements|Takeaways|Session at a glance)\s*$", text, re.M)
    )


def import_file(path: str | Path) -> Report:
    """Read a Diplo report file into a Report (InputError naming the failing section)."""
    return import_source(load(path))


def import_source(source: Source) -> Report:
    """Parse decoded Diplo report text into a Report."""
    return _Parser(source).report()


class _Parser(SpeakerSections, StanceSections, ClosingSections):
    """The whole report: finds the sections, reads the transcript, assembles the Report."""

    def report(self) -> Report:
        t = self._index(TRANSCRIPT)
        if t is None:
            raise self.error("Session transcript", None, "the report has no 'Session transcript' heading")
        tail_starts = [
            (k, TAIL[self.lines[k].text.lower()])
            for k in range(t + 1, len(self.lines))
            if self.lines[k].text.lower() in TAIL
        ]
        disclaimer_at = next(
            (k for k in range(t + 1, len(self.lines)) if self.lines[k].text.startswith("Disclaimer:")),
            None,
        )
        # Only the first heading of each kind counts: titles below never repeat them exactly.
        seen: dict[str, int] = {}
        for k, kind in tail_starts:
            seen.setdefault(kind, k)
        if disclaimer_at is not None:
            seen["disclaimer"] = min(disclaimer_at, seen.get("disclaimer", disclaimer_at))
        bounds = sorted([(k, kind) for kind, k in seen.items()])
        first_tail = bounds[0][0] if bounds else len(self.lines)
        speakers_at = next((k for k in range(t + 1, first_tail) if self._opens_speaker(k)), None)
        transcript_end = speakers_at if speakers_at is not None else first_tail

        transcript = self.transcript(
            self.lines[transcript_end].number - 1 if transcript_end < len(self.lines) else len(self.raw)
        )
        self.canon = {}
        for s in transcript.speakers:
            for label in [s.name, *s.aliases]:
                self.canon.setdefault(name_key(label), s.name)

        glance = self.glance(t)
        narrative = self.narrative(t)
        per_speaker: list[tuple[str, Figures, list[Argument]]] = []
        if speakers_at is not None:
            per_speaker = self.speaker_blocks(self.lines[speakers_at:first_tail])
        sections: dict[str, list[Line]] = {}
        for n, (k, kind) in enumerate(bounds):
            end = bounds[n + 1][0] if n + 1 < len(bounds) else len(self.lines)
            sections[kind] = self.lines[k:end]

        agreements, extra_similar = self.agreements(sections.get("agreements", [])[1:])
        differences, repeated_similar = self.differences(sections.get("differences", [])[1:])
        known = {(s.summary, tuple(s.speakers)) for s in agreements.similar_viewpoints}
        for s in extra_similar + repeated_similar:
            if (s.summary, tuple(s.speakers)) not in known:
                agreements.similar_viewpoints.append(s)
                known.add((s.summary, tuple(s.speakers)))
        comments, comments_assessment = self.comments(sections.get("comments", [])[1:])
        arguments = [a for _, _, args in per_speaker for a in args]
        disclaimer = self.disclaimer(sections.get("disclaimer", []))
        return Report(
            transcript=transcript,
            stats=self.stats(transcript, per_speaker),
            glance=glance,
            discussion_points=[
                DiscussionPoint(title=p)
                for p in dict.fromkeys(a.discussion_point for a in arguments if a.discussion_point)
            ],
            narrative=narrative,
            arguments=arguments,
            agreements=agreements,
            differences=differences,
            takeaways=self.takeaways(sections.get("takeaways", [])[1:]),
            comments=comments,
            comments_assessment=comments_assessment,
            follow_up_questions=self.questions(sections.get("questions", [])[1:]),
            disclaimer=disclaimer,
            meta=ReportMeta(engine="import:diplo", model=None),
        )

    def _opens_speaker(self, k: int) -> bool:
        return opens_block(self.lines, k)

    def transcript(self, end_raw: int) -> Transcript:
        """Header, speakers list and turns, read by the Diplo transcript reader."""
        text = "\n".join(self.raw[:end_raw])
        return prepare(diplo.read(Source(text, self.name, self.source.encoding)))

    def glance(self, transcript_at: int) -> Glance:
        """Summary paragraphs, major discussion points, purpose and tone."""
        start = self._index("Session at a glance")
        if start is None or start > transcript_at:
            return Glance()
        end = self._index("Speakers", start)
        end = transcript_at if end is None or end > transcript_at else end
        block = self.lines[start + 1 : end]
        parts: dict[str, list[Line]] = {}
        current = None
        for line in block:
            head = heading(line.text)
            if head in (
                "summary",
                "keypoints",
                "major discussion points",
                "overall purpose",
                "overall tone",
            ):
                current = "keypoints" if head == "major discussion points" else head
                parts.setdefault(current, [])
                continue
            if current is None:
                raise self.error("Session at a glance", line.number, f"unexpected line {line.text[:40]!r}")
            parts[current].append(line)
        keypoints: list[DiscussionPoint] = []
        for line in parts.get("keypoints", []):
            m = _KEYPOINT.match(line.text)
            if m:
                keypoints.append(DiscussionPoint(title=m["title"].strip(), description=m["desc"].strip() or None))
            elif keypoints and not line.text.startswith(("–", "-", "•", "*")):
                # a wrapped description continues the previous keypoint
                prev = keypoints[-1]
                prev.description = f"{prev.description or ''} {line.text}".strip()
            else:
                keypoints.append(DiscussionPoint(title=strip_marker(line.text)))

        def para(key: str) -> str | None:
            text = "\n\n".join(x.text for x in parts.get(key, []))
            return text or None

        return Glance(
            summary=para("summary"),
            keypoints=keypoints,
            purpose=para("overall purpose"),
            tone=para("overall tone"),
        )

    def narrative(self, transcript_at: int) -> str | None:
        start = self._index("Full session report")
        if start is None or start > transcript_at:
            return None
        return "\n\n".join(x.text for x in self.lines[start + 1 : transcript_at]) or None
