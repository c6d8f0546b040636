"""Replies between speakers: refusals, challenged questions, turned-down answers, assent."""

from __future__ import annotations

import pytest

from sessionlens.engines.offline import exchanges, stance_cues
from sessionlens.engines.offline.embeddings import get_embedder
from sessionlens.engines.offline.session import Session, build_session
from sessionlens.models import Speaker, Transcript, Turn

HEARING = [
    ("Ann Lee", "Thank you all for coming to this hearing on online safety for children today."),
    ("Ann Lee", "Mr. Roy, do you support the SHIELD Act?"),
    ("Bob Roy", "We are not prepared to support it today. We are working with the committee."),
    ("Ann Lee", "Why is it your platform lets strangers message children at night?"),
    ("Bob Roy", "Senator, I respectfully disagree with that characterization. We block such messages."),
    ("Ann Lee", "Ms. Dow, can you explain what you do to remove abuse material?"),
    ("Cy Dow", "Yes, Senator. We have three thousand people who remove abuse material every day."),
    ("Ann Lee", "Do you support the REPORT Act?"),
    ("Cy Dow", "We look forward to our conversations with your team."),
    ("Ann Lee", "I'll take that to be no. Let me turn to my colleague for questions."),
]


def _session(turns: list[tuple[str, str]]) -> Session:
    names = list(dict.fromkeys(s for s, _ in turns))
    t = Transcript(
        speakers=[Speaker(name=n) for n in names],
        turns=[Turn(index=i, speaker=s, text=x) for i, (s, x) in enumerate(turns)],
    )
    return build_session(t, get_embedder().embed)


def test_refusals_challenges_and_turned_down_answers() -> None:
    s = _session(HEARING)
    found = exchanges.oppositions(s, {"Ann Lee", "Bob Roy", "Cy Dow"})
    got = [(s.sentences[o.said].speaker, s.sentences[o.reply].speaker, o.how) for o in found]
    assert got == [
        ("Ann Lee", "Bob Roy", "declines"),
        ("Ann Lee", "Bob Roy", "opposes"),
        ("Cy Dow", "Ann Lee", "rejects the answer"),
    ]
    # the answer that accepts the question ("Yes, Senator.") is no difference
    assert all(s.sentences[o.reply].speaker != "Cy Dow" for o in found)
    assert exchanges.questioners(s) == {"Ann Lee"}
    assert exchanges.point_label(s, [s.sentences[found[0].said].text]) == "SHIELD Act"


def test_speakers_outside_the_set_are_not_related() -> None:
    s = _session(HEARING)
    assert exchanges.oppositions(s, {"Ann Lee", "Cy Dow"})[0].how == "rejects the answer"


def test_endorsing_a_statement_is_assent_but_answering_a_question_is_not() -> None:
    s = _session(
        [
            ("Ann Lee", "Mini-grids run by local cooperatives can be built in a few months."),
            ("Bob Roy", "Exactly. Cooperatives maintain what they own."),
            ("Ann Lee", "Is the grid coming to your district this year at all?"),
            ("Cy Dow", "Yes, it arrives in the spring for most of the valleys."),
        ]
    )
    pairs = [
        (s.sentences[a].speaker, s.sentences[b].speaker)
        for a, b in exchanges.assents(s, {"Ann Lee", "Bob Roy", "Cy Dow"})
    ]
    assert pairs == [("Ann Lee", "Bob Roy")]


@pytest.mark.parametrize(
    ("pattern", "text", "hit"),
    [
        (stance_cues.OPPOSE, "Senator, I respectfully disagree with that characterization.", True),
        (stance_cues.OPPOSE, "With respect, that's not accurate.", True),
        (stance_cues.OPPOSE, "We oppose pre-emption of state laws.", True),
        (stance_cues.OPPOSE, "I can't imagine anyone who would disagree with that.", False),
        (stance_cues.REFUSE, "We're not prepared to support it today, but we believe", True),
        (stance_cues.REFUSE, "We are not only supporting it, we helped write it.", False),
        (stance_cues.SAY_NO, "No, we have not.", True),
        (stance_cues.SAY_NO, "No one should have to go through that.", False),
        (stance_cues.ANSWER_REJECTED, "I'll take that to be no.", True),
        (stance_cues.CHALLENGE, "Why is it TikTok allowing children to be exploited?", True),
        (stance_cues.CHALLENGE, "What are you doing about it?", False),
    ],
)
def test_cues(pattern, text: str, hit: bool) -> None:
    assert bool(pattern.search(text)) is hit
