"""The offline answer: the best retrieved sentences, verbatim, grouped by session and speaker,
under a one-line lead built from the question's subject. No model writes anything."""

from __future__ import annotations

from .models import Answer, AnswerGroup, AnswerSentence, Citation, Passage
from .query import Question

#: words of quoted sentences in an answer (it may run one sentence past this); chosen on
#: QMSum's Committee train/val queries, whose answers average 77 words
ANSWER_WORDS = 75
#: at most this many sentences, however short
MAX_SENTENCES = 8
NOT_SAID = "The sessions do not say."


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def lead(question: Question, speakers: list[str], sessions: int) -> str:
    """One line naming the subject and who spoke to it."""
    subject = question.subject or "this"
    where = f" in {sessions} sessions" if sessions > 1 else ""
    if len(speakers) == 1:
        return f"{speakers[0]} on {subject}{where}:"
    return f"On {subject}, {len(speakers)} speakers{where}:"


def select(passages: list[Passage]) -> list[Passage]:
    """Passages in rank order until the word budget is spent."""
    chosen: list[Passage] = []
    words = 0
    for p in passages:
        if words >= ANSWER_WORDS or len(chosen) >= MAX_SENTENCES:
            break
        chosen.append(p)
        words += len(p.citation.text.split())
    return chosen


def offline_answer(question: Question, passages: list[Passage]) -> Answer:
    """Extractive answer from `passages` (best first); "do not say" when there are none."""
    if not passages:
        return Answer(question=question.text, engine="offline", found=False, lead=NOT_SAID)
    chosen = select(passages)
    groups: dict[tuple[int, str], list[Citation]] = {}
    for p in chosen:  # groups in the order of their best passage
        groups.setdefault((p.citation.session_id, p.citation.speaker), []).append(p.citation)
    out_groups = []
    sentences = []
    for (sid, speaker), cites in groups.items():
        cites.sort(key=lambda c: c.sentence)
        group = [AnswerSentence(text=c.text, citations=[c.ref]) for c in cites]
        out_groups.append(
            AnswerGroup(session_id=sid, session_title=cites[0].session_title, speaker=speaker, sentences=group)
        )
        sentences += group
    speakers = list(dict.fromkeys(s for _, s in groups))
    citations = sorted((p.citation for p in chosen), key=lambda c: c.ref)
    return Answer(
        question=question.text,
        engine="offline",
        found=True,
        lead=lead(question, speakers, len({sid for sid, _ in groups})),
        sentences=sentences,
        groups=out_groups,
        citations=citations,
        passages=passages,
    )
