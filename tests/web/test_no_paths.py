"""No page shows a file-system path: a corpus added from files on this server (CLI style, with
absolute paths) is crawled link by link, and every page is searched for paths."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from sessionlens.pipeline import analyze, ingest
from sessionlens.store import open_store

from ..shared_data import absent
from .conftest import Live, start_server

REPO = Path(__file__).resolve().parents[2]
#: an absolute POSIX path of two or more parts, or a Windows drive path
PATH = re.compile(r"(?<![\w.:/])/(?:[\w.-]+/)+[\w.-]+\.(?:txt|vtt|srt|json|md|db)\b|\b[A-Z]:\\\\?[\w.-]+")
HREF = re.compile(r'href="([^"#]+)')


@pytest.fixture
def cli_corpus(tmp_path: Path, shared_dir: Path) -> Live:
    inputs = [
        *sorted((shared_dir / "seeds").glob("*.txt")),
        REPO / "examples" / "climate-panel.vtt",
        shared_dir / "data" / "hearing-senate-2024" / "transcript.txt",
    ]
    inputs = [p.resolve() for p in inputs if p.is_file()]
    if len(inputs) < 3:
        absent("seeds are not in ../shared")
    db = tmp_path / "corpus.db"
    with open_store(str(db)) as store:
        for i, path in enumerate(inputs):
            store.add_report(analyze(ingest(path), engine="none"), event="Hearings" if i % 2 else "Forum")
    live, stop = start_server(db)
    live.stop = stop  # type: ignore[attr-defined]
    live.inputs = inputs  # type: ignore[attr-defined]
    return live


def test_no_page_shows_a_file_system_path(cli_corpus: Live) -> None:
    live = cli_corpus
    folders = {str(p.parent) for p in live.inputs}  # type: ignore[attr-defined]
    seen: set[str] = set()
    queue = deque(["/", "/search", "/search?q=digital", "/topics", "/speakers", "/docs", "/edits"])
    pages = 0
    try:
        with live.client() as c:
            while queue and pages < 400:
                url = queue.popleft()
                if url in seen:
                    continue
                seen.add(url)
                r = c.get(url)
                if r.status_code != 200 or "text/html" not in r.headers.get("content-type", ""):
                    continue
                pages += 1
                text = r.text
                assert not any(f in text for f in folders), url
                assert PATH.search(text) is None, (url, PATH.search(text).group(0))
                for href in HREF.findall(text):
                    target = urlparse(urljoin(live.url + url, href.replace("&amp;", "&")))
                    if (
                        target.netloc == urlparse(live.url).netloc
                        and "/download" not in target.path
                        and not target.path.startswith(("/api/", "/openapi"))
                    ):
                        queue.append(target.path + (f"?{target.query}" if target.query else ""))
    finally:
        live.stop()  # type: ignore[attr-defined]
    assert pages >= 20  # sessions, reports, speakers, events and topics were all reached
    assert any(u.endswith("/report") for u in seen) and any(u.startswith("/speakers/") for u in seen)
