"""Settings of the LLM engine as one table: name, default, help.

Order of precedence, highest first, written once in `resolve_settings`:
1. a value given in `LLMOptions` (the CLI's `--llm-url`, `--llm-model`, `--llm-context`,
   `--no-cache`; a library caller's `LLMOptions(timeout=30)`); `None` is "not given", so
   `--llm-context 8192` beats `SESSIONLENS_LLM_CONTEXT` although 8192 is the default,
2. the environment: `SESSIONLENS_LLM_<NAME>`; for the key also `OPENAI_API_KEY`, for the URL
   `OPENAI_BASE_URL`,
3. the config file: `[llm]` table of `$SESSIONLENS_CONFIG`, else
   `$XDG_CONFIG_HOME/sessionlens/config.toml` (default `~/.config/sessionlens/config.toml`),
4. the default below.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from pydantic import Field

from ..base import EngineOptions
from .errors import LLMConfigError

#: name -> (default, help). Drives `LLMSettings`, the env variables and docs/llm.md.
SETTINGS: dict[str, tuple[Any, str]] = {
    "url": (None, "Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8080/v1."),
    "model": (None, "Model name; when absent, the first model the server lists."),
    "key": (None, "API key (also OPENAI_API_KEY); local servers need none."),
    "context": (8192, "Context window of the model in tokens; chunks are cut to fit it."),
    "concurrency": (4, "Calls in flight at once."),
    "timeout": (120.0, "Seconds before one call is abandoned and retried."),
    "retries": (4, "Attempts per call (timeouts, 429, 5xx, refused, truncated, bad JSON)."),
    "backoff": (1.0, "First wait between attempts in seconds; doubles each time (max 30 s)."),
    "response_format": ("auto", "auto | json_schema | json_object_schema | json_object | prompt."),
    "temperature": (0.0, "Sampling temperature; 0 makes answers (and the cache) reproducible."),
    "max_output": (4096, "Most tokens one answer may have; the schemas shrink to fit it."),
    "cache": (True, "Use the SQLite answer cache (--no-cache turns it off)."),
}

RESPONSE_FORMATS = ("json_schema", "json_object_schema", "json_object", "prompt")
ENV_ALIASES = {"key": "OPENAI_API_KEY", "url": "OPENAI_BASE_URL"}


def _given(name: str) -> Any:
    """A field of `LLMOptions`: None (not given), described by its row of SETTINGS."""
    return Field(None, description=SETTINGS[name][1])


class LLMOptions(EngineOptions):
    """The llm engine's options: SETTINGS but `cache`, which is `use_cache` (--no-cache)."""

    url: str | None = _given("url")
    model: str | None = _given("model")
    key: str | None = _given("key")
    context: int | None = _given("context")
    concurrency: int | None = _given("concurrency")
    timeout: float | None = _given("timeout")
    retries: int | None = _given("retries")
    backoff: float | None = _given("backoff")
    response_format: str | None = _given("response_format")
    temperature: float | None = _given("temperature")
    max_output: int | None = _given("max_output")


@dataclass(frozen=True)
class LLMSettings:
    """Resolved settings of one engine run."""

    url: str | None
    model: str | None
    key: str | None
    context: int
    concurrency: int
    timeout: float
    retries: int
    backoff: float
    response_format: str
    temperature: float
    max_output: int
    cache: bool
    cache_path: Path | None = None


def config_path() -> Path:
    """Where the config file is looked for."""
    env = os.environ.get("SESSIONLENS_CONFIG")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sessionlens" / "config.toml"


def cache_dir() -> Path:
    """Default folder of the caches: `$SESSIONLENS_CACHE_DIR`, else the XDG cache folder."""
    env = os.environ.get("SESSIONLENS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sessionlens"


def _read_config() -> dict[str, Any]:
    path = config_path()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LLMConfigError(f"{path}: cannot read the config file ({exc})") from exc
    table = data.get("llm", {})
    return table if isinstance(table, dict) else {}


def _coerce(name: str, value: Any) -> Any:
    default = SETTINGS[name][0]
    if value is None:
        return None
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            return str(value).lower() in {"1", "true", "yes", "on"}
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except (TypeError, ValueError) as exc:
        raise LLMConfigError(f"LLM setting {name!r}: {value!r} is not a number") from exc
    return str(value)


def resolve_settings(options: LLMOptions | None = None) -> LLMSettings:
    """Settings from options, environment, config file and defaults (in that order)."""
    options = options or LLMOptions()
    explicit = options.model_dump(include=set(SETTINGS))
    explicit["cache"] = options.use_cache
    config = _read_config()
    values: dict[str, Any] = {}
    for name, (default, _help) in SETTINGS.items():
        candidates = [
            explicit.get(name),
            os.environ.get(f"SESSIONLENS_LLM_{name.upper()}"),
            os.environ.get(ENV_ALIASES[name]) if name in ENV_ALIASES else None,
            config.get(name),
        ]
        value = next((c for c in candidates if c is not None and c != ""), default)
        values[name] = _coerce(name, value)
    if values["response_format"] not in ("auto", *RESPONSE_FORMATS):
        raise LLMConfigError(
            f"LLM setting response_format: {values['response_format']!r} is not one of "
            f"auto, {', '.join(RESPONSE_FORMATS)}"
        )
    if values["context"] < 1024:
        raise LLMConfigError(f"--llm-context {values['context']} is too small (at least 1024)")
    values["concurrency"] = max(1, values["concurrency"])
    values["retries"] = max(1, values["retries"])
    folder = Path(options.cache_dir) if options.cache_dir else cache_dir()
    values["cache_path"] = folder / "llm-cache.sqlite"
    known = {f.name for f in fields(LLMSettings)}
    return LLMSettings(**{k: v for k, v in values.items() if k in known})
