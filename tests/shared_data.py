"""Where the third-party seeds and corpora are (../shared beside the checkout, or
SESSIONLENS_SHARED) and what a test does when they are absent: it skips with the reason, or
fails where SESSIONLENS_REQUIRE_SHARED=1 (CI sets it), so no test skips unseen."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_ENV = "SESSIONLENS_SHARED"
REQUIRE_ENV = "SESSIONLENS_REQUIRE_SHARED"


def shared_path() -> Path | None:
    """The shared folder, or None where it is absent."""
    env = os.environ.get(SHARED_ENV)
    path = Path(env) if env else REPO.parent / "shared"
    return path if path.is_dir() else None


def absent(what: str) -> NoReturn:
    """Skip the test because `what` (third-party data) is absent; fail instead where it is required."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{what} ({REQUIRE_ENV}=1: the shared seeds and corpora are required)", pytrace=False)
    pytest.skip(what)
