"""What the parsers of a DiploAI report's sections share: the lines, errors naming the
section, the speakers' names as the transcript writes them, sub-headings, topic lists."""

from __future__ import annotations

from ..normalize import name_key
from ..readers.base import Source, clean_line
from .records import Line, SectionError, strip_marker


def topic_list(text: str | None) -> list[str]:
    """'Development | Infrastructure' (DiploAI), or comma-separated where no bar is used."""
    if not text:
        return []
    parts = text.split("|") if "|" in text else text.split(",")
    return [t.strip() for t in parts if t.strip()]


class ReportParser:
    """The report's non-blank lines and the transcript's names (`canon`, set once the transcript is read)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.name = source.name
        self.raw = [clean_line(x) for x in source.text.splitlines()]
        self.lines = [Line(i + 1, t) for i, t in enumerate(self.raw) if t]
        self.canon: dict[str, str] = {}

    def error(self, section: str, line: int | None, problem: str) -> SectionError:
        return SectionError(self.name, section, line, problem)

    def _index(self, text: str, start: int = 0) -> int | None:
        return next((k for k in range(start, len(self.lines)) if self.lines[k].text == text), None)

    def speaker(self, label: str) -> str:
        """The transcript's name for a speaker named in an analysis section."""
        label = strip_marker(label)
        return self.canon.get(name_key(label), label)

    def _subsections(self, lines: list[Line], names: dict[str, str], section: str) -> list[tuple[str, list[Line]]]:
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


def heading(text: str) -> str:
    """'## Overall Purpose:' -> 'overall purpose'."""
    return text.strip().lstrip("#").strip().rstrip(":").strip().lower()
