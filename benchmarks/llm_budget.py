"""Prompt tokens of the llm engine against transcript tokens, per context window.

Runs the engine against the scripted OpenAI-compatible server of the tests (loopback, no
model) on a generated 160-turn panel and prints, per --llm-context, the chunks, the tokens the
map and reduce steps sent and their ratio to the transcript (server's count: words and
punctuation marks). Usage: .venv/bin/python benchmarks/llm_budget.py
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sessionlens.engines import AnalysisOptions  # noqa: E402
from sessionlens.pipeline import analyze, ingest  # noqa: E402
from tests.engines.conftest import long_panel_text  # noqa: E402
from tests.engines.fake_openai_server import ScriptedServer, count_tokens  # noqa: E402


def main() -> None:
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(long_panel_text(), encoding="utf-8")
        transcript = ingest(path)
        tokens = sum(count_tokens(f"{t.speaker}: {t.text}") for t in transcript.turns)
        print(f"transcript: {len(transcript.turns)} turns, {tokens} tokens")
        print("context  chunks  map_prompt  reduce_prompt  total  total/transcript")
        for context in (2048, 4096, 8192, 16384, 32768):
            with ScriptedServer() as server:
                options = AnalysisOptions(llm_url=server.url, llm_model="m", llm_context=context,
                                          use_cache=False, cache_dir=Path(tmp))
                analyze(transcript, "llm", options)
                mapped = sum(r.prompt_tokens for r in server.chat_calls("arguments"))
                total = server.prompt_tokens()
                chunks = len(server.chat_calls("arguments"))
            print(f"{context:7d}  {chunks:6d}  {mapped:10d}  {total - mapped:13d}  {total:5d}"
                  f"  {total / tokens:16.2f}")


if __name__ == "__main__":
    main()
