"""An event OUT folder in the layout `sessionlens event build` writes (event.json plus
sessions/<slug>/report.json and report.html), made from real inputs for the hub tests: the
seeds, the Senate hearing, the example panel and two panels written for the tests. Reports
are made once per process (each takes seconds) and written into any folder asked."""

from __future__ import annotations

import json
import tempfile
from functools import cache
from pathlib import Path

from sessionlens.events.batch import event_entry
from sessionlens.events.manifest import SessionSpec
from sessionlens.models import Report
from sessionlens.pipeline import analyze, ingest
from sessionlens.renderers import html

from ..engines.conftest import PANEL
from ..engines.council import council_text
from ..shared_data import absent

REPO = Path(__file__).resolve().parents[2]

#: slug, input (relative to ../shared, the repo, or a text written here), title, date, start, track
SESSIONS = [
    (
        "opening-panel",
        "repo:examples/climate-panel.vtt",
        "Climate adaptation panel",
        "2025-03-03",
        "09:30",
        "Main hall",
    ),
    ("clean-air", "text:panel", "Clean air in cities", "2025-03-03", "11:00", "Room B"),
    ("ocean-council", "text:council", "Council on the sardine moratorium", "2025-03-03", "14:00", "Main hall"),
    (
        "digital-cooperation",
        "shared:seeds/000_32c1ff9387706955.txt",
        "Interview: digital cooperation",
        "2025-03-04",
        "09:00",
        "Room B",
    ),
    (
        "science-technology",
        "shared:seeds/001_021ec120eae6835c.txt",
        "Interview: science and technology",
        "2025-03-04",
        "10:30",
        "Room B",
    ),
    ("un-panel", "shared:seeds/002_db38eb7dc8a1be04.txt", "UN panel", "2025-03-04", "14:00", "Main hall"),
    (
        "senate-hearing",
        "shared:data/hearing-senate-2024/transcript.txt",
        "Senate hearing on child online safety",
        "2025-03-05",
        "10:00",
        None,
    ),
]
#: a session whose input could not be read: listed with its reason, no report
FAILED = ("broken-upload", "Lost recording", "2025-03-05", "15:00", "Room B", "no speech found in broken.wav")


def _input(spec: str, shared: Path, tmp: Path) -> Path:
    kind, _, rest = spec.partition(":")
    if kind == "shared":
        return shared / rest
    if kind == "repo":
        return REPO / rest
    path = tmp / f"{rest}.txt"
    path.write_text(PANEL if rest == "panel" else council_text(), encoding="utf-8")
    return path


@cache
def _reports(shared: Path) -> tuple[tuple[str, str], ...]:
    """(slug, report JSON) of each session, made once per process for every test module."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for slug, spec, *_ in SESSIONS:
            report = analyze(ingest(_input(spec, shared, Path(tmp))), engine="offline")
            out.append((slug, report.to_json()))
    return tuple(out)


def write_event(out: Path, shared: Path | None) -> Path:
    """OUT folder of the test event under `out`; skips where ../shared is absent."""
    if shared is None:
        absent("../shared (seeds and corpora) is not present in this checkout")
    sessions = []
    reports = dict(_reports(shared))
    for slug, spec, title, date, start, track in SESSIONS:
        folder = out / "sessions" / slug
        folder.mkdir(parents=True, exist_ok=True)
        report = Report.from_json(reports[slug])
        (folder / "report.json").write_text(reports[slug], encoding="utf-8")
        (folder / "report.html").write_text(html.render(report), encoding="utf-8")
        source = SessionSpec(Path(spec.partition(":")[2]), slug, title, date, start, track, "en")
        outputs = [f"sessions/{slug}/report.json", f"sessions/{slug}/report.html"]
        sessions.append(event_entry(source, {"status": "done", "key": f"key-{slug}", "outputs": outputs}))
    slug, title, date, start, track, reason = FAILED
    failed = SessionSpec(Path("broken.wav"), slug, title, date, start, track, "en")
    sessions.append(event_entry(failed, {"status": "failed", "key": f"key-{slug}", "reason": reason}))
    event = {"name": "test-forum-2025", "title": "Test Forum 2025", "sessions": sessions}
    (out / "event.json").write_text(json.dumps(event, indent=2), encoding="utf-8")
    return out
