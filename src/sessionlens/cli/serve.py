"""`sessionlens serve`: the corpus web app (pages, search, upload, JSON API)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..engines import ENGINES
from ..errors import InputError
from .db import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; put a TLS proxy in front "
                   "before exposing it).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--engine", type=click.Choice(list(ENGINES)), default=None,
              help="Default analysis engine for uploads (default: offline when installed).")
@click.option("--max-upload-mb", type=click.FloatRange(0.01, 1024), default=5.0,
              show_default=True, help="Largest transcript upload; larger ones get 413.")
@click.option("--private", is_flag=True,
              help="Reading needs a token too (SESSIONLENS_READ_TOKEN, else the write token).")
@click.option("--workers", type=click.IntRange(1, 32), default=2, show_default=True,
              help="Upload jobs analysed at once.")
@click.option("--job-timeout", type=click.FloatRange(1, 86400), default=900, show_default=True,
              help="Seconds an upload job may run before it is marked failed.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A Host name the server answers to (repeatable; loopback names and --host are "
                   "always allowed; '*' allows any). Guards against DNS rebinding.")
@click.option("--hub", "hub", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Also serve this event folder's hub (`sessionlens event build --out`) at /hub/.")
def command(db: str, host: str, port: int, engine: str | None, max_upload_mb: float,
            private: bool, workers: int, job_timeout: float, allowed_hosts: tuple[str, ...],
            hub: Path | None) -> None:
    """Serve the corpus at http://HOST:PORT. Uploads and deletes need SESSIONLENS_TOKEN.

    Without SESSIONLENS_TOKEN a random token is made and printed at start.
    """
    try:
        import uvicorn

        from ..web import create_app
    except ModuleNotFoundError as exc:
        raise InputError(None, f"serve needs the web extra ({exc.name}): "
                               "install sessionlens[web]") from None
    token = os.environ.get("SESSIONLENS_TOKEN")
    if not token:
        from ..web.security import Guard

        token = Guard.new_token()
        click.echo(f"SESSIONLENS_TOKEN is not set; this run's write token: {token}", err=True)
    read_token = (os.environ.get("SESSIONLENS_READ_TOKEN") or token) if private else None
    from ..web.gates import LOOPBACK_HOSTS

    wildcard = host in ("0.0.0.0", "::", "")
    hosts = [*LOOPBACK_HOSTS, *([] if wildcard else [host]), *allowed_hosts]
    if wildcard and not allowed_hosts:
        click.echo("listening on every address, but answering only to loopback names: add "
                   "--allowed-host NAME for the name clients use", err=True)
    app = create_app(db, token=token, read_token=read_token,
                     max_upload=int(max_upload_mb * 1024 * 1024), engine=engine, workers=workers,
                     allowed_hosts=hosts, job_seconds=job_timeout)
    if hub is not None:
        from ..web.hub import mount_hub

        mount_hub(app, hub)
        click.echo(f"event hub of {hub} at http://{host}:{port}/hub/", err=True)
    click.echo(f"serving {db} on http://{host}:{port}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
