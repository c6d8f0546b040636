"""One structured call to an OpenAI-compatible chat endpoint: cached, retried, validated.

`LLMClient.complete(stage, system, user, output, schema, max_tokens)` returns a validated
instance of `output` or raises `LLMCallFailed` after the last attempt (or `LLMConfigError`
when retrying cannot help). What it does, in order:

1. Cache lookup by model + messages + parameters (`llm_cache`): a hit makes no HTTP call.
2. The request, with the response format the server supports: `json_schema` (OpenAI, vLLM,
   Ollama, LM Studio), else `json_object` + `schema` (llama.cpp's server answers 500 to
   `json_schema`), else plain JSON mode, else the schema in the prompt only. A server's
   refusal of a format moves the whole run down that list once.
3. Retries with backoff (tenacity) on timeouts, refused connections, HTTP 429 (waiting what
   `Retry-After` says), 5xx, answers cut at `max_tokens` (the next attempt may use twice as
   many) and malformed JSON.
4. Validation against `output`; on failure one re-ask that shows the model its answer and
   the validation error (the repair prompt), before the attempt counts as failed.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import openai
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from ...models import StageUsage
from .cache import AnswerCache, cache_key
from .chunks import estimate_tokens
from .errors import LLMCallFailed, LLMConfigError, LLMUnavailable
from .prompts import render
from .schemas import clamp
from .settings import RESPONSE_FORMATS, LLMSettings

log = logging.getLogger("sessionlens.llm")
T = TypeVar("T", bound=BaseModel)
MAX_WAIT = 60.0  # never sleep longer than this for one Retry-After


class _Retryable(Exception):
    """A failure another attempt may cure."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class _Truncated(_Retryable):
    pass


@dataclass
class _Answer:
    text: str
    finish_reason: str | None
    prompt_tokens: int
    completion_tokens: int


def parse_json(text: str) -> Any:
    """The JSON object in an answer, tolerating code fences and chatter around it."""
    text = text.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fenced:
        text = fenced.group(1).strip()
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end < start:
        raise ValueError("the answer holds no JSON object")
    return json.loads(text[start : end + 1])


def _retry_after(exc: openai.APIStatusError) -> float | None:
    headers = exc.response.headers if exc.response is not None else {}
    if "retry-after-ms" in headers:
        try:
            return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


