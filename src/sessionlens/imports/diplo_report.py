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
from dataclasses import dataclass
from pathlib import Path

from ..models import (
    ActionItem,
    Agreements,
    Argument,
    Comment,
    Differences,
    DiscussionPoint,
    FollowUpQuestion,
    Glance,
    Position,
    Report,
    ReportMeta,
    SpeakerStats,
    Stance,
    Takeaways,
    Transcript,
    paired_relations,
)
from ..normalize import name_key
from ..pipeline import prepare
from ..readers import diplo
from ..readers.base import Source, clean_line, load
from ..stats import compute_stats
from .records import Line, Record, SectionError, parse_records, strip_marker

NAME = "diplo"

TRANSCRIPT = "Session transcript"
STAT_LABELS = ("Speech speed", "Speech length", "Speech time")
ARG_ONE = {"Explanation", "Evidence", "Major discussion point", "Topics"}
ARG_MANY = {"Agreed with", "Agreed on", "Disagreed with", "Disagreed on"}
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
#: The closing line SessionLens's text renderer adds after the disclaimer.
_COLOPHON = "Made by "
_STANCE_ONE = {"Summary", "Explanation", "Topics"}
_STANCE_MANY = {"Speakers", "Arguments"}
_SAID = re.compile(r"^(?P<name>[^:“]+?):\s*“(?P<quote>.+)”$")
_SPEED = re.compile(r"^~?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:words? per minute|wpm)\b", re.I)
_LENGTH = re.compile(r"^~?\s*(?P<n>\d[\d,]*)\s*words?\b", re.I)
_TIME = re.compile(r"^~?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:seconds?|s)\b", re.I)
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


@dataclass
class Figures:
    """A speaker's figures as the report prints them (None where it does not)."""

    wpm: float | None
    words: int | None
    seconds: float | None
    estimated: bool


def _opens_block(lines: list[Line], k: int) -> bool:
    """A speaker's name: the next line is a figure label, and it is not itself a figure."""
    return (
        k + 1 < len(lines)
        and lines[k + 1].text in STAT_LABELS
        and lines[k].text not in STAT_LABELS
        and (k == 0 or lines[k - 1].text not in STAT_LABELS)
    )


def _topics(text: str | None) -> list[str]:
    """'Development | Infrastructure' (DiploAI), or comma-separated where no bar is used."""
    if not text:
        return []
    parts = text.split("|") if "|" in text else text.split(",")
    return [t.strip() for t in parts if t.strip()]


def _heading(text: str) -> str:
    """'## Overall Purpose:' -> 'overall purpose'."""
    return text.strip().lstrip("#").strip().rstrip(":").strip().lower()


