"""Agreements and differences: a chair's own position, unnamed rebuttals, the cues."""

from __future__ import annotations

import pytest

from sessionlens.engines.offline import agreements, cues
from sessionlens.engines.offline.arguments import extract_claims
from sessionlens.engines.offline.embeddings import get_embedder
from sessionlens.engines.offline.points import discussion_points
from sessionlens.engines.offline.session import Session, build_session
from sessionlens.models import Speaker, Transcript, Turn

GRID = (
    "Our utility will connect every village to the national grid within five years. "
    "Extending the central grid is the cheapest way to bring power to rural families. "
    "The grid gives villages reliable electricity for schools, clinics and small shops. "
    "We have already extended transmission lines to three hundred villages in the north. "
)
SOLAR = (
    "Villages also need power for water pumps and for storing the harvest. "
    "Cheap solar panels and batteries now cost a fraction of what they did ten years ago. "
    "Mini-grids run by local cooperatives can be built in months. "
    "Communities that own their power systems maintain them better. "
)
REBUTTAL = "Extending the central grid to remote villages is not the answer for rural power. "
NEUTRAL = "Extending the central grid to remote villages also matters for rural power. "


def _session(turns: list[tuple[str, str]], chair: str | None = None) -> Session:
    names = list(dict.fromkeys(s for s, _ in turns))
    t = Transcript(
        speakers=[Speaker(name=n, is_moderator=n == chair) for n in names],
        turns=[Turn(index=i, speaker=s, text=x) for i, (s, x) in enumerate(turns)],
    )
    return build_session(t, get_embedder().embed)


def _differences(second: str) -> list[set[str]]:
    s = _session([("Ana Ruiz", GRID), ("Ben Okafor", second + SOLAR), ("Chen Wei", SOLAR + GRID)])
    claims = extract_claims(s)
    points = discussion_points(s, claims)
    rel = agreements.relate(s, claims, points)
    return [set(st.speakers) for st in rel.differences.different_viewpoints]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("That's not our job; our advantage is on the demand side.", True),
        ("That’s not where our comparative advantage is.", True),
        ("We should build on local cooperatives rather than wait for the grid.", True),
        ("The UN will be never in the frontier of this technology.", True),
        ("On the other hand, cooperatives need training.", False),
        ("I think the grid is the answer.", False),
    ],
)
def test_reject_cue(text: str, hit: bool) -> None:
    assert cues.has(cues.REJECT, text) is hit


def test_unnamed_rebuttal_is_a_different_viewpoint() -> None:
    """Ben rejects Ana's position without naming her: a difference between the two."""
    assert {"Ana Ruiz", "Ben Okafor"} in _differences(REBUTTAL)


def test_same_words_without_a_rejection_are_no_difference() -> None:
    assert {"Ana Ruiz", "Ben Okafor"} not in _differences(NEUTRAL)


def test_chair_statements_addressing_others_are_not_their_position() -> None:
    own_view = "Rural electrification changes how families live and work every day."
    s = _session(
        [
            (
                "Moderator",
                "Ana, you have worked on rural power for many years and know it well. "
                + own_view
                + " Ben Okafor has built mini-grids in three countries so far.",
            ),
            ("Ana Ruiz", GRID),
            ("Moderator", "Thank you. Ben, what is your view on this?"),
            ("Ben Okafor", SOLAR),
            ("Moderator", "Thank you both."),
        ],
        chair="Moderator",
    )
    assert s.moderators == {"Moderator"}
    chair_own = [x.text for x in s.of("Moderator") if agreements.own_position(s, x.index)]
    assert chair_own == [own_view]


