"""Settings: options, environment, config file, defaults (in that order, issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from sessionlens.engines.llm.errors import LLMConfigError
from sessionlens.engines.llm.settings import SETTINGS, LLMOptions, resolve_settings


def test_defaults(tmp_path: Path) -> None:
    s = resolve_settings(LLMOptions())
    assert s.url is None and s.context == SETTINGS["context"][0] and s.cache is True
    assert s.cache_path is not None and s.cache_path.parent == tmp_path / "cache"


def test_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[llm]\nurl = "http://config/v1"\nmodel = "from-config"\ncontext = 2048\ntimeout = 9\n', encoding="utf-8"
    )
    monkeypatch.setenv("SESSIONLENS_CONFIG", str(config))
    monkeypatch.setenv("SESSIONLENS_LLM_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    s = resolve_settings(LLMOptions(url="http://cli/v1"))
    assert (s.url, s.model, s.key, s.context, s.timeout) == ("http://cli/v1", "from-env", "sk-env", 2048, 9.0)
    s = resolve_settings(LLMOptions(context=4096, model="given"))
    assert (s.url, s.model, s.context) == ("http://config/v1", "given", 4096)
    monkeypatch.setenv("SESSIONLENS_LLM_KEY", "sk-own")
    assert resolve_settings(LLMOptions()).key == "sk-own"


def test_a_given_value_beats_the_environment_even_when_it_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSIONLENS_LLM_CONTEXT", "4096")
    monkeypatch.setenv("SESSIONLENS_LLM_CONCURRENCY", "2")
    default_context, default_concurrency = SETTINGS["context"][0], SETTINGS["concurrency"][0]
    s = resolve_settings(LLMOptions(context=default_context, concurrency=default_concurrency))
    assert (s.context, s.concurrency) == (default_context, default_concurrency)
    assert resolve_settings(LLMOptions()).context == 4096  # not given: the environment's


def test_no_cache_and_cache_dir(tmp_path: Path) -> None:
    s = resolve_settings(LLMOptions(use_cache=False, cache_dir=tmp_path / "x"))
    assert s.cache is False and s.cache_path == tmp_path / "x" / "llm-cache.sqlite"


@pytest.mark.parametrize(
    "variable,value,message",
    [
        ("SESSIONLENS_LLM_RESPONSE_FORMAT", "xml", "response_format"),
        ("SESSIONLENS_LLM_TIMEOUT", "soon", "not a number"),
        ("SESSIONLENS_LLM_CONTEXT", "512", "too small"),
    ],
)
def test_bad_values_say_what_is_wrong(variable: str, value: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(LLMConfigError, match=message):
        resolve_settings(LLMOptions())


def test_a_misspelt_or_malformed_option_is_an_error() -> None:
    with pytest.raises(ValidationError, match="contxt"):
        LLMOptions(contxt=4096)  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="timeout"):
        LLMOptions(timeout="soon")  # type: ignore[arg-type]


def test_options_are_the_settings_table() -> None:
    """Every setting but `cache` (the shared `use_cache`) is an option, described by its help."""
    own = set(LLMOptions.model_fields) - {"taxonomy", "cache_dir", "use_cache"}
    assert own == set(SETTINGS) - {"cache"}
    for name in own:
        assert LLMOptions.model_fields[name].description == SETTINGS[name][1]
        assert LLMOptions.model_fields[name].default is None


def test_every_setting_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[3] / "docs" / "llm.md").read_text(encoding="utf-8")
    for name in SETTINGS:
        assert f"`SESSIONLENS_LLM_{name.upper()}`" in doc, name
