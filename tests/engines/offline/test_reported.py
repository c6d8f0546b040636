"""Reported speech: first person to third, modals shifted back, fillers and address dropped."""

from __future__ import annotations

from sessionlens.engines.offline.reported import reported
from sessionlens.models import Transcript

from .conftest import sentence


def test_the_issue_example() -> None:
    assert reported("Rahul Mehta", "We will support ten countries.") == (
        "Rahul Mehta said that they would support ten countries."
    )


def test_address_and_hedges_are_dropped(hearing_transcript: Transcript) -> None:
    s = sentence(hearing_transcript, "Senator, we already work extensively to proactively detect")
    assert reported(s.speaker, s.text) == (
        "Evan Spiegel said that they already work extensively to proactively detect this type of behavior."
    )
    s = sentence(hearing_transcript, "I believe that Section 230 needs to be updated.")
    assert reported(s.speaker, s.text) == "Jason Citron argued that Section 230 needs to be updated."


def test_possessives_objects_and_names(seed_002_transcript: Transcript) -> None:
    s = sentence(seed_002_transcript, "now we are launching in Africa a major program")
    out = reported(s.speaker, s.text, frozenset({"Africa"}))
    assert out.startswith("Tawfik Jelassi said that this is where they step in")
    assert " we " not in out and " our " not in out and "in Africa" in out


def test_a_capital_that_starts_a_name_stays(seed_002_transcript: Transcript) -> None:
    s = sentence(seed_002_transcript, "UN member states adopted the Pact of the Future")
    assert "that last September, UN member states adopted" in reported(s.speaker, s.text)


def test_the_committee_addressed_is_dropped(hearing_transcript: Transcript) -> None:
    s = sentence(hearing_transcript, "I give you my commitment that we'll be part of the solution")
    assert reported(s.speaker, s.text).startswith("Evan Spiegel said that they give you their commitment that they")
