"""`create_app`: the FastAPI app over a corpus store (pages + JSON API)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import SessionLensError, UserError, as_package_error, one_line
from ..store import open_store
from ..store.ingest import default_engine
from . import api, apidocs, curate, downloads, pages
from . import ask as ask_routes
from .gates import LOOPBACK_HOSTS, HostAllowList, WriteGate
from .jobs import DEFAULT_JOB_SECONDS, JobRunner
from .limits import BodyLimit
from .security import Guard
from .state import AppState

log = logging.getLogger("sessionlens.web")

DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
_PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
             "base-uri 'none'; frame-ancestors 'none'")
#: the app's static files, read once: name -> (bytes, media type)
_STATIC = {name: (files("sessionlens.web").joinpath(f"static/{name}").read_bytes(), media)
           for name, media in (("style.css", "text/css"), ("frame.css", "text/css"),
                               ("report-app.js", "text/javascript"))}


def create_app(db: str, token: str | None = None, read_token: str | None = None,
               max_upload: int = DEFAULT_MAX_UPLOAD, engine: str | None = None,
               workers: int = 2, allowed_hosts: list[str] | None = None,
               job_seconds: float = DEFAULT_JOB_SECONDS) -> FastAPI:
    """The web app over the corpus at `db`. Writes need `token`; reads need `read_token`
    when one is given (the OpenAPI schema too). Requests must name one of `allowed_hosts`
    (default: loopback names). Jobs left running by a previous process are marked
    interrupted; a job running past `job_seconds` is marked failed."""
    store = open_store(db)
    guard = Guard(token, read_token)
    st = AppState(store=store, guard=guard,
                  runner=JobRunner(store, workers, job_seconds), max_upload=max_upload,
                  engine=engine or default_engine())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        st.runner.shutdown()
        store.close()

    # no Swagger /docs or /redoc: they load scripts from a CDN; apidocs serves /docs offline
    app = FastAPI(title="SessionLens corpus", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None if read_token else "/openapi.json",
                  description="Sessions, reports, full-text search, speakers, topics and events "
                              "of a SessionLens corpus. Writes need the server token as "
                              "`Authorization: Bearer …`.")
    app.state.sessionlens = st
    st.runner.queue.interrupt_stale()
    app.include_router(api.router)
    app.include_router(curate.api)
    app.include_router(pages.router)
    app.include_router(pages.pages)
    app.include_router(curate.forms)
    app.include_router(downloads.router)
    app.include_router(apidocs.router)
    app.include_router(ask_routes.api)
    app.include_router(ask_routes.pages)
    app.add_middleware(BodyLimit, max_bytes=max_upload)
    app.add_middleware(WriteGate, guard=guard)  # before BodyLimit reads a byte
    app.add_middleware(HostAllowList, hosts=list(allowed_hosts or LOOPBACK_HOSTS))

    if read_token:
        @app.get("/openapi.json", include_in_schema=False)
        def openapi(request: Request) -> JSONResponse:
            guard.require_read(request)
            return JSONResponse(app.openapi())

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _PAGE_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in _STATIC:
            raise StarletteHTTPException(404, "no such file")
        data, media = _STATIC[name]
        return Response(data, media_type=media, headers={"Cache-Control": "public, max-age=3600"})

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

    @app.exception_handler(SessionLensError)
    async def own_error(request: Request, exc: SessionLensError) -> Response:
        if not isinstance(exc, UserError):
            log.error("request failed: %s", one_line(exc))
        return _error(request, exc.http_status, one_line(exc))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        own = as_package_error(exc)  # a database driver's error is a StoreError
        if own is not None:
            return await own_error(request, own)
        log.exception("internal error on %s", request.url.path)
        return _error(request, 500, "internal error")

    def _error(request: Request, status: int, detail: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=status)
        return pages.page(request, "error.html", status=status, code=status, detail=detail)

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
