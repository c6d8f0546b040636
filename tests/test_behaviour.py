"""Behaviour pinned across refactors (issue 17): every engine's report on the project's own
panels, the seeds and the Senate hearing is byte-identical, timestamps and timings aside.

The third-party cases are pinned by a digest (their text stays in ../shared); the project's
own panels by the same digest. An intended change of output is recorded with
`SESSIONLENS_UPDATE_GOLDEN=1`, and its reason goes in the commit message.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sessionlens.engines.llm.settings import LLMOptions
from sessionlens.models import Report
from sessionlens.pipeline import analyze, ingest

from .engines.conftest import PANEL, isolated_settings, options_for  # noqa: F401  (a fixture)
from .engines.council import council_text
from .engines.fake_openai_server import ScriptedServer
from .shared_data import absent, shared_path

REPO = Path(__file__).resolve().parent.parent
DIGESTS = Path(__file__).parent / "golden" / "behaviour.json"
VOLATILE_META = ("generated_at", "timings")


def canonical(report: Report) -> str:
    """The report's JSON without what changes from run to run (time, timings, the input's folder)."""
    data: dict[str, Any] = json.loads(report.model_dump_json())
    for key in VOLATILE_META:
        data["meta"].pop(key, None)
    usage = data["meta"].get("usage") or []
    for step in usage:
        step.pop("seconds", None)
    usage.sort(key=lambda step: json.dumps(step, sort_keys=True))  # reduce steps finish in any order
    info = data["transcript"]["info"]
    if info.get("source"):
        info["source"] = Path(info["source"]).name
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1)
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)  # the scripted server's free port


def _written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _shared_file(shared: Path | None, relative: str) -> Path:
    if shared is None:
        absent("../shared (seeds and corpora) is not present in this checkout")
    return shared / relative


# case id -> (input maker, engine); the maker gets tmp_path
CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "example-panel/offline": (lambda _: REPO / "examples" / "climate-panel.vtt", "offline"),
    "example-panel/none": (lambda _: REPO / "examples" / "climate-panel.vtt", "none"),
    "council/offline": (lambda t: _written(t, "council-debate.txt", council_text()), "offline"),
    "panel/offline": (lambda t: _written(t, "panel.txt", PANEL), "offline"),
    "panel/llm": (lambda t: _written(t, "panel.txt", PANEL), "llm"),
    "council/llm": (lambda t: _written(t, "council-debate.txt", council_text()), "llm"),
    "seed-000/offline": (lambda _: next(_shared_file(shared_path(), "seeds").glob("000_*.txt")), "offline"),
    "seed-001/offline": (lambda _: next(_shared_file(shared_path(), "seeds").glob("001_*.txt")), "offline"),
    "seed-002/offline": (lambda _: _shared_file(shared_path(), "seeds/002_db38eb7dc8a1be04.txt"), "offline"),
    "hearing/offline": (lambda _: _shared_file(shared_path(), "data/hearing-senate-2024/transcript.txt"), "offline"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.usefixtures("isolated_settings")
def test_report_unchanged(case: str, tmp_path: Path) -> None:
    make, engine = CASES[case]
    transcript = ingest(make(tmp_path))
    if engine == "llm":
        with ScriptedServer() as server:
            options: LLMOptions | None = options_for(server.url, tmp_path)
            report = analyze(transcript, engine, options)
    else:
        report = analyze(transcript, engine)
    text = canonical(report)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    pinned = json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.exists() else {}
    if os.environ.get("SESSIONLENS_UPDATE_GOLDEN") == "1":
        pinned[case] = digest
        DIGESTS.parent.mkdir(parents=True, exist_ok=True)
        DIGESTS.write_text(json.dumps(pinned, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    assert case in pinned, f"no pinned digest for {case}: run with SESSIONLENS_UPDATE_GOLDEN=1"
    if digest != pinned[case]:
        out = tmp_path / f"{case.replace('/', '-')}.json"
        out.write_text(text, encoding="utf-8")
        pytest.fail(f"{case}: the report changed (now {digest[:12]}, pinned {pinned[case][:12]}); JSON in {out}")
