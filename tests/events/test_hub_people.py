"""Who is one person across an event's sessions, the speaker index's times and order, and the one
counting basis of the topic map and the summaries: on small events made in code, so each rule is
seen on its own (the real event is in test_hub.py)."""

from __future__ import annotations

import pytest

from sessionlens.events import hub_view
from sessionlens.events.event_file import Event, EventSession
from sessionlens.events.people import event_people, is_role_label, session_people
from sessionlens.events.summaries import basket_sessions, event_summary, speaker_sessions
from sessionlens.models import Argument, Report, SessionInfo, SpeakerStats, Transcript


@pytest.mark.parametrize(
    "label",
    ["Speaker 1", "SPEAKER_00", "Interviewer", "The Chair", "Project Manager", "Marketing", "Industrial Designer",
     "User Interface", "Grad B", "PhD F", "B", "Moderator"],
)  # fmt: skip
def test_role_labels_name_no_one(label: str) -> None:
    assert is_role_label(label)


@pytest.mark.parametrize(
    "label", ["Lynne Neagle AM", "Anne Miroux", "Richard J. Durbin", "Hon. Anthony Rota", "Dr Amara Osei", "Mr X"]
)
def test_names_are_people(label: str) -> None:
    assert not is_role_label(label)


def test_a_part_with_a_name_is_that_person_and_so_is_the_bare_part() -> None:
    people = session_people("s1", ["The Chair (Hon. Anthony Rota (Nipissing, Lib.))", "The Chair", "Speaker 2"])
    assert people["The Chair"] == people["The Chair (Hon. Anthony Rota (Nipissing, Lib.))"]
    assert people["The Chair"].name == "Anthony Rota" and people["The Chair"].session is None
    assert people["Speaker 2"].session == "s1"
    # two named chairs: the bare part is neither
    two = session_people("s1", ["Chair (Ann Lee)", "Chair (Bo Kim)", "Chair"])
    assert two["Chair"].session == "s1" and two["Chair (Ann Lee)"] != two["Chair (Bo Kim)"]


def _stats(name: str, words: int, seconds: float | None = None, estimated: bool = False) -> SpeakerStats:
    return SpeakerStats(name=name, words=words, turns=1, seconds=seconds, estimated=estimated)


def _session(slug: str, stats: list[SpeakerStats], baskets: list[str] = ()) -> EventSession:  # type: ignore[assignment]
    args = [Argument(speaker=stats[0].name, title=f"argument {i}", topics=[b]) for i, b in enumerate(baskets)]
    report = Report(transcript=Transcript(info=SessionInfo()), stats=stats, arguments=args)
    outputs = [f"sessions/{slug}/report.json", f"sessions/{slug}/report.html"]
    return EventSession(slug, slug.title(), None, None, None, "done", None, outputs, report)


@pytest.fixture
def event() -> Event:
    return Event(
        name="ev",
        title="Ev",
        sessions=[
            _session("rec-a", [_stats("Speaker 1", 49, 17.0)], ["Economic"]),
            _session("rec-b", [_stats("Speaker 1", 30, 12.0)]),
            _session("hearing-a", [_stats("Kirsty Williams AM", 2790), _stats("The Chair", 40)], ["Economic"] * 3),
            _session(
                "hearing-b",
                [
                    _stats("Kirsty Williams AM", 100),
                    _stats("The Chair (Hon. Ann Lee (Ward 3))", 50),
                    _stats("The Chair", 10),
                ],
                ["Development", "Economic"],
            ),
            _session("talk", [_stats("Anne Miroux", 3548, 5420.0, estimated=True)], ["Development"]),
        ],
    )


def test_role_labels_stay_in_their_session_and_names_join(event: Event) -> None:
    index = hub_view.speaker_index(event)
    speaker_ones = [e for e in index if e.name == "Speaker 1"]
    assert sorted(e.only_in for e in speaker_ones) == ["rec-a", "rec-b"]  # type: ignore[type-var]
    kirsty = next(e for e in index if e.name == "Kirsty Williams AM")
    assert kirsty.sessions == ["hearing-a", "hearing-b"] and kirsty.words == 2890
    lee = next(e for e in index if e.name == "Ann Lee")
    assert lee.words == 60 and lee.heard_as == [
        ("hearing-b", "The Chair (Hon. Ann Lee (Ward 3))"),
        ("hearing-b", "The Chair"),
    ]
    assert speaker_sessions(event) == {
        "Kirsty Williams AM": ["hearing-a", "hearing-b"],
        "Ann Lee": ["hearing-b"],
        "Anne Miroux": ["talk"],
    }
    ids = hub_view.speaker_ids(index)
    assert ids[("rec-a", "Speaker 1")] != ids[("rec-b", "Speaker 1")]
    assert ids[("hearing-b", "The Chair")] == lee.id
    assert event_people(event)[("hearing-a", "The Chair")].session == "hearing-a"  # no named chair there


def test_speakers_rank_by_words_with_estimated_times(event: Event) -> None:
    index = hub_view.speaker_index(event)
    assert [e.words for e in index] == sorted((e.words for e in index), reverse=True)
    kirsty = next(e for e in index if e.name == "Kirsty Williams AM")
    # untimed sessions: estimated at the speaking rate, never blank
    assert kirsty.estimated and kirsty.seconds == pytest.approx(2890 / hub_view.SPEAKING_WPM * 60)
    assert not kirsty.slow
    miroux = index[0]
    assert miroux.name == "Anne Miroux" and miroux.slow and round(miroux.wpm or 0) == 39
    timed = next(e for e in index if e.only_in == "rec-a")
    assert timed.seconds == 17.0 and not timed.estimated


def test_a_session_with_timed_speakers_estimates_the_others_at_its_rate() -> None:
    stats = [_stats("A", 200, 60.0), _stats("B", 100)]
    assert hub_view._session_seconds(stats) == [(60.0, False), (30.0, True)]


def test_topic_map_and_summary_count_the_same_sessions(event: Event) -> None:
    baskets, mapped, counts = hub_view.topic_counts(event)
    assert baskets == ["Economic", "Development"]
    assert [s.slug for s in mapped] == ["rec-a", "hearing-a", "hearing-b", "talk"]
    assert counts[("Economic", "hearing-a")] == 3
    assert basket_sessions(event) == {
        "Economic": ["rec-a", "hearing-a", "hearing-b"],
        "Development": ["hearing-b", "talk"],
    }
    text = " ".join(s.text for s in event_summary(event, []).sentences)
    assert "Economic (arguments in 3 sessions)" in text and "Development (arguments in 2 sessions)" in text
    assert "Speaker 1" not in text and "The Chair" not in text
    assert "Heard in more than one session: Kirsty Williams AM (2 sessions)." in text


def test_most_needs_two_sessions() -> None:
    one = Event("ev", "Ev", [_session("a", [_stats("Ann Lee", 10)], ["Development"])])
    assert not any("most" in s.text for s in event_summary(one, []).sentences)


def test_an_event_without_a_title_is_the_event(event: Event) -> None:
    from dataclasses import replace

    assert event_summary(event, []).sentences[0].text.startswith("Ev had 5 sessions")
    untitled = replace(event, title="in", titled=False)
    summary = event_summary(untitled, [])
    assert summary.title == "The event" and summary.sentences[0].text.startswith("The event had 5 sessions")
