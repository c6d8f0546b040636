"""Labels as people write them; lines that only look like labels are kept and flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.pipeline import ingest
from sessionlens.readers import read_text
from sessionlens.readers.labels import match_label, suspect_label
from sessionlens.stats import compute_stats


@pytest.mark.parametrize(
    "line, label",
    [
        ("AT&T representative: We cover rural areas.", "AT&T representative"),
        ("Speaker 12: Hello.", "Speaker 12"),
        ("SPEAKER_03: Hello.", "SPEAKER_03"),
        ("Moderator/Chair: Welcome.", "Moderator/Chair"),
        ("Dana O'Neil: Welcome.", "Dana O'Neil"),
        ("Jean-Luc Picard: Engage.", "Jean-Luc Picard"),
        ("H.E. Ms. Ndiaye: Thank you.", "H.E. Ms. Ndiaye"),
        ("Dr. Smith (Chair): Welcome.", "Dr. Smith (Chair)"),
        ("MR. SMITH: Yes.", "MR. SMITH"),
        ("Q: Why now?", "Q"),
        ("A: Because.", "A"),
        ("王小明： 你好", "王小明"),
        ("Иван Петров: Привет.", "Иван Петров"),
        ("محمد علي: مرحبا", "محمد علي"),
        ("Minister of Foreign Affairs: We agree.", "Minister of Foreign Affairs"),
        ("Dr. Smith <b>bold</b>: Hi.", "Dr. Smith <b>bold</b>"),
        ("Moderator <script>alert(1)</script>: Hi.", "Moderator <script>alert(1)</script>"),
        ("Host {{ config }}: Hi.", "Host {{ config }}"),
        ("[00:01:02] Ana Lima: Hi.", "Ana Lima"),
    ],
)
def test_labels_people_write_are_accepted(line: str, label: str) -> None:
    hit = match_label(line)
    assert hit is not None and hit[0] == label


@pytest.mark.parametrize(
    "line",
    [
        "So the point is: we must act.",
        "I think: yes.",
        "Ladies and gentlemen: welcome.",
        "see https://example.org: here",
        "the answer: no",
        "Here is why: costs.",
    ],
)
def test_prose_with_a_colon_is_not_a_label(line: str) -> None:
    assert match_label(line) is None and suspect_label(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Note: the figures are provisional.",
        "Question: who pays?",
        "The Honourable Representative for the Northern Territories Region: yes",
        "Senior adviser, rural development policy: yes",
        "{{ config }}: x",
    ],
)
def test_label_like_lines_are_suspects(line: str) -> None:
    assert match_label(line) is None and suspect_label(line) is not None


def test_markup_in_a_label_is_text_and_the_file_stays_readable() -> None:
    text = (
        "Moderator <script>alert('x')</script>: Welcome all.\n"
        "Dr. Smith <b>bold</b>: Thanks for having me.\n"
        "{% include '/etc/passwd' %}: Not executed.\n"
    )
    t = read_text(text)
    assert [x.speaker for x in t.turns][:2] == ["Moderator <script>alert('x')</script>", "Dr. Smith <b>bold</b>"]
    # the last line is only markup: no label, its words stay with Dr. Smith and are flagged
    assert [len(x.text.split()) for x in t.turns] == [2, 4 + 6]
    assert t.suspects and t.suspects[0].turn_index == 1


def test_other_speakers_words_never_move_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "t.txt"
    p.write_text(
        "Dana O'Neil: We start now.\nAT&T representative: Coverage is 92 percent in towns and "
        "villages of the north and south regions today, said our latest count.\n"
        "Note: figures provisional.\nKo Barrett: Thanks.\n"
    )
    t = ingest(p)
    stats = {s.name: s.words for s in compute_stats(t)}
    assert stats == {"Dana O'Neil": 3, "AT&T representative": 19 + 3, "Ko Barrett": 1}
    assert any(s.reason.startswith("line 3:") and s.speaker == "AT&T representative" for s in t.suspects)
    err = capsys.readouterr().err
    assert "line 3" in err and len(err.strip().splitlines()) == 1


def test_label_alone_on_its_line_opens_a_turn() -> None:
    t = read_text("Dana O'Neil:\nWelcome everyone.\nKo Barrett:\nThank you.\n")
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("Dana O'Neil", "Welcome everyone."),
        ("Ko Barrett", "Thank you."),
    ]
