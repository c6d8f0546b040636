"""The DiploAI reference report of seed 002, imported once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.imports import load_report
from sessionlens.models import Report


@pytest.fixture(scope="session")
def imported_002(seed_002: Path) -> Report:
    return load_report(seed_002)
