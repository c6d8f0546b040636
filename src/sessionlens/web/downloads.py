"""Downloads: one report in any format, and a whole event as a zip (every report as HTML,
Markdown, DOCX and JSON, plus the corpus export: one report JSON per line)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import Response

from ..errors import InputError
from ..renderers import render, suffix
from .nav import session_label
from .state import state

#: format -> label, in the order the pages list them
FORMATS = {"html": "HTML", "docx": "Word (DOCX)", "pdf": "PDF", "md": "Markdown", "text": "Text", "json": "JSON"}
#: what an event zip holds per session (PDF is left out: slow to lay out, and the HTML prints)
ZIP_FORMATS = ("html", "md", "docx", "json")
_MEDIA = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "json": "application/json",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
ID = Annotated[int, Path(ge=1, le=2**62)]
FMT = Annotated[str, Path(pattern="^(" + "|".join(FORMATS) + ")$")]


def slug(text: str, fallback: str = "session") -> str:
    """An ASCII file name part: 'Early Warnings: Data & Trust' -> 'early-warnings-data-trust'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or fallback


def _readable(request: Request) -> None:
    state(request).guard.require_read(request)


router = APIRouter(include_in_schema=False, dependencies=[Depends(_readable)])


def _attachment(data: str | bytes, name: str, fmt: str) -> Response:
    body = data.encode("utf-8") if isinstance(data, str) else data
    return Response(body, media_type=_MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _render(report: object, fmt: str) -> str | bytes:
    try:
        return render(report, fmt)  # type: ignore[arg-type]
    except InputError as exc:  # a format whose package is not installed
        raise HTTPException(501, str(exc).split(": ", 1)[-1]) from None


@router.get("/sessions/{session_id}/download/{fmt}")
def download_report(request: Request, session_id: ID, fmt: FMT) -> Response:
    store = state(request).store
    report = store.get_report(session_id)
    detail = store.session(session_id)
    if report is None or detail is None:
        raise HTTPException(404, "no such session")
    name = slug(session_label(detail.title, detail.source, detail.id)) + suffix(fmt)
    return _attachment(_render(report, fmt), name, fmt)


def event_zip(request: Request, event_id: int) -> tuple[str, bytes]:
    """(file name, zip bytes) of every report of one event."""
    store = state(request).store
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, "no such event")
    buf = io.BytesIO()
    lines: list[str] = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, (sid, report) in enumerate(store.iter_reports(event.name), start=1):
            detail = store.session(sid)
            label = session_label(detail.title if detail else None, detail.source if detail else None, sid)
            stem = f"{n:03d}-{slug(label)}"
            for fmt in ZIP_FORMATS:
                data = _render(report, fmt)
                zf.writestr(f"{stem}/{stem}{suffix(fmt)}", data)
            lines.append(report.to_json(indent=None))
        zf.writestr("corpus-export.jsonl", "\n".join(lines) + ("\n" if lines else ""))
    return f"{slug(event.name, 'event')}.zip", buf.getvalue()


@router.get("/events/{event_id}/download.zip")
def download_event(request: Request, event_id: ID) -> Response:
    name, data = event_zip(request, event_id)
    return Response(
        data, media_type="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
