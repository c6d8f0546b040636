"""`sessionlens report --engine llm` against the scripted server: exit codes, cache, options."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.cli import main
from sessionlens.models import Report

from ..conftest import long_panel_text
from ..fake_openai_server import ScriptedServer, free_port


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSIONLENS_LLM_BACKOFF", "0.01")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _args(panel_path: Path, url: str, out: Path, *extra: str) -> list[str]:
    return ["report", str(panel_path), "--engine", "llm", "--llm-url", url,
            "--llm-model", "scripted-model", "--llm-context", "4096", "-q", "-o", str(out), *extra]


def test_report_then_the_same_command_from_the_cache(
        panel_path: Path, server: ScriptedServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    code, _, err = run(_args(panel_path, server.url, out), capsys)
    assert code == 0, err
    report = Report.model_validate_json(out.read_text(encoding="utf-8"))
    assert report.meta.engine == "llm" and report.meta.degraded_sections == []
    calls = len(server.chat_calls())
    assert calls >= 8
    code, _, err = run(_args(panel_path, server.url, tmp_path / "again.json"), capsys)
    assert code == 0, err
    assert len(server.chat_calls()) == calls  # the second run made no HTTP call
    code, _, _ = run(_args(panel_path, server.url, tmp_path / "fresh.json", "--no-cache"), capsys)
    assert code == 0 and len(server.chat_calls()) == 2 * calls


def test_degraded_output_exits_0_with_the_sections_marked(
        panel_path: Path, server: ScriptedServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    server.fail("500", stage="takeaways", times=100)
    server.fail("invalid_json", stage="glance", times=100)
    out = tmp_path / "r.json"
    code, _, err = run(_args(panel_path, server.url, out), capsys)
    assert code == 0, err
    report = Report.model_validate_json(out.read_text(encoding="utf-8"))
    assert report.meta.degraded_sections == ["glance", "takeaways"]


def test_nothing_produced_exits_1_with_one_line(
        panel_path: Path, server: ScriptedServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    server.fail("500", times=1000)
    out = tmp_path / "r.json"
    code, _, err = run(_args(panel_path, server.url, out), capsys)
    assert code == 1 and not out.exists()
    lines = [line for line in err.splitlines() if not line.startswith(("WARNING", "  "))]
    assert lines[-1].startswith("sessionlens: error: no usable answer from the LLM") and "HTTP 500" in lines[-1]
    assert "Traceback" not in err


def test_unreachable_server_exits_1(panel_path: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    code, _, err = run(_args(panel_path, url, tmp_path / "r.json"), capsys)
    assert code == 1 and "cannot connect" in err.splitlines()[-1]


def test_missing_url_is_a_usage_error(panel_path: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["report", str(panel_path), "--engine", "llm", "-q"], capsys)
    assert code == 2
    assert err.strip().splitlines() == [
        "sessionlens: error: no LLM endpoint: give --llm-url (e.g. http://127.0.0.1:8080/v1) "
        "or set SESSIONLENS_LLM_URL"]


def test_model_from_the_server_list(panel_path: Path, server: ScriptedServer, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    args = ["report", str(panel_path), "--engine", "llm", "--llm-url", server.url, "-q",
            "-o", str(out)]
    code, _, err = run(args, capsys)
    assert code == 0, err
    assert Report.model_validate_json(out.read_text(encoding="utf-8")).meta.model == server.model


def test_llm_context_beats_the_environment_even_at_its_default(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17: `--llm-context 8192` was taken for "not given" (8192 is the default), so
    SESSIONLENS_LLM_CONTEXT won; a given option wins, whatever its value."""
    path = tmp_path / "long.txt"
    path.write_text(long_panel_text(), encoding="utf-8")
    monkeypatch.setenv("SESSIONLENS_LLM_CONTEXT", "2048")
    chunks = {}
    for given in ((), ("--llm-context", "8192")):
        with ScriptedServer() as server:
            args = ["report", str(path), "--engine", "llm", "--llm-url", server.url, "--llm-model", "scripted-model",
                    "--no-cache", "-q", "-o", str(tmp_path / "r.json"), *given]
            code, _, err = run(args, capsys)
            assert code == 0, err
            chunks[bool(given)] = len(server.chat_calls("arguments"))
    assert chunks[True] < chunks[False]  # a window of 8192 takes fewer, larger chunks than 2048
