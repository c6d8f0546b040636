"""Engines are found through entry points; the docs' example engine is one (issue 17)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import sessionlens
from sessionlens.engines import (
    BUILT_IN,
    ENGINES,
    EngineNotInstalled,
    engine_class,
    get_engine,
    missing,
)
from sessionlens.engines.offline.engine import OfflineEngine
from sessionlens.errors import InputError
from sessionlens.models import Transcript
from sessionlens.pipeline import analyze

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "offline-engine.md"


def _example() -> tuple[str, dict[str, str]]:
    """The docs' example engine: its module source and its entry points."""
    text = DOC.read_text(encoding="utf-8").split("<!-- engine-example -->", 1)[1]
    code = re.search(r"```python\n(.*?)```", text, re.S)
    toml = re.search(r"```toml\n(.*?)```", text, re.S)
    assert code and toml, "docs/offline-engine.md lost its example engine"
    points = tomllib.loads(toml.group(1))["project"]["entry-points"]["sessionlens.engines"]
    return code.group(1), points


def _distribution(folder: Path, name: str, points: dict[str, str], modules: dict[str, str]) -> Path:
    """An installed distribution as pip leaves one: modules and a dist-info with entry points."""
    folder.mkdir(parents=True, exist_ok=True)
    for module, source in modules.items():
        (folder / f"{module}.py").write_text(source, encoding="utf-8")
    info = folder / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    lines = "".join(f"{k} = {v}\n" for k, v in points.items())
    (info / "entry_points.txt").write_text(f"[sessionlens.engines]\n{lines}", encoding="utf-8")
    return folder


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    code, points = _example()
    folder = _distribution(tmp_path / "site", "sessionlens_longest", points, {"sessionlens_longest": code})
    monkeypatch.syspath_prepend(str(folder))  # also invalidates the import caches
    yield folder
    sys.modules.pop("sessionlens_longest", None)


def test_the_builtins_are_entry_points_of_the_package() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["sessionlens.engines"] == BUILT_IN
    assert list(ENGINES)[:3] == ["none", "offline", "llm"]


def test_the_docs_example_engine_is_found_and_verified(example: Path, panel: Transcript) -> None:
    assert "longest" in ENGINES and missing("longest") == []
    report = analyze(panel, "longest", {"words": 5})
    speakers = {t.speaker for t in panel.turns}
    assert {a.speaker for a in report.arguments} == speakers
    assert all(len(a.title.split()) <= 5 for a in report.arguments)
    assert report.meta.engine == "longest" and report.stats
    assert report.verification is not None and report.verification.checked >= len(speakers)
    assert "Verification:" in (report.disclaimer or "")


def test_a_misspelt_setting_is_an_error_naming_it(example: Path, panel: Transcript) -> None:
    with pytest.raises(InputError, match="wrds"):
        analyze(panel, "longest", {"wrds": 5})
    with pytest.raises(InputError, match="url"):
        analyze(panel, "none", {"url": "http://127.0.0.1:1/v1"})  # an llm setting, not none's


def test_the_cli_offers_an_installed_engine(example: Path, tmp_path: Path) -> None:
    from .conftest import PANEL

    source = tmp_path / "panel.txt"
    source.write_text(PANEL, encoding="utf-8")
    paths = [str(example), str(Path(sessionlens.__file__).parents[1]), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-m", "sessionlens", "report", str(source), "--engine", "longest", "-q"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["meta"]["engine"] == "longest"


def test_a_package_cannot_replace_a_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _ = _example()
    folder = _distribution(tmp_path, "hijack", {"offline": "hijack:LongestTurnEngine"}, {"hijack": code})
    monkeypatch.syspath_prepend(str(folder))
    assert engine_class("offline") is OfflineEngine


def test_what_is_not_installed_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    needy = (
        "from sessionlens.engines import Analysis, Engine\n\n"
        "class Needy(Engine):\n"
        "    name = 'needy'\n"
        "    requires = ('numpy', 'no_such_module_17')\n"
        "    extra = 'needy'\n\n"
        "    def analyze(self, transcript, options, progress=None):\n"
        "        return Analysis()\n"
    )
    points = {"needy": "needy_engine:Needy", "broken": "no_such_package_17.engine:Engine"}
    monkeypatch.syspath_prepend(str(_distribution(tmp_path, "needy", points, {"needy_engine": needy})))
    assert missing("needy") == ["no_such_module_17"]
    with pytest.raises(EngineNotInstalled, match=r"no_such_module_17.*sessionlens\[needy\]"):
        get_engine("needy")
    assert missing("broken") == ["no_such_package_17.engine"]
    with pytest.raises(EngineNotInstalled, match="broken"):
        get_engine("broken")
    sys.modules.pop("needy_engine", None)


def test_an_unknown_engine_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match="none, offline, llm"):
        get_engine("ofline")


def test_is_it_installed_has_one_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's default engine and the evaluation harness ask `missing`, nothing else."""
    from sessionlens.evaluation.harness import run
    from sessionlens.store.ingest import default_engine

    assert default_engine() == ("none" if missing("offline") else "offline")
    monkeypatch.setattr(OfflineEngine, "requires", ("no_such_module_17",))
    assert missing("offline") == ["no_such_module_17"]
    assert default_engine() == "none"
    assert run("offline", []).status == "skipped: the engine failed to load (not installed: no_such_module_17)"
