"""Who may write: the SESSIONLENS_TOKEN, as a bearer header (API) or a login cookie plus a
CSRF field (HTML forms). Reading is public unless a read token is set.

The cookie holds an HMAC of the token, never the token itself; it is HttpOnly and
SameSite=Strict, and every form also carries a CSRF value derived from the token, so a
page on another site can neither read nor forge a write.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request

COOKIE = "sessionlens_auth"


def _derive(token: str, purpose: str) -> str:
    return hmac.new(token.encode(), purpose.encode(), hashlib.sha256).hexdigest()


def _same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode(), b.encode())


class Guard:
    """Checks tokens for one app. `token` guards writes; `read_token` (optional) reads."""

    def __init__(self, token: str | None = None, read_token: str | None = None) -> None:
        # no configured token: writes are closed to everyone (fail safe)
        self.token = token or None
        self.read_token = read_token or None

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    def cookie_value(self) -> str:
        assert self.token is not None
        return _derive(self.token, "auth-cookie")

    def csrf(self) -> str:
        """The value every write form carries (empty when writes are closed)."""
        return _derive(self.token, "csrf") if self.token else ""

    def valid_token(self, given: str | None) -> bool:
        return self.token is not None and _same(given, self.token)

    def logged_in(self, request: Request) -> bool:
        return self.token is not None and _same(request.cookies.get(COOKIE), self.cookie_value())

    @staticmethod
    def bearer(request: Request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return request.headers.get("x-sessionlens-token")

    def require_api_write(self, request: Request) -> None:
        """API writes: a bearer token (cookies are ignored, so no CSRF is possible)."""
        if not self.valid_token(self.bearer(request)):
            raise HTTPException(401, "a valid token is needed (Authorization: Bearer …)",
                                headers={"WWW-Authenticate": "Bearer"})

    def require_form_write(self, request: Request, csrf: str | None, token: str | None) -> None:
        """Form writes: the token typed into the form, or the login cookie plus CSRF field."""
        if self.valid_token(token):
            return
        if self.logged_in(request) and _same(csrf, self.csrf()):
            return
        raise HTTPException(401, "log in with the server token to change the corpus")

    def require_read(self, request: Request) -> None:
        if self.read_token is None:
            return
        if _same(self.bearer(request), self.read_token) or self.valid_token(self.bearer(request)):
            return
        if self.logged_in(request) or _same(request.cookies.get(COOKIE + "_read"),
                                            _derive(self.read_token, "read-cookie")):
            return
        raise HTTPException(401, "this corpus is private: a token is needed",
                            headers={"WWW-Authenticate": "Bearer"})

    def read_cookie_value(self) -> str:
        assert self.read_token is not None
        return _derive(self.read_token, "read-cookie")


def safe_next(url: str | None) -> str:
    """A redirect target from a form: only a path on this site (no //host, no scheme)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/"
    return url
