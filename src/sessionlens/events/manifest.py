"""The sessions of an event: from a manifest (CSV or YAML) or every input in a folder.

A manifest row names one session: `file` (relative to the manifest), and optionally `title`,
`date` (YYYY-MM-DD), `start` (HH:MM), `track` (or `room`), `language`, `speakers`
(renames `Old=New; Old2=New2`, or a mapping in YAML) and `format` (the transcript reader, as
`sessionlens run --format`, for a file no reader recognises). A CSV names the event in comment
rows before its header (`# name: igf-2025`, `# title: IGF 2025`), as a YAML does in its
`name:`/`title:` keys. A bad row is one InputError naming the manifest and its line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..asr.media import MEDIA_SUFFIXES
from ..errors import InputError
from ..normalize import parse_rename

#: transcript suffixes a folder is searched for (recordings: MEDIA_SUFFIXES)
TRANSCRIPT_SUFFIXES = frozenset([".txt", ".vtt", ".srt", ".json", ".docx", ".md"])
MANIFEST_SUFFIXES = frozenset([".csv", ".yaml", ".yml"])
COLUMNS = ("file", "title", "date", "start", "track", "room", "language", "speakers", "format")
#: event-level keys a CSV gives in `# key: value` rows above its header
EVENT_KEYS = ("name", "title")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"\s*([01]?\d|2[0-3])[:.h]([0-5]\d)")


@dataclass(frozen=True)
class SessionSpec:
    """One session to build: its input and the metadata the organiser gave."""

    path: Path
    slug: str = ""
    title: str | None = None
    date: str | None = None
    start: str | None = None
    track: str | None = None
    language: str | None = None
    renames: dict[str, str] = field(default_factory=dict)
    format: str | None = None  # the transcript reader; None: detected

    def metadata(self) -> dict[str, Any]:
        """What the organiser gave, as it shapes the output (part of the session's key)."""
        given = {
            "title": self.title,
            "date": self.date,
            "start": self.start,
            "track": self.track,
            "language": self.language,
            "renames": dict(sorted(self.renames.items())),
        }
        # only when given: the keys of sessions built before the column existed stay valid
        return {**given, "format": self.format} if self.format else given


@dataclass(frozen=True)
class EventSource:
    """The event's name and title and its sessions, slugs assigned."""

    name: str
    title: str | None  # None: none given (the hub then says "the event", not the folder's name)
    sessions: list[SessionSpec]


def load_source(source: str | Path, name: str | None = None, title: str | None = None) -> EventSource:
    """Read a manifest file or discover a folder's inputs; `name`/`title` override the source's."""
    path = Path(source)
    given: dict[str, str] = {}
    if path.is_dir():
        specs = discover(path)
    elif path.is_file():
        if path.suffix.lower() not in MANIFEST_SUFFIXES:
            raise InputError(path, "is neither a folder nor a manifest (.csv, .yaml, .yml)")
        specs, given = read_manifest(path)
    else:
        raise InputError(path, "not found")
    if not specs:
        raise InputError(path, "holds no transcript or recording")
    named = name or given.get("name")
    event_name = named or (path if path.is_dir() else path.parent).resolve().name
    return EventSource(name=event_name, title=title or given.get("title") or named, sessions=with_slugs(specs))


def discover(folder: Path) -> list[SessionSpec]:
    """Every transcript or recording under `folder` (hidden files and folders skipped), by path."""
    known = TRANSCRIPT_SUFFIXES | MEDIA_SUFFIXES
    found = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in known
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return [SessionSpec(path=p) for p in sorted(found, key=lambda p: p.relative_to(folder).as_posix())]


def read_manifest(path: Path) -> tuple[list[SessionSpec], dict[str, str]]:
    """The sessions of a CSV or YAML manifest, and the event's name/title when the YAML gives them."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read ({exc})") from None
    if path.suffix.lower() == ".csv":
        given, text, skipped = _csv_event(path, text)
        reader = csv.DictReader(io.StringIO(text))
        unknown = [c for c in reader.fieldnames or [] if c and c.strip().lower() not in COLUMNS]
        if "file" not in [c.strip().lower() for c in reader.fieldnames or []] or unknown:
            problem = f"unknown column {unknown[0]!r}" if unknown else "has no 'file' column"
            raise InputError(f"{path}:{skipped + 1}", f"{problem} (columns: {', '.join(COLUMNS)})")
        rows = [(skipped + reader.line_num, {k.strip().lower(): v for k, v in row.items() if k}) for row in reader]
        return [_spec(path, line, row) for line, row in rows], given
    return _yaml_manifest(path, text)


def _csv_event(path: Path, text: str) -> tuple[dict[str, str], str, int]:
    """The `# name: …` / `# title: …` rows above a CSV's header, the text after them and their
    number (added to the csv reader's line numbers, so errors name the file's lines)."""
    given: dict[str, str] = {}
    lines = text.split("\n")
    skipped = 0
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            break
        key, sep, value = line.lstrip().lstrip("#").partition(":")
        if line.strip() and (not sep or key.strip().lower() not in EVENT_KEYS or not value.strip()):
            raise InputError(
                f"{path}:{skipped + 1}", f"a row above the header is '# name: …' or '# title: …', not {line.strip()!r}"
            )
        if line.strip():
            given[key.strip().lower()] = value.strip()
        skipped += 1
    return given, "\n".join(lines[skipped:]), skipped


def _yaml_manifest(path: Path, text: str) -> tuple[list[SessionSpec], dict[str, str]]:
    import yaml

    try:
        data = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise InputError(path, f"is not valid YAML ({str(exc).splitlines()[0]})") from None
    given: dict[str, str] = {}
    if isinstance(data, yaml.MappingNode):
        top = {k.value: v for k, v in data.value}
        given = {k: str(top[k].value) for k in ("name", "title") if k in top and isinstance(top[k], yaml.ScalarNode)}
        data = top.get("sessions")
    if not isinstance(data, yaml.SequenceNode):
        raise InputError(path, "must be a list of sessions, or a mapping with a 'sessions' list")
    specs = []
    for node in data.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise InputError(f"{path}:{line}", "a session must be a mapping (file: …, title: …)")
        row = yaml.safe_load(yaml.serialize(node))
        unknown = [k for k in row if str(k).lower() not in COLUMNS]
        if unknown:
            raise InputError(f"{path}:{line}", f"unknown field {unknown[0]!r} (fields: {', '.join(COLUMNS)})")
        specs.append(_spec(path, line, {str(k).lower(): v for k, v in row.items()}))
    return specs, given


def _spec(manifest: Path, line: int, row: dict[str, Any]) -> SessionSpec:
    """One manifest row checked: the file exists, the date and time are well formed."""
    where = f"{manifest}:{line}"

    def text(key: str) -> str | None:
        value = row.get(key)
        return str(value).strip() or None if value is not None else None

    file = text("file")
    if not file:
        raise InputError(where, "no file given")
    path = manifest.parent / file
    if not path.is_file():
        raise InputError(where, f"file {file!r} not found next to the manifest")
    date, start = text("date"), text("start")
    if isinstance(row.get("start"), int) and not isinstance(row.get("start"), bool):
        start = f"{row['start'] // 60}:{row['start'] % 60:02d}"  # YAML 1.1 reads an unquoted 9:30 as 570
    if date is not None and not _DATE.fullmatch(date):
        raise InputError(where, f"date {date!r} is not YYYY-MM-DD")
    if start is not None:
        given, start = start, clock(start, whole=True)
        if start is None:
            raise InputError(where, f"start {given!r} is not HH:MM")
    fmt = text("format")
    if fmt is not None:
        from ..readers import READERS

        if fmt.lower() not in READERS:
            raise InputError(where, f"format {fmt!r} is not a transcript format (one of {', '.join(READERS)})")
        fmt = fmt.lower()
    return SessionSpec(
        path=path,
        title=text("title"),
        date=date,
        start=start,
        track=text("track") or text("room"),
        language=text("language"),
        renames=_renames(where, row.get("speakers")),
        format=fmt,
    )


def clock(text: str | None, *, whole: bool = False) -> str | None:
    """A start time ('9:30', '11:00h', '9.30') as HH:MM; None when there is none. `whole`: the
    text must be nothing but the time (a manifest's cell), else it may run on (a report header)."""
    found = (_CLOCK.fullmatch if whole else _CLOCK.match)(text or "")
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else None


def _renames(where: str, value: Any) -> dict[str, str]:
    """`Old=New; Old2=New2` (CSV) or a mapping (YAML)."""
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {str(k).strip(): str(v).strip() for k, v in value.items()}
    return parse_rename([p for p in str(value).split(";") if p.strip()], name=f"{where}: speakers")


def slugify(stem: str) -> str:
    """A file stem as a lower-case, URL-safe slug."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "session"


def with_slugs(specs: list[SessionSpec]) -> list[SessionSpec]:
    """Each session's slug from its file stem; repeats get -2, -3 … in source order (stable)."""
    seen: set[str] = set()
    out = []
    for spec in specs:
        base = slugify(spec.path.stem)
        slug, n = base, 1
        while slug in seen:
            n += 1
            slug = f"{base}-{n}"
        seen.add(slug)
        out.append(SessionSpec(**{**spec.__dict__, "slug": slug}))
    return out
