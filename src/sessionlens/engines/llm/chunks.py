"""Token estimates and transcript chunks cut at turn boundaries to fit a context window."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ...models import Turn

# English BPE tokenizers average about 4 characters per token; 3.2 over-estimates on purpose
# so that a chunk that fits by our count also fits the server's real context.
CHARS_PER_TOKEN = 3.2
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# Tags that delimit the transcript in a prompt; the text may not close them (prompt injection).
_TAG = re.compile(r"</?\s*transcript\s*>", re.I)


def estimate_tokens(text: str) -> int:
    """A conservative token count of `text` (never below the real count of common tokenizers)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


def turn_line(index: int, speaker: str, text: str) -> str:
    """How one turn appears in a prompt: `[index] Speaker: text`, with delimiter tags defused."""
    return f"[{index}] {speaker}: {_TAG.sub('(transcript tag)', text)}"


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive turns (or pieces of one very long turn) that fits the budget."""

    lines: tuple[str, ...]
    turn_indices: tuple[int, ...]
    speakers: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def tokens(self) -> int:
        return estimate_tokens(self.text)


def _split_long(text: str, budget: int) -> list[str]:
    """Pieces of one turn, each within `budget` tokens: at sentence ends, else at words."""
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        units = [sentence] if estimate_tokens(sentence) <= budget else sentence.split()
        for unit in units:
            candidate = f"{current} {unit}".strip()
            if current and estimate_tokens(candidate) > budget:
                pieces.append(current)
                current = unit
            else:
                current = candidate
    if current:
        pieces.append(current)
    return pieces


def chunk_turns(turns: list[Turn], budget: int) -> list[Chunk]:
    """Greedy packing of whole turns into chunks of at most `budget` estimated tokens.

    A turn longer than the budget on its own is split at sentence ends (its pieces keep the
    turn's index); every other cut falls between turns.
    """
    if budget < 50:
        raise ValueError(f"chunk budget {budget} tokens is too small")
    chunks: list[Chunk] = []
    lines: list[str] = []
    indices: list[int] = []
    speakers: list[str] = []
    used = 0

    def flush() -> None:
        nonlocal lines, indices, speakers, used
        if lines:
            chunks.append(Chunk(tuple(lines), tuple(dict.fromkeys(indices)),
                                tuple(dict.fromkeys(speakers))))
        lines, indices, speakers, used = [], [], [], 0

    for turn in turns:
        line = turn_line(turn.index, turn.speaker, turn.text)
        cost = estimate_tokens(line) + 1  # the newline
        if cost > budget:
            flush()
            head = estimate_tokens(turn_line(turn.index, turn.speaker, "")) + 2
            for piece in _split_long(turn.text, budget - head):
                lines.append(turn_line(turn.index, turn.speaker, piece))
                indices.append(turn.index)
                speakers.append(turn.speaker)
                flush()
            continue
        if used + cost > budget:
            flush()
        lines.append(line)
        indices.append(turn.index)
        speakers.append(turn.speaker)
        used += cost
    flush()
    return chunks
