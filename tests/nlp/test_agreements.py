"""Agreements and differences: a chair's own position, unnamed rebuttals, the cues."""

from __future__ import annotations

import pytest

from sessionlens.embeddings import get_embedder
from sessionlens.models import Speaker, Transcript, Turn
from sessionlens.nlp import agreements, cues
from sessionlens.nlp.arguments import extract_claims
from sessionlens.nlp.points import discussion_points
from sessionlens.nlp.session import Session, build_session

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
