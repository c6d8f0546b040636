"""Server-rendered pages (Jinja2, autoescaped, no JavaScript): sessions, reports, search,
speakers, topics, events, upload with a progress page."""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..engines import ENGINES
from ..errors import InputError
from ..renderers import render
from ..store import DEFAULT_EVENT, MARK_END, MARK_START
from ..store.views import SearchHit
from .curate import EDITOR_COOKIE, editor_name
from .downloads import FORMATS
from .grouping import group_hits
from .nav import plural, session_crumbs, session_label
from .report_view import framed_report
from .security import COOKIE, safe_next
from .state import state
from .uploads import clean_event, read_upload

ID = Annotated[int, Path(ge=1, le=2**62)]
JOB_ID = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
TEXT = Annotated[str | None, Query(max_length=200)]
PAGE = 50
HITS = 60  # hits per search page, before folding duplicates of a sentence

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


def hit_url(hit: SearchHit, q: str) -> str:
    """Where a search hit opens: the report, scrolled to the turn, the words marked."""
    anchor = f"#turn-{hit.turn_index}" if hit.turn_index is not None else ""
    return f"/sessions/{hit.session_id}/report?{urlencode({'hl': q})}{anchor}"


env.filters["marks"] = marks
env.globals["search_url"] = search_url
env.globals["hit_url"] = hit_url
env.globals["session_label"] = session_label
env.globals["plural"] = plural
env.filters["duration"] = duration


def readable(request: Request) -> None:
    state(request).guard.require_read(request)


router = APIRouter(include_in_schema=False)
pages = APIRouter(include_in_schema=False, dependencies=[Depends(readable)])


def frame_values(request: Request) -> dict[str, Any]:
    """What the navigation frame and write controls need on every page."""
    st = state(request)
    logged_in = st.guard.logged_in(request)
    return {"request_path": request.url.path, "logged_in": logged_in,
            "csrf": st.guard.csrf() if logged_in else ""}


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = env.get_template(template).render(**{**frame_values(request), **values})
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
    store = state(request).store
    detail = _found(store.session(session_id), "session")
    label = session_label(detail.title, detail.source, detail.id)
    return page(request, "session.html", s=detail, label=label, formats=FORMATS,
                events=store.events(), log=store.edit_log(20, f"session:{session_id}"),
                crumbs=session_crumbs(detail.event.id, detail.event.name, detail.id, label))


@pages.get("/sessions/{session_id}/report")
def report(request: Request, session_id: ID) -> Response:
    store = state(request).store
    rep = _found(store.get_report(session_id), "session")
    detail = _found(store.session(session_id), "session")
    label = session_label(detail.title, detail.source, detail.id)
    crumbs = session_crumbs(detail.event.id, detail.event.name, detail.id, label, ("Report", None))
    try:
        html = render(rep, "html")
    except InputError:  # no HTML renderer installed: a plain page of our own
        return page(request, "report.html", r=rep, session_id=session_id, crumbs=crumbs)
    frame = env.get_template("report_frame.html").render(
        **frame_values(request), crumbs=crumbs, s=detail, formats=FORMATS)
    text, policy = framed_report(html if isinstance(html, str) else html.decode(), frame, detail)
    return HTMLResponse(text, headers={"Content-Security-Policy": policy})


@pages.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "", speaker: TEXT = None,
           topic: TEXT = None, event: TEXT = None, date: TEXT = None,
           p: Annotated[int, Query(ge=1, le=1000)] = 1) -> HTMLResponse:
    filters = {k: v for k, v in (("speaker", speaker), ("topic", topic), ("event", event),
                                 ("date", date)) if v}
    store = state(request).store
    results = groups = None
    recent = []
    if q.strip():
        results = store.search(q, limit=HITS, offset=(p - 1) * HITS, **filters)
        groups = group_hits(results)
    else:  # nothing asked yet: where to start
        recent = store.sessions(limit=10)
    return page(request, "search.html", q=q, filters=filters, results=results, groups=groups,
                recent=recent, p=p, per_page=HITS, crumbs=[("Search", None)])


