"""The corpus web app: `sessionlens serve` (FastAPI, server-rendered pages, JSON API)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
