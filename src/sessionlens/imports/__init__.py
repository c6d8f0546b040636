"""Importers of finished reports written by other tools (the reference side of `eval`).

`load_report(path)` reads a report JSON (SessionLens's own) or a DiploAI report text.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from ..models import Report
from ..readers.base import load
from . import diplo_report


def load_report(path: str | Path) -> Report:
    """A Report from a SessionLens report JSON or a DiploAI report text."""
    source = load(path)
    if source.text.lstrip().startswith("{"):
        try:
            return Report.from_json(source.text)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            msg = str(first["msg"]).removeprefix("Value error, ")
            raise InputError(
                source.name, f"not a SessionLens report JSON ({where + ': ' if where else ''}{msg})"
            ) from None
    if not diplo_report.sniff(source.text):
        raise InputError(
            source.name,
            "neither a report JSON nor a DiploAI report (no 'Session transcript' section)",
        )
    return diplo_report.import_source(source)


__all__ = ["load_report"]