@pages.get("/speakers")
def speakers(request: Request, p: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    return page(request, "speakers.html",
                speakers=state(request).store.speakers(100, (p - 1) * 100), p=p)


@pages.get("/speakers/{person_id}")
def speaker(request: Request, person_id: ID) -> HTMLResponse:
    store = state(request).store
    sp = _found(store.speaker(person_id), "speaker")
    return page(request, "speaker.html", sp=sp, log=store.edit_log(20, f"person:{person_id}"),
                crumbs=[("Speakers", "/speakers"), (sp.name, None)])


@pages.get("/topics")
def topics(request: Request) -> HTMLResponse:
    store = state(request).store
    return page(request, "topics.html", topics=store.topics(limit=200), issues=store.issues(limit=300),
                crumbs=[("Topics", None)])


@pages.get("/topics/{name:path}")
def topic(request: Request, name: Annotated[str, Path(min_length=1, max_length=200)]
          ) -> HTMLResponse:
    t = _found(state(request).store.topic(name), "topic")
    crumbs = [("Topics", "/topics")]
    if t.basket:
        crumbs.append((t.basket, f"/topics/{quote(t.basket, safe='')}"))
    return page(request, "topic.html", t=t, crumbs=[*crumbs, (t.topic, None)])


@pages.get("/events/{event_id}")
def event(request: Request, event_id: ID) -> HTMLResponse:
    store = state(request).store
    e = _found(store.event(event_id), "event")
    return page(request, "event.html", e=e, sessions=store.sessions(e.name, limit=200),
                log=store.edit_log(20, f"event:{event_id}"), crumbs=[("Events", "/sessions"), (e.name, None)])


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
    title: Annotated[str, Form(max_length=200)] = "",
    date: Annotated[str, Form(max_length=40)] = "",
    start_time: Annotated[str, Form(max_length=20)] = "",
    track: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
    token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    st = state(request)
    st.guard.require_form_write(request, csrf, token)
    engine = engine or st.engine
    if engine not in ENGINES:
        raise HTTPException(422, "unknown engine")
    name, data = await read_upload(file, st.max_upload)
    meta = {k: v for k, v in (("title", title), ("date", date), ("start_time", start_time),
                              ("track", track)) if v.strip()}
    job = st.runner.submit(name, clean_event(event, DEFAULT_EVENT), engine, data, meta)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@pages.get("/jobs/{job_id}")
def job(request: Request, job_id: JOB_ID) -> HTMLResponse:
    st = state(request)
    job = _found(st.runner.queue.get(job_id), "job")
    duplicates = []
    if job.status == "held":
        data = st.runner.queue.input(job_id)
        duplicates = st.runner.duplicates(data, job.filename) if data else []
    return page(request, "job.html", job=job, duplicates=duplicates,
                crumbs=[("Upload", "/upload"), (job.filename, None)])


@pages.post("/jobs/{job_id}/discard")
def discard(request: Request, job_id: JOB_ID, csrf: Annotated[str, Form(max_length=100)] = "",
            token: Annotated[str, Form(max_length=200)] = "") -> Response:
    st = state(request)
    st.guard.require_form_write(request, csrf, token)
    _found(st.runner.discard(job_id) or None, "held job")
    return RedirectResponse("/upload", status_code=303)


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
    who = editor_name(request.cookies.get(EDITOR_COOKIE))
    _found(st.store.remove_session(session_id, who) or None, "session")
    return RedirectResponse("/sessions", status_code=303)


@router.get("/login")
def login_form(request: Request, next: Annotated[str, Query(max_length=500)] = "/",
               failed: bool = False) -> HTMLResponse:
    return page(request, "login.html", next=safe_next(next), failed=failed,
                status=401 if failed else 200)


@router.post("/login")
def login(request: Request, token: Annotated[str, Form(max_length=200)] = "",
          next: Annotated[str, Form(max_length=500)] = "/",
          name: Annotated[str, Form(max_length=100)] = "") -> Response:
    guard = state(request).guard
    target = safe_next(next)
    if guard.valid_token(token):
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, guard.cookie_value(), httponly=True, samesite="strict")
        # who the edit log records: as the editor typed it (the token itself is shared)
        response.set_cookie(EDITOR_COOKIE, editor_name(name), httponly=True, samesite="strict")
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
    response.delete_cookie(EDITOR_COOKIE)
    return response
