"""Curation, for editors only (the server token): rename, merge and describe speakers, edit
session metadata, rename or delete events, as forms and as JSON API calls. Every edit
re-derives the stored reports (the store does it) and is logged with who and when."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from ..store.views import CurationEntry, EventOverview, SessionDetail, SpeakerProfile
from .state import state

#: ids fit a 64-bit integer column in both stores; a larger one is a client error, not a crash
MAX_ID = 2**62
ID = Annotated[int, Path(ge=1, le=MAX_ID)]
NAME = Annotated[str, Form(min_length=1, max_length=200)]
OPTIONAL = Annotated[str | None, Form(max_length=200)]
CSRF = Annotated[str, Form(max_length=100)]
EDITOR_COOKIE = "sessionlens_editor"
_UNPRINTABLE = re.compile(r"[^\w .'\-@]+")


def editor_name(raw: str | None) -> str:
    """Who an edit is recorded under: the name the editor gave, cleaned; 'editor' when none."""
    name = " ".join(_UNPRINTABLE.sub("", raw or "").split())[:60]
    return name or "editor"


def _readable(request: Request) -> None:
    state(request).guard.require_read(request)


forms = APIRouter(include_in_schema=False, dependencies=[Depends(_readable)])
api = APIRouter(prefix="/api", dependencies=[Depends(_readable)], tags=["curation"])
_WRITE = {401: {"description": "no valid token"}, 404: {"description": "none"}}


def _form_editor(request: Request, csrf: str) -> str:
    state(request).guard.require_form_write(request, csrf, None)
    return editor_name(request.cookies.get(EDITOR_COOKIE))


def _api_editor(request: Request) -> str:
    state(request).guard.require_api_write(request)
    return editor_name(request.headers.get("x-editor"))


def _found(value: object, what: str) -> object:
    if value is None or value is False:
        raise HTTPException(404, f"no such {what}")
    return value


def _back(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


# ---------------------------------------------------------------------- forms


@forms.post("/sessions/{session_id}/edit")
def edit_session_form(
    request: Request,
    session_id: ID,
    csrf: CSRF = "",
    title: OPTIONAL = None,
    date: OPTIONAL = None,
    start_time: OPTIONAL = None,
    end_time: OPTIONAL = None,
    track: OPTIONAL = None,
    event: OPTIONAL = None,
) -> Response:
    who = _form_editor(request, csrf)
    _edit_session(
        request,
        session_id,
        who,
        SessionEdit(title=title, date=date, start_time=start_time, end_time=end_time, track=track, event=event),
    )
    return _back(f"/sessions/{session_id}")


@forms.post("/speakers/{person_id}/rename")
def rename_speaker_form(request: Request, person_id: ID, name: NAME, csrf: CSRF = "") -> Response:
    who = _form_editor(request, csrf)
    target = _found(state(request).store.rename_person(person_id, name, who), "speaker")
    return _back(f"/speakers/{target}")


@forms.post("/speakers/{person_id}/merge")
def merge_speaker_form(request: Request, person_id: ID, into: NAME, csrf: CSRF = "") -> Response:
    who = _form_editor(request, csrf)
    store = state(request).store
    other = store.find_person(into)
    if other is None:
        raise HTTPException(404, f"no speaker called {into!r}")
    target = _found(store.merge_people(other.id, person_id, who), "speaker")
    return _back(f"/speakers/{target}")


@forms.post("/speakers/{person_id}/details")
def speaker_details_form(
    request: Request, person_id: ID, csrf: CSRF = "", role: OPTIONAL = None, affiliation: OPTIONAL = None
) -> Response:
    who = _form_editor(request, csrf)
    _found(state(request).store.set_person_details(person_id, role or None, affiliation or None, who), "speaker")
    return _back(f"/speakers/{person_id}")


@forms.post("/events/{event_id}/rename")
def rename_event_form(request: Request, event_id: ID, name: NAME, csrf: CSRF = "") -> Response:
    who = _form_editor(request, csrf)
    _rename_event(request, event_id, name, who)
    return _back(f"/events/{event_id}")


@forms.post("/events/{event_id}/delete")
def delete_event_form(request: Request, event_id: ID, csrf: CSRF = "") -> Response:
    who = _form_editor(request, csrf)
    _found(state(request).store.delete_event(event_id, who), "event")
    return _back("/")


@forms.get("/edits")
def edit_log_page(request: Request) -> HTMLResponse:
    from .pages import page

    return page(request, "edits.html", log=state(request).store.edit_log(200), crumbs=[("Edit log", None)])


# ---------------------------------------------------------------------- API


class SessionEdit(BaseModel):
    """Fields to change; absent or null ones stay, an empty string clears one."""

    title: str | None = Field(None, max_length=300)
    date: str | None = Field(None, max_length=40)
    start_time: str | None = Field(None, max_length=20)
    end_time: str | None = Field(None, max_length=20)
    track: str | None = Field(None, max_length=200, description="Room or track.")
    event: str | None = Field(None, max_length=200, description="Move the session to this event.")


class SpeakerRename(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class SpeakerMerge(BaseModel):
    into: int = Field(ge=1, le=MAX_ID, description="The person the speaker is merged into (that name is kept).")


class SpeakerDetails(BaseModel):
    role: str | None = Field(None, max_length=300)
    affiliation: str | None = Field(None, max_length=300)
    session_id: int | None = Field(None, ge=1, le=MAX_ID, description="Only in this session (default: every session).")


class EventRename(BaseModel):
    name: str = Field(min_length=1, max_length=200)


def _edit_session(request: Request, session_id: int, who: str, edit: SessionEdit) -> None:
    store = state(request).store
    info = edit.model_dump(exclude={"track", "event"})
    _found(store.edit_session(session_id, who, track=edit.track, **info), "session")
    if edit.event and edit.event.strip():
        store.move_session(session_id, " ".join(edit.event.split()), who)


def _rename_event(request: Request, event_id: int, name: str, who: str) -> None:
    done = state(request).store.rename_event(event_id, name, who)
    if done is None:
        raise HTTPException(404, "no such event")
    if done is False:
        raise HTTPException(409, "another event has that name")


@api.patch("/sessions/{session_id}", response_model=SessionDetail, responses=_WRITE)
def edit_session(request: Request, session_id: ID, edit: SessionEdit) -> SessionDetail:
    """Change a session's title, date, times, track or event (its report too)."""
    _edit_session(request, session_id, _api_editor(request), edit)
    return state(request).store.session(session_id)  # type: ignore[return-value]


