"""Upload limits: the body is counted while it streams in, so an oversize upload gets 413
before anything is parsed to the end or stored."""

from __future__ import annotations

from typing import Any

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
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started |= message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await _too_large(send)


async def _too_large(send: Send) -> None:
    body = b'{"detail":"upload too large"}'
    headers: list[Any] = [(b"content-type", b"application/json"),
                          (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
