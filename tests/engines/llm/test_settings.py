"""Settings: options, extra, environment, config file, defaults (in that order)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.engines import AnalysisOptions
from sessionlens.engines.llm.errors import LLMConfigError
from sessionlens.engines.llm.settings import SETTINGS, resolve_settings


def test_defaults(tmp_path: Path) -> None:
    s = resolve_settings(AnalysisOptions())
    assert s.url is None and s.context == SETTINGS["context"][0] and s.cache is True
    assert s.cache_path is not None and s.cache_path.parent == tmp_path / "cache"


def test_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[llm]\nurl = "http://config/v1"\nmodel = "from-config"\ncontext = 2048\n'
                      'timeout = 9\n', encoding="utf-8")
    monkeypatch.setenv("SESSIONLENS_CONFIG", str(config))
    monkeypatch.setenv("SESSIONLENS_LLM_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    s = resolve_settings(AnalysisOptions(llm_url="http://cli/v1"))
    assert (s.url, s.model, s.key, s.context, s.timeout) == (
        "http://cli/v1", "from-env", "sk-env", 2048, 9.0)
    s = resolve_settings(AnalysisOptions(llm_context=4096, extra={"llm_model": "from-extra"}))
    assert (s.url, s.model, s.context) == ("http://config/v1", "from-extra", 4096)
    monkeypatch.setenv("SESSIONLENS_LLM_KEY", "sk-own")
    assert resolve_settings(AnalysisOptions()).key == "sk-own"


def test_no_cache_and_cache_dir(tmp_path: Path) -> None:
    s = resolve_settings(AnalysisOptions(use_cache=False, cache_dir=tmp_path / "x"))
    assert s.cache is False and s.cache_path == tmp_path / "x" / "llm-cache.sqlite"


@pytest.mark.parametrize("extra,message", [
    ({"llm_response_format": "xml"}, "response_format"),
    ({"llm_timeout": "soon"}, "not a number"),
    ({"llm_context": "512"}, "too small"),
])
def test_bad_values_say_what_is_wrong(extra: dict[str, str], message: str) -> None:
    with pytest.raises(LLMConfigError, match=message):
        resolve_settings(AnalysisOptions(extra=extra))


def test_every_setting_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[3] / "docs" / "llm.md").read_text(encoding="utf-8")
    for name in SETTINGS:
        assert f"`SESSIONLENS_LLM_{name.upper()}`" in doc, name
