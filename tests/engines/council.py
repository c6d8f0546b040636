"""A 14-speaker council debate written for these tests (no third-party text): a chair and
thirteen delegates on a fishing moratorium, with an explicit disagreement, a question refused,
an amendment and a recorded vote. Every delegate says more than 150 words."""

from __future__ import annotations

from pathlib import Path

from sessionlens.models import SessionInfo, Transcript
from sessionlens.pipeline import ingest

CHAIR = "Ingrid Solberg"
# name, delegation, port, catch figure, position sentence
DELEGATES = [
    (
        "Kwame Mensah",
        "Ghana",
        "Takoradi",
        "38 percent",
        "We support the moratorium on sardine fishing for three years.",
    ),
    (
        "Lucia Ferreira",
        "Portugal",
        "Peniche",
        "21 percent",
        "Portugal supports the moratorium if it comes with a fund for crews.",
    ),
    (
        "Kenji Watanabe",
        "Japan",
        "Kushiro",
        "12 percent",
        "A moratorium without compensation would ruin 40,000 fishing families.",
    ),
    ("Amina Diallo", "Senegal", "Kayar", "44 percent", "Senegal wants the moratorium extended to foreign trawlers."),
    (
        "Oliver Grant",
        "Canada",
        "Lunenburg",
        "17 percent",
        "Canada learned from the cod collapse that waiting costs more than acting.",
    ),
    ("Sofia Castro", "Peru", "Paita", "29 percent", "Peru asks that artisanal boats under twelve metres be exempt."),
    ("Arjun Mehta", "India", "Kochi", "9 percent", "India prefers quotas to a ban, because quotas keep markets open."),
    (
        "Elena Petrova",
        "Bulgaria",
        "Burgas",
        "15 percent",
        "Bulgaria backs the moratorium and offers its research vessel.",
    ),
    (
        "Tomas Novak",
        "Czechia",
        "Hamburg",
        "6 percent",
        "As a landlocked country we judge the text by its science, and the science is clear.",
    ),
    (
        "Nadia Haddad",
        "Morocco",
        "Agadir",
        "33 percent",
        "Morocco will vote for the resolution but against the amendment.",
    ),
    (
        "Liam O'Connor",
        "Ireland",
        "Killybegs",
        "19 percent",
        "Ireland proposes an amendment that would delay the moratorium by two years.",
    ),
    (
        "Mei Lin",
        "Singapore",
        "Jurong",
        "7 percent",
        "Singapore supports monitoring by satellite so that the rules can be enforced.",
    ),
    (
        "Rafael Souza",
        "Brazil",
        "Itajai",
        "25 percent",
        "Brazil supports the moratorium and asks for a review after eighteen months.",
    ),
]
DISAGREEMENT = "I disagree with Ambassador Mensah that three years is enough time to rebuild the stock."
QUESTION = "Will the delegation of Ireland withdraw its amendment?"
REFUSAL = "No, we will not withdraw the amendment."
VOTE = "The draft resolution has been adopted by 11 votes in favour, none against, with 2 abstentions."
AMENDMENT_VOTE = "The amendment was not adopted, having received 3 votes in favour, 7 against and 3 abstentions."
TITLE = "Regional Council on Coastal Fisheries: debate on the sardine moratorium"


def _speech(name: str, country: str, port: str, share: str, position: str) -> str:
    return " ".join(
        [
            f"Thank you, Madam Chair. {position}",
            f"In the port of {port} the sardine catch fell by {share} over the last decade, and the "
            "boats now travel twice as far for half the fish.",
            f"Our scientists in {country} have measured the spawning grounds every spring, and the "
            "young fish are fewer each year.",
            "The fishing communities are not the enemy of this resolution; they are the first to "
            "lose when the stock collapses.",
            f"{country} has already closed two nursery areas, and the local cooperatives agreed to "
            "it after long talks.",
            "We also need clear data: every landing should be recorded and published each month, so "
            "that every delegation can see whether the measures work.",
            "Finally, the costs must be shared fairly between the coastal states and the fleets that "
            "fish far from home, because the fish do not respect our borders.",
            "We hope the Council will act this year and not leave the decision to the next meeting.",
        ]
    )


def council_text() -> str:
    lines = [
        f"{CHAIR}: Good morning. I am the chair of this meeting. Today the Council takes up "
        "the draft resolution on a moratorium for sardine fishing. Thirteen delegations "
        "have asked for the floor, and we will vote at the end of the debate."
    ]
    for name, country, port, share, position in DELEGATES:
        lines.append(f"{CHAIR}: I give the floor to {name}, representative of {country}.")
        speech = _speech(name, country, port, share, position)
        if name == "Kenji Watanabe":
            speech = f"{DISAGREEMENT} " + speech
        lines.append(f"{name}: {speech}")
    lines.append(f"{CHAIR}: {QUESTION} The sponsors of the draft have asked for it.")
    lines.append(
        f"Liam O'Connor: {REFUSAL} Our fleet needs two years to adapt, and the amendment gives them that time."
    )
    lines.append(
        "Kwame Mensah: With respect, two more years of fishing would leave nothing to "
        "protect. We will vote against the amendment."
    )
    lines.append(
        f"{CHAIR}: We now vote. {AMENDMENT_VOTE} {VOTE} The Council will review the "
        "moratorium after eighteen months. The meeting is adjourned."
    )
    return "\n".join(lines) + "\n"


def council(tmp_path: Path) -> Transcript:
    """The debate, read like any input, with the session facts a reader would give it."""
    path = tmp_path / "council-debate.txt"
    path.write_text(council_text(), encoding="utf-8")
    transcript = ingest(path)
    info = SessionInfo(
        title=TITLE,
        date="2026-03-04",
        event="Regional Council, 12th meeting",
        source=str(path),
        format=transcript.info.format,
    )
    affiliation = {name: country for name, country, *_ in DELEGATES}
    speakers = [
        s.model_copy(update={"affiliation": s.affiliation or affiliation.get(s.name)}) for s in transcript.speakers
    ]
    return transcript.model_copy(update={"info": info, "speakers": speakers})
