"""Questions over the corpus: POST /api/ask (JSON) and the /ask page (a plain GET form).

Reading rights as for search; an answer writes nothing (the LLM engine's answer cache aside).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..answers import Answer, AskRequest, ask
from ..engines.llm.errors import LLMConfigError, LLMError
from ..engines.llm.settings import LLMOptions
from .pages import TEXT, page, readable
from .state import state

api = APIRouter(prefix="/api", dependencies=[Depends(readable)])
pages = APIRouter(include_in_schema=False, dependencies=[Depends(readable)])


def answer(request: Request, body: AskRequest) -> Answer:
    """The answer, with LLM failures as HTTP errors (503: the model could not be reached)."""
    try:
        return ask(
            state(request).store,
            body.question,
            event=body.event,
            session=body.session,
            speaker=body.speaker,
            topic=body.topic,
            date=body.date,
            engine=body.engine,
            llm_options=LLMOptions(),
        )
    except LLMConfigError as exc:
        raise HTTPException(400, f"the LLM engine is not configured on this server ({exc})") from None
    except LLMError as exc:
        raise HTTPException(503, str(exc)) from None


@api.post("/ask", response_model=Answer, tags=["search"])
def ask_api(request: Request, body: AskRequest) -> Answer:
    """Answer a question from what was said in the stored sessions; every answer sentence
    cites stored sentences (speaker, time, link to the report at the turn)."""
    return answer(request, body)


@pages.get("/ask")
def ask_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    event: TEXT = None,
    speaker: TEXT = None,
    topic: TEXT = None,
    date: TEXT = None,
) -> HTMLResponse:
    filters = {k: v for k, v in (("event", event), ("speaker", speaker), ("topic", topic), ("date", date)) if v}
    result = None
    if q.strip():
        result = answer(request, AskRequest(question=q.strip(), **filters))
    return page(request, "ask.html", q=q, filters=filters, answer=result, events=state(request).store.events())
