"""Follow-up questions are questions: asked and left open, or formed over an open issue."""

from __future__ import annotations

from sessionlens.engines.offline.comments import open_questions, question_from_issue
from sessionlens.engines.offline.session import Session
from sessionlens.models import Report


def test_every_follow_up_is_a_question(seed_002_analysis: Report, hearing_report: Report) -> None:
    for report in (seed_002_analysis, hearing_report):
        assert report.follow_up_questions
        for q in report.follow_up_questions:
            assert q.question.rstrip().endswith("?"), q.question
            assert "named as a need" not in (q.explanation or "")


def test_a_question_its_speaker_answers_is_not_open(seed_002_session: Session) -> None:
    """'Would they really be willing to use this technology? Well, fast forward to today, …'"""
    s = seed_002_session
    asked = next(x for x in s.sentences if x.text.startswith("Would they really be willing to use"))
    answer = s.sentences[asked.index + 1]
    assert answer.turn == asked.turn and not answer.is_question
    assert asked.index not in open_questions(s)


def test_a_prompt_to_a_person_is_not_a_follow_up(hearing_report: Report) -> None:
    assert not any(" you" in f" {q.question.lower()}" for q in hearing_report.follow_up_questions)


def test_question_over_the_issue_noun_phrase(seed_002_session: Session) -> None:
    text = next(x.text for x in seed_002_session.sentences if "the third challenge that we are seeing" in x.text)
    assert question_from_issue(text) == "How can regulatory fragmentation be overcome?"
    assert question_from_issue("The weather was fine and everyone came.") is None
