from __future__ import annotations

from sessionlens.models import Speaker, Transcript, Turn
from sessionlens.normalize import name_key, normalize


def test_name_key_ignores_honorifics_case_spacing() -> None:
    assert name_key("H.E. Tawfik  Jelassi") == name_key("tawfik jelassi") == "tawfik jelassi"
    assert name_key("Dr. Doreen Bogdan-Martin") == name_key("Doreen Bogdan Martin")
    assert name_key("Mr.\u00a0Ko Barrett") == "ko barrett"
    assert name_key("Dr.") == "dr"  # a lone honorific is kept, never emptied


def test_announced_name_wins_and_merge_is_recorded() -> None:
    t = Transcript(
        speakers=[Speaker(name="Ko Barrett", role="WMO")],
        turns=[Turn(index=0, speaker="Dr. Ko Barrett", text="a b"), Turn(index=1, speaker="ko barrett", text="c")],
    )
    n = normalize(t)
    assert [s.name for s in n.speakers] == ["Ko Barrett"]
    assert n.speakers[0].role == "WMO"
    assert {x.speaker for x in n.turns} == {"Ko Barrett"}
    assert n.merges and set(n.merges[0].variants) >= {"Dr. Ko Barrett", "ko barrett"}


def test_similar_but_different_names_stay_apart() -> None:
    t = Transcript(turns=[Turn(index=0, speaker="Ann Lee", text="x"), Turn(index=1, speaker="Anne Lee", text="y")])
    n = normalize(t)
    assert len(n.speakers) == 2 and not n.merges


def test_roles_and_moderator_from_introductions() -> None:
    t = Transcript(
        turns=[
            Turn(index=0, speaker="Amara Osei", text="Welcome. I am Amara Osei and I will moderate. With me are "
                 "Lena Fischer, Head of Forecasting at the Pacific Weather Centre; and Rahul Mehta from "
                 "the Global Mobile Alliance."),
            Turn(index=1, speaker="Lena Fischer", text="Thank you."),
            Turn(index=2, speaker="Rahul Mehta", text="Thanks."),
        ]
    )
    n = {s.name: s for s in normalize(t).speakers}
    assert n["Amara Osei"].is_moderator and n["Amara Osei"].role == "Moderator"
    assert n["Lena Fischer"].role == "Head of Forecasting, Pacific Weather Centre"
    assert n["Lena Fischer"].affiliation == "Pacific Weather Centre"
    assert n["Rahul Mehta"].affiliation == "Global Mobile Alliance" and not n["Rahul Mehta"].is_moderator
