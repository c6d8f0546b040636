"""`sessionlens eval` on the command line: tables, and the --json contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionlens.cli import main
from sessionlens.evaluation.sections import SECTIONS
from sessionlens.models import Report


def test_eval_json_contract(
    imported_002: Report, seed_002: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = tmp_path / "ref.json"
    ref.write_text(imported_002.to_json(), encoding="utf-8")
    # a report JSON against the Diplo text it came from
    main(["eval", str(ref), str(seed_002), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"metrics", "counts", "settings"}
    assert set(data["counts"]) == {"candidate", "reference"}
    assert list(data["counts"]["reference"]) == list(SECTIONS)
    assert data["counts"]["reference"]["follow_up_questions"] == 16
    assert data["metrics"]["argument_recall"] == pytest.approx(1.0, abs=1e-3)
    assert data["settings"]["argument_threshold"] == 0.6


def test_eval_prints_tables(
    imported_002: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = tmp_path / "ref.json"
    ref.write_text(imported_002.to_json(), encoding="utf-8")
    out = tmp_path / "scores.json"
    main(["eval", str(ref), str(ref), "-o", str(out)])
    text = capsys.readouterr().out
    assert "argument_recall" in text and "follow_up_questions" in text and "MiniLM" in text
    assert json.loads(out.read_text(encoding="utf-8"))["metrics"]["speakers_recall"] == 1.0


def test_eval_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "cand.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["eval", str(bad), str(bad)])
    assert exc.value.code == 2
    assert "cand.json" in capsys.readouterr().err