class _Parser:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.name = source.name
        self.raw = [clean_line(x) for x in source.text.splitlines()]
        self.lines = [Line(i + 1, t) for i, t in enumerate(self.raw) if t]
        self.canon: dict[str, str] = {}

    # ------------------------------------------------------------------ structure

    def error(self, section: str, line: int | None, problem: str) -> SectionError:
        return SectionError(self.name, section, line, problem)

    def _index(self, text: str, start: int = 0) -> int | None:
        return next((k for k in range(start, len(self.lines)) if self.lines[k].text == text), None)

    def report(self) -> Report:
        t = self._index(TRANSCRIPT)
        if t is None:
            raise self.error(
                "Session transcript", None, "the report has no 'Session transcript' heading"
            )
        tail_starts = [
            (k, TAIL[self.lines[k].text.lower()])
            for k in range(t + 1, len(self.lines))
            if self.lines[k].text.lower() in TAIL
        ]
        disclaimer_at = next(
            (
                k
                for k in range(t + 1, len(self.lines))
                if self.lines[k].text.startswith("Disclaimer:")
            ),
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
            self.lines[transcript_end].number - 1
            if transcript_end < len(self.lines)
            else len(self.raw)
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
        return _opens_block(self.lines, k)

    def speaker(self, label: str) -> str:
        """The transcript's name for a speaker named in an analysis section."""
        label = strip_marker(label)
        return self.canon.get(name_key(label), label)

    # ------------------------------------------------------------------ sections

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
            head = _heading(line.text)
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
                raise self.error(
                    "Session at a glance", line.number, f"unexpected line {line.text[:40]!r}"
                )
            parts[current].append(line)
        keypoints: list[DiscussionPoint] = []
        for line in parts.get("keypoints", []):
            m = _KEYPOINT.match(line.text)
            if m:
                keypoints.append(
                    DiscussionPoint(title=m["title"].strip(), description=m["desc"].strip() or None)
                )
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

    def speaker_blocks(self, lines: list[Line]) -> list[tuple[str, Figures, list[Argument]]]:
        """One (speaker, stats, arguments) per `Name / Speech speed …` block."""
        starts = [k for k in range(len(lines)) if _opens_block(lines, k)]
        out = []
        for n, k in enumerate(starts):
            block = lines[k : starts[n + 1] if n + 1 < len(starts) else len(lines)]
            name = self.speaker(block[0].text)
            section = f"per-speaker analysis of {name}"
            figures: dict[str, Line] = {}
            i = 1
            while i < len(block) and block[i].text in STAT_LABELS:
                if i + 1 >= len(block) or block[i + 1].text in STAT_LABELS:
                    raise self.error(section, block[i].number, f"'{block[i].text}' has no value")
                figures[block[i].text] = block[i + 1]
                i += 2
            stats = self._figures(name, figures, section)
            records = parse_records(
                block[i:],
                source=self.name,
                section=section,
                one=ARG_ONE,
                many=ARG_MANY,
                openers=ARG_ONE,
            )
            out.append((name, stats, [self._argument(name, r) for r in records]))
        return out

    def _figures(self, name: str, figures: dict[str, Line], section: str) -> Figures:
        def number(label: str, pattern: re.Pattern[str]) -> float | None:
            line = figures.get(label)
            if line is None or line.text.strip() in ("–", "—", "-"):
                return None  # "–": not measured (a speed without timestamps)
            m = pattern.match(line.text)
            if not m:
                raise self.error(
                    section,
                    line.number,
                    f"{label} {line.text[:40]!r} is not a number of the expected unit",
                )
            return float(m["n"].replace(",", ""))

        words = number("Speech length", _LENGTH)
        return Figures(
            wpm=number("Speech speed", _SPEED),
            words=int(words) if words is not None else None,
            seconds=number("Speech time", _TIME),
            estimated=any(
                "estimat" in x.text.lower() or x.text.startswith("~") for x in figures.values()
            ),
        )

    def _argument(self, speaker: str, rec: Record) -> Argument:
        topics = rec.one("Topics")
        return Argument(
            speaker=speaker,
            title=rec.head or "",
            explanation=rec.one("Explanation"),
            evidence=rec.one("Evidence"),
            discussion_point=rec.one("Major discussion point"),
            topics=_topics(topics),
            relations=[
                *paired_relations("agreed", [self.speaker(x) for x in rec.many("Agreed with")],
                                  rec.many("Agreed on")),
                *paired_relations("disagreed",
                                  [self.speaker(x) for x in rec.many("Disagreed with")],
                                  rec.many("Disagreed on")),
            ],
        )

    def stats(
        self, transcript: Transcript, per_speaker: list[tuple[str, Figures, list[Argument]]]
    ) -> list[SpeakerStats]:
        """The report's figures per speaker, in order of first appearance. Turn counts, and
        whatever a block does not give, come from the transcript."""
        computed = {s.name: s for s in compute_stats(transcript)}
        given = {name: fig for name, fig, _ in per_speaker}
        roles = {s.name: s.role for s in transcript.speakers}
        out: list[SpeakerStats] = []
        for name in [*computed, *[n for n in given if n not in computed]]:
            base = computed.get(name)
            fig = given.get(name)
            if fig is None:
                if base is not None:
                    out.append(base)
                continue
            words = fig.words if fig.words is not None else (base.words if base else 0)
            out.append(
                SpeakerStats(
                    name=name,
                    role=roles.get(name),
                    words=words,
                    turns=base.turns if base else 0,
                    seconds=fig.seconds,
                    wpm=fig.wpm,
                    estimated=fig.estimated,
                )
            )
        total_words = sum(s.words for s in out)
        for s in out:
            s.word_share = round(s.words / total_words, 4) if total_words else 0.0
        total_time = sum(s.seconds or 0 for s in out)
        if total_time and all(s.seconds is not None for s in out):
            for s in out:
                s.time_share = round((s.seconds or 0) / total_time, 4)
        return out

    def _subsections(
        self, lines: list[Line], names: dict[str, str], section: str
    ) -> list[tuple[str, list[Line]]]:
        """Split a section at its sub-headings (repeated headings give repeated parts)."""
        parts: list[tuple[str, list[Line]]] = []
        for line in lines:
            key = names.get(line.text.lower())
            if key is not None:
                parts.append((key, []))
            elif not parts:
                raise self.error(
                    section,
                    line.number,
                    f"unexpected line {line.text[:40]!r} before any sub-heading",
                )
            else:
                parts[-1][1].append(line)
        return parts

    def position(self, text: str, side: int) -> Position:
        """'Name' or 'Name: “their words”' (SessionLens writes each speaker's quote)."""
        m = _SAID.match(strip_marker(text))
        if m is None:
            return Position(speaker=self.speaker(text), side=side)
        return Position(speaker=self.speaker(m["name"]), quote=m["quote"], side=side)

    def _stances(self, lines: list[Line], section: str, untitled: bool = False,
                 opposed: bool = False) -> list[Stance]:
        """Stance items; in a difference (`opposed`) each speaker is their own side, since
        the layout records no sides."""
        records = parse_records(
            lines,
            source=self.name,
            section=section,
            one=_STANCE_ONE,
            many=_STANCE_MANY,
            openers={"Speakers"},
        )
        out = []
        for r in records:
            if not r.fields:
                raise self.error(
                    section, r.line, f"item {r.head[:40] if r.head else ''!r} has no Speakers"
                )
            topics = r.one("Topics")
            title, summary = r.head, r.one("Summary")
            if untitled and summary is None:
                # "Similar viewpoints" items open with their summary, not a title
                title, summary = None, r.head
            out.append(
                Stance(
                    point=title,
                    positions=[self.position(x, n if opposed else 0)
                               for n, x in enumerate(r.many("Speakers"))],
                    arguments=r.many("Arguments"),
                    summary=summary,
                    explanation=r.one("Explanation"),
                    topics=_topics(topics),
                )
            )
        return out

    def _assessment(
        self, lines: list[Line], section: str, level: str
    ) -> tuple[str | None, str | None]:
        records = parse_records(
            lines,
            source=self.name,
            section=section,
            one={"Summary", level},
            many=set(),
            openers=set(),
            headless=True,
        )
        if not records:
            return None, None
        rec = records[0]
        if rec.head is not None or len(records) > 1:
            # an assessment written as plain paragraphs
            text = "\n\n".join(x.text for x in lines)
            return text or None, None
        return rec.one("Summary"), rec.one(level)

    def agreements(self, lines: list[Line]) -> tuple[Agreements, list[Stance]]:
        section = "Agreements"
        names = {
            "agreement points": "points",
            "similar viewpoints": "similar",
            "unexpected consensus": "unexpected",
            "overall assessment": "assessment",
        }
        out = Agreements()
        for key, part in self._subsections(lines, names, section):
            if key == "points":
                out.agreement_points += self._stances(part, f"{section} / Agreement points")
            elif key == "similar":
                out.similar_viewpoints += self._stances(
                    part, f"{section} / Similar viewpoints", untitled=True
                )
            elif key == "unexpected":
                out.unexpected_consensus += self._stances(part, f"{section} / Unexpected consensus")
            else:
                out.assessment, out.consensus_level = self._assessment(
                    part, f"{section} / Overall assessment", "Consensus level"
                )
        return out, []

    def differences(self, lines: list[Line]) -> tuple[Differences, list[Stance]]:
        section = "Differences"
        names = {
            "different viewpoints": "different",
            "unexpected differences": "unexpected",
            "partial agreements": "partial",
            "overall assessment": "assessment",
            "similar viewpoints": "similar",
        }
        out = Differences()
        similar: list[Stance] = []
        for key, part in self._subsections(lines, names, section):
            if key == "different":
                out.different_viewpoints += self._stances(
                    part, f"{section} / Different viewpoints", opposed=True
                )
            elif key == "unexpected":
                out.unexpected_differences += self._stances(
                    part, f"{section} / Unexpected differences", opposed=True
                )
            elif key == "partial":
                out.partial_agreements += self._stances(part, f"{section} / Partial agreements")
            elif key == "similar":
                similar += self._stances(part, f"{section} / Similar viewpoints", untitled=True)
            else:
                out.assessment, out.disagreement_level = self._assessment(
                    part, f"{section} / Overall assessment", "Disagreement level"
                )
        return out, similar

    def _action(self, text: str) -> ActionItem:
        """'Name: commitment' when Name is a speaker of the session, else the text alone."""
        name, sep, rest = text.partition(": ")
        if sep and rest and name_key(name) in self.canon:
            return ActionItem(text=rest.strip(), speaker=self.canon[name_key(name)])
        return ActionItem(text=text)

    def takeaways(self, lines: list[Line]) -> Takeaways:
        names = {
            "key takeaways": "key",
            "resolutions and action items": "actions",
            "action items": "actions",
            "unresolved issues": "unresolved",
            "suggested compromises": "compromises",
            "compromises": "compromises",
        }
        out = Takeaways()
        for key, part in self._subsections(lines, names, "Takeaways"):
            items = [strip_marker(x.text) for x in part]
            if key == "key":
                out.key_takeaways += items
            elif key == "actions":
                out.action_items += [self._action(x) for x in items]
            elif key == "unresolved":
                out.unresolved_issues += items
            else:
                out.compromises += items
        return out

    def disclaimer(self, lines: list[Line]) -> str | None:
        """'Disclaimer: text' (DiploAI) or a 'Disclaimer' heading and its lines (SessionLens,
        whose generated closing line is not part of the report's disclaimer)."""
        texts = [x.text for x in lines]
        if texts and texts[0] == "Disclaimer":
            texts = texts[1:]
        if texts and texts[-1].startswith(_COLOPHON):
            texts = texts[:-1]
        text = " ".join(texts).removeprefix("Disclaimer:").strip()
        return text or None

    def comments(self, lines: list[Line]) -> tuple[list[Comment], str | None]:
        section = "Thought provoking comments"
        at = next((k for k, x in enumerate(lines) if x.text == "Overall assessment"), len(lines))
        records = parse_records(
            lines[:at],
            source=self.name,
            section=section,
            one={"Speaker", "Reason", "Impact"},
            many=set(),
            openers={"Speaker"},
        )
        out = []
        for r in records:
            speaker = r.one("Speaker")
            if speaker is None:
                raise self.error(section, r.line, f"quote {(r.head or '')[:40]!r} has no Speaker")
            out.append(
                Comment(
                    quote=r.head or "",
                    speaker=self.speaker(speaker),
                    reason=r.one("Reason"),
                    impact=r.one("Impact"),
                )
            )
        assessment = "\n\n".join(x.text for x in lines[at + 1 :]) or None
        return out, assessment

    def questions(self, lines: list[Line]) -> list[FollowUpQuestion]:
        section = "Follow-up questions"
        records = parse_records(
            lines,
            source=self.name,
            section=section,
            one={"Explanation"},
            many={"Speaker", "Speakers"},
            openers={"Speaker", "Speakers"},
        )
        out = []
        for r in records:
            names = r.many("Speaker") + r.many("Speakers")
            if not names:
                raise self.error(
                    section, r.line, f"question {(r.head or '')[:40]!r} has no Speaker"
                )
            out.append(
                FollowUpQuestion(
                    question=r.head or "",
                    speakers=[self.speaker(x) for x in names],
                    explanation=r.one("Explanation"),
                )
            )
        return out
