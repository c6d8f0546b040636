"""A scripted OpenAI-compatible chat server on loopback, for the LLM engine's tests.

Real HTTP (`http.server`), so the engine's real `openai` client, retries and timeouts are
exercised. Its "model" is deterministic: each answer is built from the prompt it receives
(sentences of the transcript chunk, lines of the digest), so a good answer is grounded in
the transcript and a test can tell what verification must keep. Faults are queued with
`fail(kind, stage=..., times=...)`:

    500          HTTP 500
    429          HTTP 429 with `Retry-After: <retry_after>`
    invalid_json an answer that is not JSON
    wrong_shape  valid JSON of the wrong shape
    truncate     half an answer with finish_reason "length"
    slow         the good answer after `delay` seconds
    drop         the connection closed without an answer
    invent       a good answer plus an invented speaker, quote and figure (arguments step)
    invent_org   a good answer whose first explanation credits an invented organisation
    no_sides     a good stances answer whose positions all say side 1

`flavour` imitates a server family: "openai" takes `json_schema`; "llama" answers 500 to
`json_schema` like llama.cpp's server and takes `json_object` + `schema`; "plain" takes only
`{"type": "json_object"}`; "reasoning" answers 400 to `max_tokens` and to `temperature`, like
OpenAI's reasoning models. Every request is recorded with its prompt tokens
(`count_tokens`: words and punctuation marks) and time.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .scripted_answers import (
    INVENTED_FIGURE,
    INVENTED_ORG,
    INVENTED_QUOTE,
    INVENTED_SPEAKER,
    answer_for,
    credit_invented_org,
)

__all__ = [
    "INVENTED_FIGURE",
    "INVENTED_ORG",
    "INVENTED_QUOTE",
    "INVENTED_SPEAKER",
    "ScriptedServer",
    "count_tokens",
    "free_port",
]

STEPS = {
    "arguments": "arguments",
    "discussion points": "discussion_points",
    "agreements and differences": "stances",
    "takeaways": "takeaways",
    "thought-provoking comments": "comments",
    "follow-up questions": "questions",
    "session at a glance": "glance",
    "full session report": "narrative",
    "answer the question": "ask",
}
_TOKEN = re.compile(r"\w+|[^\w\s]")


def count_tokens(text: str) -> int:
    """The server's token count: words and punctuation marks."""
    return len(_TOKEN.findall(text))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Fault:
    kind: str
    stage: str | None = None
    times: int = 1
    retry_after: float = 1.0
    delay: float = 3.0


@dataclass
class Request:
    stage: str
    messages: list[dict[str, str]]
    response_format: dict[str, Any] | None
    max_tokens: int | None
    prompt_tokens: int
    time: float
    answered: str = ""


