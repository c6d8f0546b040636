"""Reports to render: a panel the project wrote (fixtures/panel.txt, in the DiploAI layout:
transcript and statistics from the pipeline plus a hand-written analysis fixture) and a
hostile report for the XSS tests; golden-file comparison. No third-party text: these tests
run on any clone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sessionlens import pipeline
from sessionlens.models import (
    ActionItem,
    Argument,
    Comment,
    FollowUpQuestion,
    Glance,
    Position,
    Relation,
    Report,
    ReportMeta,
    SessionInfo,
    Speaker,
    Stance,
    Transcript,
    Turn,
)

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
PANEL = HERE / "fixtures" / "panel.txt"
FIXTURE = HERE / "fixtures" / "analysis.json"
UPDATE_ENV = "SESSIONLENS_UPDATE_GOLDEN"
#: Meta that does not change from run to run or version to version.
FIXED_META = ReportMeta(
    engine="none + hand-written fixture",
    generator="sessionlens (tests)",
    generated_at="2025-07-10T12:00:00+00:00",
)


def load_fixture() -> dict:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


@pytest.fixture(scope="session")
def panel_report() -> Report:
    """The panel through ingest + stats (engine none), plus the analysis fixture."""
    base = pipeline.analyze(pipeline.ingest(PANEL), engine="none")
    data = {**base.model_dump(), **load_fixture(), "meta": FIXED_META.model_dump()}
    data["transcript"]["info"]["source"] = PANEL.name  # no local folders in goldens
    return Report.model_validate(data)


@pytest.fixture(scope="session")
def bare_report() -> Report:
    """The panel with no analysis at all (engine none)."""
    base = pipeline.analyze(pipeline.ingest(PANEL), engine="none")
    info = base.transcript.info.model_copy(update={"source": PANEL.name})
    return base.model_copy(
        update={
            "meta": FIXED_META.model_copy(update={"engine": "none"}),
            "transcript": base.transcript.model_copy(update={"info": info}),
        }
    )


# --------------------------------------------------------------------------- XSS

#: Hostile strings: each sets window.__xss or opens a dialog if it ever runs.
PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x onerror="window.__xss=2;alert(2)">',
    "[click me](javascript:window.__xss=3)",
    '<a href="javascript:window.__xss=4">link</a>',
    '"><svg onload=window.__xss=5;alert(5)>',
    "{{ 7*7 }}",
    "{% raw %}{{ config }}{% endraw %}",
    "javascript:alert(6)",
]
EVIL_NAMES = [
    "<script>window.__xss=1</script>",
    '"><svg onload=window.__xss=5>',
    "<img src=x onerror=alert(2)>",
    "{{ 7*7 }}",
]


@pytest.fixture(scope="session")
def xss_report() -> Report:
    """A report whose every text field carries script, markup or template syntax."""
    evil = " ".join(PAYLOADS)
    turns = [
        Turn(
            index=i,
            speaker=EVIL_NAMES[i % len(EVIL_NAMES)],
            text=f"Turn {i}: {evil}",
            start=i * 30.0,
            end=i * 30.0 + 25.0,
        )
        for i in range(8)
    ]
    transcript = Transcript(
        info=SessionInfo(title=evil, date="1 Jan 2025", event=evil, source=evil, format="labelled"),
        speakers=[Speaker(name=n, role=evil, affiliation=evil) for n in EVIL_NAMES],
        turns=turns,
    )
    transcript = pipeline.prepare(transcript)
    from sessionlens.stats import compute_stats

    stance = Stance(
        point=evil,
        positions=[Position(speaker=n, quote=evil, side=i) for i, n in enumerate(EVIL_NAMES[:2])],
        arguments=[evil],
        summary=evil,
        explanation=evil,
        topics=[evil],
    )
    return Report(
        transcript=transcript,
        stats=compute_stats(transcript),
        glance=Glance(summary=evil + "\n\n" + evil, keypoints=[], purpose=evil, tone=evil),
        discussion_points=[{"title": evil, "description": evil}],
        narrative="# " + evil + "\n\n" + evil + "\n\n[x](javascript:window.__xss=7)\n\n"
        "<script>window.__xss=8</script>\n\n[ref]: javascript:window.__xss=9\n",
        arguments=[
            Argument(
                speaker=n,
                title=evil,
                explanation=evil,
                evidence=evil,
                discussion_point=evil,
                topics=[evil],
                relations=[
                    Relation(kind="agreed", speaker=EVIL_NAMES[0], on=evil),
                    Relation(kind="disagreed", speaker=EVIL_NAMES[1], on=evil),
                ],
            )
            for n in EVIL_NAMES
        ],
        agreements={
            "agreement_points": [stance],
            "similar_viewpoints": [stance],
            "unexpected_consensus": [stance],
            "assessment": evil,
            "consensus_level": evil,
        },
        differences={
            "different_viewpoints": [stance],
            "unexpected_differences": [stance],
            "partial_agreements": [stance],
            "assessment": evil,
            "disagreement_level": evil,
        },
        takeaways={
            "key_takeaways": [evil],
            "action_items": [ActionItem(text=evil, speaker=evil)],
            "unresolved_issues": [evil],
            "compromises": [evil],
        },
        comments=[Comment(quote=evil, speaker=n, reason=evil, impact=evil) for n in EVIL_NAMES],
        comments_assessment=evil,
        follow_up_questions=[FollowUpQuestion(question=evil, speakers=EVIL_NAMES, explanation=evil)],
        disclaimer=evil,
        meta=ReportMeta(engine=evil, model=evil, generator=evil, generated_at=evil),
    )


# --------------------------------------------------------------------------- golden files


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/renderers/golden/NAME; SESSIONLENS_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    GOLDEN.mkdir(exist_ok=True)
    if os.environ.get(UPDATE_ENV) == "1":
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        path.write_text(actual, encoding="utf-8")
        pytest.fail(f"golden file {name} was missing and has been written: review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(actual, expected, strict=False)) if a != b),
            min(len(actual), len(expected)),
        )
        pytest.fail(
            f"{name} differs from its golden file at character {at}: "
            f"got {actual[max(0, at - 80) : at + 80]!r}, "
            f"expected {expected[max(0, at - 80) : at + 80]!r}. "
            f"If the change is intended, rerun with {UPDATE_ENV}=1 and review the diff."
        )


# --------------------------------------------------------------------------- tools


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (scripts/system-deps.sh installs it)")
    return path


def run_tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout
