"""Checks on an uploaded transcript before a job is made: size, type, name."""

from __future__ import annotations

import re

from fastapi import HTTPException, UploadFile

from .limits import ALLOWED_SUFFIXES

_UNSAFE = re.compile(r"[^\w.\- ]+")


def clean_filename(name: str | None) -> str:
    """The upload's base name as a label (it never becomes a path on this server)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE.sub("_", base).strip(" .")[:120]
    return base or "upload.txt"


async def read_upload(file: UploadFile, max_bytes: int) -> tuple[str, bytes]:
    """(clean name, bytes) of an acceptable upload; 413 when too large, 415 when not text."""
    name = clean_filename(file.filename)
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise HTTPException(415, f"only transcript files ({', '.join(ALLOWED_SUFFIXES)})")
    data = await file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise HTTPException(413, f"upload too large (limit {max_bytes} bytes)")
    if not data.strip():
        raise HTTPException(422, "the file is empty")
    # NUL bytes mean binary, except in UTF-16 text, which starts with its byte order mark
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise HTTPException(415, "not a text file")
    return name, data


def clean_event(event: str | None, default: str) -> str:
    event = " ".join((event or "").split())[:200]
    return event or default
