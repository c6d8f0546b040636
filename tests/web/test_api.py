"""The JSON API over a real server: upload a session, follow the job, read what it stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.models import Report
from sessionlens.pipeline import analyze, ingest
from sessionlens.store import MARK_START

from .conftest import Live, wait_job


@pytest.fixture(scope="module")
def panel_report(connectivity_panel: Path) -> Report:
    return analyze(ingest(connectivity_panel), engine="none")


def _upload(live: Live, path: Path, event: str = "IGF 2025", **form: str) -> dict:
    with live.client(auth=True) as c, path.open("rb") as f:
        r = c.post("/api/sessions", files={"file": (path.name, f, "text/plain")},
                   data={"event": event, "engine": "none", **form})
        assert r.status_code == 202, r.text
        return wait_job(c, r.json()["id"])


def test_upload_then_everything_the_pages_show(live: Live, connectivity_panel: Path,
                                               panel_report: Report) -> None:
    job = _upload(live, connectivity_panel)
    assert job["status"] == "done" and job["progress"] == 1.0
    sid = job["session_id"]
    with live.client() as c:
        session = c.get(f"/api/sessions/{sid}").json()
        assert session["words"] == sum(s.words for s in panel_report.stats)
        assert session["event"]["name"] == "IGF 2025"
        assert len(session["speaker_list"]) == session["speakers"] == len(panel_report.stats)
        report = c.get(f"/api/sessions/{sid}/report").json()
        assert len(report["transcript"]["turns"]) == session["turns"]
        listed = c.get("/api/sessions").json()
        assert listed["total"] == 1 and listed["sessions"][0]["id"] == sid
        hits = c.get("/api/search", params={"q": "digital divide"}).json()
        assert hits["total"] >= 3 and all(MARK_START in h["snippet"] for h in hits["hits"])
        assert {h["session_id"] for h in hits["hits"]} == {sid}
        person = hits["hits"][0]["person_id"]
        profile = c.get(f"/api/speakers/{person}").json()
        assert profile["name"] == hits["hits"][0]["speaker"]
        assert [s["session_id"] for s in profile["sessions"]] == [sid]
        events = c.get("/api/events").json()
        overview = c.get(f"/api/events/{events[0]['id']}").json()
        assert overview["sessions"] == 1 and overview["speakers"] == len(panel_report.stats)
        assert c.get("/api/speakers").json()[0]["words"] == max(
            s["words"] for s in session["speaker_list"])
        assert c.get("/api/topics").json() == []  # engine none: no topics
        assert c.get("/api/topics/Economic").status_code == 404
        for page in ("/", "/sessions", f"/sessions/{sid}", f"/sessions/{sid}/report",
                     "/search?q=digital+divide", f"/speakers/{person}", "/speakers",
                     "/topics", f"/events/{events[0]['id']}", "/upload", "/login"):
            r = c.get(page)
            assert r.status_code == 200, page
            assert r.headers["content-type"].startswith("text/html")
        assert "<mark>" in c.get("/search?q=digital+divide").text


def test_same_upload_twice_is_one_session(live: Live, connectivity_panel: Path) -> None:
    first = _upload(live, connectivity_panel)
    second = _upload(live, connectivity_panel, on_duplicate="add")
    assert first["session_id"] == second["session_id"]
    assert "already" in second["message"]
    with live.client() as c:
        assert c.get("/api/sessions").json()["total"] == 1


def test_a_duplicate_in_another_event_waits_for_a_choice(live: Live, connectivity_panel: Path) -> None:
    first = _upload(live, connectivity_panel, title="Interview, day 1", date="2025-06-24", track="Room B")
    held = _upload(live, connectivity_panel, event="Another event")
    assert held["status"] == "held" and f"session {first['session_id']}" in held["message"]
    with live.client(auth=True) as c:
        assert c.get("/api/sessions").json()["total"] == 1  # nothing added yet
        session = c.get(f"/api/sessions/{first['session_id']}").json()
        assert (session["title"], session["date"], session["track"]) == ("Interview, day 1", "2025-06-24", "Room B")
        page = c.get(f"/jobs/{held['id']}").text
        assert "already stored" in page and "Interview, day 1" in page
        assert c.post(f"/api/jobs/{held['id']}/retry").status_code == 200
        added = wait_job(c, held["id"])
        assert added["status"] == "done" and added["session_id"] != first["session_id"]
        assert c.get("/api/sessions").json()["total"] == 2


def test_a_bad_transcript_fails_its_job_with_a_message(live: Live, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just some words without any speaker labels at all\n" * 3)
    job = _upload(live, bad)
    assert job["status"] == "failed" and "notes.txt" in job["message"]
    with live.client() as c:
        assert c.get("/api/sessions").json()["total"] == 0


def test_the_api_on_postgresql(live_pg: Live, connectivity_panel: Path, panel_report: Report) -> None:
    job = _upload(live_pg, connectivity_panel)
    assert job["status"] == "done"
    with live_pg.client() as c:
        hits = c.get("/api/search", params={"q": "digital divide"}).json()
        assert hits["total"] >= 3 and all(MARK_START in h["snippet"] for h in hits["hits"])
        words = c.get(f"/api/sessions/{job['session_id']}").json()["words"]
        assert words == sum(s.words for s in panel_report.stats)
        assert c.get("/search?q=digital+divide").text.count("<mark>") >= 3
    with live_pg.client(auth=True) as c:
        assert c.delete(f"/api/sessions/{job['session_id']}").status_code == 204
        assert c.get("/api/sessions").json()["total"] == 0
