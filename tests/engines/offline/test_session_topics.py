"""Two-level topics: a session gets the few baskets and issues it is about, not all seven."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.engines.offline.topic_levels import ISSUE_SEP, MAX_BASKETS, session_topics, split_label
from sessionlens.engines.offline.topics import load_taxonomy

from ...shared_data import absent

REPO = Path(__file__).resolve().parents[3]

#: Issues a reader would tag each session with, labelled by hand from the transcripts (the
#: Diplo issue names of src/sessionlens/data/taxonomies/diplo.json).
HAND_LABELLED = {
    "climate": {
        "Digital and the environment",
        "Telecommunications infrastructure",
        "Data governance",
        "Digital access and the digital divide",
        "Sustainable development",
        "Critical infrastructure protection",
    },
    "seed_002": {
        "Digital access and the digital divide",
        "Artificial intelligence",
        "Capacity development",
        "Sustainable development",
        "Emerging technologies",
    },
    "hearing": {
        "Child safety online",
        "Liability of intermediaries",
        "Content policy",
        "Privacy and data protection",
        "Rights of vulnerable groups",
    },
}


def test_labels_split_into_basket_and_issue() -> None:
    assert split_label("Development") == ("Development", None)
    assert split_label(f"Development{ISSUE_SEP}Capacity development") == ("Development", "Capacity development")


def test_diplo_issues_are_read_with_their_basket() -> None:
    tax = load_taxonomy("diplo")
    issues = {t.label: t.issues for t in tax.topics}
    assert "Child safety online" in issues["Cybersecurity"]
    assert all(len(t.issues) == len(t.texts) - 1 for t in tax.topics)


def test_a_stray_argument_does_not_tag_the_session() -> None:
    args = [["Development", f"Development{ISSUE_SEP}Capacity development"]] * 9
    args += [["Cybersecurity", f"Cybersecurity{ISSUE_SEP}Cybercrime"]]
    got = session_topics(args)
    assert [b for b, _ in got.baskets] == ["Development"]
    assert got.issues == [("Development", "Capacity development", 9)]


def test_at_most_four_baskets_even_when_evenly_spread() -> None:
    baskets = ["A", "B", "C", "D", "E"]  # each 20 %, above the floor
    got = session_topics([[b] for b in baskets for _ in range(3)])
    assert len(got.baskets) == MAX_BASKETS


def test_the_session_issues_come_first_and_stay_under_its_baskets() -> None:
    args = [["Development", f"Development{ISSUE_SEP}Capacity development"]] * 3 + [["Infrastructure"]] * 2
    about = [f"Infrastructure{ISSUE_SEP}Artificial intelligence", f"Cybersecurity{ISSUE_SEP}Cybercrime"]
    about.append(f"Development{ISSUE_SEP}Capacity development")
    got = session_topics(args, about)
    assert got.issues == [("Infrastructure", "Artificial intelligence", 0), ("Development", "Capacity development", 3)]


def test_second_basket_counts_half() -> None:
    got = session_topics([["A", "B"], ["A"], ["A", "B"], ["C"], ["C"]])
    assert got.baskets == [("A", 3), ("C", 2), ("B", 2)]


def _inputs(shared_dir: Path) -> dict[str, Path]:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    hearing = shared_dir / "data" / "hearing-senate-2024" / "transcript.txt"
    out = {f"seed_{p.name[:3]}": p for p in seeds}
    out["hearing"] = hearing
    out["climate"] = REPO / "examples" / "climate-panel.vtt"
    return {k: p for k, p in out.items() if p.is_file()}


@pytest.fixture(scope="module")
def analysed(shared_dir: Path) -> dict[str, object]:
    pytest.importorskip("onnxruntime")
    from sessionlens.pipeline import analyze, ingest

    inputs = _inputs(shared_dir)
    if "hearing" not in inputs or "seed_002" not in inputs:
        absent("the seeds or the Senate hearing are not in ../shared")
    reports = {k: analyze(ingest(p), "offline") for k, p in inputs.items()}
    return {k: session_topics([a.topics for a in r.arguments], r.glance.topics) for k, r in reports.items()}


@pytest.mark.slow
def test_no_session_carries_more_than_four_baskets(analysed: dict) -> None:
    for name, topics in analysed.items():
        assert 1 <= len(topics.baskets) <= 4, (name, topics.baskets)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "climate",
        "seed_002",
        "hearing",
    ],
)
def test_top_issues_match_the_hand_labels(analysed: dict, name: str) -> None:
    top3 = [issue for _, issue, _ in analysed[name].issues[:3]]
    assert len(top3) == 3 or len(analysed[name].issues) == len(top3)
    assert len(set(top3) & HAND_LABELLED[name]) >= 2, top3
