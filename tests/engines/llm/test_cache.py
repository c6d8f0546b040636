"""The SQLite answer cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sessionlens.engines.llm.cache import AnswerCache, cache_key

MESSAGES = [{"role": "user", "content": "hello"}]


def test_round_trip_and_persistence(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cache = AnswerCache(path)
    key = cache_key("m", MESSAGES, {"max_tokens": 10})
    assert cache.get(key) is None
    cache.put(key, model="m", stage="s", answer={"a": [1, "é"]}, prompt_tokens=5,
              completion_tokens=2)
    cache.close()
    again = AnswerCache(path)
    hit = again.get(key)
    assert hit is not None and hit.answer == {"a": [1, "é"]} and hit.prompt_tokens == 5
    assert len(again) == 1
    # a real SQLite file any tool can open
    rows = sqlite3.connect(path).execute("SELECT model, stage FROM answers").fetchall()
    assert rows == [("m", "s")]


def test_key_depends_on_model_prompt_and_parameters() -> None:
    base = cache_key("m", MESSAGES, {"max_tokens": 10, "temperature": 0})
    assert base == cache_key("m", [dict(m) for m in MESSAGES], {"temperature": 0, "max_tokens": 10})
    assert base != cache_key("m2", MESSAGES, {"max_tokens": 10, "temperature": 0})
    assert base != cache_key("m", [{"role": "user", "content": "hello!"}],
                             {"max_tokens": 10, "temperature": 0})
    assert base != cache_key("m", MESSAGES, {"max_tokens": 11, "temperature": 0})


def test_a_damaged_row_is_a_miss(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "c.sqlite")
    cache.put("k", model="m", stage="s", answer={}, prompt_tokens=0, completion_tokens=0)
    cache._db.execute("UPDATE answers SET answer = '{broken'")
    assert cache.get("k") is None
