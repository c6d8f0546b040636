"""One fixture per format, written here from each format's documented layout; expectations
counted by hand (speaker: words, turns as read, turn starts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.pipeline import ingest
from sessionlens.readers import READERS, read_transcript
from sessionlens.stats import compute_stats

from ..shared_data import absent

FIXTURES = Path(__file__).parent / "fixtures"

# file: (reader, {speaker: words}, turn starts or None where the layout has no times)
EXPECTED: dict[str, tuple[str, dict[str, int], list[float | None] | None]] = {
    "youtube_auto.vtt": ("youtube-vtt", {"Speaker 1": 10}, [0.0, 2.32, 5.4]),
    "youtube_copied.txt": ("youtube-text", {"Speaker 1": 12}, [0.0, 3.0, 62.0]),
    "otter.txt": ("otter", {"Dana O'Neil": 5, "AT&T Representative": 15}, [3.0, 15.0, 41.0]),
    "rev.txt": ("rev", {"Dana O'Neil": 9, "Speaker 2": 6}, [3.0, 12.0, 65.0]),
    "zoom.vtt": ("zoom", {"Dana O'Neil": 8, "Ko Barrett": 4}, [1.0, 4.5, 9.5]),
    "zoom.txt": ("zoom", {"Dana O'Neil": 7, "Ko Barrett": 4}, [0.0, 9.0, 30.0]),
    "teams.vtt": ("teams", {"AT&T Representative": 6, "Dana O'Neil": 2}, [2.0, 6.5]),
    "meet_docs.txt": ("meet", {"Dana O'Neil": 7, "Ko Barrett": 2}, None),
    "meet_lines.txt": ("meet", {"Dana O'Neil": 3, "Ko Barrett": 5}, [3.0, 9.0]),
    "gpo.txt": ("gpo", {"Chair Smith": 23, "O'Neil": 12, "Senator McConnell": 3}, None),
    "un_record.txt": ("un", {"The President": 20, "Nebenzia": 9, "Thomas-Greenfield": 3}, None),
    "hansard.txt": ("hansard", {"The Speaker": 6, "Jones": 8, "Tom Lee": 6, "Some hon. members": 2}, None),
    "hansard_uk.txt": ("hansard", {"Keir Starmer": 8, "The Prime Minister": 5}, None),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_reads_to_the_right_speakers_words_and_times(name: str) -> None:
    reader, words, starts = EXPECTED[name]
    t = ingest(FIXTURES / name)
    assert t.info.format == reader
    assert {s.name: s.words for s in compute_stats(t)} == words
    if starts is None:
        assert all(x.start is None for x in t.turns)
    else:
        assert [x.start for x in t.turns] == pytest.approx(starts)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_forced_format_reads_the_same(name: str) -> None:
    reader = EXPECTED[name][0]
    assert read_transcript(FIXTURES / name, reader) == read_transcript(FIXTURES / name)


def test_youtube_captions_count_each_spoken_word_once_with_its_time() -> None:
    t = read_transcript(FIXTURES / "youtube_auto.vtt")
    words = [w for turn in t.turns for w in turn.words or []]
    # 'welcome to the panel / on rural broadband / thank you all': [Music] and >> are not words
    assert [w.text for w in words] == [
        "welcome",
        "to",
        "the",
        "panel",
        "on",
        "rural",
        "broadband",
        "thank",
        "you",
        "all",
    ]
    assert [w.start for w in words][:5] == pytest.approx([0.0, 0.48, 0.96, 1.2, 2.32])
    assert all("<" not in turn.text and "&gt;" not in turn.text for turn in t.turns)
    assert t.info.attributed is False


def test_youtube_rolling_captions_without_word_times_are_deduplicated(tmp_path: Path) -> None:
    p = tmp_path / "rolling.vtt"
    p.write_text(
        "WEBVTT\nKind: captions\n\n00:00:00.000 --> 00:00:02.000\nwelcome to the panel\n\n"
        "00:00:02.000 --> 00:00:04.000\nwelcome to the panel\non rural broadband\n\n"
        "00:00:04.000 --> 00:00:06.000\non rural broadband\nthank you all\n"
    )
    t = read_transcript(p)
    assert t.info.format == "youtube-vtt"
    assert " ".join(x.text for x in t.turns) == "welcome to the panel on rural broadband thank you all"


def test_teams_entities_decoded_once() -> None:
    t = read_transcript(FIXTURES / "teams.vtt")
    assert [x.speaker for x in t.turns] == ["AT&T Representative", "Dana O'Neil"]
    assert t.turns[0].text == "We cover rural areas & towns."


def test_otter_body_line_with_a_label_stays_and_is_a_suspect(capsys: pytest.CaptureFixture[str]) -> None:
    t = ingest(FIXTURES / "otter.txt")
    assert t.turns[1].text.endswith("Ko Barrett: we still see gaps.")
    flagged = [s for s in t.suspects if s.reason.startswith("line 6:")]
    assert len(flagged) == 1 and flagged[0].speaker == "AT&T Representative"
    assert "line 6" in capsys.readouterr().err


def test_gpo_reader_equals_labelled_reader_on_the_same_turns() -> None:
    gpo = ingest(FIXTURES / "gpo.txt")
    labelled = ingest(FIXTURES / "gpo_labelled.txt")
    assert gpo.info.format == "gpo" and labelled.info.format == "labelled"
    assert [(x.speaker, x.text) for x in gpo.turns] == [(x.speaker, x.text) for x in labelled.turns]
    assert compute_stats(gpo) == compute_stats(labelled)


def test_un_record_one_speaker_per_delegation_and_person() -> None:
    t = ingest(FIXTURES / "un_record.txt")
    roles = {s.name: s.role for s in t.speakers}
    assert roles == {
        "The President": None,
        "Nebenzia": "Russian Federation",
        "Thomas-Greenfield": "United States of America",
    }
    # page furniture and procedural lines are not speech
    assert all("S/PV" not in x.text and "24-09123" not in x.text for x in t.turns)


def test_docx_transcripts_are_read_in_their_layout(tmp_path: Path) -> None:
    import docx

    layouts = {
        "teams.docx": ["Dana O'Neil   0:03", "Welcome to the session.", "Ko Barrett   0:10", "Thank you, Dana."],
        "meet.docx": [
            "Panel - Transcript",
            "00:00:00",
            "Dana O'Neil: Welcome to the session.",
            "Ko Barrett: Thank you, Dana.",
        ],
    }
    for name, paragraphs in layouts.items():
        document = docx.Document()
        for p in paragraphs:
            document.add_paragraph(p)
        document.save(tmp_path / name)
        t = ingest(tmp_path / name)
        assert {s.name: s.words for s in compute_stats(t)} == {"Dana O'Neil": 4, "Ko Barrett": 3}, name
        assert read_transcript(tmp_path / name, "docx") == read_transcript(tmp_path / name)


def test_every_reader_is_listed() -> None:
    expected = {"youtube-vtt", "youtube-text", "otter", "rev", "zoom", "teams", "meet", "docx", "gpo", "un", "hansard"}
    assert expected <= set(READERS)


def test_hearing_converted_from_gpo_keeps_its_documented_figures(shared_dir: Path) -> None:
    """The Senate hearing excerpt (converted from the GPO record, see its README): the label
    grammar still reads it to the README's 8,687 words, 87 turns and 7 speakers."""
    path = shared_dir / "data" / "hearing-senate-2024" / "transcript.txt"
    if not path.exists():
        absent("hearing-senate-2024 not in ../shared/data")
    t = ingest(path)
    stats = compute_stats(t)
    assert (sum(s.words for s in stats), len(t.turns), len(stats)) == (8687, 87, 7)
    assert {s.name: s.words for s in stats}["Mark Zuckerberg"] == 917
    assert not [s for s in t.suspects if s.reason.startswith("line ")]


