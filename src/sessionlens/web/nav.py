"""What the navigation frame shows: session labels people chose (never a server path) and
the breadcrumbs event › session › report."""

from __future__ import annotations

from ..store.rows import title_of

Crumbs = list[tuple[str, str | None]]


def session_label(title: str | None, source: str | None, session_id: int) -> str:
    """The session's title; else its input file's name without folder or suffix; else 'Session N'."""
    return title_of(title, source) or f"Session {session_id}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 session', '2 sessions'."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def session_crumbs(event_id: int, event: str, session_id: int, label: str, *more: tuple[str, str | None]) -> Crumbs:
    return [("Events", "/sessions"), (event, f"/events/{event_id}"), (label, f"/sessions/{session_id}"), *more]