class LLMClient:
    """Calls of one engine run; thread-safe; counts tokens per stage."""

    def __init__(self, settings: LLMSettings) -> None:
        if not settings.url:
            raise LLMConfigError(
                "no LLM endpoint: give --llm-url (e.g. http://127.0.0.1:8080/v1) or set "
                "SESSIONLENS_LLM_URL"
            )
        self.settings = settings
        self._client = openai.OpenAI(
            base_url=settings.url, api_key=settings.key or "not-needed",
            timeout=settings.timeout, max_retries=0,  # tenacity retries, not the client
        )
        self.model = settings.model or self._first_model()
        # OpenAI's reasoning models take `max_completion_tokens` and no temperature; the
        # first refusal switches the run over (see _refuses_parameter)
        self._length_param = "max_tokens"
        self._send_temperature = True
        self._formats = (
            list(RESPONSE_FORMATS) if settings.response_format == "auto"
            else [settings.response_format]
        )
        self._lock = threading.Lock()
        self._gate = threading.BoundedSemaphore(settings.concurrency)
        self._usage: dict[str, StageUsage] = {}
        self.successes = 0
        self.last_error: str | None = None
        self.cache = (AnswerCache(settings.cache_path)
                      if settings.cache and settings.cache_path else None)

    # ------------------------------------------------------------------ public

    @property
    def response_format(self) -> str:
        return self._formats[0]

    def usage(self) -> list[StageUsage]:
        """Tokens in and out per stage, in the order the stages first ran."""
        with self._lock:
            return [u.model_copy() for u in self._usage.values()]

    def complete(self, stage: str, *, system: str, user: str, output: type[T],
                 schema: dict[str, Any], max_tokens: int) -> T:
        """A validated answer of type `output` to one prompt (see the module docstring)."""
        # The key is the request as the engine means it, before it is adapted to the server
        # (response format, schema in the prompt): a re-run that starts again from
        # json_schema must find the answers the first run got after moving down.
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        params = {"max_tokens": max_tokens, "temperature": self.settings.temperature,
                  "schema": schema}
        key = cache_key(self.model, messages, params)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                try:
                    value = output.model_validate(clamp(hit.answer, schema))
                except ValidationError:
                    value = None
                if value is not None:
                    self._count(stage, cached=True)
                    with self._lock:
                        self.successes += 1
                    return value
        state = {"max_tokens": max_tokens, "prompt": 0, "completion": 0}  # this call's
        try:
            for attempt in Retrying(
                stop=stop_after_attempt(self.settings.retries),
                wait=self._wait,
                retry=retry_if_exception_type(_Retryable),
                before_sleep=lambda rs: log.warning(
                    "%s: attempt %d failed (%s); retrying", stage, rs.attempt_number,
                    rs.outcome.exception() if rs.outcome else "?"),
                reraise=True,
            ):
                with attempt:
                    value, raw = self._attempt(stage, system, user, output, schema, state)
        except _Retryable as exc:
            with self._lock:
                self.last_error = str(exc)
            raise LLMCallFailed(stage, f"{exc} (after {self.settings.retries} attempts)") from exc
        with self._lock:
            self.successes += 1
        if self.cache is not None:
            self.cache.put(key, model=self.model, stage=stage, answer=raw,
                           prompt_tokens=state["prompt"], completion_tokens=state["completion"])
        return value

    # ------------------------------------------------------------------ internals

    def _messages(self, system: str, user: str, schema: dict[str, Any],
                  mode: str) -> list[dict[str, str]]:
        if mode in ("json_object", "prompt"):
            # The server does not enforce the schema: show it to the model instead.
            hint = render("schema_hint.j2", schema=json.dumps(schema, ensure_ascii=False))
            user = f"{user}\n\n{hint}"
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def _attempt(self, stage: str, system: str, user: str, output: type[T],
                 schema: dict[str, Any], state: dict[str, int]) -> tuple[T, dict[str, Any]]:
        answer = self._send(stage, system, user, [], schema, output.__name__, state)
        try:
            return self._validate(answer.text, output, schema)
        except (ValueError, ValidationError) as exc:
            problem = _short_error(exc)
        log.info("%s: invalid answer (%s); asking once for a repair", stage, problem)
        repair = [{"role": "assistant", "content": answer.text[:4000]},
                  {"role": "user", "content": render("repair.j2", error=problem)}]
        answer = self._send(stage, system, user, repair, schema, output.__name__, state)
        try:
            return self._validate(answer.text, output, schema)
        except (ValueError, ValidationError) as exc:
            raise _Retryable(f"malformed answer: {_short_error(exc)}") from exc

    @staticmethod
    def _validate(text: str, output: type[T], schema: dict[str, Any]) -> tuple[T, dict[str, Any]]:
        data = parse_json(text)
        if not isinstance(data, dict):
            raise ValueError("the answer is not a JSON object")
        data = clamp(data, schema)
        return output.model_validate(data), data

    def _send(self, stage: str, system: str, user: str, extra: list[dict[str, str]],
              schema: dict[str, Any], name: str, state: dict[str, int]) -> _Answer:
        """One HTTP call; walks down the response formats when the server refuses one."""
        while True:
            mode = self.response_format
            messages = [*self._messages(system, user, schema, mode), *extra]
            kwargs: dict[str, Any] = {
                "model": self.model, "messages": messages, self._length_param: state["max_tokens"],
            }
            if self._send_temperature:
                kwargs["temperature"] = self.settings.temperature
            if mode == "json_schema":
                kwargs["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": name, "schema": schema, "strict": False},
                }
            elif mode == "json_object_schema":
                kwargs["response_format"] = {"type": "json_object", "schema": schema}
            elif mode == "json_object":
                kwargs["response_format"] = {"type": "json_object"}
            try:
                with self._gate:
                    response = self._client.chat.completions.create(**kwargs)
            except openai.APITimeoutError as exc:
                raise _Retryable(f"no answer within {self.settings.timeout:g} s") from exc
            except openai.APIConnectionError as exc:
                raise _Retryable(f"cannot connect to {self.settings.url} ({exc})") from exc
            except openai.RateLimitError as exc:
                raise _Retryable("HTTP 429 (rate limited)", _retry_after(exc)) from exc
            except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
                raise LLMConfigError(
                    f"{self.settings.url} refused the API key (HTTP {exc.status_code}): set "
                    "SESSIONLENS_LLM_KEY or OPENAI_API_KEY"
                ) from exc
            except openai.NotFoundError as exc:
                raise LLMConfigError(
                    f"{self.settings.url}: model {self.model!r} or the chat endpoint was not found "
                    "(HTTP 404): check --llm-url and --llm-model"
                ) from exc
            except openai.APIStatusError as exc:
                if self._refuses_format(exc, mode) or self._refuses_parameter(exc):
                    continue
                if exc.status_code >= 500 or exc.status_code in (408, 409):
                    raise _Retryable(f"HTTP {exc.status_code}", _retry_after(exc)) from exc
                raise LLMCallFailed(stage, f"HTTP {exc.status_code}: {_body(exc)}") from exc
            except openai.APIError as exc:  # e.g. a body that is not a chat completion
                raise _Retryable(f"unusable response ({exc})") from exc
            break
        choice = response.choices[0] if response.choices else None
        text = (choice.message.content or "") if choice is not None else ""
        usage = response.usage
        answer = _Answer(
            text=text,
            finish_reason=choice.finish_reason if choice is not None else None,
            prompt_tokens=usage.prompt_tokens if usage else sum(
                estimate_tokens(m["content"]) for m in messages),
            completion_tokens=usage.completion_tokens if usage else estimate_tokens(text),
        )
        self._count(stage, prompt=answer.prompt_tokens, completion=answer.completion_tokens)
        state["prompt"] += answer.prompt_tokens
        state["completion"] += answer.completion_tokens
        if answer.finish_reason == "length":
            # Cut off: the next attempt may use twice the room, within the context window.
            room = self.settings.context - answer.prompt_tokens - 16
            state["max_tokens"] = max(state["max_tokens"], min(state["max_tokens"] * 2, room,
                                                               self.settings.max_output))
            raise _Truncated(
                f"answer cut at {answer.completion_tokens} tokens (finish_reason=length)")
        return answer

    def _refuses_format(self, exc: openai.APIStatusError, mode: str) -> bool:
        """True (and the run moves to the next format) when the error is about `mode`."""
        if exc.status_code not in (400, 422, 500) or mode == "prompt":
            return False
        body = _body(exc).lower()
        if not any(word in body for word in ("response_format", "json_schema", "json_object")):
            return False
        with self._lock:
            if len(self._formats) > 1 and self._formats[0] == mode:
                log.warning("server refused response_format %s; using %s", mode, self._formats[1])
                self._formats.pop(0)
            return self._formats[0] != mode

    def _refuses_parameter(self, exc: openai.APIStatusError) -> bool:
        """True (and the run adapts) when a 400 names max_tokens or temperature."""
        if exc.status_code != 400:
            return False
        body = _body(exc)
        with self._lock:
            if "max_completion_tokens" in body and self._length_param == "max_tokens":
                self._length_param = "max_completion_tokens"
                return True
            if "temperature" in body and self._send_temperature:
                self._send_temperature = False
                return True
        return False

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(MAX_WAIT, exc.retry_after)
        return min(30.0, self.settings.backoff * 2 ** (state.attempt_number - 1))

    def _count(self, stage: str, *, prompt: int = 0, completion: int = 0,
               cached: bool = False) -> None:
        with self._lock:
            u = self._usage.setdefault(stage, StageUsage(stage=stage))
            u.prompt_tokens += prompt
            u.completion_tokens += completion
            if cached:
                u.cached += 1
            else:
                u.calls += 1 if prompt or completion else 0

    def _first_model(self) -> str:
        try:
            models = self._client.models.list()
        except openai.APIConnectionError as exc:
            raise LLMUnavailable(f"cannot connect to {self.settings.url}: give a reachable "
                                 "--llm-url") from exc
        except openai.APIError as exc:
            raise LLMConfigError(
                f"{self.settings.url}: cannot list models ({exc}); give --llm-model") from exc
        ids = [m.id for m in models.data]
        if not ids:
            raise LLMConfigError(f"{self.settings.url} serves no model; give --llm-model")
        return ids[0]


def _body(exc: openai.APIStatusError) -> str:
    try:
        return exc.response.text[:300]
    except Exception:  # a body that cannot be read says nothing more
        return str(exc)[:300]


def _short_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]]
        return "; ".join(parts)
    return str(exc)[:300]
