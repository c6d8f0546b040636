"""Speaker renaming: --rename and --speakers-map, and the function the web app calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionlens.cli import main
from sessionlens.errors import InputError
from sessionlens.normalize import parse_rename, read_speakers_map, rename_speakers
from sessionlens.pipeline import ingest

TEXT = "Speaker 1: Hello all of you.\nSpeaker 2: Hi.\nSpeaker 1: Bye now.\n"


def test_rename_speakers_renames_turns_and_joins_onto_an_existing_speaker(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text(TEXT)
    t = ingest(p)
    r = rename_speakers(t, {"speaker 1": "Ko Barrett"})
    assert [x.speaker for x in r.turns] == ["Ko Barrett", "Speaker 2", "Ko Barrett"]
    assert r.speakers[0].aliases == ["Speaker 1"]
    joined = rename_speakers(r, {"Speaker 2": "Ko Barrett"})
    assert {x.speaker for x in joined.turns} == {"Ko Barrett"} and len(joined.speakers) == 1
    assert joined.merges[-1].reason == "renamed by the user"
    assert rename_speakers(t, {"Nobody": "X"}) == t


def test_cli_rename_and_speakers_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "t.txt"
    p.write_text(TEXT)
    m = tmp_path / "map.csv"
    m.write_text("from,to\nSpeaker 2,Dana O'Neil\n")
    main(["stats", str(p), "--json", "--rename", "Speaker 1=Ko Barrett", "--speakers-map", str(m)])
    names = {s["name"]: s["words"] for s in json.loads(capsys.readouterr().out)}
    assert names == {"Ko Barrett": 6, "Dana O'Neil": 1}


@pytest.mark.parametrize("bad", ["Speaker 1", "=X", "Speaker 1="])
def test_malformed_rename_is_one_line_exit_2(tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "t.txt"
    p.write_text(TEXT)
    with pytest.raises(SystemExit) as exit_:
        main(["stats", str(p), "--rename", bad])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "OLD=NEW" in err


def test_speakers_map_errors(tmp_path: Path) -> None:
    m = tmp_path / "m.csv"
    m.write_text("a,b,c\n")
    with pytest.raises(InputError, match="line 1"):
        read_speakers_map(m)
    with pytest.raises(InputError, match=r"no such|cannot read"):
        read_speakers_map(tmp_path / "missing.csv")
    assert parse_rename(["A = B"]) == {"A": "B"}
