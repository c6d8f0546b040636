"""`sessionlens import` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionlens.cli import main


def test_import_writes_report_json(
    seed_002: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ref.json"
    main(["import", str(seed_002), "-o", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["arguments"]) == 27
    assert len(data["follow_up_questions"]) == 16
    err = capsys.readouterr().err
    assert "16 speakers, 27 arguments" in err


def test_malformed_report_exits_2_with_one_line(
    seed_002: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        seed_002.read_text(encoding="utf-8").replace("436 words", "many words", 1), encoding="utf-8"
    )
    with pytest.raises(SystemExit) as exc:
        main(["import", str(bad), "-o", str(tmp_path / "x.json")])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "per-speaker analysis of Ko Barrett" in err and "Speech length" in err
    assert not (tmp_path / "x.json").exists()
