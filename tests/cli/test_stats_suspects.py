"""`sessionlens stats` shows attribution suspects and never reads names as console markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.cli import main


def test_stats_lists_suspects_and_escapes_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "t.txt"
    p.write_text("Ana [/b]: We start.\nNote: figures provisional.\nBen Okoro: Thanks.\n")
    main(["stats", str(p)])
    out, err = capsys.readouterr()
    assert "Ana [/b]" in out and "Attribution suspects (1)" in out and "line 2" in out
    assert err.startswith("sessionlens: warning:") and "line 2" in err


def test_stats_says_when_no_attribution_exists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "t.txt"
    p.write_text("0:00\nwelcome to the panel\n0:03\non rural broadband\n1:02\nthank you all\n")
    main(["stats", str(p)])
    assert "No speaker attribution exists" in capsys.readouterr().out