@dataclass
class ScriptedServer:
    flavour: str = "openai"
    port: int = 0
    model: str = "scripted-model"
    faults: list[Fault] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    obey_injection: bool = False

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------ control

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> ScriptedServer:
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail(self, kind: str, stage: str | None = None, times: int = 1, **kw: Any) -> None:
        """Queue a fault for the next `times` requests of `stage` (any stage if None)."""
        self.faults.append(Fault(kind, stage, times, **kw))

    def chat_calls(self, stage: str | None = None) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if stage is None or r.stage == stage]

    def prompt_tokens(self) -> int:
        return sum(r.prompt_tokens for r in self.chat_calls())

    # ------------------------------------------------------------------ answering

    def _take_fault(self, stage: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.stage in (None, stage):
                    fault.times -= 1
                    return fault
        return None

    def handle_chat(self, body: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        messages = body.get("messages", [])
        prompt = "\n".join(m.get("content") or "" for m in messages)
        user = next((m["content"] for m in messages if m["role"] == "user"), "")
        step = re.search(r"Step: ([^.]+)\.", user)
        stage = STEPS.get(step.group(1), "unknown") if step else "unknown"
        fmt = body.get("response_format")
        record = Request(
            stage,
            messages,
            fmt,
            body.get("max_tokens") or body.get("max_completion_tokens"),
            count_tokens(prompt),
            time.monotonic(),
        )
        with self._lock:
            self.requests.append(record)
        refused = self._refuses(fmt) or self._refuses_parameters(body)
        if refused:
            record.answered = "refused format"
            return refused
        fault = self._take_fault(stage)
        kind = fault.kind if fault else "good"
        record.answered = kind
        if kind == "500":
            return 500, {}, {"error": {"message": "scripted failure", "type": "server_error"}}
        if kind == "429":
            return (
                429,
                {"Retry-After": f"{fault.retry_after:g}"},
                {"error": {"message": "rate limited", "type": "rate_limit"}},
            )
        if kind == "drop":
            return -1, {}, None
        if kind == "slow":
            time.sleep(fault.delay)
        repair = len([m for m in messages if m["role"] == "assistant"]) > 0
        answer = answer_for(
            stage,
            user if not repair else messages[1]["content"],
            invent=kind == "invent",
            obey=self.obey_injection and "ignore previous instructions" in prompt.lower(),
        )
        text = json.dumps(answer, ensure_ascii=False)
        finish = "stop"
        if kind == "invent_org":
            text = json.dumps(credit_invented_org(answer), ensure_ascii=False)
        if kind == "no_sides":
            for item in answer.get("different_viewpoints", []):
                for position in item["positions"]:
                    position["side"] = 1
            text = json.dumps(answer, ensure_ascii=False)
        if kind == "invalid_json":
            text = "Sure! Here is the JSON: {'arguments': [speaker: oops"
        elif kind == "wrong_shape":
            text = json.dumps({"pwned": True})
        elif kind == "truncate":
            text, finish = text[: len(text) // 2], "length"
        return (
            200,
            {},
            {
                "id": "chatcmpl-scripted",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": self.model,
                "choices": [{"index": 0, "finish_reason": finish, "message": {"role": "assistant", "content": text}}],
                "usage": {
                    "prompt_tokens": record.prompt_tokens,
                    "completion_tokens": count_tokens(text),
                    "total_tokens": record.prompt_tokens + count_tokens(text),
                },
            },
        )

    def _refuses_parameters(self, body: dict[str, Any]) -> tuple[int, dict[str, str], Any] | None:
        if self.flavour != "reasoning":  # like OpenAI's o-series models
            return None
        if "max_tokens" in body:
            return (
                400,
                {},
                {
                    "error": {
                        "message": "Unsupported parameter: 'max_tokens' is not "
                        "supported with this model. Use "
                        "'max_completion_tokens' instead."
                    }
                },
            )
        if "temperature" in body:
            return (
                400,
                {},
                {"error": {"message": "Unsupported value: 'temperature' does not support 0 with this model."}},
            )
        return None

    def _refuses(self, fmt: dict[str, Any] | None) -> tuple[int, dict[str, str], Any] | None:
        if not fmt:
            return None
        if self.flavour == "llama" and fmt.get("type") == "json_schema":
            return (
                500,
                {},
                {
                    "error": {
                        "message": "1 validation error: response_format.type Input should be 'text' or 'json_object'"
                    }
                },
            )
        if self.flavour == "plain" and (fmt.get("type") != "json_object" or "schema" in fmt):
            return 400, {}, {"error": {"message": "response_format with a schema is not supported"}}
        return None


# --------------------------------------------------------------------------- the "model"


def _make_handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def _send(self, status: int, headers: dict[str, str], payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                self._send(
                    200, {}, {"object": "list", "data": [{"id": server.model, "object": "model", "owned_by": "tests"}]}
                )
            else:
                self._send(404, {}, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, {}, {"error": {"message": "not found"}})
                return
            status, headers, payload = server.handle_chat(body)
            if status == -1:  # drop: close without a word
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._send(status, headers, payload)

    return Handler
