"""Seeds 000 (plain Q&A) and 001 (time-indexed): interviewer and named interviewee."""

from __future__ import annotations

from pathlib import Path

from sessionlens.pipeline import ingest
from sessionlens.stats import compute_stats


def test_qa_interview(seed_000: Path) -> None:
    t = ingest(seed_000)
    assert t.info.format == "qa"
    names = [s.name for s in t.speakers]
    assert names == ["Interviewer", "Jean-Yves Art"]
    stats = {s.name: s for s in compute_stats(t)}
    assert stats["Interviewer"].turns == 5 == stats["Jean-Yves Art"].turns
    assert stats["Jean-Yves Art"].words > 5 * stats["Interviewer"].words
    assert all(s.seconds is None and s.wpm is None for s in stats.values())
    # questions alternate with answers and every question ends with "?"
    assert all(x.text.rstrip().endswith("?") for x in t.turns if x.speaker == "Interviewer")
    assert "biography" not in " ".join(x.text for x in t.turns)


def test_time_indexed_interview(seed_001: Path) -> None:
    t = ingest(seed_001)
    assert t.info.format == "timeindex"
    assert [s.name for s in t.speakers] == ["Stephen Ibaraki", "Anne Miroux"]
    assert t.speaker("Anne Miroux").role.startswith("Director, Division on Technology")
    questions = [x for x in t.turns if x.speaker == "Stephen Ibaraki"]
    assert questions[0].start == 18 and questions[1].start == 50
    assert questions[-1].start == 1 * 3600 + 50 * 60 + 55
    # an answer follows each question inside the same index interval
    answers = [x for x in t.turns if x.speaker == "Anne Miroux"]
    assert len(answers) == len(questions) - 1
    first_answer = t.turns[1]
    assert first_answer.start > questions[0].start and first_answer.end == 50
    stats = {s.name: s for s in compute_stats(t)}
    assert all(s.estimated and s.seconds for s in stats.values())
    assert stats["Anne Miroux"].seconds > stats["Stephen Ibaraki"].seconds
