"""The web app under hostile input (issue 14, findings 1, 2, 3 and 7): one bad upload cannot
break a page, search work is bounded, writes are authenticated before their body is read,
only known Host names are served, and no server path leaves the server."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from sessionlens.models import Report
from sessionlens.store import open_store

from ..store.conftest import hand_report
from .conftest import TOKEN, Live, start_server, wait_job

TRANSCRIPT = "Alice Moreau: Welcome to the session on water.\n\nBen Okoro: Thank you, Alice. Floods matter.\n"


@pytest.fixture
def private(tmp_path: Path) -> Iterator[Live]:
    server, stop = start_server(tmp_path / "private.db", read_token="reader-7")
    yield server
    stop()


def with_source_and_topic(source: str, topic: str) -> Report:
    report = hand_report("Floods and cities", "Omar Haddad", "Amara Okafor")
    info = report.transcript.info.model_copy(update={"source": source})
    arguments = [a.model_copy(update={"topics": [topic]}) for a in report.arguments]
    return report.model_copy(
        update={"transcript": report.transcript.model_copy(update={"info": info}), "arguments": arguments}
    )


def test_an_infinite_time_fails_its_job_and_every_page_stays_up(live: Live) -> None:
    bad = json.dumps({"segments": [{"start": 0, "end": 1, "text": "x", "speaker": "A"}]}).replace("1,", "Infinity,")
    with live.client(auth=True) as c:
        job = c.post("/api/sessions", files={"file": ("w.json", bad.encode(), "application/json")}).json()
        done = wait_job(c, job["id"])
        assert done["status"] == "failed" and "not a finite number" in done["message"]
        assert "\n" not in done["message"] and "internal error" not in done["message"]
        ok = c.post("/api/sessions", files={"file": ("t.txt", TRANSCRIPT.encode(), "text/plain")}).json()
        sid = wait_job(c, ok["id"])["session_id"]
    # a row stored before the store checked numbers must not break the pages either
    con = sqlite3.connect(live.db)
    con.execute("UPDATE sessions SET duration_seconds = 9e999")
    con.commit()
    con.close()
    with live.client() as c:
        for path in ("/", "/sessions", f"/sessions/{sid}", "/events/1", "/api/sessions"):
            assert c.get(path).status_code == 200, path


def test_many_prefix_terms_are_refused_quickly(live: Live) -> None:
    with live.client() as c:
        t0 = time.monotonic()
        r = c.get("/api/search", params={"q": " ".join(["t*"] * 166)})
        assert r.status_code == 400 and "prefix" in r.json()["detail"]
        r = c.get("/api/search", params={"q": " ".join(f"ta{i}*" for i in range(12))})
        assert r.status_code == 400 and "prefixes" in r.json()["detail"]
        assert time.monotonic() - t0 < 5
        assert c.get("/search", params={"q": " ".join(["t*"] * 166)}).status_code == 400


def _partial_post(live: Live, path: str, length: int, sent: int) -> str:
    """Send the headers and `sent` bytes of a `length`-byte body; the status line of the answer."""
    host, port = urlsplit(live.url).hostname, urlsplit(live.url).port
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {length}\r\n"
                "Content-Type: multipart/form-data; boundary=xyz\r\n\r\n"
            ).encode()
        )
        body = (
            b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
            + b"Ann: hello\n" * (sent // 11)
        )[:sent]
        sock.sendall(body)
        try:
            return sock.recv(200).decode("latin-1").split("\r\n")[0]
        except TimeoutError:
            return "no answer: the server waited for the rest of the body"


def test_writes_are_authenticated_before_the_body_is_read(live: Live) -> None:
    assert _partial_post(live, "/api/sessions", 200_000, 2_000).endswith("401 Unauthorized")
    # a form write without the login cookie gets a small body at most
    assert _partial_post(live, "/upload", 200_000, 100_000).endswith("401 Unauthorized")


def test_utf16_uploads_are_accepted(live: Live) -> None:
    data = TRANSCRIPT.encode("utf-16")
    assert data.startswith(b"\xff\xfe")
    with live.client(auth=True) as c:
        r = c.post("/api/sessions", files={"file": ("t.txt", data, "text/plain")})
        assert r.status_code == 202, r.text
        assert wait_job(c, r.json()["id"])["status"] == "done"


def test_only_allowed_host_names_are_served(live: Live, tmp_path: Path) -> None:
    with live.client() as c:
        assert c.get("/api/health", headers={"Host": "evil.example"}).status_code == 400
        assert c.get("/api/health", headers={"Host": "evil.example:8000"}).status_code == 400
        assert c.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
        assert c.get("/api/health").status_code == 200
    named, stop = start_server(tmp_path / "named.db", allowed_hosts=["reports.example.org"])
    try:
        with named.client() as c:
            assert c.get("/api/health", headers={"Host": "reports.example.org"}).status_code == 200
            assert c.get("/api/health", headers={"Host": "127.0.0.1"}).status_code == 400
    finally:
        stop()


def test_openapi_is_private_under_a_read_token(private: Live, live: Live) -> None:
    with private.client() as c:
        assert c.get("/openapi.json").status_code == 401
        r = c.get("/openapi.json", headers={"Authorization": "Bearer reader-7"})
        assert r.status_code == 200 and "/api/search" in r.json()["paths"]
    with live.client() as c:
        assert c.get("/openapi.json").status_code == 200


def test_no_server_path_and_topics_with_a_slash(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    with open_store(db) as store:
        store.add_report(with_source_and_topic("/home/clerk/secret/floods.txt", "Peace/Security"), "Water week")
    server, stop = start_server(db)
    try:
        with server.client() as c:
            listed = c.get("/api/sessions").json()["sessions"][0]
            assert listed["source"] == "floods.txt"
            assert c.get("/api/sessions/1").json()["source"] == "floods.txt"
            report = c.get("/api/sessions/1/report").json()
            assert report["transcript"]["info"]["source"] == "floods.txt"
            assert "/home/clerk" not in c.get("/sessions/1").text
            for path in (f"/api/topics/{quote('Peace/Security', safe='')}", "/api/topics/Peace/Security"):
                r = c.get(path)
                assert r.status_code == 200 and r.json()["topic"] == "Peace/Security", path
            assert c.get(f"/topics/{quote('Peace/Security', safe='')}").status_code == 200
    finally:
        stop()


def test_a_job_past_its_time_limit_is_failed(tmp_path: Path) -> None:
    server, stop = start_server(tmp_path / "slow.db", job_seconds=0.001)
    try:
        with server.client(auth=True) as c:
            r = c.post("/api/sessions", files={"file": ("t.txt", TRANSCRIPT.encode(), "text/plain")})
            job = wait_job(c, r.json()["id"])
            assert job["status"] == "failed" and "time limit" in job["message"]
            assert c.get("/api/sessions").json()["total"] == 0
    finally:
        stop()


def test_token_header_still_opens_writes(live: Live) -> None:
    with live.client() as c:
        r = c.post(
            "/api/sessions",
            files={"file": ("t.txt", TRANSCRIPT.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 202
