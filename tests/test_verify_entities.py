"""The entity check: names, organisations, dates and figures that generated text adds."""

from __future__ import annotations

from sessionlens.models import (
    Argument,
    Comment,
    DiscussionPoint,
    FollowUpQuestion,
    Glance,
    Report,
    SessionInfo,
    Speaker,
    Takeaways,
    Transcript,
    Turn,
)
from sessionlens.verify import verify_report
from sessionlens.verify_entities import Vocabulary, unknown_names

TURNS = [
    ("Ana Silva", "Welcome to the hearing of the Water Resources Board on the March storms."),
    ("Ben Okafor", "The World Health Organization warned us in 2021. The city council ignored it."),
    ("Ana Silva", "Thank you. Mr. Okafor, will Riverside get the new pumps?"),
    ("Ben Okafor", "Yes. The WSIS process and our Connect for Refugees plan need a data center."),
]


def _report(**sections: object) -> Report:
    turns = [Turn(index=i, speaker=s, text=t) for i, (s, t) in enumerate(TURNS)]
    transcript = Transcript(
        info=SessionInfo(title="Flood hearing", event="Lisbon Forum", date="12 May 2024"),
        speakers=[
            Speaker(name="Ana Silva", role="Chair", affiliation="Municipal Assembly"),
            Speaker(name="Ben Okafor"),
        ],
        turns=turns,
    )
    return Report(transcript=transcript, disclaimer="Made by a test.", **sections)


def _names(text: str) -> list[str]:
    return unknown_names(text, Vocabulary(_report()))


def test_names_of_the_transcript_and_metadata_pass() -> None:
    assert _names("Ben Okafor said the World Health Organization (WHO) had warned Riverside.") == []
    assert _names("At the Lisbon Forum in May, Ana Silva of the Municipal Assembly chaired it.") == []
    assert _names("Overall, speakers agreed. Participants asked about pumps.") == []  # grammar, not names
    # the long form of an acronym the speakers use; a sentence's first word; British spelling
    assert _names("They discussed the World Summit on the Information Society (WSIS).") == []
    assert _names("Implement Connect for Refugees. A Data Centre opens.") == []


def test_invented_names_organisations_and_dates_are_found() -> None:
    assert _names("Ben Okafor cited the Acme Flood Institute.") == ["Acme Flood Institute"]
    assert _names("The Acme Flood Institute agreed.") == ["Acme Flood Institute"]
    assert _names("The storms of February were worse, said the UNEP.") == ["February", "UNEP"]
    assert _names("### Areas of Consensus\n\nSpeakers agreed.") == []  # headings are style


def test_flagged_in_the_report_and_counted_in_the_disclaimer() -> None:
    report = verify_report(
        _report(
            arguments=[
                Argument(
                    speaker="Ben Okafor",
                    title="Warnings were ignored",
                    explanation="Ben Okafor said the Greenfield Council ignored the warning.",
                )
            ],
            discussion_points=[DiscussionPoint(title="Flood warnings", description="The WHO warning.")],
            glance=Glance(summary="Ana Silva opened the hearing in Riverside."),
            takeaways=Takeaways(key_takeaways=["Pumps for Riverside, promised by Mayor Jansen."]),
            comments=[
                Comment(quote="The city council ignored it.", speaker="Ben Okafor", impact="It was repeated 7 times.")
            ],
            follow_up_questions=[
                FollowUpQuestion(
                    question="Who pays for the pumps?", explanation="Costs of 45 million were not discussed."
                )
            ],
        )
    )
    flagged = {(i.section, i.problem) for i in report.verification.issues if i.action == "flagged"}
    assert ("arguments", "name 'Greenfield Council' does not occur in the transcript") in flagged
    assert ("takeaways", "name 'Mayor Jansen' does not occur in the transcript") in flagged
    assert ("comments", "figure 7 does not occur in the transcript") in flagged
    assert ("follow_up_questions", "figure 45 does not occur in the transcript") in flagged
    assert len(flagged) == 4
    assert "4 flagged (4 of them: names or figures in generated text" in report.disclaimer
    again = verify_report(report.model_copy(update={"verification": None}))
    assert again.disclaimer.count("Verification:") == 1
