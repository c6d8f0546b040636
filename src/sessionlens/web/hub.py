"""The event hub folder (`sessionlens event hub`) served under /hub/ by `sessionlens serve --hub OUT`.

Files are read from the folder on each request, so a hub rebuilt while the server runs is
served as rebuilt. Only regular files inside the folder are served (no symlink out of it, no
dot-files); reading needs the read token where the server is private, as every page does.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

#: The hub's pages carry their own CSP (hashes of their inline style and script) in a meta tag;
#: this header only adds what a meta tag cannot say, and allows inline code that the meta tag
#: then narrows to the hashed blocks (both policies apply).
HUB_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_TYPES = {".json": "application/json", ".md": "text/plain; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


def hub_file(root: Path, path: str) -> Path | None:
    """The file `path` names inside `root` (a folder's index.html), or None."""
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return None
    target = root.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_file() and real.is_relative_to(root) else None


def mount_hub(app: FastAPI, folder: Path) -> None:
    """Serve the hub folder `folder` at /hub/."""
    root = folder.resolve()

    @app.get("/hub", include_in_schema=False)
    def hub_root() -> Response:
        return RedirectResponse("/hub/", status_code=307)

    @app.get("/hub/{path:path}", include_in_schema=False)
    def hub(request: Request, path: str = "") -> Response:
        app.state.sessionlens.guard.require_read(request)
        found = hub_file(root, path)
        if found is None:
            raise HTTPException(404, "no such file in the event hub")
        media = _TYPES.get(found.suffix) or mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if media == "text/html":
            media = "text/html; charset=utf-8"
        return Response(found.read_bytes(), media_type=media, headers={"Content-Security-Policy": HUB_CSP})