def test_chair_joins_at_most_the_closest_group() -> None:
    s = _session(
        [
            ("Moderator", "Welcome to this panel on rural power."),
            ("Ana Ruiz", GRID),
            ("Moderator", "Thank you."),
            ("Ben Okafor", SOLAR),
            ("Moderator", "Thank you."),
            ("Chen Wei", GRID),
            ("Moderator", "Thank you all. " + GRID + "A grid reaches every school and clinic in time."),
        ],
        chair="Moderator",
    )
    grid = [x.index for x in s.sentences if x.speaker in ("Ana Ruiz", "Chen Wei") and "grid" in x.text]
    solar = [x.index for x in s.sentences if x.speaker == "Ben Okafor" and "solar" in x.text.lower()]
    groups = [
        (["Ana Ruiz", "Chen Wei"], {"Ana Ruiz": grid[:1], "Chen Wei": grid[-1:]}, "grid"),
        (["Ben Okafor", "Ana Ruiz"], {"Ben Okafor": solar, "Ana Ruiz": grid[:1]}, "village"),
    ]
    agreements._join_chair(s, "Moderator", groups)
    assert groups[0][0] == ["Ana Ruiz", "Chen Wei", "Moderator"]
    assert "Moderator" not in groups[1][0]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("As Ana said, the grid comes first.", True),
        ("I agree with Ben on the pumps.", True),
        ("As I said, the grid comes first.", False),  # a speaker quoting themselves
        ("As we mentioned earlier, pumps matter.", False),
    ],
)
def test_agree_cue_is_about_someone_else(text: str, hit: bool) -> None:
    assert cues.has(cues.AGREE, text) is hit


def test_roles_and_titles_in_speaker_labels_are_not_names() -> None:
    s = _session(
        [
            ("Bill Blair (Minister of Public Safety)", GRID),
            ("Right Hon. Justin Trudeau", SOLAR),
            ("The Chair", "Thank you, the minister has the floor."),
        ]
    )
    assert s.mentions("The minister is right, Mr. Chair.") == []
    assert s.mentions("As Minister Blair said, and as Justin Trudeau said.") == [
        "Bill Blair (Minister of Public Safety)",
        "Right Hon. Justin Trudeau",
    ]


# Sentences from seed 002 (a UN panel), verbatim.
KAMAL_POTENTIAL = "And that cannot be done without using the full potential and promise of AI."
JOHANNA_POTENTIAL = "Moreover, the full potential of AI can only be reached if there is a wide diffusion and adoption."
JOHANNA_AGAIN = "Developing countries will not reach the full potential of AI without skills and connectivity."
KO_WARNINGS = (
    "We have supercomputers that are generating forecasts and early warnings. "
    "So, we’re involved in some active partnerships where we are working to provide advanced early warning for "
    "flash floods that are now extending into a week ahead of time. "
    "And we actually need to make sure that every region can access critical data, early warnings and the digital "
    "infrastructure that’s required. "
    "You know, we, Kamal, ITU, IFRC, WMO, our organizations are all involved in the early warning for all initiative, "
    "which works across an entire value chain of providing information from determining the risks that are "
    "anticipated, in our case, providing forecasts, working with ITU to get that information into the hands of people "
    "who need to have the warnings, and then working with our other partners to make sure that we’re anticipating the "
    "kinds of response we’ll need. "
)
KAMAL_WARNING = "But what I want to talk about beyond early warning and looking at impacts is three things."
MAXIMO_WARNING = "We also need to use it for early warning systems, as many of you have been there."


def _themes(turns: list[tuple[str, str]]) -> list[set[str]]:
    s = _session(turns)
    return [set(group) for group, _, _ in agreements._shared_themes(s, set(s.speakers()), set())]


def test_a_phrase_each_says_once_is_no_shared_position() -> None:
    """Two speakers who each say "full potential" once share wording; a phrase that recurs is a theme."""
    once = [("Kamal Kishore", KAMAL_POTENTIAL), ("Johanna Hill", JOHANNA_POTENTIAL)]
    assert _themes(once) == []
    again = [("Kamal Kishore", KAMAL_POTENTIAL), ("Johanna Hill", JOHANNA_POTENTIAL + " " + JOHANNA_AGAIN)]
    assert _themes(again) == [{"Kamal Kishore", "Johanna Hill"}]


def test_pairs_that_do_not_all_pass_stay_separate_pairs() -> None:
    """Ko is close to Kamal and to Maximo on early warning, Kamal and Maximo are not: two pairs, no trio."""
    groups = _themes(
        [
            ("Ko Barrett", KO_WARNINGS),
            ("Kamal Kishore", KAMAL_WARNING),
            ("Maximo Torero", MAXIMO_WARNING),
            ("Johanna Hill", JOHANNA_POTENTIAL),
        ]
    )
    assert {"Ko Barrett", "Maximo Torero"} in groups
    assert {"Ko Barrett", "Kamal Kishore"} in groups
    assert not any({"Kamal Kishore", "Maximo Torero"} <= g for g in groups)
