"""The per-speaker analysis of a DiploAI report: each speaker's printed figures and arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Argument, SpeakerStats, Transcript, paired_relations
from ..stats import compute_stats
from .diplo_base import ReportParser, topic_list
from .records import Line, Record, parse_records

STAT_LABELS = ("Speech speed", "Speech length", "Speech time")
ARG_ONE = {"Explanation", "Evidence", "Major discussion point", "Topics"}
ARG_MANY = {"Agreed with", "Agreed on", "Disagreed with", "Disagreed on"}
_SPEED = re.compile(r"^~?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:words? per minute|wpm)\b", re.I)
_LENGTH = re.compile(r"^~?\s*(?P<n>\d[\d,]*)\s*words?\b", re.I)
_TIME = re.compile(r"^~?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:seconds?|s)\b", re.I)


@dataclass
class Figures:
    """A speaker's figures as the report prints them (None where it does not)."""

    wpm: float | None
    words: int | None
    seconds: float | None
    estimated: bool


def opens_block(lines: list[Line], k: int) -> bool:
    """A speaker's name: the next line is a figure label, and it is not itself a figure."""
    return (
        k + 1 < len(lines)
        and lines[k + 1].text in STAT_LABELS
        and lines[k].text not in STAT_LABELS
        and (k == 0 or lines[k - 1].text not in STAT_LABELS)
    )


class SpeakerSections(ReportParser):
    """Parses the blocks that open with a speaker's name and their figures."""

    def speaker_blocks(self, lines: list[Line]) -> list[tuple[str, Figures, list[Argument]]]:
        """One (speaker, stats, arguments) per `Name / Speech speed …` block."""
        starts = [k for k in range(len(lines)) if opens_block(lines, k)]
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
            estimated=any("estimat" in x.text.lower() or x.text.startswith("~") for x in figures.values()),
        )

    def _argument(self, speaker: str, rec: Record) -> Argument:
        topics = rec.one("Topics")
        return Argument(
            speaker=speaker,
            title=rec.head or "",
            explanation=rec.one("Explanation"),
            evidence=rec.one("Evidence"),
            discussion_point=rec.one("Major discussion point"),
            topics=topic_list(topics),
            relations=[
                *paired_relations("agreed", [self.speaker(x) for x in rec.many("Agreed with")], rec.many("Agreed on")),
                *paired_relations(
                    "disagreed", [self.speaker(x) for x in rec.many("Disagreed with")], rec.many("Disagreed on")
                ),
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
