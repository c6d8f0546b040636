"""`sessionlens report` and `transcribe`: the output format from the -o suffix, and ASR options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sessionlens.cli import main
from sessionlens.cli import report as report_cli
from sessionlens.pipeline import ingest

TRANSCRIPT = "Alice Moreau: Rivers flood the lower town every spring.\nBen Ode: We mapped the culverts first.\n"


def _exit(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0), capsys.readouterr().err
    return 0, capsys.readouterr().err


@pytest.fixture
def panel(tmp_path: Path) -> Path:
    path = tmp_path / "panel.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["report", "transcribe"])
def test_an_unknown_suffix_without_to_is_one_line_naming_the_file(
    command: str, panel: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "panel.xyz"
    code, err = _exit([command, str(panel), "-o", str(out), "-q"], capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"sessionlens: error: {out}: no output format")
    assert not out.exists()


def test_a_known_suffix_or_to_chooses_the_format(
    panel: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _exit(["report", str(panel), "--engine", "none", "-o", str(tmp_path / "r.htm"), "-q"], capsys)[0] == 0
    assert (tmp_path / "r.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    forced = tmp_path / "r.xyz"
    assert _exit(["report", str(panel), "--engine", "none", "--to", "md", "-o", str(forced), "-q"], capsys)[0] == 0
    assert forced.read_text(encoding="utf-8").startswith("#")


def test_report_passes_asr_options_for_a_recording(
    panel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, Any] = {}

    def fake_ingest(path: str, fmt: str | None = None, **kw: Any):  # type: ignore[no-untyped-def]
        seen.update(kw)
        return ingest(panel)  # the recording's transcript stands in: no ASR model runs here

    monkeypatch.setattr(report_cli, "ingest", fake_ingest)
    argv = ["report", str(tmp_path / "debate.wav"), "--engine", "none", "-q", "-o", str(tmp_path / "r.json")]
    code, err = _exit([*argv, "--asr-model", "base", "--language", "fr", "--speakers", "3", "--auto-names"], capsys)
    assert code == 0, err
    asr = seen["asr"]
    assert (asr.model, asr.language, asr.speakers, asr.auto_names, asr.embedder) == ("base", "fr", 3, True, "auto")
    seen.clear()
    assert _exit(argv, capsys)[0] == 0
    assert seen["asr"] is None  # nothing given: the pipeline's defaults


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--language", "fr"], "--language needs a recording"),
        (["--recording", "talk.mp4", "--asr-model", "base"], "--asr-model: only a recording given as INPUT"),
    ],
)
def test_asr_options_need_a_recording(
    extra: list[str], message: str, panel: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _exit(["report", str(panel), "--engine", "none", "-q", *extra], capsys)
    assert code == 2 and message in err and err.count("\n") == 1
