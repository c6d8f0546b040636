"""What the store checks before a report is written, and hides when one is read back."""

from __future__ import annotations

import math
import re
from typing import Any

from ..errors import InputError
from ..models import Report


def public_source(source: str | None) -> str | None:
    """The input's file name without its folders: a server path is never shown."""
    if not source:
        return source
    return re.split(r"[\\/]", source)[-1] or None


def storable(report: Report) -> Report:
    """`report` ready to store: every number finite (else an InputError naming the field),
    the source reduced to its file name."""
    where = _non_finite(report.model_dump(mode="python"), "report")
    if where is not None:
        raise InputError(report.transcript.info.source, f"{where} is not a finite number")
    return public(report)


def public(report: Report) -> Report:
    """The report with its source reduced to a file name (for reports stored earlier)."""
    info = report.transcript.info
    source = public_source(info.source)
    if source == info.source:
        return report
    transcript = report.transcript.model_copy(update={"info": info.model_copy(update={"source": source})})
    return report.model_copy(update={"transcript": transcript})


def _non_finite(value: Any, path: str) -> str | None:
    """The path of the first NaN or infinite float in a dumped model, else None."""
    if isinstance(value, float):
        return None if math.isfinite(value) else path
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _non_finite(item, f"{path}.{key}")
        if found is not None:
            return found
    return None
