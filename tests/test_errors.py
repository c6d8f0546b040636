"""The error tree: every error is one line on stderr, exit 2 for the user's mistakes, 1 for
failed runs, and a traceback only with --debug (issue 14, finding 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sessionlens.engines.llm.errors import LLMConfigError, LLMError, LLMUnavailable
from sessionlens.errors import (
    InputError,
    JobTimeout,
    LimitError,
    OutputError,
    QueryError,
    RunError,
    SessionLensError,
    StoreError,
    UserError,
)
from sessionlens.imports.records import SectionError

TRANSCRIPT = "Alice Moreau: Welcome to the session on water.\n\nBen Okoro: Thank you, Alice.\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sessionlens", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def one_error_line(r: subprocess.CompletedProcess[str]) -> str:
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("sessionlens: error: "), r.stderr
    assert "Traceback" not in r.stderr and "Error: " not in r.stderr.replace("sessionlens: error: ", "")
    return lines[0]


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (InputError, 2),
        (SectionError, 2),
        (LimitError, 2),
        (QueryError, 2),
        (OutputError, 2),
        (LLMConfigError, 2),
        (StoreError, 1),
        (JobTimeout, 1),
        (LLMError, 1),
        (LLMUnavailable, 1),
    ],
)
def test_every_error_is_in_the_tree_with_its_exit_code(cls: type[SessionLensError], code: int) -> None:
    assert issubclass(cls, SessionLensError)
    assert cls.exit_code == code
    assert issubclass(cls, UserError if code == 2 else RunError)


def test_the_tree_is_drawn_in_the_docstring() -> None:
    import sessionlens.errors as errors

    for cls in (UserError, RunError, InputError, LimitError, QueryError, OutputError, StoreError, JobTimeout):
        assert cls.__name__ in (errors.__doc__ or "")


def test_llm_without_url_is_one_line_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text(TRANSCRIPT, encoding="utf-8")
    env_free = ["env", "-u", "SESSIONLENS_LLM_URL"]
    for args in (
        ["report", str(src), "--engine", "llm", "-q"],
        ["add", str(src), "--event", "E", "--engine", "llm", "--db", str(tmp_path / "c.db")],
    ):
        r = subprocess.run(
            [*env_free, sys.executable, "-m", "sessionlens", *args], capture_output=True, text=True, timeout=120
        )
        assert r.returncode == 2
        assert "--llm-url" in one_error_line(r)


def test_usage_errors_use_the_same_single_prefix(tmp_path: Path) -> None:
    r = run("report", "x.txt", "--no-such-option")
    assert r.returncode == 2
    assert "--no-such-option" in one_error_line(r)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("inf.json", '{"segments": [{"start": 0, "end": Infinity, "text": "hi", "speaker": "A"}]}', "finite"),
        ("big.json", '{"segments": [{"start": 0, "end": 1e309, "text": "hi", "speaker": "A"}]}', "finite"),
        ("nan.json", '{"segments": [{"start": NaN, "end": 1, "text": "hi", "speaker": "A"}]}', "finite"),
        ("deep.json", "[" * 50_000 + "]" * 50_000, "nested"),
        ("lang.json", json.dumps({"language": ["en"], "segments": [{"start": 0, "end": 1, "text": "hi"}]}), "language"),
        ("hours.vtt", f"WEBVTT\n\n{'9' * 400}:00:00.000 --> 1:00:01.000\nAlice: hi there\n", "vtt"),
        ("hours.srt", f"1\n{'9' * 400}:00:00,000 --> 01:00:01,000\nAlice: hi there\n", "srt"),
    ],
)
@pytest.mark.parametrize("to", ["md", "html", "docx"])
def test_broken_numbers_and_nesting_are_one_line_input_errors(
    tmp_path: Path, name: str, content: str, problem: str, to: str
) -> None:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    fmt = ["--format", "json"] if name.endswith(".json") else []
    r = run("report", str(src), *fmt, "--engine", "none", "-q", "-o", str(tmp_path / f"out.{to}"))
    assert r.returncode == 2
    line = one_error_line(r)
    assert str(src) in line and problem in line
    assert not (tmp_path / f"out.{to}").exists()


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    src = tmp_path / "inf.json"
    src.write_text('{"segments": [{"start": 0, "end": Infinity, "text": "hi"}]}', encoding="utf-8")
    r = run("--debug", "report", str(src), "--engine", "none", "-q")
    assert r.returncode == 1 and "Traceback" in r.stderr and "InputError" in r.stderr


def test_an_unexpected_error_is_one_line_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sessionlens import cli

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli.cli, "main", boom)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["stats", "x"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "sessionlens: error: internal error (ZeroDivisionError: division by zero); run with --debug for the traceback"
    ]


def test_a_broken_database_is_a_one_line_store_error(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    src = tmp_path / "t.txt"
    src.write_text(TRANSCRIPT, encoding="utf-8")
    assert run("add", str(src), "--event", "E", "--engine", "none", "--db", str(db)).returncode == 0
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("DROP TABLE search_index")
    con.commit()
    con.close()
    r = run("search", "water", "--db", str(db))
    assert r.returncode == 1
    assert "database error: no such table: search_index" in one_error_line(r)


def test_a_broken_template_is_a_one_line_input_error(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "report.md").write_text("{% if %}", encoding="utf-8")
    src = tmp_path / "t.txt"
    src.write_text(TRANSCRIPT, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "sessionlens", "report", str(src), "--engine", "none", "-q", "--to", "md"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SESSIONLENS_TEMPLATES": str(brand)},
    )
    assert r.returncode == 2
    assert "template error" in one_error_line(r)
