"""Readers of the public corpora, on their original files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.errors import InputError
from sessionlens.evaluation.corpora import ami_abstractive, ami_cases, qmsum_cases, qmsum_transcript


def test_qmsum_committee_test(shared_dir: Path) -> None:
    cases = qmsum_cases(shared_dir / "data", "Committee/test")
    assert len(cases) == 6
    for case in cases:
        assert case.reference.glance.summary
        assert case.transcript.turns and len(case.transcript.speakers) > 3
        assert all("{" not in t.text for t in case.transcript.turns)


def test_qmsum_keeps_speaker_labels_and_drops_noise_tags(shared_dir: Path) -> None:
    transcript, data = qmsum_transcript(
        shared_dir / "data" / "qmsum" / "Product" / "test" / "ES2004a.json"
    )
    assert {s.name for s in transcript.speakers} == {
        "Project Manager",
        "Marketing",
        "User Interface",
        "Industrial Designer",
    }
    raw = [t["content"] for t in data["meeting_transcripts"]]
    assert any("{vocalsound}" in x for x in raw)
    assert not any("{vocalsound}" in t.text for t in transcript.turns)


def test_ami_sections_have_the_documented_sizes(shared_dir: Path) -> None:
    cases = ami_cases(shared_dir / "data")
    assert len(cases) == 20
    totals = {"actions": 0, "decisions": 0, "problems": 0, "abstract": 0}
    for path in sorted((shared_dir / "data" / "ami" / "abstractive").glob("*.abssumm.xml")):
        for key, items in ami_abstractive(path).items():
            totals[key] += len(items)
            assert all(x.rstrip(".").upper() != "NA" for x in items)
    assert totals == {"abstract": 188, "actions": 38, "decisions": 89, "problems": 60}
    assert sum(len(c.reference.takeaways.action_items) for c in cases) == 38


def test_broken_corpus_files_are_input_errors(tmp_path: Path) -> None:
    bad = tmp_path / "m.json"
    bad.write_text('{"meeting_transcripts": 5}', encoding="utf-8")
    with pytest.raises(InputError, match="not a QMSum meeting JSON"):
        qmsum_transcript(bad)
    xml = tmp_path / "m.abssumm.xml"
    xml.write_text("<nite:root", encoding="utf-8")
    with pytest.raises(InputError, match="not an AMI abstractive summary XML"):
        ami_abstractive(xml)
