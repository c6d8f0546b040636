"""Q&A interviews without name labels: question paragraphs followed by answer paragraphs."""

from __future__ import annotations

import re

from ..errors import InputError
from ..models import SessionInfo, Speaker, Transcript
from .base import Source, build, clean_line
from .interview import interview_names

NAME = "qa"
DESCRIPTION = "Q&A interview (unlabelled questions and answers)"

_MAX_QUESTION_WORDS = 80


def _paragraphs(text: str) -> list[str]:
    return [clean_line(p) for p in re.split(r"\n\s*\n", text) if clean_line(p)]


def _is_question(p: str) -> bool:
    return p.rstrip().endswith("?") and len(p.split()) <= _MAX_QUESTION_WORDS


def _is_boilerplate(p: str) -> bool:
    # Navigation and headings: short lines without sentence punctuation.
    return len(p.split()) < 10 and not re.search(r"[.!?…\"”]$", p)


def sniff(text: str) -> float:
    paras = _paragraphs(text)
    questions = sum(1 for p in paras if _is_question(p))
    answers = sum(1 for p in paras if not _is_question(p) and len(p.split()) >= 15)
    if questions >= 2 and answers >= questions:
        return 0.6
    return 0.0


def read(source: Source) -> Transcript:
    host, guest, role = interview_names(source.text)
    paras = _paragraphs(source.text)
    first_q = next((i for i, p in enumerate(paras) if _is_question(p)), None)
    if first_q is None:
        raise InputError(source.name, "no questions found for a Q&A interview")
    turns: list[tuple[str, str, float | None, float | None]] = []
    for p in paras[first_q:]:
        if _is_question(p):
            turns.append((host, p, None, None))
        elif _is_boilerplate(p):
            continue
        elif turns and turns[-1][0] == guest:
            turns[-1] = (guest, f"{turns[-1][1]}\n\n{p}", None, None)
        else:
            turns.append((guest, p, None, None))
    if not any(t[0] == guest for t in turns):
        raise InputError(source.name, "questions found but no answers")
    title = paras[0] if first_q > 0 and len(paras[0].split()) < 16 else None
    info = SessionInfo(title=title)
    speakers = [Speaker(name=host, role="Interviewer", is_moderator=True), Speaker(name=guest, role=role)]
    return build(turns, source, NAME, info=info, speakers=speakers)
