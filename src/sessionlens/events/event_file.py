"""The event folder `sessionlens event build` writes, as the hub reads it: `OUT/event.json`
(the event and its sessions) and `OUT/sessions/<slug>/report.json` for each session done."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..models import Report


@dataclass
class EventSession:
    """One session of the event: its row in event.json and, when it was built, its report."""

    slug: str
    title: str
    date: str | None
    start: str | None
    track: str | None
    status: str
    reason: str | None
    outputs: list[str] = field(default_factory=list)
    report: Report | None = None

    @property
    def done(self) -> bool:
        return self.status == "done" and self.report is not None


@dataclass
class Event:
    name: str
    title: str
    sessions: list[EventSession]
    titled: bool = True  # False: no name or title was given, `title` is the folder's name

    @property
    def subject(self) -> str:
        """How sentences name the event: its title, or "The event" when none was given."""
        return self.title if self.titled else "The event"

    @property
    def built(self) -> list[EventSession]:
        """The sessions with a report, in event order."""
        return [s for s in self.sessions if s.done]


def _relative(out_dir: Path, value: Any, what: str) -> str:
    """A path of event.json, refused unless it stays inside the event folder."""
    if not isinstance(value, str) or not value:
        raise InputError(out_dir / "event.json", f"{what} is not a path")
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts:
        raise InputError(out_dir / "event.json", f"{what} {value!r} leaves the event folder")
    return str(path)


def session_order(s: EventSession) -> tuple[str, str, str, str]:
    """Sessions by day, start time, track, then title (undated and untimed ones last)."""
    return (s.date or "9999", s.start or "99:99", s.track or "", s.title)


def load_event(out_dir: Path) -> Event:
    """The event in `out_dir`; a missing or broken event.json or report is an InputError."""
    path = out_dir / "event.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["sessions"]
        name = str(data["name"])
    except FileNotFoundError:
        raise InputError(path, "not found: is this the --out folder of `sessionlens event build`?") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"is not an event file ({type(exc).__name__}: {exc})") from None
    sessions = []
    for row in rows:
        slug = _relative(out_dir, row.get("slug"), "a session slug")
        report = None
        if row.get("status") == "done" and row.get("report"):
            report_path = out_dir / _relative(out_dir, row["report"], f"the report of {slug}")
            try:
                report = Report.from_json(report_path.read_bytes())
            except OSError as exc:
                raise InputError(report_path, f"cannot be read ({exc.strerror})") from None
            except (ValidationError, ValueError) as exc:
                raise InputError(report_path, f"is not a SessionLens report ({str(exc).splitlines()[0]})") from None
        sessions.append(
            EventSession(
                slug=slug,
                title=str(row.get("title") or slug),
                date=row.get("date") or None,
                start=row.get("start") or None,
                track=row.get("track") or None,
                status=str(row.get("status") or "failed"),
                reason=row.get("reason") or None,
                outputs=[_relative(out_dir, p, f"an output of {slug}") for p in row.get("outputs") or []],
                report=report,
            )
        )
    sessions.sort(key=session_order)
    title = data.get("title")
    return Event(name=name, title=str(title or name), sessions=sessions, titled=bool(title))
