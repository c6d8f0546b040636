"""The public API: `from sessionlens import …`, lazily; docs/python-api.md's examples run as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import sessionlens

DOC = Path(__file__).resolve().parents[1] / "docs" / "python-api.md"
API = {"Report", "Store", "Transcript", "analyze", "ask", "build_event", "ingest", "open_store", "render"}


def test_all_is_the_documented_api_and_each_name_resolves() -> None:
    assert set(sessionlens.__all__) == API
    from sessionlens.answers import ask
    from sessionlens.events.build import build_event
    from sessionlens.models import Report
    from sessionlens.pipeline import analyze, ingest
    from sessionlens.renderers import render
    from sessionlens.store import Store, open_store

    expected = {
        "Report": Report,
        "Store": Store,
        "analyze": analyze,
        "ask": ask,
        "build_event": build_event,
        "ingest": ingest,
        "render": render,
        "open_store": open_store,
    }
    for name, obj in expected.items():
        assert getattr(sessionlens, name) is obj
    with pytest.raises(AttributeError, match="no_such_thing"):
        sessionlens.no_such_thing  # noqa: B018
    for name in API:
        assert f"`{name}" in DOC.read_text(encoding="utf-8")  # documented


def test_import_sessionlens_stays_light() -> None:
    code = (
        "import sys, sessionlens; print(sorted(m for m in sys.modules "
        "if m.startswith(('sessionlens.', 'pydantic', 'numpy', 'typing', 'importlib.metadata'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def _examples() -> list[str]:
    """The page's python blocks, each padded with blank lines so that a traceback names the page's line."""
    text = DOC.read_text(encoding="utf-8")
    return [
        "\n" * text.count("\n", 0, m.start(1)) + m.group(1)
        for m in re.finditer(r"^```python\n(.*?)^```$", text, flags=re.S | re.M)
    ]


def test_the_python_api_page_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sessionlens.store.ingest import default_engine

    if default_engine() != "offline":
        pytest.skip("the offline engine (extra nlp) is not installed")
    blocks = _examples()
    assert len(blocks) >= 5
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "python_api_doc"}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)  # one session, like a reader's
    assert (tmp_path / "panel.html").exists() and (tmp_path / "corpus.db").exists()
