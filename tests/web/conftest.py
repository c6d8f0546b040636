"""A real uvicorn server on loopback, in a thread, over a fresh SQLite corpus."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from sessionlens.store import Store
from sessionlens.web import create_app

# the store's fixtures: real PostgreSQL for the API on that backend, both backends for the job queue
from ..store.conftest import pg_store, pg_url, sqlite_store, store  # noqa: F401

TOKEN = "test-token-5b1f"


@dataclass
class Live:
    url: str
    db: Path
    token: str

    def client(self, auth: bool = False) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if auth else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30,
                            follow_redirects=False)


def start_server(db: Path | str, **options: object) -> tuple[Live, Callable[[], None]]:
    """Serve create_app(db, …) on a free loopback port; returns (live, stop)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    options.setdefault("token", TOKEN)
    app = create_app(str(db), engine="none", **options)  # type: ignore[arg-type]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()

    return Live(f"http://127.0.0.1:{port}", Path(db), str(options["token"] or "")), stop


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    server, stop = start_server(tmp_path / "corpus.db", max_upload=256 * 1024)
    yield server
    stop()


@pytest.fixture
def live_pg(pg_store: Store) -> Iterator[Live]:  # noqa: F811
    """The app over a fresh database on a real PostgreSQL server."""
    server, stop = start_server(pg_store.url, max_upload=256 * 1024)  # type: ignore[arg-type]
    yield server
    stop()


def wait_job(client: httpx.Client, job_id: str, timeout: float = 60) -> dict:
    """Poll a job until it is no longer queued or running."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return job
        if time.monotonic() > deadline:
            raise TimeoutError(job)
        time.sleep(0.1)
