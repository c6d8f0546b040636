"""Writes need the token, uploads are bounded, forms are CSRF-safe, text is escaped."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import httpx

from .conftest import Live, start_server, wait_job


def _sessions(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        con.close()


def _jobs(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM jobs").fetchone()[0]
    finally:
        con.close()


def test_unauthenticated_writes_get_401(live: Live, connectivity_panel: Path) -> None:
    files = {"file": ("a.txt", connectivity_panel.read_bytes(), "text/plain")}
    with live.client() as c:
        assert c.post("/api/sessions", files=files).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert c.post("/api/sessions", files=files, headers=wrong).status_code == 401
        assert c.delete("/api/sessions/1").status_code == 401
        assert c.post("/api/jobs/" + "a" * 32 + "/retry").status_code == 401
        # forms: no token, wrong token, or a cookie someone made up
        assert c.post("/upload", files=files).status_code == 401
        assert c.post("/upload", files=files, data={"token": "nope"}).status_code == 401
        c.cookies.set("sessionlens_auth", "forged")  # on the client: per-request cookies are deprecated
        assert c.post("/sessions/1/delete", data={"csrf": "x"}).status_code == 401
    assert _sessions(live.db) == 0 and _jobs(live.db) == 0


def test_oversize_upload_gets_413_and_nothing_is_stored(live: Live) -> None:
    big = b"Alice: " + b"word " * 60_000  # 300 kB > the 256 kB limit of this server
    with live.client(auth=True) as c:
        r = c.post("/api/sessions", files={"file": ("big.txt", big, "text/plain")})
        assert r.status_code == 413
        # chunked, without a Content-Length: stopped while it streams
        def chunks():  # type: ignore[no-untyped-def]
            boundary = b"--xyz\r\n"
            yield boundary + b'Content-Disposition: form-data; name="file"; filename="b.txt"\r\n\r\n'
            for _ in range(40):
                yield b"Bob: " + b"x" * 10_000 + b"\n"
            yield b"\r\n--xyz--\r\n"
        r = c.post("/api/sessions", content=chunks(),
                   headers={"Content-Type": "multipart/form-data; boundary=xyz"})
        assert r.status_code == 413
        # just over the file limit, inside the form allowance: the handler says 413
        r = c.post("/api/sessions", files={"file": ("c.txt", b"A: " + b"y" * (256 * 1024),
                                                    "text/plain")})
        assert r.status_code == 413
    assert _sessions(live.db) == 0 and _jobs(live.db) == 0


def test_upload_types_are_limited(live: Live) -> None:
    with live.client(auth=True) as c:
        exe = c.post("/api/sessions", files={"file": ("x.exe", b"MZ\x00\x00", "text/plain")})
        assert exe.status_code == 415
        binary = c.post("/api/sessions", files={"file": ("x.txt", b"A: \x00\x01", "text/plain")})
        assert binary.status_code == 415
        sneaky = c.post("/api/sessions", files={"file": ("../../etc/passwd.txt", b"A: hello",
                                                         "text/plain")})
        assert sneaky.status_code == 202
        job = wait_job(c, sneaky.json()["id"])
        assert job["filename"] == "passwd.txt"  # a label, never a path


def test_form_login_cookie_needs_the_csrf_field(live: Live, connectivity_panel: Path) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as browser:
        assert browser.post("/login", data={"token": "wrong"}).status_code == 401
        r = browser.post("/login", data={"token": live.token, "next": "//evil.example/x"})
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert live.token not in r.headers["set-cookie"]
        files = {"file": ("seed.txt", connectivity_panel.read_bytes(), "text/plain")}
        # logged in but without the form's CSRF value: what a forged cross-site form sends
        assert browser.post("/upload", files=files, data={"event": "E"}).status_code == 401
        form = browser.get("/upload").text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
        assert csrf is not None
        ok = browser.post("/upload", files=files, data={"event": "E", "csrf": csrf.group(1)})
        assert ok.status_code == 303 and ok.headers["location"].startswith("/jobs/")
        job_id = ok.headers["location"].rsplit("/", 1)[1]
        assert wait_job(browser, job_id)["status"] == "done"
        session = browser.get("/api/sessions").json()["sessions"][0]["id"]
        assert browser.post(f"/sessions/{session}/delete").status_code == 401
        assert browser.post(f"/sessions/{session}/delete",
                            data={"csrf": csrf.group(1)}).status_code == 303
    assert _sessions(live.db) == 0


def test_user_text_is_escaped_everywhere(live: Live, tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text("Mallory: I say <img src=x onerror=alert(2)> and <script>alert(1)</script> "
                    "about the digital divide.\nBob: And I reply about the digital divide.\n")
    with live.client(auth=True) as c:
        r = c.post("/api/sessions", files={"file": ("evil.txt", evil.read_bytes(), "text/plain")},
                   data={"event": "<b>Event</b>"})
        job = wait_job(c, r.json()["id"])
        assert job["status"] == "done", job
        sid = job["session_id"]
        person = c.get("/api/search", params={"q": "onerror"}).json()["hits"][0]["person_id"]
        for page in (f"/sessions/{sid}", f"/sessions/{sid}/report", "/search?q=onerror",
                     f"/speakers/{person}", "/", "/sessions", f"/jobs/{job['id']}"):
            html = c.get(page).text
            assert "<script>alert" not in html and "<img src=x" not in html, page
            assert "<b>Event</b>" not in html, page
        assert "&lt;img src=x" in c.get("/search?q=onerror").text
        headers = c.get("/").headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_no_request_path_reaches_the_filesystem(live: Live) -> None:
    with live.client() as c:
        for path in ("/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                     "/sessions/..%2f..%2fetc%2fpasswd", "/topics/..%2f..%2fetc%2fpasswd",
                     "/jobs/../../etc/passwd", "/static/style.css/../../web/app.py"):
            r = c.get(path)
            assert r.status_code in (404, 422), (path, r.status_code)
            assert "root:" not in r.text and "import" not in r.text


def test_private_corpus_needs_a_token_to_read(tmp_path: Path) -> None:
    server, stop = start_server(tmp_path / "p.db", read_token="reader-1")
    try:
        with server.client() as c:
            assert c.get("/api/sessions").status_code == 401
            assert c.get("/").status_code == 401
            assert c.get("/api/sessions",
                          headers={"Authorization": "Bearer reader-1"}).status_code == 200
            login = c.post("/login", data={"token": "reader-1"})
            assert login.status_code == 303
            c.cookies.update(login.cookies)
            assert c.get("/").status_code == 200
            # the read token does not allow writes
            assert c.delete("/api/sessions/1",
                            headers={"Authorization": "Bearer reader-1"}).status_code == 401
    finally:
        stop()


def test_without_a_configured_token_writes_are_closed(tmp_path: Path, connectivity_panel: Path) -> None:
    server, stop = start_server(tmp_path / "n.db", token=None)
    try:
        with server.client() as c:
            r = c.post("/api/sessions", files={"file": ("a.txt", connectivity_panel.read_bytes())},
                       headers={"Authorization": "Bearer x"})
            assert r.status_code == 401
            assert c.post("/login", data={"token": ""}).status_code == 401
    finally:
        stop()
