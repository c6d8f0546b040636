"""The JSON API: everything the pages show, with its OpenAPI schema at /openapi.json."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from ..engines import ENGINES
from ..models import Report
from ..store import DEFAULT_EVENT
from ..store.views import (
    EventOverview,
    EventSummary,
    IssueTopic,
    SearchResults,
    SessionDetail,
    SessionSummary,
    SpeakerProfile,
    SpeakerSummary,
    TopicCount,
    TopicPage,
)
from .curate import editor_name
from .queue import Job
from .state import AppState, state
from .uploads import clean_event, read_upload

ID = Annotated[int, Path(ge=1, le=2**62)]
JOB_ID = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
LIMIT = Annotated[int, Query(ge=1, le=500)]
OFFSET = Annotated[int, Query(ge=0, le=1_000_000)]
TEXT = Annotated[str | None, Query(max_length=200)]


def readable(request: Request) -> None:
    state(request).guard.require_read(request)


router = APIRouter(prefix="/api", dependencies=[Depends(readable)])


class SessionList(BaseModel):
    total: int
    sessions: list[SessionSummary]


class Health(BaseModel):
    status: str
    schema_version: int
    sessions: int


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


@router.get("/health", response_model=Health, tags=["meta"])
def health(request: Request) -> Health:
    st = state(request)
    return Health(status="ok", schema_version=st.store.schema_version(),
                  sessions=st.store.count_sessions())


@router.get("/sessions", response_model=SessionList, tags=["sessions"])
def list_sessions(request: Request, event: TEXT = None, limit: LIMIT = 50,
                  offset: OFFSET = 0) -> SessionList:
    store = state(request).store
    return SessionList(total=store.count_sessions(event),
                       sessions=store.sessions(event, limit, offset))


@router.get("/sessions/{session_id}", response_model=SessionDetail, tags=["sessions"])
def get_session(request: Request, session_id: ID) -> SessionDetail:
    return _found(state(request).store.session(session_id), "session")


@router.get("/sessions/{session_id}/report", response_model=Report, tags=["sessions"])
def get_report(request: Request, session_id: ID) -> Report:
    return _found(state(request).store.get_report(session_id), "session")


@router.delete("/sessions/{session_id}", status_code=204, tags=["sessions"],
               responses={401: {"description": "no valid token"}, 404: {"description": "none"}})
def delete_session(request: Request, session_id: ID) -> Response:
    st = state(request)
    st.guard.require_api_write(request)
    _found(st.store.remove_session(session_id, editor_name(request.headers.get("x-editor"))) or None, "session")
    return Response(status_code=204)


@router.post("/sessions", response_model=Job, status_code=202, tags=["sessions"],
             responses={401: {"description": "no valid token"},
                        413: {"description": "upload too large"},
                        415: {"description": "not a transcript file"}})
async def upload_session(
    request: Request,
    file: Annotated[UploadFile, File(description="A transcript: .txt .md .vtt .srt .json")],
    event: Annotated[str | None, Form(max_length=200)] = None,
    engine: Annotated[str | None, Form(description="none, offline or llm")] = None,
    title: Annotated[str | None, Form(max_length=200)] = None,
    date: Annotated[str | None, Form(max_length=40)] = None,
    start_time: Annotated[str | None, Form(max_length=20)] = None,
    track: Annotated[str | None, Form(max_length=200, description="Room or track.")] = None,
    on_duplicate: Annotated[str, Form(pattern="^(hold|add)$", description=(
        "A transcript already stored (in any event) is held for a decision (`hold`: the job's "
        "status is 'held'; POST /api/jobs/{id}/retry adds it) or added again (`add`)."))] = "hold",
) -> Job:
    """Queue a transcript for analysis; poll /api/jobs/{id} until it is done."""
    st: AppState = state(request)
    st.guard.require_api_write(request)
    engine = engine or st.engine
    if engine not in ENGINES:
        raise HTTPException(422, f"unknown engine (one of {', '.join(ENGINES)})")
    name, data = await read_upload(file, st.max_upload)
    meta = {k: v for k, v in (("title", title), ("date", date), ("start_time", start_time),
                              ("track", track)) if v and v.strip()}
    return st.runner.submit(name, clean_event(event, DEFAULT_EVENT), engine, data, meta,
                            hold_duplicates=on_duplicate == "hold")


@router.get("/jobs/{job_id}", response_model=Job, tags=["jobs"])
def get_job(request: Request, job_id: JOB_ID) -> Job:
    return _found(state(request).runner.queue.get(job_id), "job")


@router.post("/jobs/{job_id}/retry", response_model=Job, tags=["jobs"],
             responses={401: {"description": "no valid token"}})
def retry_job(request: Request, job_id: JOB_ID) -> Job:
    """Run an interrupted or failed job again (its input was kept), or add a held duplicate."""
    st = state(request)
    st.guard.require_api_write(request)
    return _found(st.runner.retry(job_id), "job")


@router.get("/search", response_model=SearchResults, tags=["search"])
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           speaker: TEXT = None, topic: TEXT = None, event: TEXT = None, date: TEXT = None,
           kind: Annotated[str | None, Query(pattern="^(turn|argument|quote|takeaway)$")] = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: OFFSET = 0) -> SearchResults:
    """Ranked hits over turns, arguments, quotes and takeaways, with facet counts."""
    return state(request).store.search(q, speaker=speaker, topic=topic, event=event, date=date,
                                       kind=kind, limit=limit, offset=offset)


@router.get("/speakers", response_model=list[SpeakerSummary], tags=["speakers"])
def list_speakers(request: Request, limit: LIMIT = 100, offset: OFFSET = 0,
                  event: TEXT = None) -> list[SpeakerSummary]:
    return state(request).store.speakers(limit, offset, event)


@router.get("/speakers/{person_id}", response_model=SpeakerProfile, tags=["speakers"])
def get_speaker(request: Request, person_id: ID) -> SpeakerProfile:
    return _found(state(request).store.speaker(person_id), "speaker")


@router.get("/topics", response_model=list[TopicCount], tags=["topics"])
def list_topics(request: Request, event: TEXT = None, limit: LIMIT = 50) -> list[TopicCount]:
    """Baskets the sessions are about (the first topic level), most arguments first."""
    return state(request).store.topics(event, limit)


@router.get("/issues", response_model=list[IssueTopic], tags=["topics"])
def list_issues(request: Request, event: TEXT = None, limit: LIMIT = 100) -> list[IssueTopic]:
    """The second topic level: issues under their baskets, most sessions first."""
    return state(request).store.issues(event, limit)


@router.get("/topics/{name:path}", response_model=TopicPage, tags=["topics"])
def get_topic(request: Request, name: Annotated[str, Path(min_length=1, max_length=200)]
              ) -> TopicPage:
    return _found(state(request).store.topic(name), "topic")


@router.get("/events", response_model=list[EventSummary], tags=["events"])
def list_events(request: Request) -> list[EventSummary]:
    return state(request).store.events()


@router.get("/events/{event_id}", response_model=EventOverview, tags=["events"])
def get_event(request: Request, event_id: ID) -> EventOverview:
    return _found(state(request).store.event(event_id), "event")
