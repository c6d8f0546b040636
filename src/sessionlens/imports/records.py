"""Labelled records: the building block of the Diplo report layout.

A record is a head line (a title, a quote, a question) followed by labelled fields:

    Digital divide creates barriers          <- head
    Speakers                                 <- a list field
    – Ko Barrett
    – Johanna Hill
    Summary                                  <- a one-line field
    All three speakers agree that …

One-line fields take exactly the next line. List fields take lines up to the next label
or up to the head of the next record, recognised because the line after it is one of
the record's *opening* labels (the label that always follows a head).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError

_MARKER = re.compile(r"^\s*(?:[–—\-•*]|\d+[.)])\s+")


@dataclass
class Line:
    """A non-blank line of the input with its 1-based line number."""

    number: int
    text: str


@dataclass
class Record:
    """A head line and its labelled fields (label -> lines)."""

    head: str | None
    line: int
    fields: dict[str, list[str]] = field(default_factory=dict)

    def one(self, label: str) -> str | None:
        values = self.fields.get(label)
        return values[0] if values else None

    def many(self, label: str) -> list[str]:
        return list(self.fields.get(label, []))


class SectionError(InputError):
    """A part of a report that cannot be parsed; names the section and the line."""

    def __init__(self, source: str, section: str, line: int | None, problem: str) -> None:
        where = f" (line {line})" if line else ""
        self.section = section
        super().__init__(source, f"section '{section}' could not be parsed: {problem}{where}")


def strip_marker(text: str) -> str:
    """A list item without its leading dash, bullet or number."""
    return _MARKER.sub("", text, count=1).strip()


def parse_records(
    lines: list[Line],
    *,
    source: str,
    section: str,
    one: set[str],
    many: set[str],
    openers: set[str],
    headless: bool = False,
) -> list[Record]:
    """Split `lines` into records; raises SectionError for a field without a value."""
    labels = one | many
    records: list[Record] = []

    def opens_record(j: int) -> bool:
        return j + 1 < len(lines) and lines[j].text not in labels and lines[j + 1].text in openers

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.text in labels:
            if not records:
                if not headless:
                    raise SectionError(
                        source, section, line.number, f"'{line.text}' comes before any item title"
                    )
                records.append(Record(head=None, line=line.number))
            rec = records[-1]
            if line.text in one:
                if i + 1 >= len(lines) or lines[i + 1].text in labels:
                    raise SectionError(source, section, line.number, f"'{line.text}' has no value")
                rec.fields[line.text] = [lines[i + 1].text]
                i += 2
                continue
            j = i + 1
            items: list[str] = []
            while j < len(lines) and lines[j].text not in labels and not opens_record(j):
                items.append(strip_marker(lines[j].text))
                j += 1
            if not items:
                raise SectionError(source, section, line.number, f"'{line.text}' has no items")
            rec.fields.setdefault(line.text, []).extend(items)
            i = j
            continue
        records.append(Record(head=line.text, line=line.number))
        i += 1
    return records
