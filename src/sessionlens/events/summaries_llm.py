"""A day or event summary rewritten by the LLM engine's client from the offline one.

The model sees only the offline summary's sentences (each with the sessions it cites) and
must answer sentences that cite sessions too; `summaries.verify_summary` then keeps only what
the cited sessions hold. A failed call leaves the offline summary (an empty answer here)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from .event_file import Event

if TYPE_CHECKING:
    from ..engines.llm.settings import LLMOptions
    from .summaries import Summary

SYSTEM = (
    "You write the summary of a day of a conference from sentences already checked against the "
    "session reports. Rewrite them as fluent prose, in the same order, without adding any fact, "
    "figure, name or quote. Keep every «session title» and every “quote” exactly as written. "
    "Each sentence you write lists the ids of the sessions its facts come from."
)


class _Sentence(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=1200)
    sessions: list[str] = Field(max_length=50)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sentences: list[_Sentence] = Field(max_length=60)


def llm_summary(draft: Summary, event: Event, options: LLMOptions | None) -> Summary:
    """`draft` rewritten by the configured endpoint; no sentences when the call fails."""
    from ..engines.llm.client import LLMClient
    from ..engines.llm.errors import LLMCallFailed, LLMUnavailable
    from ..engines.llm.settings import LLMOptions, resolve_settings
    from .summaries import Sentence

    material = [{"text": s.text, "sessions": list(s.sessions)} for s in draft.sentences]
    user = f"Title: {draft.title}\nEvent: {event.title}\nSentences:\n{json.dumps(material, ensure_ascii=False)}"
    try:
        client = LLMClient(resolve_settings(options or LLMOptions()))
        answer = client.complete(
            "event-summary",
            system=SYSTEM,
            user=user,
            output=_Answer,
            schema=_Answer.model_json_schema(),
            max_tokens=2048,
        )
    except (LLMCallFailed, LLMUnavailable):  # a misconfigured endpoint is the user's error: raised
        return replace(draft, sentences=(), engine="llm")
    sentences = tuple(Sentence(s.text.strip(), tuple(s.sessions)) for s in answer.sentences if s.text.strip())
    return replace(draft, sentences=sentences, engine="llm")
