"""Real sessions for the rule tests: seed 002 (a UN panel) and a Senate hearing, from ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionlens.engines.offline.embeddings import get_embedder
from sessionlens.engines.offline.sentences import Sentence, session_sentences
from sessionlens.engines.offline.session import Session, build_session
from sessionlens.models import Report, Transcript
from sessionlens.pipeline import analyze, ingest

from ...shared_data import absent


@pytest.fixture(scope="session")
def hearing(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "hearing-senate-2024" / "transcript.txt"
    if not path.is_file():
        absent(f"{path} is not present")
    return path


@pytest.fixture(scope="session")
def hearing_transcript(hearing: Path) -> Transcript:
    return ingest(hearing)


@pytest.fixture(scope="session")
def seed_002_transcript(seed_002: Path) -> Transcript:
    return ingest(seed_002)


@pytest.fixture(scope="session")
def hearing_report(hearing_transcript: Transcript) -> Report:
    return analyze(hearing_transcript, "offline")


@pytest.fixture(scope="session")
def seed_002_analysis(seed_002_transcript: Transcript) -> Report:
    return analyze(seed_002_transcript, "offline")


@pytest.fixture(scope="session")
def hearing_session(hearing_transcript: Transcript) -> Session:
    return build_session(hearing_transcript, get_embedder().embed)


@pytest.fixture(scope="session")
def seed_002_session(seed_002_transcript: Transcript) -> Session:
    return build_session(seed_002_transcript, get_embedder().embed)


def sentence(transcript: Transcript, key: str) -> Sentence:
    """The one sentence of the transcript that contains `key` (the data stays in ../shared)."""
    hits = [s for s in session_sentences(transcript) if key in s.text]
    assert len(hits) == 1, f"{key!r}: {len(hits)} sentences"
    return hits[0]
