"""ASGI gates in front of the app, checked before a request's body is read:

- `HostAllowList`: only the Host names this server answers to (loopback by default), so a
  page on another site cannot reach a loopback server through DNS rebinding.
- `WriteGate`: an API write without a valid bearer token is refused with 401 before its body
  is read; a form write without the login cookie may send only a small body (the login form,
  or a small upload with the token typed into the form), so anonymous clients cannot make the
  server read and spool large uploads.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from .limits import answer, run_capped
from .security import Guard

#: names a server on loopback answers to when no --allowed-host is given
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
#: body a form write may send without the login cookie (login form, small uploads)
ANONYMOUS_FORM_BYTES = 64 * 1024
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
#: POST endpoints that only read (a question is a body, not a write): the route checks read access
READ_POSTS = ("/api/ask",)


def host_name(header: str) -> str:
    """The name of a Host header without its port: `[::1]:8000` -> `::1`, `a.b:80` -> `a.b`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostAllowList:
    """400 for a request whose Host header is not one of `hosts` (`*` allows any)."""

    def __init__(self, app: ASGIApp, hosts: list[str]) -> None:
        self.app = app
        self.hosts = {host_name(h) for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and "*" not in self.hosts:
            header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(header) not in self.hosts:
                await answer(send, 400, "unknown host (start the server with --allowed-host NAME)")
                return
        await self.app(scope, receive, send)


class _Unauthorised(HTTPException):
    """Raised while the body streams in; an HTTPException so that body parsers pass it on."""

    def __init__(self) -> None:
        super().__init__(401, f"log in first to upload a file larger than {ANONYMOUS_FORM_BYTES // 1024} KiB")


class WriteGate:
    """Authentication of writes before their body is read (see the module docstring)."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS or scope["path"] in READ_POSTS:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        authorised = self.guard.valid_token(self.guard.bearer(request))
        if scope["path"].startswith("/api/"):
            if not authorised:
                await answer(
                    send, 401, "a valid token is needed (Authorization: Bearer …)", [(b"www-authenticate", b"Bearer")]
                )
                return
            await self.app(scope, receive, send)
            return
        if authorised or self.guard.logged_in(request):
            await self.app(scope, receive, send)
            return
        await run_capped(
            self.app, scope, receive, send, ANONYMOUS_FORM_BYTES, _Unauthorised,
            lambda exc: answer(send, 401, str(exc.detail)),
        )