@api.post("/speakers/{person_id}/rename", response_model=SpeakerProfile, responses=_WRITE)
def rename_speaker(request: Request, person_id: ID, body: SpeakerRename) -> SpeakerProfile:
    """Rename a speaker in every session; a name that is another speaker's merges the two."""
    store = state(request).store
    target = _found(store.rename_person(person_id, body.name, _api_editor(request)), "speaker")
    return store.speaker(target)  # type: ignore[arg-type,return-value]


@api.post("/speakers/{person_id}/merge", response_model=SpeakerProfile, responses=_WRITE)
def merge_speaker(request: Request, person_id: ID, body: SpeakerMerge) -> SpeakerProfile:
    """Merge this speaker into another one: their words are counted once, under that name."""
    store = state(request).store
    target = _found(store.merge_people(body.into, person_id, _api_editor(request)), "speaker")
    return store.speaker(target)  # type: ignore[arg-type,return-value]


@api.patch("/speakers/{person_id}", response_model=SpeakerProfile, responses=_WRITE)
def speaker_details(request: Request, person_id: ID, body: SpeakerDetails) -> SpeakerProfile:
    """Set a speaker's role and affiliation (null leaves one as is, "" clears it)."""
    store = state(request).store
    _found(
        store.set_person_details(person_id, body.role, body.affiliation, _api_editor(request), body.session_id),
        "speaker",
    )
    return store.speaker(person_id)  # type: ignore[return-value]


@api.patch("/events/{event_id}", response_model=EventOverview, responses=_WRITE)
def rename_event(request: Request, event_id: ID, body: EventRename) -> EventOverview:
    _rename_event(request, event_id, body.name, _api_editor(request))
    return state(request).store.event(event_id)  # type: ignore[return-value]


@api.delete("/events/{event_id}", status_code=204, responses=_WRITE)
def delete_event(request: Request, event_id: ID) -> Response:
    """Delete an event and all its sessions."""
    _found(state(request).store.delete_event(event_id, _api_editor(request)), "event")
    return Response(status_code=204)


@api.get("/edits", response_model=list[CurationEntry])
def edit_log(request: Request) -> list[CurationEntry]:
    """Who changed what, when: the latest 200 edits."""
    return state(request).store.edit_log(200)
