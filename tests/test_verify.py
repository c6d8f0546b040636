"""Verification of any report against its transcript: quotes, figures, speakers, agreements."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.models import (
    ActionItem,
    Argument,
    Comment,
    DiscussionPoint,
    FollowUpQuestion,
    Position,
    Relation,
    Report,
    Speaker,
    Stance,
    Transcript,
    Turn,
)
from sessionlens.verify import figures, verify_report

TURNS = [
    ("Ana Silva", "Welcome everyone. Our city lost 1,200 trees in the storm last year."),
    (
        "Ben Okafor",
        "We must plant fourteen thousand new trees, and we can do it by 2030. "
        "The city’s budget allows 3.5 million euros for it.",
    ),
    ("Ana Silva", "I agree with Ben that planting is urgent, but water comes first."),
    ("Chloé Dubois", "Planting without watering is money thrown away, as we saw in 2019."),
]


def _transcript() -> Transcript:
    speakers = [
        Speaker(name="Ana Silva", role="Moderator", aliases=["Dr. Ana Silva"]),
        Speaker(name="Ben Okafor"),
        Speaker(name="Chloé Dubois"),
    ]
    turns = [Turn(index=i, speaker=s, text=t) for i, (s, t) in enumerate(TURNS)]
    return Transcript(speakers=speakers, turns=turns)


def _report(**sections: object) -> Report:
    return Report(transcript=_transcript(), disclaimer="Made by a test.", **sections)


def _issues(report: Report, action: str) -> list[str]:
    assert report.verification is not None
    return [i.problem for i in report.verification.issues if i.action == action]


# --------------------------------------------------------------------------- quotes


def test_exact_quote_is_kept() -> None:
    quote = "Planting without watering is money thrown away"
    out = verify_report(_report(comments=[Comment(quote=quote, speaker="Chloé Dubois")]))
    assert [c.quote for c in out.comments] == [quote]
    assert out.verification.fixed == out.verification.dropped == 0


def test_near_quote_is_replaced_by_the_exact_span() -> None:
    # straight apostrophe, a dropped word, different case: still >= 90
    near = "the citys budget allows 3.5 million euros for it"
    out = verify_report(_report(comments=[Comment(quote=near, speaker="Ben Okafor")]))
    assert [c.quote for c in out.comments] == ["The city’s budget allows 3.5 million euros for it"]
    assert any("exact words" in p for p in _issues(out, "fixed"))


def test_elided_quote_checks_every_fragment() -> None:
    good = "We must plant fourteen thousand new trees … allows 3.5 million euros"
    bad = "We must plant fourteen thousand new trees … and we will build a new dam"
    out = verify_report(
        _report(comments=[Comment(quote=good, speaker="Ben Okafor"), Comment(quote=bad, speaker="Ben Okafor")])
    )
    assert [c.quote for c in out.comments] == [good]
    assert out.verification.dropped == 1


def test_invented_quote_is_dropped_and_misattributed_one_moved() -> None:
    out = verify_report(
        _report(
            comments=[
                Comment(quote="Trees are overrated and we should pave the park.", speaker="Ana Silva"),
                Comment(quote="water comes first", speaker="Ben Okafor"),
            ]
        )
    )
    assert [(c.quote, c.speaker) for c in out.comments] == [("water comes first", "Ana Silva")]
    assert any("spoken by Ana Silva" in p for p in _issues(out, "fixed"))


# --------------------------------------------------------------------------- figures


def test_figures_are_normalised() -> None:
    assert figures("1,200 trees, 3.5 million, in 2030.") == ["1200", "3.5", "2030"]


def test_evidence_figures_must_be_the_speakers_own() -> None:
    arg = Argument(
        speaker="Ben Okafor",
        title="Plant trees",
        evidence="He wants 14 thousand trees by 2030. The storm cost 1,200 trees. It costs 9 million.",
    )
    out = verify_report(_report(arguments=[arg]))
    # 14 = "fourteen" (spoken as a word); 1,200 was Ana's figure; 9 was nobody's
    assert out.arguments[0].evidence == "He wants 14 thousand trees by 2030."
    assert len(_issues(out, "dropped")) == 2


def test_prose_figures_not_in_the_transcript_are_flagged() -> None:
    out = verify_report(_report(narrative="The city will spend 77 million on 1,200 trees."))
    assert _issues(out, "flagged") == ["figure 77 does not occur in the transcript"]
    assert out.narrative is not None  # flagged, not removed


# --------------------------------------------------------------------------- speakers


def test_speaker_variants_fixed_unknown_dropped() -> None:
    out = verify_report(
        _report(
            arguments=[
                Argument(speaker="Dr. Ana Silva", title="Water first"),
                Argument(speaker="Okafor", title="Plant now"),
                Argument(speaker="Zed Ghost", title="Pave it"),
            ],
            takeaways={"action_items": [ActionItem(text="Plan watering", speaker="Ghost Writer")]},
            follow_up_questions=[FollowUpQuestion(question="Who waters?", speakers=["Chloe Dubois", "Nobody"])],
        )
    )
    assert [a.speaker for a in out.arguments] == ["Ana Silva", "Ben Okafor"]
    assert out.takeaways.action_items[0].speaker is None
    assert out.follow_up_questions[0].speakers == ["Chloé Dubois"]
    assert any("Zed Ghost" in p for p in _issues(out, "dropped"))


def _pos(speaker: str, quote: str | None = None, **kw: object) -> Position:
    return Position(speaker=speaker, quote=quote, **kw)


def test_stance_needs_two_real_speakers_and_their_arguments() -> None:
    out = verify_report(
        _report(
            arguments=[
                Argument(speaker="Ana Silva", title="Water first"),
                Argument(speaker="Chloé Dubois", title="Watering matters"),
            ],
            agreements={
                "agreement_points": [
                    Stance(
                        point="Water",
                        positions=[
                            _pos("Ana Silva", "water comes first"),
                            _pos("Chloé Dubois", "Planting without watering"),
                        ],
                        arguments=["Water first", "Watering matters", "Invented title"],
                    ),
                    Stance(
                        point="Ghosts", positions=[_pos("Ana Silva", "water comes first"), _pos("Zed Ghost", "pave it")]
                    ),
                ]
            },
        )
    )
    groups = out.agreements.agreement_points
    assert [g.point for g in groups] == ["Water"]
    assert groups[0].arguments == ["Water first", "Watering matters"]
    # the positions cite the arguments the item lists, and the quotes their turns
    assert [(p.argument_id, p.turn) for p in groups[0].positions] == [("arg-1", 2), ("arg-2", 3)]


def test_a_speaker_needs_words_from_their_own_turns() -> None:
    # Ben is credited with Ana's words, Chloé with none: both are removed, so is the item.
    out = verify_report(
        _report(
            arguments=[
                Argument(speaker="Ana Silva", title="Water first"),
                Argument(speaker="Ben Okafor", title="Plant trees"),
            ],
            agreements={
                "similar_viewpoints": [
                    Stance(
                        point="Water",
                        positions=[
                            _pos("Ana Silva", "water comes first"),
                            _pos("Ben Okafor", "water comes first"),
                            _pos("Chloé Dubois"),
                        ],
                    ),
                    Stance(
                        point="Planting",
                        positions=[
                            _pos("Ana Silva", "planting is urgent"),
                            _pos("Ben Okafor", "We must plant fourteen thousand new trees"),
                        ],
                        arguments=["Water first", "Plant trees"],
                    ),
                ]
            },
        )
    )
    assert [g.point for g in out.agreements.similar_viewpoints] == ["Planting"]
    assert any("Ben Okafor named without words" in p for p in _issues(out, "dropped"))
    assert "2 speakers named in agreements or differences without words of their own removed, 1 such items dropped" in (
        out.disclaimer or ""
    )
    # relations follow from the item that stayed, both ways
    assert out.arguments_of("Ben Okafor")[0].agreed_with == ["Ana Silva"]
    assert out.arguments_of("Ana Silva")[0].agreed_on == ["Planting"]


def test_a_difference_needs_two_sides_and_pairs_across_them() -> None:
    out = verify_report(
        _report(
            differences={
                "different_viewpoints": [
                    Stance(
                        point="Budget",
                        positions=[
                            _pos("Ana Silva", "water comes first", side=0),
                            _pos("Chloé Dubois", "Planting without watering is money thrown away", side=0),
                            _pos("Ben Okafor", "The city’s budget allows 3.5 million euros", side=1),
                        ],
                    ),
                    Stance(
                        point="Allies only",
                        positions=[
                            _pos("Ana Silva", "water comes first", side=0),
                            _pos("Chloé Dubois", "Planting without watering", side=0),
                        ],
                    ),
                ]
            },
        )
    )
    assert [g.point for g in out.differences.different_viewpoints] == ["Budget"]
    assert set(out.pairs("disagreement")) == {("Ana Silva", "Ben Okafor"), ("Ben Okafor", "Chloé Dubois")}


# --------------------------------------------------------------------------- agreements


def test_agreement_is_made_symmetric() -> None:
    out = verify_report(
        _report(
            discussion_points=[DiscussionPoint(title="Trees")],
            arguments=[
                Argument(
                    speaker="Ana Silva",
                    title="Planting is urgent",
                    discussion_point="Trees",
                    relations=[Relation(kind="agreed", speaker="Ben Okafor", on="Urgency")],
                ),
                Argument(speaker="Ben Okafor", title="Plant 14,000 trees", discussion_point="trees!"),
            ],
        )
    )
    ben = out.arguments_of("Ben Okafor")[0]
    assert ben.agreed_with == ["Ana Silva"] and ben.agreed_on == ["Urgency"]
    assert ben.discussion_point == "Trees"  # matched to the session's point
    assert set(out.pairs("agreement")) == {("Ana Silva", "Ben Okafor")}


def test_verification_is_idempotent_and_counts_in_the_disclaimer() -> None:
    report = _report(
        arguments=[
            Argument(
                speaker="Okafor",
                title="Plant",
                evidence="It costs 9 million.",
                relations=[Relation(kind="agreed", speaker="Ana Silva")],
            )
        ],
        comments=[Comment(quote="the citys budget allows", speaker="Ben Okafor")],
    )
    once = verify_report(report)
    v = once.verification
    assert v.fixed >= 2 and v.dropped == 1 and v.checked > v.fixed + v.dropped
    assert once.disclaimer.startswith("Made by a test. Verification: ")
    assert f"{v.checked} items checked" in once.disclaimer
    twice = verify_report(once.model_copy(update={"verification": None}))
    assert twice.verification.fixed == twice.verification.dropped == 0
    assert twice.disclaimer.count("Verification:") == 1
    assert report.arguments[0].speaker == "Okafor"  # the input is not changed


def test_an_extractive_report_of_seed_002_passes(seed_002: Path) -> None:
    from sessionlens.pipeline import analyze, ingest

    transcript = ingest(seed_002)
    sentences = [(t.speaker, t.text.split(". ")[1]) for t in transcript.turns[:10] if t.text.count(". ") > 2]
    report = analyze(transcript, "none")
    report.comments = [Comment(quote=q, speaker=s) for s, q in sentences]
    out = verify_report(report)
    assert len(out.comments) == len(sentences)
    assert out.verification.dropped == 0 and out.verification.fixed == 0


@pytest.mark.parametrize("quote", ["", "   ", "…"])
def test_empty_quotes_are_dropped(quote: str) -> None:
    out = verify_report(_report(comments=[Comment(quote=quote, speaker="Ana Silva")]))
    assert out.comments == []


def test_relations_name_the_item_they_come_from() -> None:
    # Ana agrees with Ben on "Urgency" and with Chloé on "Water": each relation carries its
    # own point and item, so nothing pairs Ben with "Water".
    out = verify_report(
        _report(
            arguments=[
                Argument(speaker="Ana Silva", title="Act now"),
                Argument(speaker="Ben Okafor", title="Plant trees"),
                Argument(speaker="Chloé Dubois", title="Water them"),
            ],
            agreements={
                "agreement_points": [
                    Stance(
                        point="Urgency",
                        positions=[
                            _pos("Ana Silva", "planting is urgent", argument_id="arg-1"),
                            _pos("Ben Okafor", "We must plant", argument_id="arg-2"),
                        ],
                    ),
                    Stance(
                        point="Water",
                        positions=[
                            _pos("Ana Silva", "water comes first", argument_id="arg-1"),
                            _pos("Chloé Dubois", "Planting without watering", argument_id="arg-3"),
                        ],
                    ),
                ]
            },
        )
    )
    ana = out.arguments_of("Ana Silva")[0]
    assert [(r.speaker, r.on, r.stance_id) for r in ana.relations] == [
        ("Ben Okafor", "Urgency", "agree-1"),
        ("Chloé Dubois", "Water", "agree-2"),
    ]
    assert out.arguments_of("Ben Okafor")[0].agreed_on == ["Urgency"]
    assert out.arguments_of("Chloé Dubois")[0].agreed_on == ["Water"]
    assert out.pairs("agreement") == {("Ana Silva", "Ben Okafor"): 1, ("Ana Silva", "Chloé Dubois"): 1}
