"""The report as JSON (the data model's own serialisation; re-readable)."""

from __future__ import annotations

from ..models import Report


def render(report: Report) -> str:
    return report.to_json(indent=2) + "\n"
