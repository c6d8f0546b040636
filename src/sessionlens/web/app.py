"""`create_app`: the FastAPI app over a corpus store (pages + JSON API)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import open_store
from ..store.ingest import default_engine
from . import api, pages
from . import ask as ask_routes
from .jobs import JobRunner
from .limits import BodyLimit
from .security import Guard
from .state import AppState

DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
_PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
             "base-uri 'none'; frame-ancestors 'none'")
_CSS = files("sessionlens.web").joinpath("static/style.css").read_bytes()


def create_app(db: str, token: str | None = None, read_token: str | None = None,
               max_upload: int = DEFAULT_MAX_UPLOAD, engine: str | None = None,
               workers: int = 2) -> FastAPI:
    """The web app over the corpus at `db`. Writes need `token`; reads need `read_token`
    when one is given. Jobs left running by a previous process are marked interrupted."""
    store = open_store(db)
    st = AppState(store=store, guard=Guard(token, read_token),
                  runner=JobRunner(store, workers), max_upload=max_upload,
                  engine=engine or default_engine())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        st.runner.shutdown()
        store.close()

    # no /docs or /redoc: they load scripts from a CDN, and the app works offline
    app = FastAPI(title="SessionLens corpus", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Sessions, reports, full-text search, speakers, topics and events "
                              "of a SessionLens corpus. Writes need the server token as "
                              "`Authorization: Bearer …`.")
    app.state.sessionlens = st
    store.interrupt_stale_jobs()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(pages.pages)
    app.include_router(ask_routes.api)
    app.include_router(ask_routes.pages)
    app.add_middleware(BodyLimit, max_bytes=max_upload)

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _PAGE_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/static/style.css", include_in_schema=False)
    def css() -> Response:
        return Response(_CSS, media_type="text/css",
                        headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)  # no icon, and no 404 in every browser console

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or exc.status_code == 413:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return pages.page(request, "error.html", status=exc.status_code,
                          code=exc.status_code, detail=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": _plain(exc.errors())}, status_code=422)
        return pages.page(request, "error.html", status=422, code=422,
                          detail="; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                           for e in exc.errors()))

    return app


def _plain(errors: object) -> object:
    """Validation errors without the offending input echoed back (it may be huge/binary)."""
    if isinstance(errors, list | tuple):
        return [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]
    return errors
