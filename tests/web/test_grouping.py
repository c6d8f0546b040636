"""Search hits grouped by session, one per sentence, labels keeping the speaker."""

from __future__ import annotations

from sessionlens.store.views import MARK_END, MARK_START, SearchHit, SearchResults
from sessionlens.web.grouping import group_hits, sentence_key
from sessionlens.web.nav import plural, session_label


def _hit(kind: str, sid: int, text: str, score: float, speaker: str | None = None) -> SearchHit:
    return SearchHit(
        kind=kind,
        session_id=sid,
        session_title=f"S{sid}",
        event="E",
        speaker=speaker,
        person_id=7 if speaker else None,
        snippet=text,
        score=score,
        turn_index=3 if kind == "turn" else None,
    )


M = f"{MARK_START}divide{MARK_END}"


def test_one_sentence_found_three_times_is_one_hit_that_keeps_the_speaker() -> None:
    hits = [
        _hit("takeaway", 1, f"We must bridge the digital {M} now.", 9.0),
        _hit("turn", 1, f"Thanks. We must bridge the digital {M} now. Next point", 7.0, "Ko Barrett"),
        _hit("argument", 1, f"We must bridge the digital {M} now.", 6.0, "Ko Barrett"),
        _hit("turn", 2, f"The {M} between towns grows.", 8.0, "Lena Ruiz"),
        _hit("turn", 1, f"Another {M} sentence entirely.", 1.0, "Ko Barrett"),
    ]
    groups = group_hits(SearchResults(query="divide", total=5, hits=hits))
    assert [g.session_id for g in groups] == [1, 2]  # best session first
    first = groups[0].hits
    assert len(first) == 2
    assert first[0].hit.kind == "takeaway" and first[0].label == "Takeaway · Ko Barrett"
    assert first[0].also == ["Transcript", "Argument"]


def test_sentence_key_reads_the_matched_sentence() -> None:
    assert sentence_key(f"First one. Then the {M} here. Last.") == "then the divide here"


def test_session_labels_never_show_a_path() -> None:
    assert session_label(None, "/srv/data/igf/hearing_2024.txt", 5) == "hearing 2024"
    assert session_label(None, "C:\\data\\panel.vtt", 5) == "panel"
    assert session_label("  Opening  ", "/x/y.txt", 5) == "Opening"
    assert session_label(None, None, 5) == "Session 5"
    assert (plural(1, "session"), plural(3, "argument")) == ("1 session", "3 arguments")