def test_gpo_reader_on_the_hearing_laid_out_as_gpo_prints_it(shared_dir: Path, tmp_path: Path) -> None:
    """The hearing's turns laid out here in the GPO layout (indented `Mr. DURBIN.` labels, lines
    wrapped at 66 columns, hyphenated breaks) read to the same turns as the labelled layout."""
    import textwrap

    path = shared_dir / "data" / "hearing-senate-2024" / "transcript.txt"
    if not path.exists():
        absent("hearing-senate-2024 not in ../shared/data")
    turns = [(x.speaker.split()[-1], x.text) for x in read_transcript(path).turns]
    gpo, labelled = ["HEARING", ""], []
    for surname, text in turns:
        lines = textwrap.wrap(f"Mr. {surname.upper()}. {text}", 66)
        gpo += ["    " + lines[0], *lines[1:]]
        labelled.append(f"Mr. {surname}: {text}")
    (tmp_path / "gpo.txt").write_text("\n".join(gpo) + "\n", encoding="utf-8")
    (tmp_path / "labelled.txt").write_text("\n".join(labelled) + "\n", encoding="utf-8")
    a, b = ingest(tmp_path / "gpo.txt"), ingest(tmp_path / "labelled.txt")
    assert a.info.format == "gpo"
    assert [(x.speaker, x.text) for x in a.turns] == [(x.speaker, x.text) for x in b.turns]
    assert compute_stats(a) == compute_stats(b)
