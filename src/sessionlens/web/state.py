"""What every request handler needs: the store, the token guard, the job runner, limits."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from ..store import Store
from .jobs import JobRunner
from .security import Guard


@dataclass
class AppState:
    store: Store
    guard: Guard
    runner: JobRunner
    max_upload: int
    engine: str


def state(request: Request) -> AppState:
    return request.app.state.sessionlens  # type: ignore[no-any-return]
