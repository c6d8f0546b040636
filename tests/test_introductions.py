"""Roles from introductions in the speech, found in one pass whatever the number of speakers
(issue 14, finding 3: 20,000 speakers never finished)."""

from __future__ import annotations

from sessionlens.introductions import find_introductions
from sessionlens.models import Speaker, Transcript, Turn

from .deadline import within


def transcript(names: list[str], texts: list[str]) -> Transcript:
    return Transcript(
        speakers=[Speaker(name=n) for n in names],
        turns=[Turn(index=i, speaker=names[0], text=t) for i, t in enumerate(texts)],
    )


def test_appositive_wins_over_origin_and_first_mention_wins() -> None:
    t = transcript(
        ["Lena Fischer", "Amara Osei", "Bob"],
        [
            "Amara Osei from the Ministry of Water is here. Lena Fischer, Head of Forecasting at the Pacific Centre;",
            "Amara Osei, Director of Operations at UNICEF. Lena Fischer, Chair of Nothing.",
            "Bobby Tables, Hacker. And Bob of Acme and others.",
        ],
    )
    assert find_introductions(t) == {
        "Lena Fischer": ("Head of Forecasting", "Pacific Centre"),
        "Amara Osei": ("Director of Operations", "UNICEF"),
        "Bob": (None, "Acme"),
    }


def test_a_name_inside_a_longer_word_is_not_a_mention() -> None:
    t = transcript(["Lee", "Ann Lee"], ["Ashlee, Head of Sales at Acme. Ann Lee, Minister of Health."])
    assert find_introductions(t) == {"Lee": ("Minister", "Health"), "Ann Lee": ("Minister", "Health")}


def test_twenty_thousand_speakers_are_bounded() -> None:
    names = [f"Participant {i}" for i in range(20_000)]
    texts = [
        f"Participant {i}, Delegate of Country {i}. Thanks, Participant {i + 1} from Region {i}." for i in range(20_000)
    ]
    with within(20):
        found = find_introductions(transcript(names, texts))
    assert found["Participant 7"] == ("Delegate", "Country 7")
    assert len(found) == 20_000
