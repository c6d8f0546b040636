"""`make run`'s example, as the Makefile writes it: its commands are read from the `run`
target (so they stay in step), run in a scratch folder, and their outputs checked."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sessionlens.pipeline import ingest

REPO = Path(__file__).resolve().parents[2]
MAKEFILE = REPO / "Makefile"
pytestmark = pytest.mark.slow  # three runs of the CLI, one of them the offline engine


def make_variable(text: str, name: str) -> str:
    m = re.search(rf"^{name}\s*\??=\s*(.+)$", text, re.M)
    assert m, f"Makefile sets no {name}"
    return m.group(1).strip()


def run_recipe() -> list[list[str]]:
    """The `run` target's `$(SL) …` lines as argv lists, `$(SL)` being this Python's sessionlens."""
    text = MAKEFILE.read_text(encoding="utf-8")
    m = re.search(r"^run:.*\n((?:\t.*\n)+)", text, re.M)
    assert m, "the Makefile has no `run` target"
    example = str(REPO / make_variable(text, "EXAMPLE"))
    commands = []
    for line in m.group(1).splitlines():
        line = line.strip()
        if line.startswith("@"):
            continue  # @echo: a message for the reader
        assert line.startswith("$(SL) "), f"`make run` line this test does not know how to run: {line}"
        words = shlex.split(line.removeprefix("$(SL) ").replace("$(EXAMPLE)", shlex.quote(example)))
        assert not any("$(" in w for w in words), line
        commands.append([sys.executable, "-m", "sessionlens", *words])
    return commands


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[subprocess.CompletedProcess[str]]]:
    pytest.importorskip("onnxruntime", reason="the nlp extra (the default engine) is not installed")
    cwd = tmp_path_factory.mktemp("make-run")
    results = [subprocess.run(c, cwd=cwd, capture_output=True, text=True, timeout=600) for c in run_recipe()]
    return cwd, results


def test_the_recipe_makes_html_and_markdown_and_shows_stats() -> None:
    verbs = [c[3] for c in run_recipe()]
    outputs = [Path(c[c.index("-o") + 1]).suffix for c in run_recipe() if "-o" in c]
    assert verbs.count("report") >= 2 and "stats" in verbs and {".html", ".md"} <= set(outputs)


def test_every_command_succeeds(ran: tuple[Path, list[subprocess.CompletedProcess[str]]]) -> None:
    for r in ran[1]:
        assert r.returncode == 0, f"{shlex.join(r.args[3:])}: {r.stderr}"


def _output(ran: tuple[Path, list[subprocess.CompletedProcess[str]]], suffix: str) -> str:
    cwd, results = ran
    for r in results:
        if "-o" in r.args and r.args[r.args.index("-o") + 1].endswith(suffix):
            return (cwd / r.args[r.args.index("-o") + 1]).read_text(encoding="utf-8")
    raise AssertionError(f"no {suffix} output in `make run`")


def _example() -> tuple[str, list[str]]:
    transcript = ingest(REPO / make_variable(MAKEFILE.read_text(encoding="utf-8"), "EXAMPLE"))
    assert transcript.info.title
    return transcript.info.title, sorted({t.speaker for t in transcript.turns})


def test_html_has_the_title_and_every_speaker(ran: tuple[Path, list[subprocess.CompletedProcess[str]]]) -> None:
    page = _output(ran, ".html")
    title, speakers = _example()
    assert f"<title>{title}" in page.replace("&amp;", "&") and f"<h1>{title}</h1>" in page.replace("&amp;", "&")
    assert len(speakers) >= 3 and all(name in page for name in speakers)


def test_markdown_has_the_report_sections(ran: tuple[Path, list[subprocess.CompletedProcess[str]]]) -> None:
    tokens = MarkdownIt("commonmark").parse(_output(ran, ".md"))
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    for section in ("Session at a glance", "Speaking time and speed", "Per-speaker analysis", "Session transcript"):
        assert section in h2, h2
    # the default (offline) engine ran: its sections are there too
    assert "Agreements" in h2 or "Differences" in h2, h2


def test_stats_lists_every_speaker(ran: tuple[Path, list[subprocess.CompletedProcess[str]]]) -> None:
    _, results = ran
    stats = next(r for r in results if r.args[3] == "stats")
    _, speakers = _example()
    assert all(name in stats.stdout for name in speakers), stats.stdout
