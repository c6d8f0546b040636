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
