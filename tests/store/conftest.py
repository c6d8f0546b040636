"""Store fixtures: a seed report, hand-written analysed reports, and both backends.

The PostgreSQL store runs against a real server: $SESSIONLENS_PG_URL, else the one that
scripts/start-postgres.sh starts on loopback (this fixture starts it when PostgreSQL is
installed and stops it afterwards). Without one, the PostgreSQL cases skip with the reason.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionlens.models import (
    ActionItem,
    Argument,
    Comment,
    Relation,
    Report,
    SessionInfo,
    Speaker,
    Takeaways,
    Transcript,
    Turn,
)
from sessionlens.pipeline import analyze, ingest, prepare
from sessionlens.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
PG_DEFAULT = "postgresql://postgres@127.0.0.1:55432/postgres"


@pytest.fixture(scope="session")
def panel_report(connectivity_panel: Path) -> Report:
    """The project's connectivity panel as stored by `add --engine none`: transcript and
    statistics only."""
    return analyze(ingest(connectivity_panel), engine="none")


def hand_report(title: str, moderator: str, guest: str, date: str = "2 Mar 2025",
                place: str = "river cities") -> Report:
    """A small analysed session written for these tests (not third-party text)."""
    turns = [
        (moderator, f"Welcome. Today we ask how {place} prepare for floods."),
        (guest, "Our city mapped every culvert and found most were blocked by silt."),
        ("Lena Ruiz", "Sensors on bridges gave us three hours of warning last spring."),
        (guest, "Early warning only helps when neighbourhoods know where to go."),
    ]
    transcript = prepare(Transcript(
        info=SessionInfo(title=title, date=date, source=f"{title}.txt", format="labelled"),
        speakers=[Speaker(name=moderator, role="Moderator"), Speaker(name=guest),
                  Speaker(name="Lena Ruiz")],
        turns=[Turn(index=i, speaker=s, text=t) for i, (s, t) in enumerate(turns)],
    ))
    report = analyze(transcript, engine="none")
    guest_name = transcript.turns[1].speaker
    report = report.model_copy(update={
        "arguments": [
            Argument(speaker=guest_name, title="Blocked culverts cause urban flooding",
                     explanation="Silt in drainage culverts turns heavy rain into street floods.",
                     evidence="most were blocked by silt", topics=["Infrastructure"],
                     topic_confidence=[0.9],
                     relations=[Relation(kind="agreed", speaker="Lena Ruiz", on="Maintenance first")],
                     source_turns=[1]),
            Argument(speaker="Lena Ruiz", title="Bridge sensors buy warning time",
                     explanation="Telemetry from bridge sensors extends the evacuation window.",
                     evidence="three hours of warning", topics=["Infrastructure", "Development"],
                     relations=[Relation(kind="agreed", speaker=guest_name),
                                Relation(kind="disagreed", speaker=moderator, on="Cost of sensors")],
                     source_turns=[2]),
        ],
        "comments": [Comment(speaker=guest_name, quote="Early warning only helps when "
                             "neighbourhoods know where to go.", reason="evacuation planning")],
        "takeaways": Takeaways(
            key_takeaways=["Drainage upkeep is cheaper than rebuilding flooded quarters."],
            action_items=[ActionItem(text="Publish a culvert inspection calendar",
                                     speaker=guest_name)],
            unresolved_issues=["Who pays for sensor maintenance remains open."]),
    })
    report.assign_ids()
    return report


@pytest.fixture
def hand_reports() -> tuple[Report, Report]:
    """Two sessions in which one guest appears under two spellings of her name."""
    return (hand_report("Floods and cities", "Omar Haddad", "Dr. Amara Okafor"),
            hand_report("Rivers revisited", "Omar Haddad", "Amára Okafor", date="3 Mar 2025",
                        place="delta towns"))


def _pg_reachable(url: str) -> bool:
    try:
        import psycopg
    except ModuleNotFoundError:
        return False
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """Admin URL of a reachable PostgreSQL server (started here when needed)."""
    url = os.environ.get("SESSIONLENS_PG_URL") or PG_DEFAULT
    started = False
    if not _pg_reachable(url) and not os.environ.get("SESSIONLENS_PG_URL"):
        run = subprocess.run([str(REPO / "scripts" / "start-postgres.sh")], capture_output=True,
                             text=True, timeout=120, check=False)
        started = run.returncode == 0
        if started:
            url = run.stdout.strip().splitlines()[-1]
    if not _pg_reachable(url):
        pytest.skip(f"no PostgreSQL server reachable at {url} (set SESSIONLENS_PG_URL or run "
                    "scripts/start-postgres.sh)")
    yield url
    if started:
        subprocess.run([str(REPO / "scripts" / "start-postgres.sh"), "stop"], check=False,
                       timeout=60)


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    """A store in a fresh PostgreSQL database, dropped afterwards."""
    import psycopg

    name = f"sessionlens_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = pg_url.rpartition("/")
    store = open_store(f"{base}/{name}")
    yield store
    store.close()
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "corpus.db")
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "pg"])
def store(request: pytest.FixtureRequest) -> Store:
    """The same tests on both backends."""
    return request.getfixturevalue(f"{request.param}_store")
