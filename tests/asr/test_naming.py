"""Speaker names: the user's mapping, and proposals from introductions and addresses."""

from __future__ import annotations

import pytest

from sessionlens.asr.naming import apply_names, parse_names, propose_names
from sessionlens.errors import InputError
from sessionlens.models import Turn


def _turns(*rows: tuple[str, str]) -> list[Turn]:
    return [Turn(index=i, speaker=s, text=t) for i, (s, t) in enumerate(rows)]


def test_handover_thanks_and_self_introduction() -> None:
    turns = _turns(
        ("Speaker 1", "Welcome. Our first speaker is an economist. Over to you, Kamal."),
        ("Speaker 2", "Thank you, Ko. I will be brief."),
        ("Speaker 1", "Thank you, Kamal. Next, a word from the floor."),
        ("Speaker 3", "Hello, my name is Ines Duarte and I work on transport."),
    )
    got = {p.label: p.name for p in propose_names(turns)}
    assert got == {"Speaker 1": "Ko", "Speaker 2": "Kamal", "Speaker 3": "Ines Duarte"}


def test_no_proposal_from_courtesies_or_lower_case_words() -> None:
    turns = _turns(
        ("Speaker 1", "Thank you, everyone. Thank you all for coming."),
        ("Speaker 2", "Thank you, chair. I am very glad to be here, thanks so much."),
        ("Speaker 1", "Thank you, madam. i am maria, by the way."),
    )
    assert propose_names(turns) == []


def test_a_name_goes_to_the_label_with_most_votes() -> None:
    turns = _turns(
        ("Speaker 1", "David, would you like to start?"),
        ("Speaker 2", "Thanks. I think so."),
        ("Speaker 1", "Thank you, David. David, do you see any risk?"),
        ("Speaker 3", "Thank you, David."),  # thanks the moderator by mistake: outvoted
        ("Speaker 1", "Hm."),
    )
    proposals = propose_names(turns)
    assert [(p.label, p.name) for p in proposals] == [("Speaker 2", "David")]
    assert proposals[0].votes == 2


def test_parse_names_inline_file_and_json(tmp_path) -> None:
    assert parse_names("Speaker 1=Ko Barrett, 2=Ana Lopez") == {
        "Speaker 1": "Ko Barrett",
        "Speaker 2": "Ana Lopez",
    }
    lines = tmp_path / "names.txt"
    lines.write_text("Speaker 1: Ko Barrett\n\nSpeaker 2 = Ana Lopez\n")
    assert parse_names(str(lines)) == {"Speaker 1": "Ko Barrett", "Speaker 2": "Ana Lopez"}
    js = tmp_path / "names.json"
    js.write_text('{"Speaker 3": "Mo"}')
    assert parse_names(str(js)) == {"Speaker 3": "Mo"}


@pytest.mark.parametrize("bad", ["Speaker 1", "=Ko", "Speaker 1="])
def test_parse_names_rejects_malformed_pairs(bad: str) -> None:
    with pytest.raises(InputError, match="expected 'Speaker 1=Name'"):
        parse_names(bad)


def test_apply_names_user_first_then_proposals() -> None:
    from sessionlens.asr.naming import Proposal

    proposals = [
        Proposal("Speaker 1", "Maria", 2, ("I am Maria",)),
        Proposal("Speaker 2", "David", 1, ("David, would you",)),
    ]
    labels = ["Speaker 1", "Speaker 2", "Speaker 3"]
    assert apply_names(labels, {"Speaker 2": "D. Chen"}, proposals) == {
        "Speaker 1": "Maria",
        "Speaker 2": "D. Chen",
        "Speaker 3": "Speaker 3",
    }
    assert apply_names(labels, {}, None) == {x: x for x in labels}
    with pytest.raises(InputError, match="no such speaker 'Speaker 9'"):
        apply_names(labels, {"Speaker 9": "X"})
    with pytest.raises(InputError, match="same name"):
        apply_names(labels, {"Speaker 1": "X", "Speaker 3": "X"})
