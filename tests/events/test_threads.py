"""Cross-session threads (issue 15): on a real event every quote is verbatim in the named
speaker's own turns of the named session and every thread spans two sessions and two speakers
or more; on sessions written here, the same point made in other words forms a thread titled by
the phrase its voices share and an unrelated one does not; procedure, filler, one speaker and one
word in common make no thread; forged voices are dropped by `verify_threads`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from sessionlens.events.event_file import load_event
from sessionlens.events.threads import Thread, Voice, find_threads, is_substantive, verify_threads
from sessionlens.models import Argument, Report, SessionInfo, Speaker, Transcript, Turn
from sessionlens.pipeline import analyze, prepare

from ..shared_data import shared_path
from .hub_checks import assert_threads_verbatim
from .hub_event import write_event


@pytest.fixture(scope="module")
def event_sessions(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Report]]:
    out = write_event(tmp_path_factory.mktemp("event"), shared_path())
    return [(s.slug, s.report) for s in load_event(out).built if s.report is not None]


@pytest.fixture(scope="module")
def threads(event_sessions: list[tuple[str, Report]]) -> list[Thread]:
    return verify_threads(find_threads(event_sessions), event_sessions)


def test_threads_quote_their_speakers_verbatim_across_sessions(
    threads: list[Thread], event_sessions: list[tuple[str, Report]]
) -> None:
    assert threads, "the seeds' UN sessions share themes: at least one thread"
    assert_threads_verbatim(threads, event_sessions)
    for th in threads:
        assert len(th.speakers) >= 2, th
        assert all(is_substantive(v.quote) for v in th.voices), th
        # titled by a phrase or subtopic, never by a quote
        assert th.label not in {v.quote for v in th.voices} and len(th.label.split()) <= 6, th.label


def test_threads_are_deterministic(threads: list[Thread], event_sessions: list[tuple[str, Report]]) -> None:
    assert verify_threads(find_threads(event_sessions), event_sessions) == threads


def test_verify_drops_forged_voices(threads: list[Thread], event_sessions: list[tuple[str, Report]]) -> None:
    th = threads[0]
    first = th.voices[0]
    other = next(v for v in th.voices if v.session != first.session)
    forged = (
        replace(first, quote=first.quote + " and we will double the budget"),  # words never said
        replace(first, speaker=other.speaker),  # someone else's words
        replace(first, session=other.session),  # said in another session
    )
    for bad in forged:
        out = verify_threads([replace(th, voices=(bad, *th.voices[1:]))], event_sessions)
        assert bad not in [v for t in out for v in t.voices]
    lone = Thread(id="t", label="x", topic=None, voices=tuple(v for v in th.voices if v.session == first.session))
    assert verify_threads([lone], event_sessions) == []


def _session(
    title: str, lines: list[tuple[str, str]], claims: list[tuple[str, str]], topic: str = "Development"
) -> Report:
    """A session written for this test: its turns, and arguments made of given sentences."""
    transcript = prepare(
        Transcript(
            info=SessionInfo(title=title, source=f"{title}.txt", format="labelled"),
            speakers=[Speaker(name=n) for n in dict.fromkeys(n for n, _ in lines)],
            turns=[Turn(index=i, speaker=n, text=t) for i, (n, t) in enumerate(lines)],
        )
    )
    report = analyze(transcript, engine="none")
    args = [Argument(speaker=n, title=t, topics=[topic]) for n, t in claims]
    return report.model_copy(update={"arguments": args})


def test_the_same_point_in_other_words_is_one_thread() -> None:
    flood_a = "Villages need flood warnings on their phones at least a day before the river rises."
    flood_b = "Rural families should get flood warnings by text message one day ahead of the water."
    tax = "The customs tariff on imported steel should fall by a small margin next year."
    a = _session("Floods", [("Ada Moreno", flood_a), ("Ben Ito", tax)], [("Ada Moreno", flood_a), ("Ben Ito", tax)])
    b = _session("Warnings", [("Chen Wu", flood_b)], [("Chen Wu", flood_b)])
    found = find_threads([("floods", a), ("warnings", b)])
    assert [sorted(v.speaker for v in t.voices) for t in found] == [["Ada Moreno", "Chen Wu"]]
    assert found[0].sessions == ["floods", "warnings"]
    assert found[0].voices[0] == Voice("floods", "Ada Moreno", flood_a, 0, flood_a)
    assert found[0].label == "Flood warnings"  # the phrase both voices use, not a quote
    # one session alone never makes a thread, however alike its arguments
    c = _session(
        "Alone", [("Ada Moreno", flood_a), ("Chen Wu", flood_b)], [("Ada Moreno", flood_a), ("Chen Wu", flood_b)]
    )
    assert find_threads([("alone", c)]) == []


def test_words_not_in_the_speakers_turns_join_no_thread(tmp_path: Path) -> None:
    said = "Villages need flood warnings on their phones at least a day before the river rises."
    a = _session("Floods", [("Ada Moreno", said)], [("Ada Moreno", said)])
    # Chen's argument is words he never said: it cannot carry a thread
    b = _session("Warnings", [("Chen Wu", "Thank you, chair.")], [("Chen Wu", said)])
    assert find_threads([("floods", a), ("warnings", b)]) == []


def _same(texts: list[str]) -> np.ndarray:
    """Every text at the same point: only the tests beyond meaning decide."""
    return np.ones((len(texts), 4), dtype=np.float32) / 2


def test_procedure_and_filler_never_open_or_join_a_thread() -> None:
    lines = [
        "As a reminder to all members, members here in person should not be connected to the video conference.",
        "Item 2, then, this morning is an evidence session to scrutinise the progress of the new curriculum.",
        "So maybe not to repeat myself, I would like to highlight maybe a few important topics for the curriculum.",
        "I now give the floor to the minister for the new curriculum and the video conference.",
    ]
    assert not any(is_substantive(line) for line in lines)
    a = _session("Monday", [("Ann Lee", line) for line in lines], [("Ann Lee", line) for line in lines])
    b = _session("Tuesday", [("Bo Park", line) for line in lines], [("Bo Park", line) for line in lines])
    assert find_threads([("mon", a), ("tue", b)], embed=_same) == []
    # a substantive point made in both sessions still makes a thread, without the procedure
    point = "Rural schools need more science teachers before the curriculum reform starts."
    a = _session("Monday", [("Ann Lee", lines[0]), ("Ann Lee", point)], [("Ann Lee", lines[0]), ("Ann Lee", point)])
    b = _session("Tuesday", [("Bo Park", lines[1]), ("Bo Park", point)], [("Bo Park", lines[1]), ("Bo Park", point)])
    found = find_threads([("mon", a), ("tue", b)], embed=_same)
    assert [[v.quote for v in t.voices] for t in found] == [[point, point]]


def test_a_thread_needs_two_speakers() -> None:
    said = "Villages need flood warnings on their phones at least a day before the river rises."
    a = _session("Floods", [("Ada Moreno", said)], [("Ada Moreno", said)])
    b = _session("Warnings", [("Ada Moreno", said)], [("Ada Moreno", said)])
    assert find_threads([("floods", a), ("warnings", b)], embed=_same) == []
    lone = Thread(
        id="t",
        label="x",
        topic=None,
        voices=(Voice("floods", "Ada Moreno", said, 0, said), Voice("warnings", "Ada Moreno", said, 0, said)),
    )
    assert verify_threads([lone], [("floods", a), ("warnings", b)]) == []


def test_one_word_in_common_is_not_a_subtopic() -> None:
    # "opportunities" and "schools" in two senses, tagged with two subtopics: no thread
    ed = "I think there are opportunities to join up employers and schools a lot more than we do."
    david = "That may provide opportunities for schools and local authorities to look again at exclusions."
    a = _session("Skills", [("Ed Evans", ed)], [("Ed Evans", ed)], "Economic › Future of work")
    b = _session("Behaviour", [("Dai Hop", david)], [("Dai Hop", david)], "Development › Capacity development")
    assert find_threads([("skills", a), ("behaviour", b)], embed=_same) == []
    # the same subtopic is agreement: the thread is titled by it, lower case after the first letter
    b = _session("Behaviour", [("Dai Hop", david)], [("Dai Hop", david)], "Economic › Future of work")
    found = find_threads([("skills", a), ("behaviour", b)], embed=_same)
    assert [(t.label, t.topic, len(t.voices)) for t in found] == [("Future of work", "Economic", 2)]
