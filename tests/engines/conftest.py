"""Fixtures of the LLM engine tests: a scripted server, a small panel, isolated settings."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sessionlens.engines.llm.settings import LLMOptions
from sessionlens.models import Transcript
from sessionlens.pipeline import ingest

from .fake_openai_server import ScriptedServer

# A panel written for these tests (no third-party text): four speakers, figures, a moderator.
PANEL = (
    "\n".join(
        [
            "Amara Okoye: Welcome to our panel on clean air in cities. I will ask each guest for their "
            "view on car bans.",
            "Priya Patel: I support a ban on private cars in the city centre. Air pollution causes 4,000 "
            "early deaths in our region every year. Children near busy roads have twice the asthma rate "
            "of other children.",
            "Amara Okoye: Thank you, Priya. Lars, you run a business association. What is your view?",
            "Lars Lindqvist: A full ban would hurt small shops badly. Three shops on my street closed "
            "after the last road closure. We need deliveries to reach the centre before 10 in the "
            "morning.",
            "Amara Okoye: Tomas, where do you stand?",
            "Tomas Ortega: I would rather see a congestion charge than a ban. Stockholm cut traffic by "
            "20 percent with a charge. The money can pay for more buses and safer bike lanes.",
            "Priya Patel: A charge is better than nothing, and I could accept it as a first step. But "
            "it must be high enough to change habits.",
            "Lars Lindqvist: I agree with Tomas that a charge is fairer than a ban. Shops could live "
            "with a charge if delivery vans pay less.",
            "Tomas Ortega: Then we agree that deliveries need their own rules. We should publish the "
            "air data every month so that people can judge the results.",
            "Amara Okoye: So there is common ground on a charge, with rules for deliveries. Thank you "
            "all for a lively debate.",
        ]
    )
    + "\n"
)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user config, key or cache leaks into a test."""
    monkeypatch.setenv("SESSIONLENS_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("SESSIONLENS_CACHE_DIR", str(tmp_path / "cache"))
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SESSIONLENS_LLM_URL",
        "SESSIONLENS_LLM_MODEL",
        "SESSIONLENS_LLM_KEY",
        "SESSIONLENS_PROMPTS",
        "SESSIONLENS_LLM_CONTEXT",
    ):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def panel_path(tmp_path: Path) -> Path:
    path = tmp_path / "panel.txt"
    path.write_text(PANEL, encoding="utf-8")
    return path


@pytest.fixture
def panel(panel_path: Path) -> Transcript:
    return ingest(panel_path)


def long_panel_text(turns: int = 160, seed: int = 7) -> str:
    """A long generated panel (for chunking and token budgets): varied sentences with figures."""
    rng = random.Random(seed)
    names = ["Amara Okoye", "Priya Patel", "Lars Lindqvist", "Tomas Ortega", "Mei Chen"]
    topics = [
        "buses",
        "bike lanes",
        "delivery vans",
        "school streets",
        "parking fees",
        "tram lines",
        "air sensors",
        "street trees",
        "night trains",
        "car sharing",
    ]
    verbs = ["cut", "raised", "doubled", "halved", "changed", "improved"]
    lines = []
    for i in range(turns):
        speaker = names[i % len(names)] if i % 2 else names[0]
        sentences = []
        for _ in range(rng.randint(3, 7)):
            topic, verb = rng.choice(topics), rng.choice(verbs)
            sentences.append(
                f"In {rng.randint(1990, 2024)} the plan for {topic} {verb} "
                f"journeys by {rng.randint(2, 95)} percent in district "
                f"{rng.randint(1, 40)}, which we should study again."
            )
        lines.append(f"{speaker}: {' '.join(sentences)}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def long_panel(tmp_path: Path) -> Transcript:
    path = tmp_path / "long.txt"
    path.write_text(long_panel_text(), encoding="utf-8")
    return ingest(path)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as srv:
        yield srv


def options_for(url: str, tmp_path: Path, **settings: Any) -> LLMOptions:
    """Options for a test run: fast backoff, short timeout, a private cache."""
    given: dict[str, Any] = {"backoff": 0.01, "timeout": 2, "model": "scripted-model", "context": 4096, **settings}
    return LLMOptions(url=url, cache_dir=tmp_path / "cache", **given)


@pytest.fixture
def options(server: ScriptedServer, tmp_path: Path) -> LLMOptions:
    return options_for(server.url, tmp_path)
