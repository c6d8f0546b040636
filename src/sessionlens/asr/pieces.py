"""Speaker pieces: ASR segments cut where the speaker may change.

Whisper's segments follow the text, not the voices: a quick "Exactly." from someone else
between two sentences of a statement often lands inside the statement's segment. So each
segment is cut after every sentence end (. ? !), after an opening word or two followed by a
comma, and at every pause of `MIN_PAUSE` seconds between words; each piece gets its own
voice embedding. After diarization, neighbouring
pieces of one segment with the same speaker are joined again (`join_pieces`), so a
statement stays one turn unless someone else really spoke inside it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .transcribe import Segment, Word

#: A silence this long between two words may be a change of speaker.
MIN_PAUSE = 0.5
_SENTENCE_END = (".", "?", "!")
#: A piece that opens with up to this many words and a comma ("Indeed, …", "Right, I agree")
#: is cut there too: Whisper often writes someone's "Exactly." as the start of the next turn.
_OPENER_WORDS = 2


def _piece(words: list[Word]) -> Segment:
    return Segment(words[0].start, words[-1].end, " ".join(w.text for w in words), tuple(words))


def split_segment(segment: Segment) -> list[Segment]:
    """`segment` cut after sentence ends and at pauses (at least one word per piece)."""
    pieces: list[Segment] = []
    current: list[Word] = []
    opened = False  # the last cut was an opener: "Thank you, Maria, I …" is cut once
    for word, nxt in zip(segment.words, (*segment.words[1:], None), strict=True):
        current.append(word)
        opener = not opened and len(current) <= _OPENER_WORDS and word.text.endswith(",")
        if nxt is None or opener or word.text.endswith(_SENTENCE_END) or nxt.start - word.end >= MIN_PAUSE:
            pieces.append(_piece(current))
            current = []
            opened = opener
    return pieces or [segment]


def split_segments(segments: Iterable[Segment], first_group: int = 0) -> tuple[list[Segment], list[int]]:
    """All pieces of `segments`, and for each the index of its segment (from `first_group`)."""
    pieces: list[Segment] = []
    groups: list[int] = []
    for g, seg in enumerate(segments, first_group):
        parts = split_segment(seg)
        pieces += parts
        groups += [g] * len(parts)
    return pieces, groups


def join_pieces(pieces: list[Segment], groups: list[int], labels: list[str]) -> list[tuple[Segment, str, list[int]]]:
    """Neighbouring pieces of one segment with one speaker, joined: (segment, label, piece indexes)."""
    out: list[tuple[Segment, str, list[int]]] = []
    for i, (piece, group, label) in enumerate(zip(pieces, groups, labels, strict=True)):
        if out and groups[out[-1][2][-1]] == group and out[-1][1] == label:
            prev, _, members = out[-1]
            words = (*prev.words, *piece.words)
            out[-1] = (Segment(prev.start, piece.end, f"{prev.text} {piece.text}", words), label, [*members, i])
        else:
            out.append((piece, label, [i]))
    return out
