"""Cross-session threads (issue 15): on a real event every quote is verbatim in the named
speaker's own turns of the named session and every thread spans two sessions or more; on
sessions written here, the same point made in other words forms a thread and an unrelated
one does not; forged voices are dropped by `verify_threads`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sessionlens.events.event_file import load_event
from sessionlens.events.threads import Thread, Voice, find_threads, verify_threads
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


def _session(title: str, lines: list[tuple[str, str]], claims: list[tuple[str, str]]) -> Report:
    """A session written for this test: its turns, and arguments made of given sentences."""
    transcript = prepare(
        Transcript(
            info=SessionInfo(title=title, source=f"{title}.txt", format="labelled"),
            speakers=[Speaker(name=n) for n in dict.fromkeys(n for n, _ in lines)],
            turns=[Turn(index=i, speaker=n, text=t) for i, (n, t) in enumerate(lines)],
        )
    )
    report = analyze(transcript, engine="none")
    args = [Argument(speaker=n, title=t, topics=["Development"]) for n, t in claims]
    return report.model_copy(update={"arguments": args})


def test_the_same_point_in_other_words_is_one_thread() -> None:
    flood_a = "Villages need flood warnings on their phones at least a day before the river rises."
    flood_b = "Rural families should get a text message about the coming flood one day ahead."
    tax = "The customs tariff on imported steel should fall by a small margin next year."
    a = _session("Floods", [("Ada Moreno", flood_a), ("Ben Ito", tax)], [("Ada Moreno", flood_a), ("Ben Ito", tax)])
    b = _session("Warnings", [("Chen Wu", flood_b)], [("Chen Wu", flood_b)])
    found = find_threads([("floods", a), ("warnings", b)])
    assert [sorted(v.speaker for v in t.voices) for t in found] == [["Ada Moreno", "Chen Wu"]]
    assert found[0].sessions == ["floods", "warnings"]
    assert found[0].voices[0] == Voice("floods", "Ada Moreno", flood_a, 0, flood_a)
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
