"""Shared fixtures. Third-party transcripts and corpora are read from ../shared, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from .shared_data import absent, shared_path

SEED_002 = "002_db38eb7dc8a1be04.txt"
#: Sessions the project wrote for its tests (no third-party text): they run on any clone.
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def connectivity_panel() -> Path:
    """A one-hour panel in the DiploAI layout, five speakers on closing the digital divide."""
    return FIXTURES / "connectivity-panel.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder with seeds and corpora; tests that need it skip where it is absent
    (and fail where SESSIONLENS_REQUIRE_SHARED=1)."""
    path = shared_path()
    if path is None:
        absent("../shared (seeds and corpora) is not present in this checkout")
    return path


@pytest.fixture(scope="session")
def seeds(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def seed_002(seeds: Path) -> Path:
    return seeds / SEED_002


@pytest.fixture(scope="session")
def seed_000(seeds: Path) -> Path:
    return next(seeds.glob("000_*.txt"))


@pytest.fixture(scope="session")
def seed_001(seeds: Path) -> Path:
    return next(seeds.glob("001_*.txt"))


def unquoted_positions(report) -> list[str]:
    """Speakers named in a stance item without words verbatim from their own turns."""
    own: dict[str, str] = {}
    for t in report.transcript.turns:
        own[t.speaker] = own.get(t.speaker, "") + "\n" + " ".join(t.text.split())
    items = [*report.agreements.items(), *report.differences.items(), *report.differences.partial_agreements]
    return [
        f"{st.point or st.summary}: {p.speaker}"
        for st in items
        for p in st.positions
        if not p.quote or " ".join(p.quote.split()) not in own.get(p.speaker, "")
    ]


@pytest.fixture(autouse=True, scope="session")
def _every_stance_is_quoted() -> object:
    """Every report the suite makes through the pipeline, whatever the engine, names a
    speaker in a stance item only with words from their own turns (issue 11)."""
    from sessionlens import pipeline

    original = pipeline.verify_report

    def checked(report):
        out = original(report)
        missing = unquoted_positions(out)
        assert not missing, f"stance positions without the speaker's own words: {missing[:3]}"
        return out

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "verify_report", checked)
        yield
