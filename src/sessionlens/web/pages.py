"""Server-rendered pages (Jinja2, autoescaped, no JavaScript): sessions, reports, search,
speakers, topics, events, upload with a progress page."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..engines import ENGINES
from ..errors import InputError
from ..renderers import render
from ..store import DEFAULT_EVENT, MARK_END, MARK_START
from .security import COOKIE, safe_next
from .state import state
from .uploads import clean_event, read_upload

ID = Annotated[int, Path(ge=1, le=2**62)]
JOB_ID = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
TEXT = Annotated[str | None, Query(max_length=200)]
PAGE = 50
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"')

env = Environment(loader=PackageLoader("sessionlens.web", "templates"),
                  autoescape=select_autoescape(default=True, default_for_string=True))


def marks(snippet: str) -> Markup:
    """A search snippet: text escaped, matches in <mark>."""
    return Markup(str(escape(snippet)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def duration(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):  # rows stored before the store checked
        return "–"
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def search_url(q: str, filters: dict[str, str], **extra: Any) -> str:
    """Link to a search page with the current query and filters, plus `extra`."""
    return "/search?" + urlencode({**filters, "q": q, **extra})


env.filters["marks"] = marks
env.globals["search_url"] = search_url
env.filters["duration"] = duration


def readable(request: Request) -> None:
    state(request).guard.require_read(request)


router = APIRouter(include_in_schema=False)
pages = APIRouter(include_in_schema=False, dependencies=[Depends(readable)])


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    st = state(request)
    html = env.get_template(template).render(
        request_path=request.url.path, logged_in=st.guard.logged_in(request),
        csrf=st.guard.csrf() if st.guard.logged_in(request) else "", **values)
    return HTMLResponse(html, status_code=status)


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


@pages.get("/")
def home(request: Request) -> HTMLResponse:
    store = state(request).store
    return page(request, "home.html", events=store.events(), sessions=store.sessions(limit=10),
                total=store.count_sessions())


@pages.get("/sessions")
def sessions(request: Request, event: TEXT = None,
             p: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    store = state(request).store
    total = store.count_sessions(event)
    return page(request, "sessions.html", sessions=store.sessions(event, PAGE, (p - 1) * PAGE),
                total=total, event=event, p=p, pages=max(1, -(-total // PAGE)))


@pages.get("/sessions/{session_id}")
def session(request: Request, session_id: ID) -> HTMLResponse:
    detail = _found(state(request).store.session(session_id), "session")
    return page(request, "session.html", s=detail)


@pages.get("/sessions/{session_id}/report")
def report(request: Request, session_id: ID) -> Response:
    rep = _found(state(request).store.get_report(session_id), "session")
    try:
        html = render(rep, "html")
    except InputError:  # no HTML renderer installed: a plain page of our own
        return page(request, "report.html", r=rep, session_id=session_id)
    # the renderer's own page pins its inline style and script by hash in a CSP meta tag:
    # send the same policy as a header (plus no framing); a generic strict one otherwise
    text = html if isinstance(html, str) else html.decode()
    meta = _META_CSP.search(text)
    policy = (meta.group(1) if meta else "default-src 'none'; img-src data:; "
              "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
    return HTMLResponse(text, headers={
        "Content-Security-Policy": f"{policy}; frame-ancestors 'none'"})


@pages.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "", speaker: TEXT = None,
           topic: TEXT = None, event: TEXT = None, date: TEXT = None,
           p: Annotated[int, Query(ge=1, le=1000)] = 1) -> HTMLResponse:
    filters = {k: v for k, v in (("speaker", speaker), ("topic", topic), ("event", event),
                                 ("date", date)) if v}
    results = None
    if q.strip():
        results = state(request).store.search(q, limit=20, offset=(p - 1) * 20, **filters)
    return page(request, "search.html", q=q, filters=filters, results=results, p=p)


@pages.get("/speakers")
def speakers(request: Request, p: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    return page(request, "speakers.html",
                speakers=state(request).store.speakers(100, (p - 1) * 100), p=p)


@pages.get("/speakers/{person_id}")
def speaker(request: Request, person_id: ID) -> HTMLResponse:
    return page(request, "speaker.html",
                sp=_found(state(request).store.speaker(person_id), "speaker"))


@pages.get("/topics")
def topics(request: Request) -> HTMLResponse:
    return page(request, "topics.html", topics=state(request).store.topics(limit=200))


@pages.get("/topics/{name:path}")
def topic(request: Request, name: Annotated[str, Path(min_length=1, max_length=200)]
          ) -> HTMLResponse:
    return page(request, "topic.html", t=_found(state(request).store.topic(name), "topic"))


@pages.get("/events/{event_id}")
def event(request: Request, event_id: ID) -> HTMLResponse:
    return page(request, "event.html", e=_found(state(request).store.event(event_id), "event"))


@pages.get("/upload")
def upload_form(request: Request) -> HTMLResponse:
    st = state(request)
    return page(request, "upload.html", engines=list(ENGINES), engine=st.engine,
                max_mb=st.max_upload / 1_048_576, events=st.store.events())


@pages.post("/upload")
async def upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    event: Annotated[str, Form(max_length=200)] = "",
    engine: Annotated[str, Form(max_length=20)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
    token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    st = state(request)
    st.guard.require_form_write(request, csrf, token)
    engine = engine or st.engine
    if engine not in ENGINES:
        raise HTTPException(422, "unknown engine")
    name, data = await read_upload(file, st.max_upload)
    job = st.runner.submit(name, clean_event(event, DEFAULT_EVENT), engine, data)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@pages.get("/jobs/{job_id}")
def job(request: Request, job_id: JOB_ID) -> HTMLResponse:
    return page(request, "job.html", job=_found(state(request).store.job(job_id), "job"))


@pages.post("/jobs/{job_id}/retry")
def retry(request: Request, job_id: JOB_ID, csrf: Annotated[str, Form(max_length=100)] = "",
          token: Annotated[str, Form(max_length=200)] = "") -> Response:
    st = state(request)
    st.guard.require_form_write(request, csrf, token)
    _found(st.runner.retry(job_id), "job")
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@pages.post("/sessions/{session_id}/delete")
def delete(request: Request, session_id: ID, csrf: Annotated[str, Form(max_length=100)] = "",
           token: Annotated[str, Form(max_length=200)] = "") -> Response:
    st = state(request)
    st.guard.require_form_write(request, csrf, token)
    _found(st.store.delete_session(session_id) or None, "session")
    return RedirectResponse("/sessions", status_code=303)


@router.get("/login")
def login_form(request: Request, next: Annotated[str, Query(max_length=500)] = "/",
               failed: bool = False) -> HTMLResponse:
    return page(request, "login.html", next=safe_next(next), failed=failed,
                status=401 if failed else 200)


@router.post("/login")
def login(request: Request, token: Annotated[str, Form(max_length=200)] = "",
          next: Annotated[str, Form(max_length=500)] = "/") -> Response:
    guard = state(request).guard
    target = safe_next(next)
    if guard.valid_token(token):
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, guard.cookie_value(), httponly=True, samesite="strict")
        return response
    if guard.read_token and token == guard.read_token:
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE + "_read", guard.read_cookie_value(), httponly=True,
                            samesite="strict")
        return response
    return page(request, "login.html", next=target, failed=True, status=401)


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    response.delete_cookie(COOKIE + "_read")
    return response
