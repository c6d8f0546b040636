"""Text checks of verification: figures (digits and number words), spacing, whole words."""

from __future__ import annotations

import re

_FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
SENTENCE = re.compile(r"(?<=[.!?;])\s+")
ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.+|\[\.\.\.\])\s*")
_SPACE = re.compile(r"\s+")
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80"}
_WORD_NUMBERS = (
    {w: str(i) for i, w in enumerate(_NUMBER_WORDS.split())}
    | _TENS
    | {
        "ninety": "90",
        "hundred": "100",
        "thousand": "1000",
    }
)
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I)


def figures(text: str | None) -> list[str]:
    """The numbers in `text`, normalised ("1,000" -> "1000"), in order."""
    if not text:
        return []
    out = []
    for raw in _FIGURE.findall(text):
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw):
            raw = raw.replace(",", "")
        out.append(raw)
    return out


def spoken_figures(text: str) -> set[str]:
    """Figures of a turn, written in digits or as a number word ("fourteen" -> "14")."""
    found = set(figures(text))
    found.update(_WORD_NUMBERS[m.lower()] for m in _WORD_NUMBER.findall(text))
    return found


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened to whole words."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return text[start:end].strip()
