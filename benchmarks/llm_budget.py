"""Prompt tokens of the llm engine against transcript tokens, per context window.

Runs the engine against the scripted OpenAI-compatible server of the tests (loopback, no
model) and prints, per session and --llm-context, the map calls, the tokens the map and reduce
steps sent, their ratio to the transcript (the server's count: words and punctuation marks)
and the claims the argument requests allowed. Sessions: a generated 160-turn panel, seed 002
(a one-hour UN panel) and a 3-hour session (seed 002's turns three times over), when the seed
is there (`SESSIONLENS_SHARED`, else ../shared).

Usage: .venv/bin/python benchmarks/llm_budget.py [--contexts 8192,32768]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sessionlens.engines.llm.settings import LLMOptions  # noqa: E402
from sessionlens.models import Transcript  # noqa: E402
from sessionlens.pipeline import analyze, ingest  # noqa: E402
from tests.engines.conftest import long_panel_text  # noqa: E402
from tests.engines.fake_openai_server import ScriptedServer, count_tokens  # noqa: E402

SEED = "seeds/002_db38eb7dc8a1be04.txt"


def repeated(transcript: Transcript, times: int) -> Transcript:
    """The session's turns `times` over, renumbered: a longer session with the same speakers."""
    turns = [
        t.model_copy(update={"index": k * len(transcript.turns) + t.index, "start": None, "end": None})
        for k in range(times)
        for t in transcript.turns
    ]
    return transcript.model_copy(update={"turns": turns})


def sessions(tmp: Path) -> list[tuple[str, Transcript]]:
    path = tmp / "long.txt"
    path.write_text(long_panel_text(), encoding="utf-8")
    out = [("generated panel (160 turns)", ingest(path))]
    seed = Path(os.environ.get("SESSIONLENS_SHARED", REPO.parent / "shared")) / SEED
    if seed.exists():
        one_hour = ingest(seed)
        out += [("seed 002 (1 h)", one_hour), ("seed 002 x3 (3 h)", repeated(one_hour, 3))]
    else:
        print(f"({seed} not found: seed sessions skipped)")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contexts", default="8192,32768", help="comma-separated --llm-context values")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    contexts = [int(c) for c in args.contexts.split(",")]
    print(
        "| session | transcript tokens | `--llm-context` | map calls | claims allowed | map prompt | "
        "reduce prompt | total / transcript |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, transcript in sessions(Path(tmp)):
            tokens = sum(count_tokens(f"{t.speaker}: {t.text}") for t in transcript.turns)
            for context in contexts:
                with ScriptedServer() as server:
                    options = LLMOptions(
                        url=server.url, model="m", context=context, use_cache=False, cache_dir=Path(tmp)
                    )
                    analyze(transcript, "llm", options)
                    maps = server.chat_calls("arguments")
                    mapped = sum(r.prompt_tokens for r in maps)
                    total = server.prompt_tokens()
                    claims = sum(
                        r.response_format["json_schema"]["schema"]["properties"]["arguments"]["maxItems"] for r in maps
                    )
                print(
                    f"| {name} | {tokens:,} | {context} | {len(maps)} | {claims} | {mapped:,} | "
                    f"{total - mapped:,} | {total / tokens:.2f} |"
                )


if __name__ == "__main__":
    main()
