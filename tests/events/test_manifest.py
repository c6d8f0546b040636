"""Manifests (CSV, YAML) and folders into sessions; a bad row is one line naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.errors import InputError
from sessionlens.events.manifest import load_source, slugify

from .conftest import build


def _inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("Opening Plenary.txt", "opening_plenary.vtt", "day2/panel.srt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("Ana Lima: Hello.\n")
    (folder / ".hidden.txt").write_text("Ana Lima: Hidden.\n")
    (folder / "notes.csv").write_text("a,b\n")
    return folder


def test_folder_discovery_and_stable_slugs(tmp_path: Path) -> None:
    event = load_source(_inputs(tmp_path / "igf-2025"))
    assert event.name == "igf-2025" and event.title is None  # no title given: the hub says "the event"
    assert [(s.path.name, s.slug) for s in event.sessions] == [  # by path; hidden files and .csv skipped
        ("Opening Plenary.txt", "opening-plenary"),
        ("panel.srt", "panel"),
        ("opening_plenary.vtt", "opening-plenary-2"),
    ]
    assert load_source(tmp_path / "igf-2025").sessions == event.sessions  # the same slugs on every run


def test_csv_manifest(tmp_path: Path) -> None:
    _inputs(tmp_path)
    manifest = tmp_path / "event.csv"
    manifest.write_text(
        "file,title,date,start,room,language,speakers\n"
        'Opening Plenary.txt,Opening,2025-06-23,9:30,Hall A,en,"Ana Lima=Dr Ana Lima; Bo=Bo Chen"\n'
        "day2/panel.srt,,,,,,\n"
    )
    first, second = load_source(manifest, name="IGF 2025").sessions
    assert (first.title, first.date, first.start, first.track, first.language) == (
        "Opening",
        "2025-06-23",
        "09:30",
        "Hall A",
        "en",
    )
    assert first.renames == {"Ana Lima": "Dr Ana Lima", "Bo": "Bo Chen"}
    assert (second.slug, second.title, second.date, second.renames) == ("panel", None, None, {})


def test_csv_names_the_event_and_forces_a_format(tmp_path: Path) -> None:
    _inputs(tmp_path)
    manifest = tmp_path / "event.csv"
    manifest.write_text(
        "# name: igf-2025\n# title: Internet Governance Forum 2025\n"
        "file,title,format\nOpening Plenary.txt,Opening,Labelled\nday2/panel.srt,,\n"
    )
    event = load_source(manifest)
    assert (event.name, event.title) == ("igf-2025", "Internet Governance Forum 2025")
    assert [s.format for s in event.sessions] == ["labelled", None]
    assert "format" not in event.sessions[1].metadata()  # keys of sessions built before the column hold
    assert load_source(manifest, title="Other").title == "Other"
    manifest.write_text("# year: 2025\nfile\nday2/panel.srt\n")
    with pytest.raises(InputError, match=r"event.csv:1: a row above the header"):
        load_source(manifest)
    manifest.write_text("# title: T\nfile,format\nday2/panel.srt,pdf\n")
    with pytest.raises(InputError, match=r"event.csv:3: format 'pdf' is not a transcript format"):
        load_source(manifest)


def test_yaml_manifest_with_event_name(tmp_path: Path) -> None:
    _inputs(tmp_path)
    manifest = tmp_path / "event.yaml"
    manifest.write_text(
        "name: IGF 2025\ntitle: Internet Governance Forum 2025\nsessions:\n"
        "  - file: Opening Plenary.txt\n    track: Main hall\n    date: 2025-06-23\n"
        "    speakers: {Ana Lima: Dr Ana Lima}\n"
        "  - file: day2/panel.srt\n    start: 14:00\n"  # unquoted: YAML 1.1 reads it as 840
    )
    event = load_source(manifest)
    assert (event.name, event.title) == ("IGF 2025", "Internet Governance Forum 2025")
    assert event.sessions[0].date == "2025-06-23" and event.sessions[0].renames == {"Ana Lima": "Dr Ana Lima"}
    assert event.sessions[1].start == "14:00"


@pytest.mark.parametrize(
    ("row", "line", "problem"),
    [
        ("missing.txt,,,,,,", 3, "file 'missing.txt' not found"),
        ("panel.srt,,23/06/2025,,,,", 3, "is not YYYY-MM-DD"),
        ("panel.srt,,,25:00,,,", 3, "is not HH:MM"),
        ("panel.srt,,,,,,Ana Lima", 3, "expected OLD=NEW"),
    ],
)
def test_bad_csv_row_names_file_and_line(tmp_path: Path, row: str, line: int, problem: str) -> None:
    (tmp_path / "panel.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nAna Lima: Hello.\n")
    manifest = tmp_path / "event.csv"
    manifest.write_text(f"file,title,date,start,track,language,speakers\npanel.srt,,,,,,\n{row}\n")
    with pytest.raises(InputError, match=problem) as err:
        load_source(manifest)
    assert str(err.value).startswith(f"{manifest}:{line}: ")


def test_bad_yaml_row_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ana Lima: Hello.\n")
    manifest = tmp_path / "event.yml"
    manifest.write_text("- file: a.txt\n- file: a.txt\n  colour: red\n")
    with pytest.raises(InputError, match="unknown field 'colour'") as err:
        load_source(manifest)
    assert str(err.value).startswith(f"{manifest}:2: ")


def test_command_line_bad_manifest_is_one_line_exit_2(tmp_path: Path) -> None:
    manifest = tmp_path / "event.csv"
    manifest.write_text("file,title,room\nnowhere.txt,Opening,A\n")
    r = build(str(manifest), "--out", str(tmp_path / "out"))
    assert r.returncode == 2
    assert r.stderr.strip() == f"sessionlens: error: {manifest}:2: file 'nowhere.txt' not found next to the manifest"
    assert not (tmp_path / "out").exists()
    r = build(str(manifest), "--out", str(tmp_path / "out"), "--to", "json,xls")
    assert r.returncode == 2 and "xls" in r.stderr and "Traceback" not in r.stderr


def test_slugify() -> None:
    assert slugify("Opening Plenary (Day 1)") == "opening-plenary-day-1"
    assert slugify("¿?") == "session"
