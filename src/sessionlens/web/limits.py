"""Upload limits: the body is counted while it streams in, so an oversize upload gets 413
before anything is parsed to the end or stored."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: file name suffixes a transcript upload may have (text formats the readers know)
ALLOWED_SUFFIXES = (".txt", ".text", ".md", ".vtt", ".srt", ".json")
#: multipart overhead allowed on top of the file itself (boundaries, other fields)
FORM_OVERHEAD = 64 * 1024


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; an HTTPException so that body parsers pass it on."""

    def __init__(self) -> None:
        super().__init__(413, "upload too large")


class BodyLimit:
    """ASGI middleware: 413 for POST bodies over `max_bytes` (+ form overhead)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.limit = max_bytes + FORM_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await _too_large(send)
            return
        await run_capped(self.app, scope, receive, send, self.limit, BodyTooLarge, lambda _: _too_large(send))


async def run_capped(
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    limit: int,
    error: type[HTTPException],
    refuse: Callable[[HTTPException], Awaitable[None]],
) -> None:
    """Run `app` with the request body counted as it streams in: past `limit` bytes `error()` is
    raised inside the app, and `refuse` answers unless the app has already started a response."""
    seen = 0
    started = False

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise error()
        return message

    async def tracked(message: Message) -> None:
        nonlocal started
        started |= message["type"] == "http.response.start"
        await send(message)

    try:
        await app(scope, counted, tracked)
    except error as exc:
        if not started:
            await refuse(exc)


async def answer(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """A JSON `{"detail": …}` response sent straight from a middleware."""
    body = json.dumps({"detail": detail}).encode()
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


def _too_large(send: Send) -> Awaitable[None]:
    return answer(send, 413, "upload too large")
